"""Training checkpoints: resuming from model.save(path, optimizer=opt) continues bit for bit."""
import numpy as np
import pytest

from blocks import BatchNorm, Dropout, Identity, Layer, ReLU, Sequential, Sigmoid
from blocks.saving import load, load_checkpoint
from losses import BinaryCrossEntropy
from optim import SGD, Adam, AdamW, Momentum, RMSProp
from tests.custom_blocks import Noise, Shift
from tests.saving_helpers import assert_same_model

OPTIMIZERS = [
    (SGD, {"lr": 0.1}),
    (Momentum, {"lr": 0.1, "beta": 0.8}),
    (RMSProp, {"lr": 0.01, "beta": 0.7, "eps": 1e-6}),
    (Adam, {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-7}),
    (Adam, {"lr": 0.01, "weight_decay": 0.05, "clip_norm": 0.5}),
    (AdamW, {"lr": 0.01, "weight_decay": 0.1}),
]


def new_model(dtype):
    return Sequential(
        Layer(3, 4, activation=ReLU(), rng=0, dtype=dtype),
        Shift(4, momentum=0.8, dtype=dtype),
        Noise(0.1, rng=1),
        Layer(4, 3, activation=Identity(), rng=3, dtype=dtype),
        BatchNorm(3, activation=ReLU(), momentum=0.8, dtype=dtype),
        Dropout(keep_prob=0.8, rng=4),
        Layer(3, 1, activation=Sigmoid(), rng=2, dtype=dtype),
    )


def data(dtype):
    rng = np.random.default_rng(7)
    X = rng.standard_normal((3, 16)).astype(dtype)
    return X, (X.sum(axis=0, keepdims=True) > 0).astype(dtype)


def train(model, opt, X, Y, steps):
    """The canonical loop of API.md; the cost of each step."""
    loss, costs = BinaryCrossEntropy(), []
    for _ in range(steps):
        AL = model.forward(X)
        costs.append(loss.forward(AL, Y))
        model.backward(loss.backward(AL, Y))
        opt.step()
    return costs


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("cls, h", OPTIMIZERS, ids=[f"{c.__name__}-{'-'.join(h)}" for c, h in OPTIMIZERS])
def test_training_resumed_from_a_checkpoint_equals_training_that_never_stopped(tmp_path, dtype, cls, h):
    X, Y = data(dtype)
    straight = new_model(dtype)
    opt = cls(straight.parameters(), **h)
    costs = train(straight, opt, X, Y, 8)

    stopped = new_model(dtype)
    opt_stopped = cls(stopped.parameters(), **h)
    before = train(stopped, opt_stopped, X, Y, 4)
    stopped.save(tmp_path / "checkpoint.npz", optimizer=opt_stopped)
    model, resumed = load_checkpoint(tmp_path / "checkpoint.npz")
    assert type(resumed) is cls and resumed.get_config() == opt_stopped.get_config() and resumed.t == 4
    assert h.items() <= resumed.get_config().items()
    after = train(model, resumed, X, Y, 4)

    assert before + after == costs
    assert_same_model(straight, model)
    assert resumed.t == opt.t
    for p, q in zip(opt.params, resumed.params, strict=True):
        assert opt.state_of(p).keys() == resumed.state_of(q).keys()
        for name, a in opt.state_of(p).items():
            assert resumed.state_of(q)[name].dtype == dtype and resumed.state_of(q)[name].tobytes() == a.tobytes()


@pytest.mark.parametrize("cls, h", OPTIMIZERS[1:], ids=[c.__name__ for c, _ in OPTIMIZERS[1:]])
def test_without_the_optimizer_state_training_would_not_continue_alike(tmp_path, cls, h):
    """What the test above guards against: a stateful optimizer restarted from zero moments drifts."""
    X, Y = data(np.float64)
    straight = new_model(np.float64)
    costs = train(straight, cls(straight.parameters(), **h), X, Y, 8)
    stopped = new_model(np.float64)
    before = train(stopped, cls(stopped.parameters(), **h), X, Y, 4)
    stopped.save(tmp_path / "model.npz")
    model = load(tmp_path / "model.npz")
    assert before + train(model, cls(model.parameters(), **h), X, Y, 4) != costs


def test_an_optimizer_over_some_parameters_comes_back_over_the_same_ones(tmp_path):
    X, Y = data(np.float64)
    model = new_model(np.float64)
    opt = Adam(model[3].parameters(), lr=0.01)
    train(model, opt, X, Y, 2)
    model.save(tmp_path / "c.npz", optimizer=opt)
    loaded, resumed = load_checkpoint(tmp_path / "c.npz")
    assert [(p.block, p.name) for p in resumed.params] == [(loaded[3], "W"), (loaded[3], "b")]
    assert resumed.state_of(resumed.params[0])["v"].tobytes() == opt.state_of(opt.params[0])["v"].tobytes()


def test_an_optimizer_of_another_model_or_not_an_optimizer_is_refused(tmp_path):
    model, other = new_model(np.float64), new_model(np.float64)
    with pytest.raises(ValueError, match=r"it updates Parameter\(Layer.W, shape=\(4, 3\)\), which is not a "
                                         "parameter of this model"):
        model.save(tmp_path / "c.npz", optimizer=SGD(other.parameters(), lr=0.1))
    with pytest.raises(TypeError, match="optimizer must be an npblocks Optimizer such as Adam"):
        model.save(tmp_path / "c.npz", optimizer="adam")
    assert list(tmp_path.iterdir()) == []


def test_sequential_load_of_a_checkpoint_gives_the_model_alone(tmp_path):
    X, Y = data(np.float64)
    model = new_model(np.float64)
    opt = Momentum(model.parameters(), lr=0.1)
    train(model, opt, X, Y, 2)
    model.save(tmp_path / "c.npz", optimizer=opt)
    assert_same_model(model, Sequential.load(tmp_path / "c.npz"))
