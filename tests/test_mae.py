"""MeanAbsoluteError: the mean of |AL - Y| over all entries (PyTorch's L1Loss), dAL = sign(AL - Y) / n^[L]."""
import numpy as np
from numpy.testing import assert_array_equal

from blocks.testing import check_loss
from blocks.testing.strategies import matrices
from losses import Loss, MeanAbsoluteError


def test_hand_computed():
    AL, Y = np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([[0.0, 0.0], [1.0, 3.0]])
    assert MeanAbsoluteError().forward(AL, Y) == (1 + 2 + 0.5 + 0) / 4
    assert_array_equal(MeanAbsoluteError().backward(AL, Y), np.array([[1.0, -1.0], [-1.0, 0.0]]) / 2)


def test_backward_is_m_times_the_gradient_of_the_cost():
    assert isinstance(MeanAbsoluteError(), Loss)
    check_loss(MeanAbsoluteError())  # AL in [0.05, 0.95], one-hot Y: away from the kink at AL = Y
    check_loss(MeanAbsoluteError(), Y=lambda n, m: matrices(n, m, 1.0, 2.0))


def test_a_float32_input_stays_float32():
    AL = np.ones((2, 3), np.float32)
    assert MeanAbsoluteError().backward(AL, np.zeros((2, 3), np.float32)).dtype == np.float32
