"""Losses: the seed's formulas on hand-computed cases, dAL = m dJ/dAL, and finite at saturation."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from blocks.testing import check_loss
from blocks.testing.strategies import binary_labels, matrices
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from tests.custom_blocks import MeanAbsoluteError


def test_binary_cross_entropy_hand_computed():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])
    loss = BinaryCrossEntropy()
    assert abs(loss.forward(AL, Y) - 0.2797765635793423) < 1e-15
    assert loss(AL, Y) == loss.forward(AL, Y)
    assert_allclose(loss.backward(AL, Y), -(Y / AL) + (1 - Y) / (1 - AL), rtol=1e-15)


def test_categorical_cross_entropy_hand_computed():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert abs(CategoricalCrossEntropy().forward(AL, Y) - -(np.log(0.7) + np.log(0.5)) / 2) < 1e-15
    assert_allclose(CategoricalCrossEntropy().backward(AL, Y), -Y / AL)


def test_mean_squared_error_is_the_mean_over_all_entries():
    AL, Y = np.array([[1.0, 2.0], [3.0, 5.0]]), np.zeros((2, 2))
    assert MeanSquaredError().forward(AL, Y) == (1 + 4 + 9 + 25) / 4
    assert_allclose(MeanSquaredError().backward(AL, Y), 2 * AL / 2)


def test_binary_cross_entropy_gradient():
    check_loss(BinaryCrossEntropy(), n=1, Y=binary_labels)  # dAL = m dJ/dAL, with the seed's labels


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), CategoricalCrossEntropy(), MeanSquaredError()], ids=repr)
def test_backward_is_m_times_the_gradient_of_the_cost(loss):
    check_loss(loss)  # drawn n^[L], m, AL in (0, 1) and one-hot Y


def test_mean_squared_error_gradient_on_any_real_outputs():
    real = lambda n, m: matrices(n, m)  # noqa: E731
    check_loss(MeanSquaredError(), AL=real, Y=real)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy_is_finite_when_AL_reaches_0_or_1(dtype):
    AL, Y = np.array([[0.0, 1.0, 0.0, 1.0]], dtype=dtype), np.array([[1.0, 0.0, 0.0, 1.0]], dtype=dtype)
    for loss in (BinaryCrossEntropy(), CategoricalCrossEntropy()):
        assert np.isfinite(loss.forward(AL, Y))
        dAL = loss.backward(AL, Y)
        assert np.isfinite(dAL).all() and dAL.dtype == dtype


def test_shape_mismatch_and_transposed_labels():
    expected = r"expects Y shaped like AL, \(n\^\[L\], m\) = \(1, 3\); got Y of shape \(3, 1\). Y looks transposed"
    with pytest.raises(ValueError, match=expected):
        BinaryCrossEntropy().forward(np.full((1, 3), 0.5), np.ones((3, 1)))


def test_integer_labels_for_categorical_suggest_one_hot():
    with pytest.raises(ValueError, match=r"one-hot Y of shape \(n_classes, m\) = \(3, 4\).*np.eye\(3\)"):
        CategoricalCrossEntropy().forward(np.full((3, 4), 1 / 3), np.array([[0, 2, 1, 1]]))


def test_a_subclass_works_like_a_built_in():
    AL, Y = np.array([[0.3, -1.2]]), np.zeros((1, 2))
    assert_allclose(MeanAbsoluteError().backward(AL, Y), [[1.0, -1.0]])
    check_loss(MeanAbsoluteError())


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), CategoricalCrossEntropy()], ids=repr)
def test_AL_refilled_in_place_after_forward_is_checked_again(loss):
    """The issue's stale case: forward(AL, Y), then AL refilled with values outside [0, 1], then backward."""
    AL, Y = np.array([[0.3, 0.6], [0.7, 0.4]]), np.array([[0.0, 1.0], [1.0, 0.0]])
    loss.forward(AL, Y)
    AL[...] = [[2.0, -0.5], [-1.0, 1.5]]
    with pytest.raises(ValueError, match=r"expects AL in \[0, 1\], probabilities .* got AL from -1 to 2"):
        loss.backward(AL, Y)
    with pytest.raises(ValueError, match=r"expects AL in \[0, 1\]"):
        loss.forward(AL, Y)
