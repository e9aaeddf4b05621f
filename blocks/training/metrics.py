"""Metrics fit and evaluate can report beside the cost: ``metric(AL, Y) -> float``."""
from __future__ import annotations

import numpy as np

from .classification_metrics import f1, precision, recall
from .metrics_input import class_pair
from .regression_metrics import mean_absolute_error, r2_score, root_mean_squared_error


def accuracy(AL, Y) -> float:
    """The fraction of samples whose predicted class is Y's.

    Binary (n^[L] = 1): mean((AL > 0.5) == (Y > 0.5)). One-hot (n^[L] > 1): mean(argmax(AL) == argmax(Y)),
    the argmax taken over the rows of each column; Y may also be class labels (1, m) or (m,), as
    SparseCategoricalCrossEntropy takes them (Keras's sparse categorical accuracy).

    Sequence outputs (n^[L], m, T_x): every (sample, step) counts, as in the losses.

    Shapes:
        AL: (n^[L], m), or (n^[L], m, T_x)      Y: AL's shape, or labels (1, m) or (m,) ((m, T_x) for sequences)
    """
    AL, Y = class_pair("accuracy", AL, Y)
    if AL.shape[0] == 1:
        return float(np.mean((AL > 0.5) == (Y > 0.5)))
    return float(np.mean(AL.argmax(axis=0) == Y.argmax(axis=0)))


METRICS = {
    "accuracy": accuracy, "acc": accuracy,
    "precision": precision, "recall": recall, "f1": f1,
    "mae": mean_absolute_error, "rmse": root_mean_squared_error, "r2": r2_score,
}


def get_metrics(metrics) -> dict:
    """``{name: metric}`` from None, one metric or a list; a metric is a name in METRICS or a callable."""
    if metrics is None:
        return {}
    if isinstance(metrics, str) or callable(metrics):
        metrics = [metrics]
    resolved = {}
    for metric in metrics:
        if isinstance(metric, str):
            if metric not in METRICS:
                raise ValueError(
                    f"unknown metric {metric!r}; use one of {sorted(METRICS)} or a callable metric(AL, Y) -> float"
                )
            resolved["accuracy" if metric == "acc" else metric] = METRICS[metric]
        elif callable(metric):
            resolved[getattr(metric, "__name__", type(metric).__name__)] = metric
        else:
            raise TypeError(
                f"metrics must be names such as 'accuracy' or callables metric(AL, Y) -> float. Received: {metric!r}"
            )
    return resolved
