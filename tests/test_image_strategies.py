"""The image strategies of blocks.testing.strategies draw what they promise: shapes, no ties, geometries that fit."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from blocks import AvgPool2D, Conv2D, MaxPool2D
from blocks.testing.strategies import conv2ds, conv_geometries, distinct_images, images, pool_geometries


@given(X=images(2, st.integers(3, 4), 5, dtype=np.float32))
def test_images_have_the_asked_shape_and_dtype(X):
    assert X.shape[0] == 2 and X.shape[1] in (3, 4) and X.shape[2] == 5 and 1 <= X.shape[3] <= 5
    assert X.dtype == np.float32 and np.isfinite(X).all() and np.abs(X).max() <= 3


@given(X=distinct_images(gap=0.05))
def test_distinct_images_have_no_two_entries_closer_than_the_gap(X):
    values = np.sort(X.ravel())
    assert X.ndim == 4
    assert values.size == 1 or np.diff(values).min() >= 0.05 - 1e-12


@given(g=conv_geometries(), m=st.integers(1, 2))
def test_conv_geometries_fit(g, m):
    conv = Conv2D(1, 2, g["f"], stride=g["stride"], padding=g["padding"], rng=0)
    A = conv.forward(np.zeros((1, g["n_H_prev"], g["n_W_prev"], m)))
    assert A.shape[1] >= 1 and A.shape[2] >= 1
    if g["padding"] == "same":
        assert A.shape[1:3] == (g["n_H_prev"], g["n_W_prev"])


@given(g=pool_geometries())
def test_pool_geometries_fit(g):
    for pool in (MaxPool2D, AvgPool2D):
        A = pool(g["f"], stride=g["stride"]).forward(np.zeros((1, g["n_H_prev"], g["n_W_prev"], 1)))
        assert A.shape[1] >= 1 and A.shape[2] >= 1


@given(drawn=conv2ds(n_C_prev=2, n_C=3, dtype=np.float32))
def test_conv2ds_are_conv2d_blocks_with_their_input_size(drawn):
    conv, (n_H, n_W) = drawn
    assert isinstance(conv, Conv2D) and conv.W.shape[:2] == (3, 2) and conv.W.dtype == np.float32
    assert conv.forward(np.ones((2, n_H, n_W, 1), dtype=np.float32)).dtype == np.float32
