"""Weight decay: L2 in the course's convention (weight_decay = lambda/m) and AdamW's decoupled decay."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import BatchNorm, Layer, Sequential
from blocks.testing import numerical_gradient
from blocks.testing.strategies import matrices
from losses import BinaryCrossEntropy
from optim import SGD, Adam, AdamW, Momentum, RMSProp, l2_penalty, l2_weight_decay

L2_RULES = [
    (SGD, {"lr": 0.1}),
    (Momentum, {"lr": 0.1, "beta": 0.8}),
    (RMSProp, {"lr": 0.01, "beta": 0.9}),
    (Adam, {"lr": 0.01}),
]


def layer_with(dW, db, dtype=np.float64, seed=0):
    layer = Layer(dW.shape[1], dW.shape[0], rng=seed, dtype=dtype)
    layer.b = np.full(db.shape, 0.5)
    layer.dW, layer.db = dW.astype(dtype), db.astype(dtype)
    return layer


@pytest.mark.parametrize(("cls", "h"), L2_RULES)
@given(dW=matrices(3, 2), db=matrices(3, 1), wd=st.floats(0.0, 1.0), steps=st.integers(1, 3))
def test_l2_is_the_rule_applied_to_dW_plus_weight_decay_W(cls, h, dW, db, wd, steps):
    """With L2, every rule sees dW + weight_decay * W for W and the plain db for b."""
    decayed, reference = layer_with(dW, db), layer_with(dW, db)
    opt = cls(decayed.parameters(), **h, weight_decay=wd)
    ref = cls(reference.parameters(), **h)
    for _ in range(steps):
        reference.dW = dW + wd * reference.W
        opt.step()
        ref.step()
    assert_allclose(decayed.W, reference.W, rtol=1e-12, atol=1e-14, err_msg="W")
    assert_allclose(decayed.b, reference.b, rtol=1e-12, atol=1e-14, err_msg="b")
    assert np.array_equal(decayed.dW, dW), "the layer's dW was edited"


def test_l2_matches_the_course_regularised_cost():
    """weight_decay = lambda/m: the penalty is lambda/(2m) sum ||W||^2 and its gradient is (lambda/m) W."""
    lambd, m = 0.7, 5
    model = Sequential(Layer(3, 4, activation=blocks.Tanh(), rng=0), Layer(4, 1, activation=blocks.Sigmoid(), rng=1))
    wd = l2_weight_decay(lambd, m)
    opt = SGD(model.parameters(), lr=0.1, weight_decay=wd)
    W1, W2 = model[0].W, model[1].W
    expected = lambd / (2 * m) * (np.sum(W1**2) + np.sum(W2**2))
    assert opt.penalty() == pytest.approx(expected, rel=1e-12)
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, m)), (rng.random((1, m)) > 0.5).astype(float)
    loss = BinaryCrossEntropy()

    def regularised_cost(W):
        saved = W1.copy()
        W1[...] = W
        J = loss(model.forward(X), Y) + opt.penalty()
        W1[...] = saved
        return J

    AL = model.forward(X)
    model.backward(loss.backward(AL, Y))
    assert_allclose(model[0].dW + wd * W1, numerical_gradient(regularised_cost, W1), err_msg="dW + (lambda/m) W")


def test_biases_and_batchnorm_parameters_are_excluded_unless_asked():
    layer = layer_with(np.zeros((2, 2)), np.zeros((2, 1)))
    norm = BatchNorm(2)
    norm.dgamma, norm.dbeta = np.zeros((2, 1)), np.zeros((2, 1))
    norm.beta = np.ones((2, 1))
    params = [*layer.parameters(), *norm.parameters()]
    assert [p.decays for p in params] == [True, False, False, False]
    W0 = layer.W.copy()
    SGD(params, lr=0.5, weight_decay=0.2).step()
    assert_allclose(layer.W, W0 * (1 - 0.5 * 0.2))
    assert_allclose(layer.b, np.full((2, 1), 0.5))
    assert_allclose(norm.gamma, np.ones((2, 1)))
    layer.no_decay = ()
    SGD(layer.parameters(), lr=0.5, weight_decay=0.2).step()
    assert_allclose(layer.b, np.full((2, 1), 0.5 * 0.9))


def test_adamw_decays_weights_outside_the_moments():
    layer = layer_with(np.ones((2, 2)), np.ones((2, 1)))
    twin = layer_with(np.ones((2, 2)), np.ones((2, 1)))
    opt, plain = AdamW(layer.parameters(), lr=0.1, weight_decay=0.5), Adam(twin.parameters(), lr=0.1)
    W0 = layer.W.copy()
    opt.step()
    plain.step()
    assert_allclose(layer.W, W0 * (1 - 0.1 * 0.5) - 0.1 * 1 / (1 + 1e-8))
    assert_allclose(opt.state_of(layer.parameters()[0])["v"], plain.state_of(twin.parameters()[0])["v"])
    assert opt.penalty() == 0.0
    coupled = layer_with(np.ones((2, 2)), np.ones((2, 1)))
    Adam(coupled.parameters(), lr=0.1, weight_decay=0.5).step()
    assert_allclose(coupled.W, W0 - 0.1 * np.sign(1 + 0.5 * W0), rtol=1e-6, err_msg="L2 goes through the moments")


def test_penalty_is_zero_without_decay_and_l2_penalty_counts_only_decayed():
    layer = layer_with(np.zeros((2, 3)), np.zeros((2, 1)))
    assert SGD(layer.parameters(), lr=0.1).penalty() == 0.0
    assert l2_penalty(layer.parameters(), 2.0) == pytest.approx(float(np.sum(layer.W**2)))


@pytest.mark.parametrize("cls", [SGD, Momentum, RMSProp, Adam, AdamW])
def test_float32_stays_float32_with_decay_and_clipping(cls):
    layer = layer_with(np.full((3, 2), 100.0), np.ones((3, 1)), dtype=np.float32)
    opt = cls(layer.parameters(), lr=0.01, weight_decay=0.1, clip_norm=1.0)
    opt.step()
    opt.step()
    assert layer.W.dtype == layer.b.dtype == np.float32
    assert all(a.dtype == np.float32 for state in opt.state.values() for a in state.values())


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda p: SGD(p, lr=0.1, weight_decay=-1e-3), ValueError, r"weight_decay must be in \[0.0, inf\]"),
        (lambda p: Adam(p, weight_decay="a lot"), TypeError, "weight_decay must be a real number"),
        (lambda p: AdamW(p, weight_decay=float("nan")), ValueError, "weight_decay must be in"),
        (lambda p: l2_weight_decay(-1.0, 10), ValueError, r"lambd must be in \[0.0, inf\]"),
        (lambda p: l2_weight_decay(0.1, 0), ValueError, "m must be a positive int. Received: m=0"),
        (lambda p: l2_weight_decay(0.1, 2.5), TypeError, "m must be a positive int"),
    ],
)
def test_bad_decay_settings_are_named(make, error, match):
    with pytest.raises(error, match=match):
        make(Layer(2, 1).parameters())


def test_repr_shows_the_options():
    opt = Adam(Layer(2, 1).parameters(), weight_decay=0.01, clip_norm=5.0)
    assert repr(opt) == "Adam(lr=0.001, weight_decay=0.01, clip_norm=5.0, 2 parameters)"
