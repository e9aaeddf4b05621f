"""Optimizers: each update rule against its formula, in place, per parameter, in the parameter's dtype."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import Layer, Sequential
from blocks.testing.strategies import matrices
from optim import SGD, Adam, AdamW, Momentum, RMSProp


def layer_with_gradients(dW, db, dtype=np.float64):
    layer = Layer(dW.shape[1], dW.shape[0], rng=0, dtype=dtype)
    layer.dW, layer.db = dW.astype(dtype), db.astype(dtype)
    return layer


def reference(rule, W, grads, **h):
    """The documented formula, step by step, in float64."""
    W = W.astype(np.float64)
    v, s = np.zeros_like(W), np.zeros_like(W)
    for t, dW in enumerate(grads, start=1):
        dW = dW.astype(np.float64)
        if rule == "adamw":
            W = W * (1 - h["lr"] * h["weight_decay"])
        if rule == "sgd":
            W = W - h["lr"] * dW
        elif rule == "momentum":
            v = h["beta"] * v + (1 - h["beta"]) * dW
            W = W - h["lr"] * v
        elif rule == "rmsprop":
            s = h["beta"] * s + (1 - h["beta"]) * dW**2
            W = W - h["lr"] * dW / (np.sqrt(s) + h["eps"])
        else:
            v = h["beta1"] * v + (1 - h["beta1"]) * dW
            s = h["beta2"] * s + (1 - h["beta2"]) * dW**2
            W = W - h["lr"] * (v / (1 - h["beta1"] ** t)) / (np.sqrt(s / (1 - h["beta2"] ** t)) + h["eps"])
    return W


RULES = {
    "sgd": (SGD, {"lr": 0.1}),
    "momentum": (Momentum, {"lr": 0.1, "beta": 0.9}),
    "rmsprop": (RMSProp, {"lr": 0.01, "beta": 0.9, "eps": 1e-8}),
    "adam": (Adam, {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
    "adamw": (AdamW, {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1}),
}
TOLERANCE = {np.float64: {"rtol": 1e-12, "atol": 1e-14}, np.float32: {"rtol": 1e-5, "atol": 1e-6}}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("rule", RULES)
@given(grads=st.lists(matrices(3, 2), min_size=1, max_size=4))
def test_update_rule_matches_its_formula(rule, dtype, grads):
    """One and several steps, each dtype, against the docstring's formula; b (zero gradient) too."""
    cls, h = RULES[rule]
    grads = [dW.astype(dtype) for dW in grads]
    layer = Layer(2, 3, rng=0, dtype=dtype)
    layer.b = np.linspace(-1, 1, 3).reshape(3, 1)
    W0, b0 = layer.W.copy(), layer.b.copy()
    opt = cls(layer.parameters(), **h)
    for dW in grads:
        layer.dW, layer.db = dW, np.zeros((3, 1), dtype=dtype)
        opt.step()
    assert layer.W.dtype == dtype
    assert_allclose(layer.W, reference(rule, W0, grads, **h), **TOLERANCE[dtype])
    assert np.array_equal(layer.b, b0), "b moved although db = 0 and biases are never decayed"


@pytest.mark.parametrize("rule", RULES)
def test_float32_parameters_and_state_stay_float32(rule):
    cls, h = RULES[rule]
    layer = layer_with_gradients(np.ones((3, 2)), np.ones((3, 1)), dtype=np.float32)
    W_id = id(layer.W)
    opt = cls(layer.parameters(), **h)
    opt.step()
    opt.step()
    assert layer.W.dtype == np.float32 and id(layer.W) == W_id, "not updated in place"
    for state in opt.state.values():
        assert all(a.dtype == np.float32 for a in state.values())


def test_reassigned_weights_are_updated_and_keep_their_state():
    layer = layer_with_gradients(np.ones((3, 2)), np.zeros((3, 1)))
    opt = Momentum(layer.parameters(), lr=1.0, beta=0.5)
    opt.step()  # v = 0.5
    layer.W = np.zeros((3, 2))
    opt.step()  # v = 0.75
    assert_allclose(layer.W, np.full((3, 2), -0.75))


def test_two_layers_of_one_shape_never_share_state():
    a = layer_with_gradients(np.ones((2, 2)), np.ones((2, 1)))
    b = layer_with_gradients(-np.ones((2, 2)), np.ones((2, 1)))
    opt = Adam(Sequential(a, b).parameters(), lr=0.1)
    opt.step()
    assert len(opt.state) == 4
    assert_allclose(opt.state[a.parameters()[0]]["v"], -opt.state[b.parameters()[0]]["v"])


def test_step_before_backward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match=r"no gradient dW yet: call model.backward"):
        SGD(Layer(2, 1).parameters(), lr=0.1).step()


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda p: SGD(p, lr=-0.1), ValueError, r"lr must be in \(0.0, inf\]. Received: lr=-0.1"),
        (lambda p: SGD(p, lr="fast"), TypeError, "lr must be a real number"),
        (lambda p: Momentum(p, lr=0.1, beta=1.0), ValueError, r"beta must be in \[0.0, 1.0\)"),
        (lambda p: Adam(p, beta2=-0.5), ValueError, r"beta2 must be in \[0.0, 1.0\)"),
        (lambda p: SGD([], lr=0.1), ValueError, "params is empty"),
        (lambda p: SGD([np.ones(2)], lr=0.1), TypeError, "params must be model.parameters()"),
    ],
)
def test_bad_hyperparameters_are_named(make, error, match):
    with pytest.raises(error, match=match):
        make(Layer(2, 1).parameters())


def test_sgd_trains_a_model_with_the_seed_update():
    model = Sequential(Layer(2, 4, activation=blocks.Tanh(), rng=0), Layer(4, 1, activation=blocks.Sigmoid(), rng=1))
    from losses import BinaryCrossEntropy

    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    loss, opt = BinaryCrossEntropy(), SGD(model.parameters(), lr=1.0)
    costs = []
    for _ in range(2000):
        AL = model.forward(X)
        costs.append(loss.forward(AL, Y))
        model.backward(loss.backward(AL, Y))
        opt.step()
    assert costs[-1] < 0.05 < costs[0]
