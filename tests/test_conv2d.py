"""Conv2D: gradients against central differences over drawn geometries, a hand-computed case, "same", errors."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from blocks import Conv2D, Flatten, Layer, MaxPool2D, ReLU, Sequential, Tanh
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import conv2ds, images, matrices, sizes


def check_block(block, A_prev, seed=0, max_entries=None):
    """check_gradients on one block: J = (1/m) sum(dA * A) for a drawn dA, through a Flatten (exact)."""
    model = Sequential(block, Flatten())
    dA = np.random.default_rng(seed).standard_normal(model.forward(A_prev).shape)
    return check_gradients(model, A_prev, dA, LinearLoss(), max_entries=max_entries)


@settings(max_examples=25)
@given(data=st.data(), m=sizes(1, 3))
@example(data=None, m=1)
def test_gradients_match_central_differences(data, m):
    if data is None:  # pinned: n_C_prev = n_C = 1, a 1x1 kernel on a 1x1 image, one sample
        conv, (n_H, n_W) = Conv2D(1, 1, 1, rng=0), (1, 1)
        A_prev = np.array([[[[0.7]]]])
    else:
        conv, (n_H, n_W) = data.draw(conv2ds())
        A_prev = data.draw(images(conv.n_C_prev, n_H, n_W, m))
    check_block(conv, A_prev, max_entries=40)


def test_a_3x3_input_with_a_2x2_kernel_by_hand():
    A_prev = np.arange(9.0).reshape(1, 3, 3, 1)  # [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    conv = Conv2D(1, 1, 2, rng=0)
    conv.W, conv.b = np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), np.array([[0.5]])
    Z = conv.forward(A_prev)
    # Z[0, 0] = 0*1 + 1*2 + 3*3 + 4*4 + 0.5, and so on over the four windows
    assert_array_equal(Z[0, :, :, 0], [[27.5, 37.5], [57.5, 67.5]])
    dA = np.array([[[[1.0], [0.0]], [[0.0], [2.0]]]])  # (1, 2, 2, 1)
    dA_prev = conv.backward(dA)
    # dW[p, q] = (1/m) sum dZ[h, w] A_prev[h + p, w + q] = 1 * A_prev[p, q] + 2 * A_prev[1 + p, 1 + q]
    assert_array_equal(conv.dW[0, 0], [[0 + 2 * 4, 1 + 2 * 5], [3 + 2 * 7, 4 + 2 * 8]])
    assert_array_equal(conv.db, [[3.0]])
    # dA_prev: the kernel times 1 at the top left window plus the kernel times 2 at the bottom right
    assert_array_equal(dA_prev[0, :, :, 0], [[1, 2, 0], [3, 4 + 2, 4], [0, 6, 8]])


def test_dW_and_db_carry_the_1_over_m():
    conv = Conv2D(2, 3, 2, rng=0)
    A1 = np.random.default_rng(1).standard_normal((2, 4, 4, 1))
    dA1 = np.random.default_rng(2).standard_normal((3, 3, 3, 1))
    conv.forward(A1)
    conv.backward(dA1)
    dW1, db1 = conv.dW.copy(), conv.db.copy()
    conv.forward(np.concatenate([A1, A1], axis=3))
    dA_prev = conv.backward(np.concatenate([dA1, dA1], axis=3))
    assert_allclose(conv.dW, dW1)
    assert_allclose(conv.db, db1)
    assert dA_prev.shape == (2, 4, 4, 2)


@given(f=st.integers(1, 6), n=st.integers(1, 8), m=sizes(1, 2))
def test_same_padding_keeps_the_size(f, n, m):
    conv = Conv2D(2, 3, f, padding="same", rng=0)
    A_prev = np.ones((2, n, n + 1, m))
    assert conv.forward(A_prev).shape == (3, n, n + 1, m)
    assert conv.backward(np.ones((3, n, n + 1, m))).shape == A_prev.shape
    assert conv.output_shape((2, n, n + 1, "m")) == (3, n, n + 1, "m")


def test_same_with_an_even_kernel_pads_the_bottom_and_right():
    conv = Conv2D(1, 1, 2, padding="same", rng=0)
    conv.W = np.ones((1, 1, 2, 2))
    A = conv.forward(np.arange(4.0).reshape(1, 2, 2, 1))
    assert_array_equal(A[0, :, :, 0], [[0 + 1 + 2 + 3, 1 + 3], [2 + 3, 3]])


@pytest.mark.parametrize("geometry, expected", [
    ({"f": 5, "padding": 2}, (6, 28, 28)), ({"f": 5}, (6, 24, 24)), ({"f": 3, "stride": 2}, (6, 13, 13)),
    ({"f": (3, 5), "stride": (1, 2), "padding": (1, 0)}, (6, 28, 12)),
])
def test_output_size(geometry, expected):
    conv = Conv2D(1, 6, **geometry, rng=0)
    assert conv.output_shape((1, 28, 28, "m")) == (*expected, "m")
    assert conv.forward(np.zeros((1, 28, 28, 2))).shape == (*expected, 2)


def test_float32_stays_float32():
    conv = Conv2D(2, 3, 3, padding=1, activation=ReLU(), rng=0, dtype=np.float32)
    A = conv.forward(np.ones((2, 5, 5, 4), dtype=np.float32))
    dA_prev = conv.backward(np.ones_like(A))
    assert {a.dtype for a in (conv.W, conv.b, A, conv.Z, conv.dW, conv.db, dA_prev)} == {np.dtype(np.float32)}


def test_he_initialisation_has_fan_in_n_C_prev_f_f():
    conv = Conv2D(8, 64, 3, activation=ReLU(), rng=0)
    assert conv.W.shape == (64, 8, 3, 3)
    assert abs(conv.W.std() / np.sqrt(2 / (8 * 9)) - 1) < 0.05
    assert_array_equal(conv.b, np.zeros((64, 1)))


def test_loops_over_the_kernel_not_the_samples():
    """Same values for one batch of m and for each sample alone: no state leaks between columns."""
    conv = Conv2D(2, 3, 3, stride=2, padding=1, activation=Tanh(), rng=0)
    A_prev = np.random.default_rng(0).standard_normal((2, 7, 6, 5))
    A = conv.forward(A_prev)
    for i in range(5):
        assert_allclose(conv.forward(A_prev[..., i:i + 1])[..., 0], A[..., i], atol=1e-12)


@pytest.mark.parametrize("make, error, match", [
    (lambda: Conv2D(1, 6, 5).forward(np.zeros((64, 28, 28, 1))), ValueError,
     r"looks like the samples-first layout \(m, n_H, n_W, n_C\) = \(64, 28, 28, 1\).*transpose\(3, 1, 2, 0\)"),
    (lambda: Conv2D(3, 6, 5).forward(np.zeros((64, 3, 28, 28))), ValueError,
     r"samples-first layout \(m, n_C, n_H, n_W\).*np.moveaxis\(A_prev, 0, -1\), of shape \(3, 28, 28, 64\)"),
    (lambda: Conv2D(1, 6, 5).forward(np.zeros((1, 28, 28))), ValueError,
     r"expects A_prev of shape \(1, n_H_prev, n_W_prev, m\).*3-D.*For one image use A_prev\[\.\.\., None\]"),
    (lambda: Conv2D(1, 6, 5).forward(np.zeros((1, 4, 9, 2))), ValueError,
     r"kernel f_H = 5 is larger than the input's n_H_prev = 4 so no window fits"),
    (lambda: Conv2D(1, 6, 7, padding=1).forward(np.zeros((1, 4, 9, 2))), ValueError,
     r"kernel f_H = 7 is larger than the input's n_H_prev = 4, padded to 6,"),
    (lambda: Conv2D(1, 6, 3, stride=2, padding="same"), ValueError,
     r'padding="same" keeps n_H and n_W only at stride 1'),
    (lambda: Conv2D(1, 6, 3, stride=0), ValueError, r"stride must be a positive int or a pair of them \(H, W\)"),
    (lambda: Conv2D(1, 6, 3, stride=(1, 2, 3)), TypeError, r"stride must be a positive int or a pair"),
    (lambda: Conv2D(1, 6, 2.5), TypeError, r"f must be a positive int or a pair of them"),
    (lambda: Conv2D(1, 6, 3, padding="valid"), ValueError, r'padding must be an int >= 0, a pair of them .*"same"'),
    (lambda: Conv2D(1, 6, 3, padding=-1), ValueError, r"padding must be an int >= 0"),
    (lambda: Conv2D(0, 6, 3), ValueError, r"n_C_prev must be a positive int"),
    (lambda: setattr(Conv2D(2, 6, 3), "W", np.zeros((6, 2, 3))), ValueError,
     r"W must have shape \(6, 2, 3, 3\), \(n_C, n_C_prev, f_H, f_W\); got \(6, 2, 3\)"),
    (lambda: setattr(Conv2D(2, 6, 3), "b", np.zeros(6)), ValueError, r"b must have shape \(6, 1\), the column"),
    (lambda: Conv2D(2, 6, 3).backward(np.zeros((6, 1, 1, 1))), RuntimeError, r"backward\(dA\) was called before"),
    (lambda: Sequential(Conv2D(1, 6, 5), Layer(6, 2)), ValueError,
     r"blocks 0 and 1 of the Sequential do not chain.*Layer\(6, 2.*put a Flatten\(\) before it"),
    (lambda: Sequential(Layer(4, 3), Conv2D(3, 6, 5)), ValueError,
     r"block 0, Layer\(4, 3.*gives \(3, m\), but block 1: Conv2D\(3, 6, 5.*"
     r"expects images \(3, n_H_prev, n_W_prev, m\)"),
    (lambda: Sequential(Conv2D(1, 6, 5), MaxPool2D(2), Conv2D(3, 16, 5)), ValueError,
     r"block 1, MaxPool2D\(2\), gives \(6, \?, \?, m\), but block 2: Conv2D\(3, 16, 5.*n_C_prev = 3 channels.*"
     r"gives 6 channels"),
    (lambda: Sequential(Conv2D(1, 6, 5), MaxPool2D(2), Conv2D(6, 16, 9), input_shape=(1, 20, 20)), ValueError,
     r"block 2: Conv2D\(6, 16, 9.*kernel f_H = 9 is larger than the input's n_H_prev = 8"),
])
def test_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_a_wrong_dA_is_refused():
    conv = Conv2D(2, 3, 3, rng=0)
    conv.forward(np.zeros((2, 5, 5, 2)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(3, 3, 3, 2\); got \(3, 3, 3, 1\)"):
        conv.backward(np.zeros((3, 3, 3, 1)))


@given(data=st.data())
def test_need_dA_prev_false_fills_the_same_gradients(data):
    conv, (n_H, n_W) = data.draw(conv2ds(activation=Tanh()))
    A_prev = data.draw(images(conv.n_C_prev, n_H, n_W, 2))
    A = conv.forward(A_prev)
    dA = data.draw(matrices(A.size, 1)).reshape(A.shape)
    dA_prev = conv.backward(dA)
    dW, db = conv.dW.copy(), conv.db.copy()
    assert conv.backward(dA, need_dA_prev=False) is None
    assert_array_equal(conv.dW, dW)
    assert_array_equal(conv.db, db)
    assert dA_prev.shape == A_prev.shape
