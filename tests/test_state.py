"""Snapshots of a model's state: restored bit for bit, whatever the attributes are called."""
import random

import numpy as np

import blocks
from blocks import Block, Layer, Sequential
from blocks.testing.state import blocks_of, promote, restore, snapshot


class Stateful(Block):
    """A block with every kind of state the snapshot must handle."""

    def __init__(self):
        self.rng = np.random.default_rng(0)
        self.legacy = np.random.RandomState(0)
        self.python_rng = random.Random(0)
        self.running = np.zeros((2, 1))
        self.history = [np.ones(2)]
        self.extra = {"count": 0}
        self.inner = Layer(2, 2, rng=0)

    def forward(self, A_prev):
        self.rng.random(3), self.legacy.rand(3), self.python_rng.random()
        self.running += 1.0
        self.history.append(A_prev)
        self.history[0][0] = 5.0
        self.extra["count"] += 1
        self.cache = A_prev
        self.running_view = self.running
        self.running = self.running * 2  # rebinds the attribute to a new array
        return A_prev


def test_restore_puts_back_every_kind_of_state():
    block = Stateful()
    model = Sequential(block, Layer(2, 1, rng=1))
    saved = snapshot(model)
    running, history = block.running, block.history
    draws = (block.rng.random(), block.legacy.rand(), block.python_rng.random())
    restore(saved)
    model.forward(np.ones((2, 3)))
    restore(saved)
    assert block.running is running and (running == 0).all()
    assert block.history is history and len(history) == 1 and history[0][0] == 1.0
    assert block.extra == {"count": 0} and not hasattr(block, "cache") and not hasattr(block, "running_view")
    assert (block.rng.random(), block.legacy.rand(), block.python_rng.random()) == draws


def test_blocks_of_finds_nested_blocks_and_activations_once():
    shared = Layer(2, 2, activation=blocks.Tanh(), rng=0)
    model = Sequential(shared, Stateful())
    model.blocks.append(shared)  # Sequential refuses a shared block when built; blocks_of must cope anyway
    found = blocks_of(model)
    assert sum(b is shared for b in found) == 1
    assert any(isinstance(b, blocks.Tanh) for b in found) and any(b is not shared and isinstance(b, Layer)
                                                                   for b in found)


def test_restore_never_writes_an_unchanged_array():
    X = np.ones((2, 3))
    layer = Layer(2, 1, rng=0)
    layer.forward(X)  # the layer caches the caller's X itself
    X.flags.writeable = False
    saved = snapshot(layer)
    layer.forward(np.zeros((2, 3)))
    restore(saved)
    assert layer.A_prev is X


def test_promote_runs_float32_in_float64_and_restore_undoes_it():
    layer = Layer(3, 2, activation=blocks.Sigmoid(), rng=0, dtype=np.float32)
    W, saved = layer.W, snapshot(layer)
    promote(layer)
    assert layer.W.dtype == np.float64 and layer.dtype == np.float64
    assert layer.forward(np.ones((3, 2))).dtype == np.float64
    restore(saved)
    assert layer.W is W and layer.W.dtype == np.float32 and layer.dtype == np.float32 and layer.A_prev is None
