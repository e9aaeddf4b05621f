"""RNN: a<t> = g(Waa a<t-1> + Wax x<t> + ba); backpropagation through time against central differences."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import blocks
from blocks import RNN, Layer, Sequential, TimeDistributed
from blocks.testing import check_gradients
from blocks.testing.strategies import sizes
from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from tests.recurrent_checks import check_alone

SMOOTH = st.sampled_from([blocks.Tanh(), blocks.Sigmoid(), blocks.Identity(), blocks.Softplus()])


def course_rnn_forward(x, a0, Waa, Wax, ba):
    """The course's rnn_forward, step by step (its rnn_cell_forward without the output y<t>)."""
    n_x, m, T = x.shape
    a = np.zeros((Waa.shape[0], m, T))
    a_next = a0
    for t in range(T):
        a_next = np.tanh(Waa @ a_next + Wax @ x[:, :, t] + ba)
        a[:, :, t] = a_next
    return a


@settings(max_examples=15)
@given(data=st.data(), n_x=sizes(1, 4), n_a=sizes(1, 4), m=sizes(1, 3), T=sizes(1, 4), every=st.booleans(),
       g=SMOOTH, seed=st.integers(0, 99))
@example(data=None, n_x=1, n_a=1, m=1, T=1, every=True, g=blocks.Tanh(), seed=0)
@example(data=None, n_x=2, n_a=3, m=1, T=4, every=False, g=blocks.Tanh(), seed=1)
def test_gradients_match_central_differences(data, n_x, n_a, m, T, every, g, seed):
    rnn = RNN(n_x, n_a, return_sequences=every, activation=g, rng=seed)
    rnn.ba = np.random.default_rng(seed).standard_normal((n_a, 1))
    check_alone(rnn, data, m, T, seed)


@settings(max_examples=8)
@given(n_x=sizes(1, 3), n_a=sizes(1, 3), m=sizes(1, 3), T=sizes(1, 4), seed=st.integers(0, 99))
@example(n_x=1, n_a=1, m=1, T=1, seed=0)
def test_a_whole_many_to_many_model_checks(n_x, n_a, m, T, seed):
    rng = np.random.default_rng(seed)
    model = Sequential(RNN(n_x, n_a, rng=seed), RNN(n_a, n_a, rng=seed + 1),
                       TimeDistributed(Layer(n_a, 3, activation=blocks.Softmax(), rng=seed + 2)))
    Y = np.eye(3)[rng.integers(0, 3, (m, T))].transpose(2, 0, 1)
    check_gradients(model, rng.standard_normal((n_x, m, T)), Y, CategoricalCrossEntropy())


def test_forward_is_the_course_rnn_forward():
    rng = np.random.default_rng(1)
    rnn = RNN(3, 5, rng=0)
    rnn.ba = rng.standard_normal((5, 1))
    x = rng.standard_normal((3, 10, 4))
    expected = course_rnn_forward(x, np.zeros((5, 10)), rnn.Waa, rnn.Wax, rnn.ba)
    assert_allclose(rnn.forward(x), expected, rtol=1e-13, atol=1e-14)
    last = RNN(3, 5, return_sequences=False)
    last.Waa, last.Wax, last.ba = rnn.Waa, rnn.Wax, rnn.ba
    assert_allclose(last.forward(x), expected[:, :, -1], rtol=1e-13, atol=1e-14)


def test_a_hand_checked_two_step_case():
    # n_x = n_a = m = 1, Identity: a1 = wx x1 + b, a2 = w a1 + wx x2 + b.
    rnn = RNN(1, 1, activation=blocks.Identity())
    rnn.Waa, rnn.Wax, rnn.ba = [[0.5]], [[2.0]], [[1.0]]
    A = rnn.forward(np.array([[[1.0, 3.0]]]))
    assert_array_equal(A, [[[3.0, 8.5]]])  # a1 = 2 + 1, a2 = 1.5 + 6 + 1
    dX = rnn.backward(np.array([[[1.0, 1.0]]]))  # J = (a1 + a2) / 2 (m T = 2)
    # dJ/da2 = 1/2, dJ/da1 = 1/2 + 1/2 * 0.5 = 3/4;  dWaa = dJ/da2 * a1 = 3/2;  dWax = 3/4 x1 + 1/2 x2 = 9/4
    assert_allclose(rnn.dWaa, [[1.5]])
    assert_allclose(rnn.dWax, [[2.25]])
    assert_allclose(rnn.dba, [[1.25]])
    assert_allclose(dX, 2 * np.array([[[0.75 * 2.0, 0.5 * 2.0]]]))  # m T dJ/dX


def test_return_sequences_false_puts_the_1_over_m_in_dW_and_scales_dX_to_per_step():
    rnn = RNN(1, 1, return_sequences=False, activation=blocks.Identity())
    rnn.Waa, rnn.Wax, rnn.ba = [[0.5]], [[2.0]], [[1.0]]
    rnn.forward(np.array([[[1.0, 3.0]]]))
    dX = rnn.backward(np.array([[1.0]]))  # J = a2, m = 1: dJ/dx1 = 0.5 * 2, dJ/dx2 = 2
    assert_allclose(rnn.dWaa, [[3.0]])
    assert_allclose(dX, 2 * np.array([[[1.0, 2.0]]]))  # per (sample, step): m T dJ/dX


def test_gradients_are_overwritten_and_shapes_follow_the_course():
    rnn = RNN(3, 4, rng=0)
    X = np.ones((3, 2, 5))
    A = rnn.forward(X)
    rnn.backward(np.ones_like(A))
    first = rnn.dWaa.copy()
    A = rnn.forward(X)
    dX = rnn.backward(np.ones_like(A))
    assert_array_equal(rnn.dWaa, first)  # overwritten, not accumulated
    assert A.shape == rnn.Z.shape == rnn.dZ.shape == (4, 2, 5) and dX.shape == X.shape
    assert (rnn.dWaa.shape, rnn.dWax.shape, rnn.dba.shape) == ((4, 4), (4, 3), (4, 1))
    assert [p.name for p in rnn.parameters()] == ["Waa", "Wax", "ba"]
    assert rnn.backward(np.ones_like(A), need_dA_prev=False) is None


def test_float32_stays_float32():
    rnn = RNN(3, 4, rng=0, dtype=np.float32)
    A = rnn.forward(np.ones((3, 2, 5), np.float32))
    dX = rnn.backward(np.ones_like(A))
    assert {A.dtype, dX.dtype, rnn.dWaa.dtype, rnn.dWax.dtype, rnn.dba.dtype, rnn.Waa.dtype} == {np.dtype(np.float32)}


def test_save_load_is_bit_exact(tmp_path):
    model = Sequential(RNN(3, 4, rng=0, activation=blocks.SiLU()), RNN(4, 2, return_sequences=False, rng=1),
                       Layer(2, 1, activation=blocks.Sigmoid(), rng=2))
    X = np.random.default_rng(0).standard_normal((3, 6, 7))
    model.save(tmp_path / "rnn.npz")
    loaded = Sequential.load(tmp_path / "rnn.npz")
    assert_array_equal(loaded.predict(X), model.predict(X))
    assert repr(loaded) == repr(model)


def test_clip_norm_keeps_a_long_relu_rnn_training():
    """Exploding gradients: a ReLU RNN with a large Waa over 40 steps; clipping the global norm keeps it finite."""
    from optim import SGD

    rng = np.random.default_rng(0)
    X = rng.standard_normal((1, 32, 40))
    Y = (X.sum(axis=(0, 2)) > 0).astype(float)[None]
    results = {}
    for clip in (None, 1.0):
        model = Sequential(RNN(1, 8, return_sequences=False, activation=blocks.ReLU(), init="he", rng=3),
                           Layer(8, 1, activation=blocks.Sigmoid(), rng=4))
        model[0].Waa = 1.5 * np.eye(8)
        model.forward(X)
        opt = SGD(model.parameters(), lr=0.1, clip_norm=clip)
        AL = model.forward(X)
        model.backward(BinaryCrossEntropy().backward(AL, Y))
        norm = np.sqrt(sum(np.sum(p.grad ** 2) for p in model.parameters()))
        opt.step()
        results[clip] = (norm, np.abs(model[0].Waa).max())
    assert results[None][0] > 1e3  # the gradient explodes
    assert results[None][1] > 100 and results[1.0][1] < 2  # one unclipped step wrecks Waa; a clipped one does not


@pytest.mark.parametrize("bad, error, match", [
    (np.ones((3, 2)), ValueError, r"expects A_prev of shape \(n_x, m, T_x\) = \(3, m, T_x\).*reshape\(3, 2, 1\)"),
    (np.ones((4, 2, 5)), ValueError, r"n_x = 3 rows, shape \(3, m, T_x\); got shape \(4, 2, 5\)"),
    (np.ones((2, 5, 3)), ValueError, r"looks like \(m, T_x, n_x\): pass A_prev.transpose\(2, 0, 1\)"),
    (np.ones((3, 0, 5)), ValueError, r"needs m >= 1 samples and T_x >= 1 steps"),
    ([["a"]], TypeError, r"A_prev must be a numeric array"),
])
def test_bad_input_is_a_clear_error(bad, error, match):
    with pytest.raises(error, match=match):
        RNN(3, 4).forward(bad)


def test_bad_construction_and_backward_are_clear_errors():
    rnn = RNN(3, 4)
    with pytest.raises(ValueError, match=r"Waa must have shape \(4, 4\), got \(4, 3\)"):
        rnn.Waa = np.ones((4, 3))
    with pytest.raises(ValueError, match=r"Wax must have shape \(4, 3\), got \(3, 4\).*looks transposed"):
        rnn.Wax = np.ones((3, 4))
    with pytest.raises(TypeError, match="return_sequences must be True or False"):
        RNN(3, 4, return_sequences="yes")
    with pytest.raises(ValueError, match="n_a must be a positive int"):
        RNN(3, 0)
    with pytest.raises(RuntimeError, match=r"backward\(dA\) was called before forward"):
        rnn.backward(np.ones((4, 2, 5)))
    rnn.forward(np.ones((3, 2, 5)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its output, \(4, 2, 5\); got \(4, 2\)"):
        rnn.backward(np.ones((4, 2)))


def test_a_sequential_refuses_a_layer_after_every_step_and_says_how():
    with pytest.raises(ValueError, match=r"wrap it as TimeDistributed\(Layer\(4, 2"):
        Sequential(RNN(3, 4), Layer(4, 2))
    with pytest.raises(ValueError, match=r"RNN\(4, 5\) expects A_prev of shape \(n_x, m, T_x\).*gives columns"):
        Sequential(RNN(3, 4, return_sequences=False), RNN(4, 5))
    with pytest.raises(ValueError, match=r"n_x = 5 rows; the block before it gives 4 rows"):
        Sequential(RNN(3, 4), RNN(5, 5))
    assert Sequential(RNN(3, 4, return_sequences=False), Layer(4, 2)).n_out == 2
