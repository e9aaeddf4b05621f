"""Labels and Y: class names kept as text; Y is (1, m) of 0/1 for two classes, one-hot (n_classes, m) for more.

``npblocks train`` saves the class names with the model, so ``npblocks predict`` writes back the labels
of the file it learnt from ("setosa", "7", "yes"), never an index.
"""
from __future__ import annotations

import math

import numpy as np

from .common import UsageError


def label_text(value) -> str:
    """A label as predict writes it back: numbers without a trailing .0 ("1.0" -> "1"), text stripped."""
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    number = _float(text)
    return text if number is None else label_text(number)


def _float(text: str):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def classes_of(labels) -> list[str]:
    """The distinct labels in order: by value when all are numbers, else alphabetically."""
    distinct = set(labels)
    numbers = {label: _float(label) for label in distinct}
    if all(value is not None for value in numbers.values()):
        return sorted(distinct, key=numbers.__getitem__)
    return sorted(distinct)


def choose_task(labels, loss: str, where: str):
    """("binary" or "multiclass", classes) for the labels and the --loss asked for (auto, bce or cce)."""
    if any(label == "" for label in labels):
        raise ValueError(f"{where} has an empty label; every sample needs one")
    classes = classes_of(labels)
    if len(classes) < 2:
        raise ValueError(f"{where} holds only one class, {classes[0]!r}; a classifier needs at least two")
    values = [_float(c) for c in classes]
    if loss == "auto" and all(v is not None for v in values) and any(not v.is_integer() for v in values):
        example = next(c for c, v in zip(classes, values, strict=True) if not v.is_integer())
        raise ValueError(f"{where} holds non-integer numbers such as {example}, not class labels; for regression "
                         "pass --loss mse, for classes use integers or names")
    if loss == "bce" and len(classes) > 2:
        raise UsageError(f"--loss bce needs two classes, but {where} has {len(classes)} ({_some(classes)}); "
                         "use --loss cce or leave --loss out")
    binary = len(classes) == 2 and loss in ("auto", "bce")
    return ("binary" if binary else "multiclass"), classes


def _some(classes, k=5) -> str:
    return ", ".join(classes[:k]) + (", ..." if len(classes) > k else "")


def encode(labels, classes, task: str) -> np.ndarray:
    """Y from the labels: (1, m) with 1 for classes[1] (binary), or one-hot (n_classes, m)."""
    index = {name: i for i, name in enumerate(classes)}
    k = np.array([index[label] for label in labels])
    if task == "binary":
        return k[None, :].astype(np.float64)
    return np.eye(len(classes))[:, k]


def decode(AL, classes) -> list[str]:
    """The class name of each column of AL: AL > 0.5 picks classes[1] for one output row, else the argmax."""
    k = (AL[0] > 0.5).astype(int) if AL.shape[0] == 1 else AL.argmax(axis=0)
    return [classes[i] for i in k]


def n_outputs(task: str, classes) -> int:
    """n^[L] a task needs: 1 for binary, one unit per class for multiclass."""
    return 1 if task == "binary" else len(classes)
