"""Small problems and models shared by the training tests (fit, callbacks, progress, evaluate)."""
from __future__ import annotations

import numpy as np

import blocks
from blocks import Dropout, Layer, Sequential


def separable(m=60, seed=0, n0=2):
    """X (n0, m) standard normal and Y (1, m) = 1 where the sum of the first two rows is positive."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n0, m))
    return X, (X[0:1] + X[1:2] > 0).astype(float)


def small_model(seed=0, n0=2, dropout=None, dtype=np.float64):
    """[n0, 4, 1] with tanh and sigmoid (and a Dropout after the hidden layer if keep_prob is given)."""
    hidden = [Layer(n0, 4, activation=blocks.Tanh(), rng=seed, dtype=dtype)]
    if dropout is not None:
        hidden.append(Dropout(keep_prob=dropout, rng=seed + 100))
    return Sequential(*hidden, Layer(4, 1, activation=blocks.Sigmoid(), rng=seed + 1, dtype=dtype))
