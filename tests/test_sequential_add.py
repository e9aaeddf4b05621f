"""Sequential.add(block): Keras's way to build a model one block at a time."""
import numpy as np
import pytest

from blocks import Dropout, Layer, ReLU, Sequential, Sigmoid


def test_add_appends_and_chains():
    model = Sequential(Layer(2, 4, activation=ReLU(), rng=0))
    assert model.add(Dropout(keep_prob=0.9, rng=1)) is model
    model.add(Layer(4, 1, activation=Sigmoid(), rng=2))
    built = Sequential(Layer(2, 4, activation=ReLU(), rng=0), Dropout(keep_prob=0.9, rng=1),
                       Layer(4, 1, activation=Sigmoid(), rng=2))
    X = np.random.default_rng(0).standard_normal((2, 5))
    assert len(model) == 3 and model.n_in == 2 and model.n_out == 1
    assert np.array_equal(model.predict(X), built.predict(X)) and len(model.parameters()) == 4


@pytest.mark.parametrize(("block", "error", "message"), [
    (Layer(3, 1), ValueError, r"blocks 0 and 1 of the Sequential do not chain: block 0, .*, gives \(4, m\)"),
    (ReLU(), TypeError, r"block 1 of the Sequential is the activation ReLU\(\), not a Block"),
    ("layer", TypeError, r"block 1 of the Sequential must be a Block"),
])
def test_a_block_that_does_not_fit_leaves_the_model_as_it_was(block, error, message):
    model = Sequential(Layer(2, 4, rng=0))
    with pytest.raises(error, match=message):
        model.add(block)
    assert len(model) == 1 and model.n_out == 4


def test_the_same_block_twice_is_refused():
    first = Layer(2, 2, rng=0)
    model = Sequential(first)
    with pytest.raises(ValueError, match=r"block 1 of the Sequential is the same object as block 0"):
        model.add(first)
    assert len(model) == 1
