"""Residual: A = A_prev + F(A_prev), dA_prev = dA + F's dA_prev, built on the public Block protocol alone."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from blocks import Layer, LayerNorm, Residual, Sequential, Tanh
from blocks.testing import check_gradients
from blocks.testing.strategies import matrices, sizes
from losses import MeanSquaredError


@given(data=st.data(), n=sizes(), m=sizes())
@example(data=None, n=1, m=1)
def test_gradients_of_a_network_with_skip_connections(data, n, m):
    rng = np.random.default_rng(n * 10 + m)
    X = rng.standard_normal((n, m)) if data is None else data.draw(matrices(n, m))
    Y = rng.standard_normal((1, m))
    model = Sequential(
        Residual(Layer(n, n, activation=Tanh(), rng=1)),
        Residual(Sequential(LayerNorm(n), Layer(n, n, activation=Tanh(), rng=2))),
        Layer(n, 1, rng=3),
    )
    check_gradients(model, X, Y, MeanSquaredError())


def test_forward_adds_the_input_and_backward_adds_the_skip_path():
    inner = Layer(3, 3, activation=Tanh(), rng=0)
    block = Residual(inner)
    A_prev = np.arange(6.0).reshape(3, 2) / 6
    assert np.array_equal(block.forward(A_prev), A_prev + np.tanh(inner.W @ A_prev + inner.b))
    dA = np.ones((3, 2))
    dF = inner.W.T @ (dA * (1 - inner.A**2))
    assert np.allclose(block.backward(dA), dA + dF, rtol=0, atol=1e-15)


def test_without_need_dA_prev_the_inner_gradients_are_filled_and_none_is_returned():
    block = Residual(Layer(2, 2, rng=0))
    block.forward(np.ones((2, 3)))
    assert block.backward(np.ones((2, 3)), need_dA_prev=False) is None
    assert block.block.dW.shape == (2, 2)


def test_a_block_that_changes_the_shape_is_refused_before_data_flows():
    with pytest.raises(ValueError, match=r"the block must give A shaped like its A_prev to be added to it; "
                                         r"from \(3, 'm'\) it gives \(2, 'm'\)"):
        Sequential(Layer(2, 3), Residual(Layer(3, 2)))


def test_a_residual_holds_a_block():
    with pytest.raises(TypeError, match=r"the block of a Residual must be a Block"):
        Residual("layer")
