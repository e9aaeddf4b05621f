"""The main job: a deep network learns an embedded data set with mini-batch Adam through ``fit``.

``run("digits")`` trains [64, 64, 32, 10] (ReLU, then Softmax with categorical cross-entropy) on the
8x8 handwritten digits, prints the cost, train and test accuracy, and writes the cost curve (and, for
the 2-D sets, the decision boundary) as PNG files. ``npblocks demo`` is its command line.
"""
from __future__ import annotations

import os
from typing import NamedTuple

from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from optim import Adam

from . import plots
from .activations import ReLU, Sigmoid, Softmax, Tanh
from .datasets import NAMES, load
from .init import as_generator
from .layer import Layer
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


def build(layers_dims, activation=ReLU, rng=0) -> Sequential:
    """The course's L-layer model: ``activation`` in the hidden layers, then Sigmoid (one output) or Softmax."""
    rng = as_generator(rng)
    L = len(layers_dims) - 1
    last = Sigmoid() if layers_dims[-1] == 1 else Softmax()
    return Sequential([Layer(layers_dims[i], layers_dims[i + 1], activation=activation() if i < L - 1 else last,
                             rng=rng) for i in range(L)])


def run(dataset: str = "digits", *, epochs=None, lr=None, batch_size=None, seed: int = 0, out_dir="npblocks-demo",
        plots: bool = True, verbose: int = 1, out=print) -> dict:
    """Train the demo network on ``dataset`` (one of NAMES) and report; None options take the recipe's.

    Returns ``{"cost", "train_accuracy", "test_accuracy", "history", "model", "files"}`` (files: the PNGs
    written: the cost curve, the decision boundary of a 2-D set, the first test digits with their predicted
    classes; none with ``plots=False`` or without matplotlib, in which case a line says how to get them).
    """
    if dataset not in RECIPES:
        raise ValueError(f"unknown data set {dataset!r}; expected one of {', '.join(NAMES)}")
    recipe = RECIPES[dataset]
    epochs = recipe.epochs if epochs is None else epochs
    lr = recipe.lr if lr is None else lr
    batch_size = recipe.batch_size if batch_size is None else batch_size
    X_train, Y_train, X_test, Y_test = load(dataset, 0.2, rng=seed)
    dims = [X_train.shape[0], *recipe.hidden, Y_train.shape[0]]
    model = build(dims, recipe.activation, rng=seed)
    loss = BinaryCrossEntropy() if dims[-1] == 1 else CategoricalCrossEntropy()
    out(f"{dataset}: {X_train.shape[1]} training and {X_test.shape[1]} test samples, "
        f"X of shape ({dims[0]}, m), layers {dims}")
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
        result["files"] = _pictures(dataset, model, history, (X_train, Y_train, X_test, Y_test), out_dir, out)
    return result


def _pictures(dataset, model, history, split, out_dir, out) -> list:
    """The cost curve; for 2-D points the decision boundary under all of them; for the digits the first
    test images with their predicted classes. PNG files in out_dir."""
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
    if dataset == "digits":
        files.append(plots.plot_digits(model, X_test, Y_test, os.path.join(out_dir, "digits-test.png")))
    for path in files:
        out(f"wrote {path}")
    return files
