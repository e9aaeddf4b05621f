"""Classification metrics: the confusion matrix, and macro precision, recall and F1 read from it.

Classes are read as ``accuracy`` reads them: for one output row (sigmoid), AL > 0.5 and Y > 0.5 give
classes 1 and 0; for more rows (softmax, one-hot Y), the argmax of each column. Y may also be class labels
(1, m) or (m,) beside a softmax AL, as SparseCategoricalCrossEntropy takes them (``metrics_input.class_pair``).
"""
from __future__ import annotations

import numpy as np

from .metrics_input import class_pair


def classes(AL, Y):
    """(predicted, true) class index of each sample, and the number of classes."""
    if AL.shape[0] == 1:
        return (AL[0] > 0.5).astype(int), (Y[0] > 0.5).astype(int), 2
    return AL.argmax(axis=0), Y.argmax(axis=0), AL.shape[0]


def confusion_matrix(AL, Y) -> np.ndarray:
    """C[i, j]: the number of samples of true class i predicted as class j (scikit-learn's layout).

    Shapes:
        AL, Y: (n^[L], m) (Y or labels (1, m))      C: (n_classes, n_classes), n_classes = 2 for n^[L] = 1, else n^[L]
    """
    predicted, true, k = classes(*class_pair("confusion_matrix", AL, Y))
    C = np.zeros((k, k), dtype=np.int64)
    np.add.at(C, (true, predicted), 1)
    return C


def _macro(name, AL, Y, score) -> float:
    C = confusion_matrix(*class_pair(name, AL, Y))
    tp = np.diag(C).astype(float)
    per_class = score(tp, C.sum(axis=0), C.sum(axis=1))
    return float(per_class.mean())


def _ratio(a, b):
    """a / b, 0 where b is 0 (a class never predicted, or never present: scikit-learn's zero_division=0)."""
    return np.divide(a, b, out=np.zeros_like(a, dtype=float), where=b > 0)


def precision(AL, Y) -> float:
    """Macro precision: the mean over classes c of TP_c / (TP_c + FP_c), predicted columns of C.

    Shapes:
        AL, Y: (n^[L], m)
    """
    return _macro("precision", AL, Y, lambda tp, predicted, actual: _ratio(tp, predicted))


def recall(AL, Y) -> float:
    """Macro recall: the mean over classes c of TP_c / (TP_c + FN_c), true rows of C.

    Shapes:
        AL, Y: (n^[L], m)
    """
    return _macro("recall", AL, Y, lambda tp, predicted, actual: _ratio(tp, actual))


def f1(AL, Y) -> float:
    """Macro F1: the mean over classes c of 2 TP_c / (2 TP_c + FP_c + FN_c), the harmonic mean of each
    class's precision and recall (0 for a class neither present nor predicted).

    Shapes:
        AL, Y: (n^[L], m)
    """
    return _macro("f1", AL, Y, lambda tp, predicted, actual: _ratio(2 * tp, predicted + actual))


def confusion_text(C, names=None) -> str:
    """The confusion matrix as a text table: a row per true class, a column per predicted class."""
    C = np.asarray(C)
    names = [str(i) for i in range(len(C))] if names is None else [str(n) for n in names]
    corner = "true \\ predicted"
    first = max(len(corner), *map(len, names))
    width = max(*map(len, names), len(str(C.max(initial=0))))
    head = corner.ljust(first) + "  " + "  ".join(n.rjust(width) for n in names)
    rows = [name.ljust(first) + "  " + "  ".join(str(v).rjust(width) for v in row)
            for name, row in zip(names, C, strict=True)]
    return "\n".join([head, *rows])
