"""Regression metrics fit, evaluate and the command line report: ``metric(AL, Y) -> float``."""
from __future__ import annotations

import numpy as np

from .metrics_input import pair


def mean_absolute_error(AL, Y) -> float:
    """MAE = (1 / (n^[L] m)) sum |AL - Y|, over all entries.

    Shapes:
        AL, Y: (n^[L], m)
    """
    AL, Y = pair("mean_absolute_error", AL, Y)
    return float(np.abs(AL - Y).mean())


def root_mean_squared_error(AL, Y) -> float:
    """RMSE = sqrt((1 / (n^[L] m)) sum (AL - Y)^2), over all entries, in the targets' units.

    Shapes:
        AL, Y: (n^[L], m)
    """
    AL, Y = pair("root_mean_squared_error", AL, Y)
    D = AL - Y
    return float(np.sqrt((D * D).mean()))


def r2_score(AL, Y) -> float:
    """R^2 = 1 - sum (Y - AL)^2 / sum (Y - mean(Y))^2 per output row, averaged over the rows (scikit-learn's
    uniform average); a row whose Y is constant scores 1 if AL equals it, else 0. 1 is perfect, 0 is as good
    as predicting the mean, below 0 is worse.

    Shapes:
        AL, Y: (n^[L], m)
    """
    AL, Y = pair("r2_score", AL, Y)
    residual = ((Y - AL) ** 2).sum(axis=1)
    total = ((Y - Y.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    constant = total == 0
    scores = np.where(constant, (residual == 0).astype(float), 1 - residual / np.where(constant, 1.0, total))
    return float(scores.mean())
