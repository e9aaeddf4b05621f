"""Small data sets generated in code, in the column convention: X (n^[0], m), Y (1, m)."""
from __future__ import annotations

import numpy as np

from .init import as_generator


def planar_flower(m: int = 400, rng=1, noise: float = 0.2):
    """The course's planar "flower": two classes of 2-D points on the petals of r = 4 sin(4t).

    Returns X of shape (2, m) and Y of shape (1, m) with labels 0 and 1 (m // 2 of each, rounded).
    """
    rng = as_generator(rng)
    halves = [m // 2, m - m // 2]
    X, Y = [], []
    for j, n in enumerate(halves):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.standard_normal(n) * noise
        r = 4 * np.sin(4 * t) + rng.standard_normal(n) * noise
        X.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        Y.append(np.full((1, n), float(j)))
    return np.concatenate(X, axis=1), np.concatenate(Y, axis=1)


def train_test_split(X, Y, test_fraction: float = 0.2, rng=0):
    """Shuffled columns split into (X_train, Y_train, X_test, Y_test)."""
    m = X.shape[1]
    order = as_generator(rng).permutation(m)
    n_test = int(round(m * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]
