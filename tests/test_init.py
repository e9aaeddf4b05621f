"""Weight initialisers: scale, shape, reproducibility, and the layer's default choice."""
import numpy as np
import pytest

import blocks
from blocks import init


@pytest.mark.parametrize(
    ("name", "std"),
    [("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / 600)), ("lecun", np.sqrt(1 / 400)), ("small", 0.01)],
)
def test_standard_deviation(name, std):
    W = init.get_initialiser(name)(400, 200, np.random.default_rng(0))
    assert W.shape == (200, 400)
    assert abs(W.std() / std - 1) < 0.02


def test_default_follows_the_activation():
    rng = np.random.default_rng
    assert np.array_equal(blocks.Layer(30, 20, activation=blocks.ReLU(), rng=1).W, init.he(30, 20, rng(1)))
    assert np.array_equal(blocks.Layer(30, 20, activation=blocks.Tanh(), rng=1).W, init.xavier(30, 20, rng(1)))


def test_callable_initialiser():
    layer = blocks.Layer(3, 2, init=lambda n_in, n_out, rng: np.full((n_out, n_in), 0.5))
    assert (layer.W == 0.5).all()


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"init must be one of \['he', 'lecun', 'small', 'xavier'\]"):
        blocks.Layer(3, 2, init="glorot")


def test_rng_must_be_a_seed_or_generator():
    with pytest.raises(TypeError, match="rng must be an int seed"):
        blocks.Layer(3, 2, rng="seed")
