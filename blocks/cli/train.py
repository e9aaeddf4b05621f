"""``npblocks train DATA``: an L-layer network on a user's CSV or NPZ file, a held-out score, a saved model."""
from __future__ import annotations

import argparse
import os
import sys
from typing import NamedTuple

import optim
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError

from .. import Layer, Sequential, Standardize, plots
from .. import activations as g
from ..datasets import train_test_split
from ..init import as_generator
from ..saving import load_checkpoint, load_metadata
from ..training import confusion_matrix
from .common import UsageError, check_out, fraction, names, positive_float, positive_int, sizes
from .data import check_same_data, read_training_data
from .resume import Checkpoint, read_progress, shuffle_generator
from .scores import class_scores, regression_scores

ACTIVATIONS = {"relu": g.ReLU, "leaky_relu": g.LeakyReLU, "tanh": g.Tanh, "sigmoid": g.Sigmoid, "elu": g.ELU,
               "gelu": g.GELU, "silu": g.SiLU, "softplus": g.Softplus}
OUTPUTS = {"binary": g.Sigmoid, "multiclass": g.Softmax, "regression": g.Identity}
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam", "adamw", "adagrad", "nadam")
HIDDEN = (64, 32)

DESCRIPTION = """\
Train an L-layer network on DATA and save it. DATA is a CSV file with a header row (one numeric column
per feature, one label column) or an .npz file with X of shape (n^[0], m) and Y of shape (1, m) labels or
(n_classes, m) one-hot. Two classes: a sigmoid output with binary cross-entropy; more: softmax with
categorical cross-entropy; --loss mse: regression with an identity output. The features are standardised
by a Standardize block inside the saved model, so it takes raw data."""

EXAMPLE = "example: npblocks train iris.csv --label species --layers 4,16,3 --epochs 200 --out iris.npz"


def add_parser(commands) -> None:
    p = commands.add_parser("train", help="train a network on your own CSV or NPZ file and save it",
                            description=DESCRIPTION, epilog=EXAMPLE,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", metavar="DATA", help="a .csv file with a header row, or an .npz file with arrays X and Y")
    p.add_argument("--label", metavar="COLUMN", help="the CSV column holding the labels (default: the last column)")
    p.add_argument("--features", type=names, metavar="COLUMNS",
                   help="the CSV columns to learn from, in this order, e.g. age,height (default: every column but "
                        "the label)")
    p.add_argument("--drop", type=names, metavar="COLUMNS",
                   help="CSV columns to leave out of the features, e.g. id,name")
    p.add_argument("--layers", type=sizes, metavar="SIZES",
                   help="the layer sizes n^[0],...,n^[L] as in the course's layers_dims, e.g. 4,16,3; n^[0] must be "
                        "the number of features and n^[L] 1 for two classes, the number of classes for more "
                        f"(default: n^[0],{','.join(map(str, HIDDEN))},n^[L] from the data)")
    p.add_argument("--activation", choices=sorted(ACTIVATIONS), default="relu",
                   help="the hidden layers' activation (default: %(default)s)")
    p.add_argument("--loss", choices=("auto", "bce", "cce", "mse"), default="auto",
                   help="auto: bce (binary cross-entropy) for two classes, cce (categorical cross-entropy) for "
                        "more; mse: regression on numeric labels (default: %(default)s)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="adam", help="the optimizer (default: %(default)s)")
    p.add_argument("--lr", type=positive_float, default=0.01, help="the learning rate (default: %(default)s)")
    p.add_argument("--epochs", type=positive_int, help="passes over the data, in all (default: 100)")
    p.add_argument("--batch-size", type=positive_int, default=32,
                   help="samples (columns) per mini-batch (default: %(default)s)")
    p.add_argument("--test-fraction", type=fraction, default=0.2,
                   help="the share of samples held out to score the model, 0 for none (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split, the weights and the shuffling "
                   "(default: %(default)s)")
    p.add_argument("--no-standardize", action="store_true",
                   help="feed the features as they are instead of standardising them (and regression targets)")
    p.add_argument("--out", metavar="MODEL", default="model.npz",
                   help="where to save the model, with what predict needs (default: %(default)s)")
    p.add_argument("--checkpoint", metavar="PATH",
                   help="save a resumable checkpoint (model, optimizer state, shuffle state) to PATH every --every "
                        "epochs; continue it with --resume PATH")
    p.add_argument("--every", type=positive_int, default=1, metavar="N",
                   help="with --checkpoint: save it at the end of every N-th epoch (default: %(default)s)")
    p.add_argument("--resume", metavar="PATH",
                   help="continue the training saved in the checkpoint PATH on the same DATA, to --epochs in all "
                        "(default: the number it was started with); the result equals an uninterrupted run")
    p.add_argument("--confusion", metavar="PNG",
                   help="also draw the confusion matrix of the held-out samples (all samples with --test-fraction "
                        "0) to this PNG file; it needs matplotlib")
    p.add_argument("--quiet", action="store_true", help="no model table and no progress, only the results")
    p.set_defaults(run=run)


def run(args) -> int:
    check_out(args.out)
    if args.confusion is not None:
        check_out(args.confusion, "--confusion")
    if args.checkpoint is not None:
        check_out(args.checkpoint, "--checkpoint")
    resumed = _resume(args) if args.resume is not None else None
    args.epochs = args.epochs or 100
    data = read_training_data(args.data, args.label, args.loss, args.features, args.drop)
    X, Y, meta = data.X, data.Y, data.meta
    if resumed is not None:
        check_same_data(resumed.meta, meta, args.resume, args.data)
    dims = _layers(args.layers, X.shape[0], Y.shape[0], meta, args.data) if resumed is None else None
    say = (lambda *a: None) if args.quiet else print
    print(data.about)
    if args.test_fraction:
        n_test = round(X.shape[1] * args.test_fraction)
        if not 0 < n_test < X.shape[1]:
            raise UsageError(f"--test-fraction {args.test_fraction}: {args.data} has {X.shape[1]} samples, too few "
                             "to hold out that share; use another fraction or 0")
        X, Y, X_test, Y_test = train_test_split(X, Y, args.test_fraction, rng=args.seed)
    if resumed is None:
        model, optimizer, done, rng = _model(dims, args, meta["task"], X, Y), None, 0, as_generator(args.seed)
        optimizer = _optimizer(args, model)
    else:
        model, optimizer, done, rng = resumed.model, resumed.optimizer, resumed.done, resumed.rng
        dims = [model.n_in, *(b.n_out for b in model if isinstance(b, Layer))]
    loss = _loss(meta["task"])
    print(f"layers {dims}: {ACTIVATIONS[args.activation].__name__}, then {OUTPUTS[meta['task']].__name__} with "
          f"{type(loss).__name__}; {args.optimizer} (lr {args.lr}), batch size {args.batch_size}, "
          f"{args.epochs} epoch{'' if args.epochs == 1 else 's'}" if resumed is None else
          f"resuming {args.resume}: {type(optimizer).__name__}, batch size {args.batch_size}, epoch {done + 1} of "
          f"{args.epochs}")
    say(model)
    if args.epochs <= done:
        raise UsageError(f"--epochs {args.epochs}: {args.resume} has already trained {done} epochs; ask for more")
    progress = {"done": done, "epochs": args.epochs, "batch_size": args.batch_size, "seed": args.seed,
                "test_fraction": args.test_fraction}
    saved = {"npblocks_train": 1, **meta}
    callbacks = [Checkpoint(args.checkpoint, args.every, saved, progress, rng)] if args.checkpoint else []
    history = model.fit(X, Y, loss=loss, optimizer=optimizer, epochs=args.epochs - done, batch_size=args.batch_size,
                        rng=rng, verbose=0 if args.quiet else 1, callbacks=callbacks)
    if history.stopped_by == "non-finite":
        raise ValueError(f"training stopped: {history.stop_reason}. Nothing was saved to {args.out}")
    print(_score(model, loss, X, Y, "train", meta) + (
        "   " + _score(model, loss, X_test, Y_test, "held-out", meta) if args.test_fraction else ""))
    if meta["task"] != "regression":
        _confusion(model, (X_test, Y_test) if args.test_fraction else (X, Y), meta["classes"], args)
    model.save(args.out, metadata=saved)
    if history.stopped_by == "interrupt":
        print(f"interrupted: saved the model trained so far to {args.out} ({history.stop_reason})", file=sys.stderr)
        if args.checkpoint:
            print(f"continue from the last checkpoint with: npblocks train {args.data} --resume {args.checkpoint}",
                  file=sys.stderr)
        return 130
    print(f"saved {args.out}; predict with: npblocks predict {args.out} DATA.{'csv' if meta['features'] else 'npz'}")
    return 0


class Resumed(NamedTuple):
    model: object
    optimizer: object
    meta: dict
    done: int
    rng: object


def _resume(args) -> Resumed:
    """The checkpoint of --resume, its stored settings applied to args (the data must be the same)."""
    model, optimizer = load_checkpoint(args.resume)
    meta = load_metadata(args.resume)
    progress = read_progress(meta, args.resume)
    args.batch_size, args.seed, args.test_fraction = progress["batch_size"], progress["seed"], progress["test_fraction"]
    args.epochs = args.epochs or progress["epochs"]
    if meta.get("features"):
        args.label, args.features, args.drop = meta.get("label"), meta["features"], None
    args.loss = {"regression": "mse", "binary": "bce", "multiclass": "cce"}.get(meta.get("task"), args.loss)
    args.optimizer = type(optimizer).__name__.lower()
    return Resumed(model, optimizer, meta, progress["done"], shuffle_generator(progress, args.resume))


def _layers(dims, n0, nL, meta, path) -> list:
    """--layers checked against the data, or the default n^[0], 64, 32, n^[L]."""
    if dims is None:
        return [n0, *HIDDEN, nL]
    if dims[0] != n0:
        raise UsageError(f"--layers {_text(dims)} starts with n^[0] = {dims[0]}, but {path} has {n0} features; "
                         f"start it with {n0}, e.g. --layers {_text([n0, *dims[1:]])}")
    if dims[-1] != nL:
        need = {"binary": "2 classes, one sigmoid unit", "multiclass": f"{nL} classes, one softmax unit each",
                "regression": f"{nL} target(s)"}[meta["task"]]
        raise UsageError(f"--layers {_text(dims)} ends with n^[L] = {dims[-1]}, but {path} needs n^[L] = {nL} "
                         f"({need}); end it with {nL}, e.g. --layers {_text([*dims[:-1], nL])}")
    return dims


def _text(dims) -> str:
    return ",".join(map(str, dims))


def _model(dims, args, task, X, Y):
    rng, L = as_generator(args.seed), len(dims) - 1
    blocks = [] if args.no_standardize else [Standardize(dims[0]).adapt(X)]
    for i in range(L):
        activation = ACTIVATIONS[args.activation]() if i < L - 1 else OUTPUTS[task]()
        blocks.append(Layer(dims[i], dims[i + 1], activation=activation, rng=rng))
    if task == "regression" and not args.no_standardize:
        blocks.append(Standardize(dims[-1], inverse=True).adapt(Y))
    return Sequential(blocks)


def _loss(task):
    return {"binary": BinaryCrossEntropy, "multiclass": CategoricalCrossEntropy, "regression": MeanSquaredError}[task]()


def _optimizer(args, model):
    names = {"sgd": optim.SGD, "momentum": optim.Momentum, "rmsprop": optim.RMSProp, "adam": optim.Adam,
             "adamw": optim.AdamW, "adagrad": optim.Adagrad, "nadam": optim.Nadam}
    return names[args.optimizer](model.parameters(), lr=args.lr)


def _confusion(model, data, classes, args) -> None:
    """The held-out (or training) set's macro scores and confusion matrix: as text, and as a PNG with --confusion."""
    X, Y = data
    AL = model.predict(X)
    which = "held-out" if args.test_fraction else "training"
    print(f"{which} {class_scores(AL, Y, classes)}")
    if args.confusion is not None:
        plots.plot_confusion_matrix(confusion_matrix(AL, Y), args.confusion, classes,
                                    title=f"{os.path.basename(args.data)}: {which} samples")
        print(f"wrote {args.confusion}")


def _score(model, loss, X, Y, name, meta) -> str:
    if meta["task"] == "regression":
        AL = model.predict(X)
        return f"{name} MSE {loss.forward(AL, Y):.6g}, {regression_scores(AL, Y)}"
    return f"{name} accuracy {model.evaluate(X, Y)['accuracy']:.1%} ({X.shape[1]} samples)"
