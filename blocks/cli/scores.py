"""The scores the command line reports: accuracy for classes, RMSE and R^2 for regression."""
from __future__ import annotations

from ..training.classification_metrics import confusion_matrix, confusion_text, f1, precision, recall
from ..training.regression_metrics import r2_score, root_mean_squared_error


def regression_scores(AL, Y) -> str:
    """``RMSE ... R^2 ...`` of the outputs AL against the targets Y, both (n^[L], m)."""
    return f"RMSE {root_mean_squared_error(AL, Y):.6g}, R^2 {r2_score(AL, Y):.4f}"


def class_scores(AL, Y, classes) -> str:
    """Macro precision, recall and F1, then the confusion matrix as a text table, for AL and one-hot (or 0/1) Y."""
    return (f"macro precision {precision(AL, Y):.3f}, recall {recall(AL, Y):.3f}, F1 {f1(AL, Y):.3f}\n"
            + confusion_text(confusion_matrix(AL, Y), classes))
