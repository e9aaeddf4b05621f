"""TimeDistributed: a 2-D block at every step, by folding the m samples and T_x steps into columns."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import blocks
from blocks import RNN, Dropout, Layer, LayerNorm, Sequential, TimeDistributed
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import sequence_batches, sizes


@settings(max_examples=12)
@given(data=st.data(), n=sizes(1, 4), n_out=sizes(1, 4), m=sizes(1, 3), T=sizes(1, 4), seed=st.integers(0, 99))
@example(data=None, n=1, n_out=1, m=1, T=1, seed=0)
def test_gradients_match_central_differences(data, n, n_out, m, T, seed):
    inner = Sequential(Layer(n, n_out, activation=blocks.Tanh(), rng=seed), LayerNorm(n_out))
    block = TimeDistributed(inner)
    if data is None:
        X, dA = np.full((n, m, T), 0.3), np.full((n_out, m, T), -1.0)
    else:
        X, dA = data.draw(sequence_batches(n, m, T)), data.draw(sequence_batches(n_out, m, T))
    check_gradients(block, X, dA, LinearLoss())


def test_it_is_the_block_at_every_step():
    layer = Layer(3, 2, activation=blocks.Softmax(), rng=0)
    block = TimeDistributed(layer)
    X = np.random.default_rng(0).standard_normal((3, 4, 5))
    A = block.forward(X)
    assert A.shape == (2, 4, 5)
    for t in range(5):  # the course's y<t> = softmax(Wya a<t> + by)
        assert_allclose(A[:, :, t], Layer.forward(layer, X[:, :, t]), rtol=1e-14)
    block.forward(X)
    dA_prev = block.backward(np.ones((2, 4, 5)))
    assert dA_prev.shape == X.shape
    assert block.children() == [layer] and block.parameters() == layer.parameters()


def test_the_fold_is_a_view_of_a_recurrent_output():
    layer = Layer(3, 2, rng=0)
    A_prev = RNN(1, 3, rng=0).forward(np.ones((1, 4, 5)))
    A = TimeDistributed(layer).forward(A_prev)
    assert np.shares_memory(layer.A_prev, A_prev) and layer.A_prev.shape == (3, 20)
    assert np.shares_memory(A, layer.A)


def test_summary_and_save_load(tmp_path):
    model = Sequential(RNN(3, 4, rng=0), TimeDistributed(Sequential(Layer(4, 4, rng=1), Dropout(keep_prob=0.9, rng=2),
                                                                    Layer(4, 2, activation=blocks.Softmax(), rng=3))))
    table = str(model)
    assert "TimeDistributed" in table and "(2, m, ?)" in table and "1.0.2" in table
    X = np.random.default_rng(0).standard_normal((3, 2, 6))
    model.save(tmp_path / "td.npz")
    assert_array_equal(Sequential.load(tmp_path / "td.npz").predict(X), model.predict(X))


def test_errors_say_what_was_expected():
    block = TimeDistributed(Layer(3, 2))
    with pytest.raises(ValueError, match=r"expects A_prev of shape \(n, m, T_x\).*use the block itself"):
        block.forward(np.ones((3, 4)))
    with pytest.raises(RuntimeError, match="before forward"):
        block.backward(np.ones((2, 4, 5)))
    block.forward(np.ones((3, 4, 5)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(2, 4, 5\); got \(2, 20\)"):
        block.backward(np.ones((2, 20)))
    with pytest.raises(TypeError, match="the block of a TimeDistributed must be a Block"):
        TimeDistributed(blocks.Softmax())
    with pytest.raises(ValueError, match=r"expects A_prev of shape \(n_x, m, T_x\).*gives columns"):
        Sequential(Layer(3, 3), TimeDistributed(Layer(3, 2)))
    with pytest.raises(ValueError, match=r"expects A_prev with n\^\[l-1\] = 5 rows; the block before it gives 4"):
        Sequential(RNN(3, 4), TimeDistributed(Layer(5, 2)))
