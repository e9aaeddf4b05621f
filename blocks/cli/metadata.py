"""The metadata ``npblocks train`` saves beside a model, checked against the model before predict trusts it.

A model file is data from anywhere: its metadata may be missing pieces, or not fit the model (class lists
of the wrong length, a task predict does not know). Each is a ValueError naming the file and what is wrong.
"""
from __future__ import annotations

TASKS = ("binary", "multiclass", "regression")


def check_metadata(meta: dict, n_in, n_out, path: str) -> dict:
    """meta itself when it fits a model with n^[0] = n_in and n^[L] = n_out inputs and outputs, else a ValueError."""
    problem = _problem(meta, n_in, n_out)
    if problem:
        raise ValueError(f"{path}: its metadata does not fit the model: {problem}; save it again with npblocks "
                         "train, or with model.save(path) and no metadata")
    return meta


def _problem(meta, n_in, n_out):
    task = meta.get("task")
    if task is not None and task not in TASKS:
        return f"task {task!r} is not one of {', '.join(TASKS)}"
    for key in ("label",):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            return f"{key} must be a column name (str), found {meta[key]!r}"
    features = meta.get("features")
    if features is not None:
        if not _names(features):
            return f"features must be a list of column names, found {features!r}"
        if n_in is not None and len(features) != n_in:
            return f"it names {len(features)} feature columns, but the model takes n^[0] = {n_in}"
    if task in ("binary", "multiclass"):
        classes = meta.get("classes")
        if not _names(classes):
            return f"a {task} model needs its class names, a list of str; found {classes!r}"
        need = 2 if task == "binary" else n_out
        if task == "binary" and n_out not in (None, 1):
            return f"a binary model has n^[L] = 1 output, but this one has {n_out}"
        if need is not None and len(classes) != need:
            return f"it names {len(classes)} classes, but the model's {task} output needs {need}"
    outputs = meta.get("outputs")
    if outputs is not None and (not _names(outputs) or (n_out is not None and len(outputs) != n_out)):
        return f"outputs must name the model's n^[L] = {n_out} outputs, found {outputs!r}"
    return None


def _names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
