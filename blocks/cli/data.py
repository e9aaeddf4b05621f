"""A user's training file as X (n^[0], m), Y (n^[L], m) and what predict needs to read the outputs back.

CSV: a header row; the label is the column ``--label`` names (default: the last one); every other column
is a numeric feature. NPZ: arrays X (n^[0], m) and Y, either labels (1, m) or one-hot (n_classes, m), or
targets (n^[L], m) with ``--loss mse``.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .common import UsageError
from .files import kind, read_csv, read_npz
from .labels import choose_task, encode, label_text


class Data(NamedTuple):
    X: np.ndarray
    Y: np.ndarray
    meta: dict
    about: str


def read_training_data(path: str, label, loss: str, features=None, drop=None) -> Data:
    """The data of ``path`` (.csv or .npz) for the loss asked for: auto, bce, cce or mse; ``features`` and
    ``drop`` choose a CSV file's feature columns (by default, every column but the label)."""
    if kind(path) == "csv":
        return _from_csv(path, label, loss, features, drop)
    if label is not None:
        raise UsageError(f"--label names a column of a CSV file; {path} is an .npz file, whose labels are its array Y")
    for option, value in (("--features", features), ("--drop", drop)):
        if value is not None:
            raise UsageError(f"{option} names columns of a CSV file; {path} is an .npz file, whose features are the "
                             "rows of its array X")
    return _from_npz(path, loss)


def _from_csv(path, label, loss, chosen=None, drop=None) -> Data:
    table = read_csv(path)
    label = table.names[-1] if label is None else label
    if label not in table.names:
        raise UsageError(f"--label {label!r}: {path} has no such column; its columns are: {', '.join(table.names)}")
    features = _features(table, label, chosen, drop)
    if not features:
        raise ValueError(f"{path} has only the label column {label!r}; it needs feature columns beside it")
    X = table.numbers(features)
    where = f"{path}'s label column {label!r}"
    if loss == "mse":
        Y = table.numbers([label])
        meta = {"task": "regression", "outputs": [label]}
    else:
        labels = [label_text(text) for text in table.column(label)]
        task, classes = choose_task(labels, loss, where)
        Y = encode(labels, classes, task)
        meta = {"task": task, "classes": classes}
    meta.update(features=features, label=label)
    about = f"{path}: {X.shape[1]} samples, {len(features)} features, {_target(meta, label)}"
    return Data(X, Y, meta, about + many_classes_note(meta, loss, label))


def _features(table, label, chosen, drop) -> list:
    """The feature columns: --features in their order (or every column but the label), less --drop."""
    for option, names in (("--features", chosen), ("--drop", drop)):
        missing = [name for name in names or () if name not in set(table.names)]
        if missing:
            raise UsageError(f"{option}: {table.path} has no column {', '.join(map(repr, missing))}; its columns "
                             f"are: {', '.join(table.names)}")
    if chosen is not None and label in chosen:
        raise UsageError(f"--features {','.join(chosen)} includes the label column {label!r}; name another with "
                         "--label, or leave it out")
    dropped = set(drop or ())
    features = [name for name in (chosen or table.names) if name != label and name not in dropped]
    if not features and drop:
        raise UsageError(f"--drop {','.join(drop)} leaves no feature column in {table.path}")
    return features


def _from_npz(path, loss) -> Data:
    arrays = read_npz(path, ("X", "Y"))
    _samples_first(arrays["X"], arrays["Y"], path)
    X, Y = _matrix(arrays["X"], "X", path, numeric=True), _matrix(arrays["Y"], "Y", path, numeric=loss == "mse")
    if X.shape[1] == 0 or X.shape[0] == 0:
        raise ValueError(f"{path}: X has shape {X.shape}: no {'samples' if X.shape[1] == 0 else 'features'}; "
                         "X is (n^[0], m) with at least one feature row and one sample column")
    if X.shape[1] != Y.shape[1]:
        hint = " (X looks transposed: samples are columns, save X.T)" if X.shape[0] == Y.shape[1] else ""
        raise ValueError(f"{path}: X has m = {X.shape[1]} columns (samples) but Y has {Y.shape[1]}{hint}; "
                         "X is (n^[0], m) and Y is (n^[L], m)")
    if loss == "mse":
        meta = {"task": "regression", "outputs": ["label"] if len(Y) == 1 else [f"label_{i}" for i in range(len(Y))]}
    elif len(Y) == 1:
        labels = [label_text(value) for value in Y[0]]
        task, classes = choose_task(labels, loss, f"{path}'s Y")
        Y = encode(labels, classes, task)
        meta = {"task": task, "classes": classes}
    else:
        Y, meta = _one_hot(Y, path, loss)
    meta.update(features=None, label="label")
    return Data(X.astype(np.float64), Y.astype(np.float64), meta, f"{path}: {X.shape[1]} samples, "
                f"{X.shape[0]} features, {_target(meta, 'Y')}")


def _samples_first(X, Y, path) -> None:
    """A ValueError with the recipe when X and Y look stored one sample per row, as scikit-learn gives them."""
    if X.ndim == 2 and Y.ndim in (1, 2) and len(Y) == X.shape[0] and (Y.ndim == 1 or Y.shape[1] != X.shape[1]) \
            and X.shape[1] != X.shape[0]:
        y = "Y.reshape(1, -1)" if Y.ndim == 1 else "Y.T"
        raise ValueError(f"{path}: X {X.shape} and Y {Y.shape} look stored one sample per row, as scikit-learn and "
                         f"the Python API give them; npblocks takes samples as columns: save X.T and {y}")


def _matrix(array, name, path, numeric):
    if array.ndim != 2:
        raise ValueError(f"{path}: {name} must be a 2-D array, samples as columns ({name} of shape (n, m)); "
                         f"it has shape {array.shape}" + (f". Save {name}.reshape(1, -1)" if array.ndim == 1 else ""))
    if array.dtype.kind not in "biuf" and (numeric or array.dtype.kind not in "US"):
        raise ValueError(f"{path}: {name} must hold numbers; it has dtype {array.dtype}")
    if array.dtype.kind in "biuf" and not np.isfinite(array).all():
        raise ValueError(f"{path}: {name} holds NaN or inf")
    return array


def _one_hot(Y, path, loss):
    if Y.dtype.kind not in "biuf" or not (np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()):
        raise ValueError(f"{path}: Y of shape {Y.shape} is not one-hot (each column a single 1); give labels as "
                         "Y of shape (1, m), one-hot Y, or pass --loss mse for regression")
    if loss == "bce" and len(Y) != 2:
        raise UsageError(f"--loss bce needs two classes, but {path}'s one-hot Y has {len(Y)} rows; use --loss cce")
    classes = [str(i) for i in range(len(Y))]
    if loss == "bce":
        return Y[1:2], {"task": "binary", "classes": classes}
    return Y, {"task": "multiclass", "classes": classes}


#: More distinct numeric labels than this, with --loss auto, get a note: they may be a regression target.
MANY_CLASSES = 10


def many_classes_note(meta, loss, label) -> str:
    """A second line when --loss auto made many classes of numbers: what was done, how to ask for regression."""
    classes = meta.get("classes") or []
    if loss != "auto" or len(classes) <= MANY_CLASSES or not all(_is_number(c) for c in classes):
        return ""
    return (f"\nnote: the label column {label!r} holds {len(classes)} distinct numbers, so this trains a classifier "
            f"with {len(classes)} classes; for regression on them pass --loss mse (--loss cce keeps the classes "
            "without this note)")


def _is_number(text) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_same_data(saved: dict, meta: dict, checkpoint: str, path: str) -> None:
    """A ValueError unless path's data has the task, classes and features the checkpoint was trained on."""
    for key in ("task", "classes", "features"):
        if saved.get(key) != meta.get(key):
            raise ValueError(f"{path} does not match the data {checkpoint} was trained on: its {key} "
                             f"{meta.get(key)!r} differ from {saved.get(key)!r}; resume on the same file")


def _target(meta, label) -> str:
    if meta["task"] == "regression":
        return f"regression on {label!r} ({len(meta['outputs'])} output{'s' if len(meta['outputs']) > 1 else ''})"
    classes = meta["classes"]
    shown = ", ".join(classes[:10]) + (", ..." if len(classes) > 10 else "")
    return f"label {label!r} with {len(classes)} classes: {shown}"
