"""MaxPool2D and AvgPool2D: gradients over drawn pool sizes (max-pool inputs without ties), pinned cases, errors."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from blocks import AvgPool2D, Flatten, MaxPool2D, Sequential
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import distinct_images, images, pool_geometries, sizes


def check_block(block, A_prev, seed=0):
    model = Sequential(block, Flatten())
    dA = np.random.default_rng(seed).standard_normal(model.forward(A_prev).shape)
    check_gradients(model, A_prev, dA, LinearLoss(), max_entries=60)


@settings(max_examples=20)
@given(data=st.data(), g=pool_geometries(), n_C=sizes(1, 2), m=sizes(1, 2),
       pool=st.sampled_from([MaxPool2D, AvgPool2D]))
@example(data=None, g={"n_H_prev": 1, "n_W_prev": 1, "f": 1, "stride": None}, n_C=1, m=1, pool=MaxPool2D)
def test_gradients_match_central_differences(data, g, n_C, m, pool):
    if data is None:
        A_prev = np.array([[[[0.3]]]])
    elif pool is MaxPool2D:  # no ties: the gradient of a max jumps where two entries of a window are equal
        A_prev = data.draw(distinct_images(n_C, g["n_H_prev"], g["n_W_prev"], m))
    else:
        A_prev = data.draw(images(n_C, g["n_H_prev"], g["n_W_prev"], m))
    check_block(pool(g["f"], stride=g["stride"]), A_prev)


def test_max_pool_with_a_known_argmax():
    A_prev = np.array([[1.0, 5.0, 2.0, 0.0],
                       [3.0, 4.0, 9.0, 1.0],
                       [0.0, 2.0, 6.0, 8.0],
                       [7.0, 1.0, 3.0, 2.0]]).reshape(1, 4, 4, 1)
    pool = MaxPool2D(2)
    A = pool.forward(A_prev)
    assert_array_equal(A[0, :, :, 0], [[5.0, 9.0], [7.0, 8.0]])
    dA_prev = pool.backward(np.array([[10.0, 20.0], [30.0, 40.0]]).reshape(1, 2, 2, 1))
    assert_array_equal(dA_prev[0, :, :, 0], [[0, 10, 0, 0], [0, 0, 20, 0], [0, 0, 0, 40], [30, 0, 0, 0]])


def test_a_tie_sends_the_gradient_to_the_first_maximum_in_row_major_order():
    pool = MaxPool2D(2)
    pool.forward(np.array([[2.0, 1.0], [2.0, 2.0]]).reshape(1, 2, 2, 1))
    dA_prev = pool.backward(np.ones((1, 1, 1, 1)))
    assert_array_equal(dA_prev[0, :, :, 0], [[1.0, 0.0], [0.0, 0.0]])


def test_overlapping_windows_add_their_gradients():
    pool = MaxPool2D(2, stride=1)
    A_prev = np.array([[0.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 0.0]]).reshape(1, 3, 3, 1)
    assert_array_equal(pool.forward(A_prev)[0, :, :, 0], np.full((2, 2), 9.0))
    dA_prev = pool.backward(np.ones((1, 2, 2, 1)))
    assert dA_prev[0, 1, 1, 0] == 4.0 and dA_prev.sum() == 4.0


def test_avg_pool_by_hand():
    A_prev = np.arange(16.0).reshape(1, 4, 4, 1)
    pool = AvgPool2D(2)
    assert_array_equal(pool.forward(A_prev)[0, :, :, 0], [[2.5, 4.5], [10.5, 12.5]])
    dA_prev = pool.backward(np.full((1, 2, 2, 1), 4.0))
    assert_array_equal(dA_prev, np.ones((1, 4, 4, 1)))


@pytest.mark.parametrize("pool", [MaxPool2D, AvgPool2D])
def test_pairs_odd_sizes_and_float32(pool):
    block = pool((2, 3), stride=(1, 2))
    A_prev = np.random.default_rng(0).standard_normal((3, 5, 8, 2)).astype(np.float32)
    A = block.forward(A_prev)
    assert A.shape == (3, 4, 3, 2) == block.output_shape((3, 5, 8, "m"))[:3] + (2,)
    assert A.dtype == block.backward(np.ones_like(A)).dtype == np.float32
    assert block.output_shape((3, 5, 8, "m")) == (3, 4, 3, "m")


def test_max_pool_is_the_window_maximum():
    A_prev = np.random.default_rng(0).standard_normal((2, 6, 6, 3))
    expected = A_prev.reshape(2, 3, 2, 3, 2, 3).max(axis=(2, 4))
    assert_allclose(MaxPool2D(2).forward(A_prev), expected)


@pytest.mark.parametrize("make, error, match", [
    (lambda: MaxPool2D(3).forward(np.zeros((1, 2, 5, 1))), ValueError,
     r"MaxPool2D\(3\): its kernel f_H = 3 is larger than the input's n_H_prev = 2 so no window fits"),
    (lambda: AvgPool2D(2).forward(np.zeros((4, 4, 2))), ValueError, r"expects A_prev of shape \(n_C_prev, n_H_prev"),
    (lambda: MaxPool2D(0), ValueError, r"f must be a positive int or a pair of them"),
    (lambda: MaxPool2D(2, stride=-1), ValueError, r"stride must be a positive int"),
    (lambda: AvgPool2D(2).backward(np.zeros((1, 1, 1, 1))), RuntimeError, r"backward\(dA\) was called before"),
    (lambda: Sequential(MaxPool2D(2), MaxPool2D(4), input_shape=(1, 6, 6)), ValueError,
     r"block 1: MaxPool2D\(4\): its kernel f_H = 4 is larger than the input's n_H_prev = 3"),
])
def test_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()
