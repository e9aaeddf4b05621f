"""LSTM: the course's cell at every step; backpropagation through time against central differences."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import blocks
from blocks import LSTM, RNN, Layer, Sequential, TimeDistributed
from blocks.testing import check_gradients
from blocks.testing.strategies import sequence_models, sizes
from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from tests.recurrent_checks import check_alone, randomised


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def course_lstm_forward(x, a0, p):
    """The course's lstm_forward: lstm_cell_forward at every step, four separate products on concat."""
    n_x, m, T = x.shape
    n_a = a0.shape[0]
    a, c = np.zeros((n_a, m, T)), np.zeros((n_a, m, T))
    a_next, c_next = a0, np.zeros_like(a0)
    for t in range(T):
        concat = np.concatenate([a_next, x[:, :, t]])
        ft = sigmoid(p["Wf"] @ concat + p["bf"])
        it = sigmoid(p["Wi"] @ concat + p["bi"])
        cct = np.tanh(p["Wc"] @ concat + p["bc"])
        c_next = ft * c_next + it * cct
        ot = sigmoid(p["Wo"] @ concat + p["bo"])
        a_next = ot * np.tanh(c_next)
        a[:, :, t], c[:, :, t] = a_next, c_next
    return a, c


@settings(max_examples=15)
@given(data=st.data(), n_x=sizes(1, 4), n_a=sizes(1, 3), m=sizes(1, 3), T=sizes(1, 4), every=st.booleans(),
       seed=st.integers(0, 99))
@example(data=None, n_x=1, n_a=1, m=1, T=1, every=True, seed=0)
@example(data=None, n_x=2, n_a=2, m=1, T=4, every=False, seed=1)
def test_gradients_match_central_differences(data, n_x, n_a, m, T, every, seed):
    lstm = randomised(LSTM(n_x, n_a, return_sequences=every), seed)
    check_alone(lstm, data, m, T, seed)


@settings(max_examples=10)
@given(data=st.data(), m=sizes(1, 3), T=sizes(1, 4))
@example(data=None, m=1, T=1)
def test_whole_sequence_models_check(data, m, T):
    """Embedding or not, RNN or LSTM, one or two deep, many-to-many or many-to-one: every gradient is exact."""
    rng = np.random.default_rng(T)
    if data is None:
        model = Sequential(LSTM(2, 2, rng=0), TimeDistributed(Layer(2, 3, activation=blocks.Softmax(), rng=1)))
    else:
        model = data.draw(sequence_models(n_y=st.integers(1, 3)))
    first, last = model[0], model[-1]
    X = (rng.integers(0, first.n_vocab, (m, T)) if isinstance(first, blocks.Embedding)
         else rng.standard_normal((first.n_x, m, T)))
    n_y = last.block.n_out if isinstance(last, TimeDistributed) else last.n_out
    shape = (m, T) if isinstance(last, TimeDistributed) else (m,)
    if n_y == 1:
        Y, loss = rng.integers(0, 2, (1, *shape)).astype(float), BinaryCrossEntropy()
    else:
        Y, loss = np.moveaxis(np.eye(n_y)[rng.integers(0, n_y, shape)], -1, 0), CategoricalCrossEntropy()
    check_gradients(model, X, Y, loss)


def test_forward_is_the_course_lstm_forward():
    lstm = randomised(LSTM(3, 5), 0)
    x = np.random.default_rng(1).standard_normal((3, 10, 7))
    a, c = course_lstm_forward(x, np.zeros((5, 10)), {k: getattr(lstm, k) for k in lstm.parameter_names})
    assert_allclose(lstm.forward(x), a, rtol=1e-12, atol=1e-14)
    assert_allclose(lstm.C, c, rtol=1e-12, atol=1e-14)


def test_a_hand_checked_single_step():
    # One unit, one step, c<0> = a<0> = 0: c = Gi * cc, a = Go * tanh(c); every W zero but the x column.
    lstm = LSTM(1, 1, forget_bias=0.0)
    for g, w in zip("fico", (0.3, 0.5, 0.7, -0.2), strict=True):
        setattr(lstm, "W" + g, [[0.0, w]])
    A = lstm.forward(np.array([[[2.0]]]))
    Gi, cc, Go = sigmoid(1.0), np.tanh(1.4), sigmoid(-0.4)
    assert_allclose(A, [[[Go * np.tanh(Gi * cc)]]], rtol=1e-14)
    lstm.backward(np.array([[[1.0]]]))
    dc = Go * (1 - np.tanh(Gi * cc) ** 2)
    assert_allclose(lstm.dWo, [[0.0, np.tanh(Gi * cc) * Go * (1 - Go) * 2.0]], rtol=1e-12)
    assert_allclose(lstm.dbc, [[dc * Gi * (1 - cc ** 2)]], rtol=1e-12)
    assert_allclose(lstm.dWf, [[0.0, 0.0]])  # c<0> = 0: the forget gate had nothing to forget


def test_the_forget_bias_starts_at_1_and_the_others_at_0():
    lstm = LSTM(3, 4, rng=0)
    assert_array_equal(lstm.bf, np.ones((4, 1)))
    for name in ("bi", "bc", "bo"):
        assert_array_equal(getattr(lstm, name), np.zeros((4, 1)))
    assert_array_equal(LSTM(3, 4, forget_bias=0.0).bf, np.zeros((4, 1)))
    assert [p.name for p in lstm.parameters()] == ["Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo"]
    assert lstm.Wf.shape == (4, 7)


def test_float32_stays_float32_and_save_load_is_bit_exact(tmp_path):
    model = Sequential(LSTM(3, 4, rng=0, dtype=np.float32), LSTM(4, 2, return_sequences=False, forget_bias=0.5,
                                                                 rng=1, dtype=np.float32),
                       Layer(2, 1, activation=blocks.Sigmoid(), rng=2, dtype=np.float32))
    X = np.random.default_rng(0).standard_normal((3, 6, 7)).astype(np.float32)
    AL = model.forward(X)
    model.backward(BinaryCrossEntropy().backward(AL, np.ones_like(AL)))
    assert AL.dtype == np.float32 and {p.grad.dtype for p in model.parameters()} == {np.dtype(np.float32)}
    model.save(tmp_path / "lstm.npz")
    loaded = Sequential.load(tmp_path / "lstm.npz")
    assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded[1].forget_bias == 0.5 and repr(loaded) == repr(model)


def test_bad_input_and_arrays_are_clear_errors():
    lstm = LSTM(3, 4)
    with pytest.raises(ValueError, match=r"Wf must have shape \(4, 7\), got \(4, 3\)"):
        lstm.Wf = np.ones((4, 3))
    with pytest.raises(ValueError, match=r"bo must have shape \(4, 1\), got \(4,\); use b.reshape\(4, 1\)"):
        lstm.bo = np.ones(4)
    with pytest.raises(ValueError, match=r"LSTM\(3, 4\) expects A_prev of shape \(n_x, m, T_x\)"):
        lstm.forward(np.ones((3, 5)))
    with pytest.raises(ValueError, match="forget_bias must be a finite real number"):
        LSTM(3, 4, forget_bias=float("nan"))
    with pytest.raises(RuntimeError, match="before forward"):
        lstm.backward(np.ones((4, 1, 1)))
    with pytest.raises(ValueError, match=r"wrap it as TimeDistributed"):
        Sequential(LSTM(3, 4), Layer(4, 1))


def test_matches_pytorch_lstm_and_rnn():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    n_x, n_a, m, T = 3, 5, 4, 6
    x = rng.standard_normal((n_x, m, T))
    xt = torch.tensor(x.transpose(2, 1, 0), requires_grad=True)  # (T, m, n_x)
    lstm = randomised(LSTM(n_x, n_a), 2)
    ref = torch.nn.LSTM(n_x, n_a).double()
    with torch.no_grad():  # PyTorch stacks i, f, g(= c), o; its two biases add up
        ref.weight_hh_l0.copy_(torch.tensor(np.concatenate([getattr(lstm, "W" + g)[:, :n_a] for g in "ifco"])))
        ref.weight_ih_l0.copy_(torch.tensor(np.concatenate([getattr(lstm, "W" + g)[:, n_a:] for g in "ifco"])))
        ref.bias_ih_l0.copy_(torch.tensor(np.concatenate([getattr(lstm, "b" + g)[:, 0] for g in "ifco"])))
        ref.bias_hh_l0.zero_()
    out, _ = ref(xt)
    A = lstm.forward(x)
    assert_allclose(A, out.detach().numpy().transpose(2, 1, 0), rtol=1e-10, atol=1e-12)
    dA = rng.standard_normal(A.shape)
    dX = lstm.backward(dA)
    (out * torch.tensor(dA.transpose(2, 1, 0))).sum().backward()  # J = sum(dA * A): dW = (m T) lstm.dW
    assert_allclose(m * T * lstm.dWf[:, n_a:], ref.weight_ih_l0.grad.numpy()[n_a:2 * n_a], rtol=1e-9, atol=1e-12)
    assert_allclose(dX, xt.grad.numpy().transpose(2, 1, 0), rtol=1e-9, atol=1e-12)

    rnn = RNN(n_x, n_a, rng=3)
    ref = torch.nn.RNN(n_x, n_a).double()
    with torch.no_grad():
        ref.weight_hh_l0.copy_(torch.tensor(rnn.Waa))
        ref.weight_ih_l0.copy_(torch.tensor(rnn.Wax))
        ref.bias_ih_l0.zero_()
        ref.bias_hh_l0.zero_()
    assert_allclose(rnn.forward(x), ref(xt)[0].detach().numpy().transpose(2, 1, 0), rtol=1e-10, atol=1e-12)
