"""GRU: the course's gated recurrent unit; backpropagation through time against central differences."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import blocks
from blocks import GRU, Layer, Sequential, TimeDistributed
from blocks.testing import check_gradients
from blocks.testing.strategies import sizes
from losses import CategoricalCrossEntropy
from tests.recurrent_checks import check_alone, randomised


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def course_gru_forward(x, p):
    """The course's full GRU, step by step, from a<0> = 0."""
    n_a = p["Wu"].shape[0]
    a_prev, a = np.zeros((n_a, x.shape[1])), np.zeros((n_a, *x.shape[1:]))
    for t in range(x.shape[2]):
        concat = np.concatenate([a_prev, x[:, :, t]])
        gu, gr = sigmoid(p["Wu"] @ concat + p["bu"]), sigmoid(p["Wr"] @ concat + p["br"])
        cc = np.tanh(p["Wc"] @ np.concatenate([gr * a_prev, x[:, :, t]]) + p["bc"])
        a_prev = a[:, :, t] = gu * cc + (1 - gu) * a_prev
    return a


@settings(max_examples=12)
@given(data=st.data(), n_x=sizes(1, 3), n_a=sizes(1, 3), m=sizes(1, 3), T=sizes(1, 4), every=st.booleans(),
       seed=st.integers(0, 99))
@example(data=None, n_x=1, n_a=1, m=1, T=1, every=True, seed=0)
@example(data=None, n_x=2, n_a=2, m=1, T=4, every=False, seed=1)
def test_gradients_match_central_differences(data, n_x, n_a, m, T, every, seed):
    gru = randomised(GRU(n_x, n_a, return_sequences=every), seed)
    check_alone(gru, data, m, T, seed)


def test_forward_is_the_course_gru_and_a_model_checks():
    gru = randomised(GRU(3, 4), 0)
    x = np.random.default_rng(1).standard_normal((3, 5, 6))
    assert_allclose(gru.forward(x), course_gru_forward(x, {k: getattr(gru, k) for k in gru.parameter_names}),
                    rtol=1e-12, atol=1e-14)
    model = Sequential(GRU(3, 4, rng=0), TimeDistributed(Layer(4, 2, activation=blocks.Softmax(), rng=1)))
    Y = np.eye(2)[np.random.default_rng(2).integers(0, 2, (2, 3))].transpose(2, 0, 1)
    check_gradients(model, x[:, :2, :3], Y, CategoricalCrossEntropy())


def test_float32_save_load_and_errors(tmp_path):
    model = Sequential(GRU(3, 4, return_sequences=False, rng=0, dtype=np.float32),
                       Layer(4, 1, activation=blocks.Sigmoid(), rng=1, dtype=np.float32))
    X = np.random.default_rng(0).standard_normal((3, 2, 5)).astype(np.float32)
    AL = model.forward(X)
    model.backward(np.ones_like(AL))
    assert AL.dtype == np.float32 and {p.grad.dtype for p in model.parameters()} == {np.dtype(np.float32)}
    model.save(tmp_path / "gru.npz")
    assert_array_equal(Sequential.load(tmp_path / "gru.npz").predict(X), model.predict(X))
    with pytest.raises(ValueError, match=r"Wr must have shape \(4, 7\), got \(4, 4\)"):
        GRU(3, 4).Wr = np.ones((4, 4))
    with pytest.raises(ValueError, match=r"GRU\(3, 4\) expects A_prev of shape \(n_x, m, T_x\)"):
        GRU(3, 4).forward(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"wrap it as TimeDistributed"):
        Sequential(GRU(3, 4), Layer(4, 1))
