"""Huber: D^2/2 within delta of the target, delta(|D| - delta/2) beyond (PyTorch's HuberLoss), mean over all entries."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from blocks.testing import check_loss
from blocks.testing.strategies import matrices
from losses import Huber, MeanSquaredError


def test_hand_computed():
    AL, Y = np.array([[0.5, 3.0, -2.0]]), np.zeros((1, 3))
    assert Huber().forward(AL, Y) == (0.125 + 2.5 + 1.5) / 3
    assert_allclose(Huber().backward(AL, Y), [[0.5, 1.0, -1.0]])
    assert repr(Huber(delta=0.5)) == "Huber(delta=0.5)"


@pytest.mark.parametrize("delta", [0.3, 1.0, 5.0])
def test_backward_is_m_times_the_gradient_of_the_cost(delta):
    check_loss(Huber(delta), Y=lambda n, m: matrices(n, m, -1.0, 2.0, avoid=()))


def test_within_delta_it_is_half_the_mean_squared_error():
    AL, Y = np.array([[0.1, 0.4], [0.3, 0.2]]), np.zeros((2, 2))
    assert_allclose(Huber(delta=1.0).forward(AL, Y), MeanSquaredError().forward(AL, Y) / 2, rtol=1e-15)


@pytest.mark.parametrize(("delta", "error", "message"), [
    (0.0, ValueError, r"delta must be a positive finite real number. Received: delta=0.0"),
    (-1, ValueError, r"delta must be a positive finite real number. Received: delta=-1"),
    (10**400, ValueError, r"delta must be a positive finite real number. Received: delta=1000000000"),
    (float("nan"), ValueError, r"Received: delta=nan"),
    ("1", TypeError, r"delta must be a positive real number. Received: delta='1'"),
])
def test_a_bad_delta_is_named(delta, error, message):
    with pytest.raises(error, match=message):
        Huber(delta)
