"""Optimizer.get_config, state_dict and load_state_dict: hyperparameters and state, by parameter position."""
import numpy as np
import pytest

from blocks import Layer, Sequential
from optim import SGD, Adam, Momentum, RMSProp

OPTIMIZERS = [
    (SGD, {"lr": 0.1}),
    (Momentum, {"lr": 0.1, "beta": 0.8}),
    (RMSProp, {"lr": 0.01, "beta": 0.7, "eps": 1e-6}),
    (Adam, {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-7}),
]


def stepped(cls, h, steps=2, dtype=np.float64):
    model = Sequential(Layer(2, 3, rng=0, dtype=dtype), Layer(3, 1, rng=1, dtype=dtype))
    opt = cls(model.parameters(), **h)
    X = np.linspace(-1, 1, 8, dtype=dtype).reshape(2, 4)
    for _ in range(steps):
        model.backward(model.forward(X))
        opt.step()
    return model, opt


@pytest.mark.parametrize("cls, h", OPTIMIZERS)
def test_get_config_gives_the_hyperparameters_to_rebuild_an_equal_optimizer(cls, h):
    model, opt = stepped(cls, h, steps=0)
    assert h.items() <= opt.get_config().items()
    assert type(opt)(model.parameters(), **opt.get_config()).get_config() == opt.get_config()


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("cls, h", OPTIMIZERS)
def test_state_dict_round_trips_into_a_fresh_optimizer(cls, h, dtype):
    model, opt = stepped(cls, h, dtype=dtype)
    saved = opt.state_dict()
    fresh = cls(model.parameters(), **h)
    fresh.load_state_dict(saved)
    assert fresh.t == opt.t == 2
    for p in opt.params:
        assert fresh.state_of(p).keys() == opt.state_of(p).keys()
        for name, a in opt.state_of(p).items():
            assert fresh.state_of(p)[name].tobytes() == a.tobytes() and fresh.state_of(p)[name].dtype == dtype
            assert fresh.state_of(p)[name] is not a


def test_state_dict_is_a_copy():
    _, opt = stepped(Momentum, {"lr": 0.1})
    saved = opt.state_dict()
    saved["state"][0]["v"][...] = 7.0
    assert not np.any(opt.state_of(opt.params[0])["v"] == 7.0)


def test_load_state_dict_lists_every_mismatch_and_changes_nothing():
    model, opt = stepped(Adam, {"lr": 0.01})
    before = opt.state_dict()
    bad = opt.state_dict()
    bad["t"] = -1
    bad["state"][0]["v"] = np.zeros((5, 5))
    bad["state"][1]["s"] = bad["state"][1]["s"].astype(np.float32)
    with pytest.raises(ValueError, match=r"t must be an int >= 0.*v of Parameter\(Layer.W.*must be \(3, 2\) float64 "
                                         r"like it, got \(5, 5\).*s of Parameter\(Layer.b.*got \(3, 1\) float32"):
        opt.load_state_dict(bad)
    assert opt.t == before["t"]
    assert opt.state_of(opt.params[0])["v"].tobytes() == before["state"][0]["v"].tobytes()


@pytest.mark.parametrize("bad, message", [
    ({"t": 1}, "expected a dict with the keys 't' and 'state'"),
    ({"t": 1, "state": [{}]}, r"one dict per parameter \(4\), got 1"),
    ({"t": 1, "state": "x"}, r"one dict per parameter \(4\), got str"),
    ({"t": 1, "state": [{}, {}, {}, 3]}, "must be a dict of arrays, got int"),
    ({"t": 1, "state": [{"v": [1.0]}, {}, {}, {}]}, "got list"),
])
def test_load_state_dict_refuses_malformed_input(bad, message):
    _, opt = stepped(Adam, {"lr": 0.01})
    with pytest.raises(ValueError, match=message):
        opt.load_state_dict(bad)
