"""The main job: a deep network learns an embedded data set with mini-batch Adam through ``fit``.

``run("digits")`` trains [64, 64, 32, 10] (ReLU, then Softmax with categorical cross-entropy) on the
8x8 handwritten digits, prints the cost, train and test accuracy, and writes the cost curve (and, for
the 2-D sets, the decision boundary) as PNG files. ``run("digits", model="cnn")`` trains a small
convolutional network on the same digits as images (1, 8, 8, m) instead. ``npblocks demo`` is its command line.
"""
from __future__ import annotations

import os
from typing import NamedTuple

from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from optim import Adam

from . import plots
from .activations import ReLU, Sigmoid, Softmax, Tanh
from .conv import Conv2D
from .datasets import NAMES, load
from .flatten import Flatten
from .init import as_generator
from .layer import Layer
from .pooling import MaxPool2D
from .sequential import Sequential


class Recipe(NamedTuple):
    """How the demo trains one data set: hidden layer sizes and activation, and fit's budget."""

    hidden: tuple
    activation: type
    epochs: int
    lr: float
    batch_size: int


RECIPES = {
    "digits": Recipe((64, 32), ReLU, epochs=30, lr=0.003, batch_size=64),
    "flower": Recipe((16, 16, 8), Tanh, epochs=200, lr=0.01, batch_size=32),
    "moons": Recipe((16, 16, 8), ReLU, epochs=100, lr=0.01, batch_size=32),
    "circles": Recipe((16, 16, 8), ReLU, epochs=100, lr=0.01, batch_size=32),
    "xor": Recipe((16, 16, 8), ReLU, epochs=100, lr=0.01, batch_size=32),
    "spirals": Recipe((32, 32, 16), ReLU, epochs=200, lr=0.01, batch_size=32),
}
#: The convolutional network's budget on the digits (its layers are in ``build_cnn``).
CNN_RECIPE = Recipe((16, 32), ReLU, epochs=30, lr=0.01, batch_size=64)
MODELS = ("dense", "cnn")


def build(layers_dims, activation=ReLU, rng=0) -> Sequential:
    """The course's L-layer model: ``activation`` in the hidden layers, then Sigmoid (one output) or Softmax."""
    rng = as_generator(rng)
    L = len(layers_dims) - 1
    last = Sigmoid() if layers_dims[-1] == 1 else Softmax()
    return Sequential([Layer(layers_dims[i], layers_dims[i + 1], activation=activation() if i < L - 1 else last,
                             rng=rng) for i in range(L)])


def build_cnn(channels=(16, 32), rng=0) -> Sequential:
    """A small convolutional network for 8x8 images (1, 8, 8, m): two 3x3 "same" convolutions with ReLU, each
    followed by a 2x2 max pooling (8x8 -> 4x4 -> 2x2), then Flatten and a Softmax Layer over the 10 digits."""
    rng = as_generator(rng)
    c1, c2 = channels
    return Sequential(
        Conv2D(1, c1, 3, padding="same", activation=ReLU(), rng=rng), MaxPool2D(2),
        Conv2D(c1, c2, 3, padding="same", activation=ReLU(), rng=rng), MaxPool2D(2),
        Flatten(), Layer(c2 * 2 * 2, 10, activation=Softmax(), rng=rng),
        input_shape=(1, 8, 8),
    )


def run(dataset: str = "digits", *, model: str = "dense", epochs=None, lr=None, batch_size=None, seed: int = 0,
        out_dir="npblocks-demo", plots: bool = True, verbose: int = 1, out=print) -> dict:
    """Train the demo network on ``dataset`` (one of NAMES) and report; None options take the recipe's.

    ``model="cnn"`` (the digits only) trains ``build_cnn()`` on the digits as images X (1, 8, 8, m), the
    columns (64, m) reshaped (pixel row h, column w of a digit is row 8 h + w of its column).

    Returns ``{"cost", "train_accuracy", "test_accuracy", "history", "model", "files"}`` (files: the PNGs
    written: the cost curve, the decision boundary of a 2-D set, the first test digits with their predicted
    classes; none with ``plots=False`` or without matplotlib, in which case a line says how to get them).
    """
    if dataset not in RECIPES:
        raise ValueError(f"unknown data set {dataset!r}; expected one of {', '.join(NAMES)}")
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; expected one of {', '.join(MODELS)}")
    if model == "cnn" and dataset != "digits":
        raise ValueError(f"the cnn model takes images, so it trains on the digits only; got dataset={dataset!r}")
    recipe = CNN_RECIPE if model == "cnn" else RECIPES[dataset]
    epochs = recipe.epochs if epochs is None else epochs
    lr = recipe.lr if lr is None else lr
    batch_size = recipe.batch_size if batch_size is None else batch_size
    X_train, Y_train, X_test, Y_test = load(dataset, 0.2, rng=seed)
    dims = [X_train.shape[0], *recipe.hidden, Y_train.shape[0]]
    if model == "cnn":
        X_train, X_test = (X.reshape(1, 8, 8, X.shape[1]) for X in (X_train, X_test))
        network = build_cnn(recipe.hidden, rng=seed)
        shape = "(1, 8, 8, m), a convolutional network"
    else:
        network = build(dims, recipe.activation, rng=seed)
        shape = f"({dims[0]}, m), layers {dims}"
    name, model = (f"{dataset}-cnn" if model == "cnn" else dataset), network
    loss = BinaryCrossEntropy() if dims[-1] == 1 else CategoricalCrossEntropy()
    out(f"{dataset}: {X_train.shape[-1]} training and {X_test.shape[-1]} test samples, X of shape {shape}")
    out(model)
    out(f"mini-batch Adam (lr {lr}, batch size {batch_size}) for {epochs} epochs, {type(loss).__name__}")
    history = model.fit(X_train, Y_train, loss=loss, optimizer=Adam(model.parameters(), lr=lr), epochs=epochs,
                        batch_size=batch_size, rng=seed, verbose=verbose, validation_data=(X_test, Y_test))
    result = {"cost": loss.forward(model.predict(X_train), Y_train),
              "train_accuracy": model.evaluate(X_train, Y_train)["accuracy"],
              "test_accuracy": model.evaluate(X_test, Y_test)["accuracy"],
              "history": history, "model": model, "files": []}
    out(f"cost {result['cost']:.6f}   train accuracy {result['train_accuracy']:.1%}   "
        f"test accuracy {result['test_accuracy']:.1%}")
    if plots:
        result["files"] = _pictures(name, model, history, (X_train, Y_train, X_test, Y_test), out_dir, out)
    return result


def _pictures(dataset, model, history, split, out_dir, out) -> list:
    """The cost curve; for 2-D points the decision boundary under all of them; for the digits the first
    test images with their predicted classes. PNG files in out_dir, named after ``dataset`` ("digits-cnn" for
    the convolutional network)."""
    try:
        plots.pyplot()
    except ImportError as exc:
        out(f"no pictures: {exc}")
        return []
    os.makedirs(out_dir, exist_ok=True)
    files = [history.plot(os.path.join(out_dir, f"{dataset}-cost.png"), title=f"{dataset}: cost per epoch")]
    X_train, Y_train, X_test, Y_test = split
    if X_test.shape[0] == 2:
        path = os.path.join(out_dir, f"{dataset}-boundary.png")
        files.append(plots.plot_decision_boundary(model, X_train, Y_train, path, title=f"{dataset}: decision boundary",
                                                  X_test=X_test, Y_test=Y_test))
    if dataset.startswith("digits"):
        files.append(plots.plot_digits(model, X_test, Y_test, os.path.join(out_dir, f"{dataset}-test.png")))
    for path in files:
        out(f"wrote {path}")
    return files
