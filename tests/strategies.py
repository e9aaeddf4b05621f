"""Hypothesis strategies shared by the tests, in the column convention (n, m)."""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import blocks

sizes = st.integers(min_value=1, max_value=6)


def matrices(n, m, low=-3.0, high=3.0, dtype=np.float64):
    """(n, m) arrays of bounded, finite floats."""
    return hnp.arrays(dtype, (n, m), elements=st.floats(low, high, allow_nan=False, allow_infinity=False, width=64))


def away_from_zero(n, m, gap=1e-3, high=3.0):
    """(n, m) arrays whose entries keep |Z| >= gap, so a kink at 0 is never inside a finite difference."""
    return matrices(n, m, -high, high).map(lambda Z: np.where(np.abs(Z) < gap, np.copysign(gap, Z) + Z, Z))


ELEMENTWISE = [
    blocks.Identity(), blocks.Sigmoid(), blocks.Tanh(), blocks.ReLU(), blocks.LeakyReLU(0.1),
    blocks.ELU(1.0), blocks.GELU(), blocks.SiLU(), blocks.Softplus(),
]
ALL_ACTIVATIONS = [*ELEMENTWISE, blocks.Softmax()]
#: Differentiable everywhere: safe inside a network compared with finite differences.
SMOOTH = [g for g in ALL_ACTIVATIONS if not isinstance(g, (blocks.ReLU, blocks.LeakyReLU))]
activations = st.sampled_from(ALL_ACTIVATIONS)


@st.composite
def networks(draw, n_in=None, n_out=None, max_depth=3, hidden=SMOOTH):
    """A Sequential of 1 to max_depth Layers with drawn sizes, activations (from ``hidden``) and seeds."""
    L = draw(st.integers(1, max_depth))
    dims = [n_in or draw(sizes)] + [draw(sizes) for _ in range(L - 1)] + [n_out or draw(sizes)]
    seed = draw(st.integers(0, 2**16))
    layers = [
        blocks.Layer(dims[i], dims[i + 1], activation=draw(st.sampled_from(hidden)), rng=seed + i) for i in range(L)
    ]
    return blocks.Sequential(layers)


#: Every built-in activation, those with hyperparameters drawn (for save/load round trips).
tuned_activations = st.one_of(
    st.sampled_from([g for g in ALL_ACTIVATIONS if not isinstance(g, (blocks.LeakyReLU, blocks.ELU))]),
    st.floats(0.0, 0.5).map(blocks.LeakyReLU),
    st.floats(0.1, 3.0).map(blocks.ELU),
)


def dropouts(n, dtype):
    """Dropout layers with a drawn keep_prob and seed (they take any n rows)."""
    return st.builds(blocks.Dropout, keep_prob=st.floats(0.5, 1.0), rng=st.integers(0, 2**16))


def batchnorms(n, dtype):
    """BatchNorm over n rows with drawn momentum, eps and activation, with non-trivial gamma, beta and statistics."""

    @st.composite
    def build(draw):
        norm = blocks.BatchNorm(
            n, activation=draw(tuned_activations), momentum=draw(st.floats(0.0, 0.99)),
            eps=draw(st.floats(1e-6, 1e-2)), dtype=dtype,
        )
        for name in ("gamma", "beta", "running_mean"):
            setattr(norm, name, draw(matrices(n, 1, -2.0, 2.0)).astype(dtype))
        norm.running_var = draw(matrices(n, 1, 0.1, 3.0)).astype(dtype)
        return norm

    return build()


def standardizes(n, dtype):
    """Standardize blocks over n rows, either way, with drawn means and positive stds."""

    @st.composite
    def build(draw):
        block = blocks.Standardize(n, inverse=draw(st.booleans()), dtype=dtype)
        block.mean, block.std = draw(matrices(n, 1, -2.0, 2.0)), draw(matrices(n, 1, 0.1, 3.0))
        return block

    return build()


def shifts(n, dtype):
    """A test-local block with a Parameter and a buffer (a custom block round-trips like BatchNorm)."""
    from tests.custom_blocks import Shift

    return st.floats(0.0, 0.99).map(lambda momentum: Shift(n, momentum=momentum, dtype=dtype))


def noises(n, dtype):
    """A test-local block with an rng left out of its config (a custom block round-trips like Dropout)."""
    from tests.custom_blocks import Noise

    return st.builds(Noise, rate=st.floats(0.0, 0.5), rng=st.integers(0, 2**16))


@st.composite
def architectures(draw, extras=(), activations=tuned_activations, max_layers=3, nested=True):
    """A Sequential of 1 to max_layers Layers in a drawn dtype (float32 or float64) with drawn activations.

    ``extras``: functions ``extra(n, dtype) -> strategy of a Block`` taking and giving n rows (Dropout,
    BatchNorm, ...); each Layer may be followed by one of them. With ``nested``, a run of blocks may be
    wrapped in an inner Sequential.
    """
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    L = draw(st.integers(1, max_layers))
    dims = [draw(sizes) for _ in range(L + 1)]
    seed = draw(st.integers(0, 2**16))
    model = []
    for i in range(L):
        g = draw(activations)
        model.append(blocks.Layer(dims[i], dims[i + 1], activation=g, rng=seed + i, dtype=dtype))
        if extras and draw(st.booleans()):
            model.append(draw(draw(st.sampled_from(extras))(dims[i + 1], dtype)))
    if nested and draw(st.booleans()):
        i = draw(st.integers(0, len(model) - 1))
        j = draw(st.integers(i + 1, len(model)))
        model[i:j] = [blocks.Sequential(model[i:j])]
    return blocks.Sequential(model)


def one_hot(n_classes, m):
    """(n_classes, m) one-hot label matrices."""
    return st.lists(st.integers(0, n_classes - 1), min_size=m, max_size=m).map(
        lambda labels: np.eye(n_classes)[labels].T
    )
