"""``npblocks predict MODEL DATA``: the model's predictions for every sample of DATA, as CSV."""
from __future__ import annotations

import argparse

import numpy as np

from .. import Block, Sequential
from ..saving import load, load_metadata
from ..shapes import format_shape
from .common import UsageError, check_out
from .files import kind, read_csv, read_npz, write_csv
from .labels import decode, label_text
from .metadata import check_metadata
from .scores import regression_scores

DESCRIPTION = """\
Predict every sample of DATA with a model saved by npblocks train (or by model.save) and write one CSV row
per sample. A model from npblocks train reads its feature columns by name (other columns, such as the label,
are ignored) and writes back the labels of its training file; any other model takes all of DATA's columns in
order, or the array X (n^[0], m) of an .npz file, and writes its outputs A^[L]. A convolutional model takes
images X (n_C, n_H, n_W, m) from an .npz file, or, when it was built with input_shape=(n_C, n_H, n_W), a CSV
of n_C*n_H*n_W columns per sample in the order of Flatten (c, h, w), which is reshaped into images."""


def add_parser(commands) -> None:
    p = commands.add_parser("predict", help="predict the samples of a CSV or NPZ file with a saved model",
                            description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog="example: npblocks predict iris.npz new-flowers.csv --out predictions.csv")
    p.add_argument("model", metavar="MODEL", help="a model file written by npblocks train or model.save")
    p.add_argument("data", metavar="DATA", help="a .csv file with a header row, or an .npz file with an array X")
    p.add_argument("--out", metavar="FILE", help="write the predictions to FILE (default: standard output)")
    p.add_argument("--probabilities", action="store_true",
                   help="also write each class's probability, a column p(CLASS) per class")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.out is not None:
        check_out(args.out)
    model, meta = read_model(args.model)
    if args.probabilities and meta.get("task") not in ("binary", "multiclass"):
        raise UsageError(f"--probabilities: {args.model} is not a classifier saved by npblocks train (it has no "
                         "class names), so its outputs are not class probabilities; leave --probabilities out")
    X, truth = _read(args.data, model, meta)
    AL = model.predict(X)
    names, columns = _outputs(AL, meta, args.probabilities)
    write_csv(args.out, names, list(zip(*columns, strict=True)))
    if args.out is not None:
        line = f"wrote {X.shape[-1]} predictions to {args.out}"
        source = "Y" if kind(args.data) == "npz" else repr(meta.get("label"))
        if truth is not None and meta.get("task") == "regression":
            line += f"; against {args.data}'s {source}: {regression_scores(AL, truth)}"
        elif truth is not None:
            line += f"; accuracy against {args.data}'s {source}: {_accuracy(columns[0], truth, meta['classes'])}"
        print(line)
    return 0


def read_model(path):
    """The model at path, as a Sequential, and its metadata checked against it; a ValueError if unusable."""
    model = load(path)
    if type(model).forward is Block.forward:
        raise ValueError(f"{path} holds a {type(model).__name__}, which computes nothing (no forward); "
                         "save a model such as a Sequential or a Layer")
    if not isinstance(model, Sequential):
        model = Sequential(model)
    return model, check_metadata(load_metadata(path), model.n_in, model.n_out, path)


def _accuracy(predicted, truth, classes) -> str:
    """The accuracy, and how many true labels the model never saw (counted as wrong), if any."""
    right = np.mean([p == t for p, t in zip(predicted, truth, strict=True)])
    known = set(classes)
    unseen = [t for t in truth if t not in known]
    if not unseen:
        return f"{right:.1%}"
    some = ", ".join(sorted(set(unseen))[:5]) + (", ..." if len(set(unseen)) > 5 else "")
    return (f"{right:.1%} ({len(unseen)} of {len(truth)} samples have labels the model never saw ({some}), "
            "counted as wrong)")


def _read(path, model, meta):
    """X (n^[0], m) from DATA, and the true labels when DATA has them (for a classifier from npblocks train)."""
    classes = meta.get("classes")
    if kind(path) == "npz":
        arrays = read_npz(path, ("X",))
        X = arrays["X"]
        images = _image_shape(model) is not None and X.ndim == 4
        if not (X.ndim == 2 or images) or X.dtype.kind not in "biuf":
            expected = "images (n_C, n_H, n_W, m) or " if _image_shape(model) is not None else ""
            raise ValueError(f"{path}: X must be {expected}a 2-D array of numbers, (n^[0], m); it has shape {X.shape}, "
                             f"dtype {X.dtype}")
        Y = arrays.get("Y")
        truth = None
        if classes and Y is not None and Y.ndim == 2 and Y.shape[1] == X.shape[-1]:
            truth = [label_text(v) for v in Y[0]] if len(Y) == 1 else [str(i) for i in Y.argmax(axis=0)]
        return X.astype(np.float64), truth
    table = read_csv(path)
    features = meta.get("features")
    if features:
        table.require(features, "a feature the model was trained on")
    else:
        features = [name for name in table.names if name != meta.get("label")]
        shape = _image_shape(model)
        n = model.n_in if shape is None else _size(shape)
        if n is not None and len(features) != n:
            listed = ", ".join(features) if len(features) <= 10 else ", ".join(features[:10]) + ", ..."
            what = "n^[0]" if shape is None else f"images {format_shape(shape)}, n_C*n_H*n_W"
            raise ValueError(f"{path} has {len(features)} columns ({listed}), but the model takes "
                             f"{what} = {n} features")
    label = meta.get("label")
    truth = None
    if label in table.names and meta.get("task") == "regression":
        truth = table.numbers([label])
    elif label in table.names and classes:
        truth = [label_text(t) for t in table.column(label)]
    X = table.numbers(features)
    shape = _image_shape(model)
    if shape is not None and X.shape[0] == _size(shape):
        X = X.reshape(*shape, X.shape[1])  # rows (c n_H + h) n_W + w, as Flatten gives them
    return X, truth


def _size(shape):
    return None if None in shape else shape[0] * shape[1] * shape[2]


def _image_shape(model):
    """(n_C, n_H, n_W) (None for a size not known) when the model takes images, else None."""
    shape = getattr(model, "input_shape", None)
    return tuple(shape[:3]) if shape is not None and len(shape) == 4 else None


def _outputs(AL, meta, probabilities):
    """Column names and columns: the labels (and probabilities), the regression outputs, or A^[L]'s rows."""
    task = meta.get("task")
    if task in ("binary", "multiclass"):
        classes = meta["classes"]
        names, columns = [meta.get("label") or "prediction"], [decode(AL, classes)]
        if probabilities:
            P = AL if task == "multiclass" else np.concatenate([1 - AL, AL])
            names += [f"p({c})" for c in classes]
            columns += [[_number(p) for p in row] for row in P]
        return names, columns
    names = meta.get("outputs") or (["output"] if len(AL) == 1 else [f"output_{i + 1}" for i in range(len(AL))])
    if len(names) != len(AL):
        raise ValueError(f"the model gives n^[L] = {len(AL)} outputs, but its metadata names {len(names)}")
    return names, [[_number(a) for a in row] for row in AL]


def _number(value) -> str:
    return f"{float(value):.10g}"
