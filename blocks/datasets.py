"""Data sets in the column convention: X of shape (n^[0], m), Y of shape (1, m) or one-hot (n_classes, m).

Generated in code from a seed: ``planar_flower``, ``moons``, ``circles``, ``spirals``, ``xor``.
Shipped in the package: ``digits``, the 1,797 8x8 handwritten digits of the UCI "Optical Recognition of
Handwritten Digits" data set (E. Alpaydin and C. Kaynak, 1998; CC BY 4.0), as also shipped by scikit-learn.
``load(name)`` gives any of them split into train and test columns.
"""
from __future__ import annotations

from importlib import resources
from typing import NamedTuple

import numpy as np

from .checks import finite_real, numeric_array, positive_int
from .init import as_generator


class Split(NamedTuple):
    """Train and test columns of one data set."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def planar_flower(m: int = 400, noise: float = 0.2, rng=1):
    """The course's planar "flower": two classes of 2-D points on the petals of r = 4 sin(4t).

    Returns X (2, m) and Y (1, m) with labels 0 and 1 (m // 2 of class 0).
    """
    m, noise, rng = _options(m, noise, rng)
    X, Y = [], []
    for j, n in enumerate([m // 2, m - m // 2]):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.standard_normal(n) * noise
        r = 4 * np.sin(4 * t) + rng.standard_normal(n) * noise
        X.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        Y.append(np.full((1, n), float(j)))
    return np.concatenate(X, axis=1), np.concatenate(Y, axis=1)


def moons(m: int = 400, noise: float = 0.1, rng=0):
    """Two interleaving half circles. Returns X (2, m) and Y (1, m)."""
    m, noise, rng = _options(m, noise, rng)
    n0 = m // 2
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, m - n0)
    X = np.concatenate([np.stack([np.cos(t0), np.sin(t0)]), np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)])], axis=1)
    Y = np.concatenate([np.zeros((1, n0)), np.ones((1, m - n0))], axis=1)
    return X + noise * rng.standard_normal(X.shape), Y


def circles(m: int = 400, noise: float = 0.05, factor: float = 0.5, rng=0):
    """A small circle (class 1, radius ``factor``) inside a large one (class 0). Returns X (2, m), Y (1, m)."""
    m, noise, rng = _options(m, noise, rng)
    factor = finite_real("factor", factor)
    n0 = m // 2
    t0, t1 = (np.linspace(0, 2 * np.pi, n, endpoint=False) for n in (n0, m - n0))
    X = np.concatenate([np.stack([np.cos(t0), np.sin(t0)]), factor * np.stack([np.cos(t1), np.sin(t1)])], axis=1)
    Y = np.concatenate([np.zeros((1, n0)), np.ones((1, m - n0))], axis=1)
    return X + noise * rng.standard_normal(X.shape), Y


def spirals(m: int = 600, n_classes: int = 3, noise: float = 0.2, rng=0):
    """Interleaved spiral arms, one per class (the cs231n set). Returns X (2, m) and one-hot Y (n_classes, m)."""
    m, noise, rng = _options(m, noise, rng)
    n_classes = positive_int("n_classes", n_classes)
    sizes = [m // n_classes + (k < m % n_classes) for k in range(n_classes)]
    X, labels = [], []
    for k, n in enumerate(sizes):
        r = np.linspace(0.0, 1.0, n)
        t = np.linspace(k * 4.0, (k + 1) * 4.0, n) + rng.standard_normal(n) * noise
        X.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(n, k))
    return np.concatenate(X, axis=1), one_hot(np.concatenate(labels), n_classes)


def xor(m: int = 400, noise: float = 0.0, rng=0):
    """Points in [-1, 1]^2, class 1 where the two coordinates have opposite signs. X (2, m), Y (1, m)."""
    m, noise, rng = _options(m, noise, rng)
    X = rng.uniform(-1, 1, (2, m))
    Y = (X[0:1] * X[1:2] < 0).astype(float)
    return X + noise * rng.standard_normal(X.shape), Y


def digits(one_hot_labels: bool = True):
    """The 8x8 handwritten digits: X (64, 1797) with pixels scaled to [0, 1], Y one-hot (10, 1797).

    With ``one_hot_labels=False``, Y is the digit itself, shape (1, 1797).
    """
    if not isinstance(one_hot_labels, (bool, np.bool_)):
        raise TypeError(f"one_hot_labels must be True or False. Received: one_hot_labels={one_hot_labels!r}")
    with resources.files("blocks").joinpath("data/digits.npz").open("rb") as file:
        with np.load(file, allow_pickle=False) as data:
            X, labels = data["X"], data["labels"]
    X = X.astype(np.float64) / 16.0
    return X, one_hot(labels, 10) if one_hot_labels else labels[None, :].astype(np.float64)


def one_hot(labels, n_classes: int):
    """Integer labels of shape (m,) or (1, m) as a one-hot matrix (n_classes, m)."""
    n_classes = positive_int("n_classes", n_classes)
    labels = numeric_array("labels", labels)
    if labels.ndim > 2 or (labels.ndim == 2 and labels.shape[0] != 1):
        raise ValueError(f"labels must have shape (m,) or (1, m); got {labels.shape}")
    labels = labels.ravel()
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= n_classes)
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(f"labels must be integers from 0 to n_classes - 1 = {n_classes - 1}; got "
                         f"{labels[first].item()!r} (at column {first})")
    return np.eye(n_classes)[labels.astype(int)].T


def train_test_split(X, Y, test_fraction: float = 0.2, rng=0) -> Split:
    """Shuffled columns split into ``Split(X_train, Y_train, X_test, Y_test)``; both parts non-empty.

    Shapes:
        X: (n^[0], m)      Y: (n^[L], m)
    """
    test_fraction = finite_real("test_fraction", test_fraction)
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1). Received: test_fraction={test_fraction!r}")
    X, Y = numeric_array("X", X), numeric_array("Y", Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError(f"train_test_split expects X (n^[0], m) and Y (n^[L], m) with one m, samples as columns; "
                         f"got X {X.shape} and Y {Y.shape}")
    m = X.shape[1]
    order = as_generator(rng).permutation(m)
    n_test = int(round(m * test_fraction))
    if not 0 < n_test < m:
        raise ValueError(f"a test_fraction of {test_fraction} of m = {m} samples leaves {n_test} test and "
                         f"{m - n_test} training samples; each part needs at least one")
    test, train = order[:n_test], order[n_test:]
    return Split(X[:, train], Y[:, train], X[:, test], Y[:, test])


def _options(m, noise, rng):
    """A generator's common arguments, checked: m >= 1 samples, noise >= 0, a seed or a Generator."""
    noise = finite_real("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must be >= 0. Received: noise={noise!r}")
    return positive_int("m", m), noise, as_generator(rng)


GENERATORS = {"flower": planar_flower, "moons": moons, "circles": circles, "spirals": spirals, "xor": xor}
NAMES = (*GENERATORS, "digits")


def load(name: str, test_fraction: float = 0.2, rng=0, **options) -> Split:
    """The data set ``name`` (one of NAMES) split into train and test columns; ``options`` go to its generator."""
    if not isinstance(name, str):
        raise TypeError(f"name must be the name of a data set, one of {', '.join(NAMES)}. Received: {name!r}")
    if name == "digits":
        X, Y = digits(**options)
    elif name in GENERATORS:
        X, Y = GENERATORS[name](rng=rng, **options)
    else:
        raise ValueError(f"unknown data set {name!r}; expected one of {', '.join(NAMES)}")
    return train_test_split(X, Y, test_fraction, rng=rng)
