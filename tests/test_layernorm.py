"""LayerNorm: each column normalised over its n rows, scaled by gamma and shifted by beta (n, 1)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from blocks import Layer, LayerNorm, Sequential
from blocks.testing import check_gradients
from blocks.testing.strategies import matrices, sizes
from losses import MeanSquaredError


@given(data=st.data(), n=sizes(2, 5), m=sizes())
@example(data=None, n=2, m=1)
def test_gradients_of_gamma_beta_and_the_input(data, n, m):
    rng = np.random.default_rng(n * 10 + m)
    X = rng.standard_normal((n, m)) if data is None else data.draw(matrices(n, m))
    norm = LayerNorm(n)
    norm.gamma = rng.uniform(0.5, 2.0, (n, 1))
    norm.beta = rng.standard_normal((n, 1))
    model = Sequential(Layer(n, n, rng=1), norm, Layer(n, 2, rng=2))
    check_gradients(model, X, rng.standard_normal((2, m)), MeanSquaredError())


def test_each_column_has_mean_0_and_variance_1_before_gamma_and_beta():
    A_prev = np.random.default_rng(0).standard_normal((5, 4)) * 3 + 7
    A = LayerNorm(5, eps=1e-300).forward(A_prev)
    assert np.allclose(A.mean(axis=0), 0, atol=1e-12) and np.allclose(A.var(axis=0), 1, atol=1e-12)


def test_train_and_eval_mode_give_the_same_output():
    norm, A_prev = LayerNorm(3), np.random.default_rng(1).standard_normal((3, 6))
    assert np.array_equal(norm.forward(A_prev), norm.eval().forward(A_prev))


def test_float32_stays_float32():
    norm = LayerNorm(3, dtype=np.float32)
    norm.gamma = np.full((3, 1), 2.0)  # float64 assigned, kept in the block's dtype
    A = norm.forward(np.ones((3, 2), np.float32) * np.arange(2, dtype=np.float32))
    norm.backward(np.ones((3, 2), np.float32))
    assert A.dtype == norm.dgamma.dtype == norm.gamma.dtype == np.float32


def test_mistakes_are_named():
    with pytest.raises(ValueError, match=r"eps must be in \(0.0, inf\]. Received: eps=0"):
        LayerNorm(3, eps=0)
    with pytest.raises(ValueError, match=r"LayerNorm\(3\): gamma must have shape \(3, 1\), got \(3,\)"):
        LayerNorm(3).gamma = np.ones(3)
    with pytest.raises(RuntimeError, match=r"LayerNorm\(3\): backward\(dA\) was called before forward"):
        LayerNorm(3).backward(np.ones((3, 1)))
    norm = LayerNorm(3)
    norm.forward(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"LayerNorm\(3\) expects dA shaped like its A, \(3, 2\)"):
        norm.backward(np.ones((3, 5)))
