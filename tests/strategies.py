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


def one_hot(n_classes, m):
    """(n_classes, m) one-hot label matrices."""
    return st.lists(st.integers(0, n_classes - 1), min_size=m, max_size=m).map(
        lambda labels: np.eye(n_classes)[labels].T
    )
