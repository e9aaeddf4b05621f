"""Integer class labels as fit's and evaluate's targets, for a loss that declares ``targets = "labels"``.

A loss says what Y it takes through its class attribute ``targets`` (see ``losses.Loss``): the default,
``"same shape as AL"``, is Y of shape (n^[L], m); ``"labels"`` (SparseCategoricalCrossEntropy) is one class
index per sample, ``y_i`` in 0..n^[L]-1, as Keras's ``sparse_categorical_crossentropy`` takes them. Read
with getattr, duck-typed, so that blocks need not import losses.

Shapes:
    Y: (1, m) or (m,) for an output (n^[L], m), returned as (1, m); (1, m, T_x) or (m, T_x) for an output
    (n^[L], m, T_x), returned as (1, m, T_x)
"""
from __future__ import annotations

import numpy as np

from ..checks import numeric_array

LABELS = "labels"


def takes_labels(loss) -> bool:
    """Whether ``loss`` declares integer class labels as its Y (``loss.targets == "labels"``)."""
    return getattr(loss, "targets", None) == LABELS


def check_labels(name, value, out_shape, n_classes, who, loss):
    """Y as class labels of shape (1, m) (or (1, m, T_x) for a sequence output), ints in 0..n_classes-1.

    ``out_shape`` is the model's output shape, ``n_classes`` its number of output rows (None: unknown, then
    only whole numbers >= 0 are required); anything else is a clear ValueError or TypeError."""
    array = numeric_array(name, value)
    axes = 3 if out_shape is not None and len(out_shape) == 3 else 2
    if array.ndim == axes - 1:
        array = array.reshape(1, *array.shape)
    if array.ndim != axes or array.shape[0] != 1:
        expected = "(1, m, T_x) or (m, T_x)" if axes == 3 else "(1, m) or (m,)"
        hint = (f". It looks one-hot: pass the labels {name}.argmax(axis=0)"
                if n_classes and n_classes > 1 and array.ndim == axes and array.shape[0] == n_classes else "")
        raise ValueError(f"{who}: {loss!r} expects {name} as class labels of shape {expected}, one per sample; got "
                         f"shape {np.shape(value)}{hint}")
    flat = array.ravel()
    whole = np.isfinite(flat) & (flat == np.round(flat)) if array.dtype.kind == "f" else np.ones(flat.shape, bool)
    top = "n_classes - 1" if n_classes is None else n_classes - 1
    inside = whole & (flat >= 0) & (True if n_classes is None else flat < n_classes)
    if not inside.all():
        i = int(np.argmin(inside))
        where = f"sample {i}" if axes == 2 else f"sample {i // array.shape[2]}, step {i % array.shape[2]}"
        what = "is not a whole number" if not whole[i] else "is out of range"
        classes = "" if n_classes is None else f" (n^[L] = {n_classes} classes)"
        raise ValueError(f"{who}: {loss!r} expects {name} as class labels, whole numbers in 0..{top}{classes}; "
                         f"{where} has {flat[i].item()!r}, which {what}")
    return array.astype(np.intp)
