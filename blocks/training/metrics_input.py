"""The input checks the metrics share: AL and Y of one shape (n^[L], m), m >= 1; or, for the classification
metrics, Y as class labels (1, m) or (m,) beside a softmax AL (n^[L] > 1), made one-hot."""
from __future__ import annotations

import numpy as np

from ..checks import numeric_array


def pair(name: str, AL, Y):
    """AL and Y as numeric arrays of one shape (n^[L], m) with m >= 1, else a ValueError naming the metric."""
    AL, Y = numeric_array("AL", AL), numeric_array("Y", Y)
    if AL.ndim != 2 or AL.shape != Y.shape or not AL.size:
        raise ValueError(f"{name} expects AL and Y of one shape (n^[L], m) with m >= 1; got AL {AL.shape} and "
                         f"Y {Y.shape}")
    return AL, Y


def class_pair(name: str, AL, Y):
    """``pair(name, AL, Y)``, also taking Y as class labels, ``Y[0, i]`` the class of sample i, as
    SparseCategoricalCrossEntropy does: labels (1, m) or (m,) beside AL (n^[L], m) with n^[L] > 1 become the
    one-hot Y (n^[L], m); whole numbers in 0..n^[L]-1, else a ValueError. Sequence outputs (n^[L], m, T_x)
    with Y of their shape, or labels (1, m, T_x) or (m, T_x), count every (sample, step) as a column.

    Shapes:
        AL: (n^[L], m)      Y: (n^[L], m), or labels (1, m) or (m,)      returned: both (n^[L], m)
    """
    AL, Y = numeric_array("AL", AL), numeric_array("Y", Y)
    if AL.ndim == 3 and Y.shape in (AL.shape, (1, *AL.shape[1:]), AL.shape[1:]):
        AL, Y = AL.reshape(AL.shape[0], -1), Y.reshape(-1 if Y.shape == AL.shape else 1, AL.shape[1] * AL.shape[2])
    if AL.ndim == 2 and AL.shape[0] > 1 and AL.size and Y.shape in ((1, AL.shape[1]), (AL.shape[1],)):
        return AL, _one_hot(name, Y.ravel(), AL.shape[0])
    return pair(name, AL, Y)


def _one_hot(name, labels, n):
    """The one-hot (n, m) of m class labels, or a ValueError for a label that is no class."""
    bad = ~np.isin(labels, np.arange(n))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"{name} expects Y as one-hot columns (n^[L], m) or class labels (1, m), whole numbers in "
                         f"0..{n - 1} (n^[L] = {n}); sample {i} has {labels[i].item()!r}")
    one_hot = np.zeros((n, labels.size))
    one_hot[labels.astype(np.intp), np.arange(labels.size)] = 1.0
    return one_hot
