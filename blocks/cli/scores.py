"""The scores the command line reports: accuracy for classes, RMSE and R^2 for regression."""
from __future__ import annotations

from ..training.regression_metrics import r2_score, root_mean_squared_error


def regression_scores(AL, Y) -> str:
    """``RMSE ... R^2 ...`` of the outputs AL against the targets Y, both (n^[L], m)."""
    return f"RMSE {root_mean_squared_error(AL, Y):.6g}, R^2 {r2_score(AL, Y):.4f}"
