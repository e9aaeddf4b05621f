"""Flatten: the row order (c n_H + h) n_W + w, backward reshapes back, shapes and errors."""
import numpy as np
import pytest
from hypothesis import given
from numpy.testing import assert_array_equal

from blocks import Flatten, Layer, Sequential
from blocks.testing.strategies import images


def test_row_order_is_c_h_w():
    A_prev = np.random.default_rng(0).standard_normal((2, 3, 4, 5))
    A = Flatten().forward(A_prev)
    assert A.shape == (24, 5)
    for c, h, w in np.ndindex(2, 3, 4):
        assert_array_equal(A[(c * 3 + h) * 4 + w], A_prev[c, h, w])


@given(A_prev=images())
def test_backward_is_the_inverse_reshape(A_prev):
    flatten = Flatten()
    A = flatten.forward(A_prev)
    assert_array_equal(flatten.backward(A), A_prev)
    assert flatten.backward(A, need_dA_prev=False) is None


def test_output_shape():
    assert Flatten().output_shape((16, 5, 5, "m")) == (400, "m")
    assert Flatten().output_shape((16, None, None, "m")) == (None, "m")
    Sequential(Flatten(), Layer(400, 3), input_shape=(16, 5, 5))


@pytest.mark.parametrize("make, error, match", [
    (lambda: Flatten().forward(np.zeros(3)), ValueError, r"expects A_prev with the samples last.*1-D"),
    (lambda: Flatten().backward(np.zeros((2, 1))), RuntimeError, r"backward\(dA\) was called before"),
    (lambda: Sequential(Flatten(), Layer(40, 3), input_shape=(16, 5, 5)), ValueError,
     r"block 0, Flatten\(\), gives \(400, m\), but block 1: Layer\(40, 3.*expects A_prev with n\^\[l-1\] = 40 rows"),
])
def test_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()
