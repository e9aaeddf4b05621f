"""Test-only blocks, activations and losses defined at module level (so saving can find them again).

``Shift`` stands in for BatchNorm (a Parameter ``gamma`` and a buffer ``mean`` updated in training),
``Noise`` for Dropout (an ``rng`` that get_config leaves out), until those blocks merge; ``Tagged`` has a
config of every plain kind.
"""
from __future__ import annotations

import numpy as np

from blocks import Activation, Block, Parameter
from blocks.init import as_generator
from losses import Loss


class Shift(Block):
    """A = gamma * (A_prev - mean); in training, mean := momentum mean + (1 - momentum) mean_columns(A_prev).

    ``mean`` is a buffer (saved, never optimised); gamma a Parameter. mean is treated as a constant in
    backward: dgamma = (1/m) sum_columns(dA * (A_prev - mean)), dA_prev = gamma * dA.

    Shapes:
        A_prev, A, dA, dA_prev: (n, m)      gamma, dgamma, mean: (n, 1)
    """

    buffers = ("mean",)

    def __init__(self, n, momentum=0.9, dtype=np.float64):
        self.n_in = self.n_out = self.n = n
        self.momentum = momentum
        self.dtype = np.dtype(dtype)
        self.gamma = np.ones((n, 1), self.dtype)
        self.mean = np.zeros((n, 1), self.dtype)
        self.dgamma = None

    def forward(self, A_prev):
        if self.training:
            self.mean = self.momentum * self.mean + (1 - self.momentum) * A_prev.mean(axis=1, keepdims=True)
        self.X_hat = A_prev - self.mean
        return self.gamma * self.X_hat

    def backward(self, dA, *, need_dA_prev=True):
        self.dgamma = (dA * self.X_hat).sum(axis=1, keepdims=True) / dA.shape[1]
        return self.gamma * dA

    def parameters(self):
        return [Parameter(self, "gamma")]


class Noise(Block):
    """A = A_prev * (1 + rate * N(0, 1)) in training, A = A_prev in eval; the noise comes from ``rng``.

    Shapes:
        A_prev, A, dA, dA_prev: (n, m)
    """

    def __init__(self, rate=0.1, rng=None):
        self.rate = rate
        self.rng = as_generator(rng)

    def forward(self, A_prev):
        self.mask = None
        if not self.training:
            return A_prev
        self.mask = (1 + self.rate * self.rng.standard_normal(A_prev.shape)).astype(A_prev.dtype)
        return A_prev * self.mask

    def backward(self, dA, *, need_dA_prev=True):
        return dA if self.mask is None else dA * self.mask

    def get_config(self):
        return {"rate": self.rate}


class Softsign(Activation):
    """A = Z / (scale + |Z|); g'(Z) = scale / (scale + |Z|)^2."""

    def __init__(self, scale=1.0):
        self.scale = scale

    def forward(self, Z):
        return Z / (self.scale + np.abs(Z))

    def derivative(self, Z, A):
        return self.scale / (self.scale + np.abs(Z)) ** 2


class Tagged(Block):
    """Identity block with a config of every plain kind: tuples, dicts, lists, dtypes, numpy scalars."""

    def __init__(self, shape=(2, 3), table=None, names=("a",), dtype=np.float32, scale=0.5, flag=True):
        self.shape, self.table, self.names, self.dtype, self.scale, self.flag = shape, table, names, dtype, scale, flag

    def forward(self, A_prev):
        return A_prev

    def backward(self, dA, *, need_dA_prev=True):
        return dA


def shifts(n, dtype):
    """Shift blocks over n rows with a drawn momentum: a custom block with a Parameter and a buffer."""
    from hypothesis import strategies as st

    return st.floats(0.0, 0.99).map(lambda momentum: Shift(n, momentum=momentum, dtype=dtype))


def noises(n, dtype):
    """Noise blocks with a drawn rate and seed: a custom block with an rng left out of its config."""
    from hypothesis import strategies as st

    return st.builds(Noise, rate=st.floats(0.0, 0.5), rng=st.integers(0, 2**16))


class TooLarge(Activation):
    """A mutant for the checkers: g's backward, 0.1% too large."""

    def __init__(self, g):
        self.g = g

    def forward(self, Z):
        return self.g.forward(Z)

    def backward(self, dA, Z, A):
        return 1.001 * self.g.backward(dA, Z, A)


class MeanAbsoluteError(Loss):
    """J = mean |AL - Y|: a user's loss, with a kink wherever AL = Y."""

    def forward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return float(np.abs(AL - Y).mean())

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return np.sign(AL - Y) / AL.shape[0]
