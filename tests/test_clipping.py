"""Gradient clipping by global norm: optim.clip_grad_norm and every optimizer's clip_norm."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from blocks import Layer, Sequential
from blocks.testing.strategies import matrices
from optim import SGD, Adam, clip_grad_norm, global_norm


def two_layers(dW1, dW2, dtype=np.float64):
    a, b = Layer(2, 3, rng=0, dtype=dtype), Layer(3, 1, rng=1, dtype=dtype)
    a.dW, a.db = dW1.astype(dtype), np.ones((3, 1), dtype=dtype)
    b.dW, b.db = dW2.astype(dtype), -np.ones((1, 1), dtype=dtype)
    return Sequential(a, b)


@given(dW1=matrices(3, 2), dW2=matrices(1, 3), max_norm=st.floats(0.1, 10.0))
def test_clip_grad_norm_scales_all_gradients_by_one_factor(dW1, dW2, max_norm):
    model = two_layers(dW1, dW2)
    grads = [p.grad.copy() for p in model.parameters()]
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    returned = clip_grad_norm(model.parameters(), max_norm)
    assert returned == pytest.approx(norm, rel=1e-12)
    scale = min(1.0, max_norm / norm)
    for p, g in zip(model.parameters(), grads, strict=True):
        assert_allclose(p.grad, g * scale, rtol=1e-12, atol=1e-15, err_msg=repr(p))
    assert global_norm(model.parameters()) == pytest.approx(min(norm, max_norm), rel=1e-9)


@given(dW1=matrices(3, 2), dW2=matrices(1, 3), max_norm=st.floats(0.1, 10.0))
def test_optimizer_clip_norm_equals_clipping_first_and_leaves_the_gradients(dW1, dW2, max_norm):
    clipped, reference = two_layers(dW1, dW2), two_layers(dW1, dW2)
    SGD(clipped.parameters(), lr=0.5, clip_norm=max_norm).step()
    clip_grad_norm(reference.parameters(), max_norm)
    SGD(reference.parameters(), lr=0.5).step()
    for p, q in zip(clipped.parameters(), reference.parameters(), strict=True):
        assert_allclose(p.value, q.value, rtol=1e-12, atol=1e-15, err_msg=repr(p))
    assert np.array_equal(clipped[0].dW, dW1), "clip_norm edited layer.dW"


def test_clipping_comes_before_l2():
    model = two_layers(np.full((3, 2), 10.0), np.zeros((1, 3)))
    W0, big = model[0].W.copy(), global_norm(model.parameters())
    SGD(model.parameters(), lr=1.0, clip_norm=1.0, weight_decay=0.1).step()
    assert_allclose(model[0].W, W0 - (10.0 / big + 0.1 * W0))


def test_float32_gradients_do_not_overflow_the_norm():
    model = two_layers(np.full((3, 2), 1e30), np.zeros((1, 3)), dtype=np.float32)
    norm = clip_grad_norm(model.parameters(), 1.0)
    assert np.isfinite(norm) and model[0].dW.dtype == np.float32
    assert global_norm(model.parameters()) == pytest.approx(1.0, rel=1e-5)


def test_a_non_finite_norm_clips_nothing_so_the_nan_shows():
    model = two_layers(np.full((3, 2), np.nan), np.zeros((1, 3)))
    assert np.isnan(clip_grad_norm(model.parameters(), 1.0))
    assert np.array_equal(model[1].db, -np.ones((1, 1)))


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda p: Adam(p, clip_norm=0.0), ValueError, r"clip_norm must be in \(0.0, inf\]. Received: clip_norm=0.0"),
        (lambda p: SGD(p, lr=0.1, clip_norm="5"), TypeError, "clip_norm must be a real number"),
        (lambda p: clip_grad_norm(p, -1.0), ValueError, r"max_norm must be in \(0.0, inf\]"),
        (lambda p: clip_grad_norm([np.ones(2)], 1.0), TypeError, "params must be model.parameters()"),
    ],
)
def test_bad_clipping_settings_are_named(make, error, match):
    layer = Layer(2, 1)
    layer.dW, layer.db = np.ones((1, 2)), np.ones((1, 1))
    with pytest.raises(error, match=match):
        make(layer.parameters())
