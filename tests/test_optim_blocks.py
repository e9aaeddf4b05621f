"""Large parameters are updated in row blocks: the same numbers, to the bit, as one whole update."""
import numpy as np
import pytest

import optim
import optim.optimizer
from blocks import Layer
from optim import SGD, Adam, AdamW, Momentum, RMSProp

RULES = [
    (SGD, {"lr": 0.1}),
    (Momentum, {"lr": 0.1, "beta": 0.9}),
    (RMSProp, {"lr": 0.01}),
    (Adam, {"lr": 0.01}),
    (AdamW, {"lr": 0.01, "weight_decay": 0.1}),
    (Adam, {"lr": 0.01, "weight_decay": 0.05, "clip_norm": 1.0}),
]


def train(cls, h, chunk, monkeypatch, dtype):
    monkeypatch.setattr(optim.optimizer, "CHUNK", chunk)
    layer = Layer(7, 5, rng=0, dtype=dtype)
    opt = cls(layer.parameters(), **h)
    rng = np.random.default_rng(1)
    for _ in range(3):
        layer.dW = rng.standard_normal((5, 7)).astype(dtype)
        layer.db = rng.standard_normal((5, 1)).astype(dtype)
        opt.step()
    return layer, opt


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("cls", "h"), RULES, ids=[f"{c.__name__}-{'-'.join(h)}" for c, h in RULES])
def test_blocks_of_rows_give_the_whole_update_to_the_bit(monkeypatch, cls, h, dtype):
    whole, whole_opt = train(cls, h, 1 << 30, monkeypatch, dtype)
    rows, rows_opt = train(cls, h, 8, monkeypatch, dtype)  # 8 // 7 = one row of W per block
    assert rows.W.tobytes() == whole.W.tobytes() and rows.b.tobytes() == whole.b.tobytes()
    for p, q in zip(whole_opt.params, rows_opt.params, strict=True):
        for name, array in whole_opt.state_of(p).items():
            assert rows_opt.state_of(q)[name].tobytes() == array.tobytes(), name
            assert rows_opt.state_of(q)[name].shape == array.shape


def test_the_update_is_in_place(monkeypatch):
    monkeypatch.setattr(optim.optimizer, "CHUNK", 8)
    layer = Layer(7, 5, rng=0)
    W = layer.W
    opt = Adam(layer.parameters(), lr=0.1)
    for _ in range(2):
        layer.dW, layer.db = np.ones((5, 7)), np.ones((5, 1))
        opt.step()
    assert layer.W is W and not np.array_equal(W, Layer(7, 5, rng=0).W)


class NormalizedMomentum(optim.Optimizer):
    """A user's rule that is not elementwise: v := beta v + (1 - beta) dW;  W := W - lr v / ||v||."""

    def __init__(self, params, lr, beta=0.9):
        super().__init__(params, lr)
        self.beta = beta

    def update(self, W, dW, state):
        v = self.zeros(state, "v", W)
        v *= self.beta
        v += (1 - self.beta) * dW
        W -= self.lr * v / np.linalg.norm(v)


def test_a_rule_that_is_not_elementwise_sees_the_whole_array():
    """The issue's case: a 200,000-entry W (larger than CHUNK), every step of norm lr exactly."""
    assert not NormalizedMomentum.elementwise and optim.optimizer.CHUNK < 200_000
    layer = Layer(400, 500, rng=0)
    opt = NormalizedMomentum(layer.parameters(), lr=0.5)
    rng = np.random.default_rng(2)
    for _ in range(3):
        layer.dW, layer.db = rng.standard_normal((500, 400)), rng.standard_normal((500, 1))
        before = layer.W.copy()
        opt.step()
        assert np.linalg.norm(layer.W - before) == pytest.approx(0.5, rel=1e-9)


@pytest.mark.parametrize("cls", [optim.SGD, optim.Momentum, optim.RMSProp, optim.Adam, optim.AdamW])
def test_the_built_in_rules_declare_themselves_elementwise(cls):
    assert cls.elementwise and not optim.Optimizer.elementwise
