"""Losses: the seed's formulas on hand-computed cases, dAL = m dJ/dAL, and finite at saturation."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from losses import BinaryCrossEntropy, CategoricalCrossEntropy, Loss, MeanSquaredError
from tests.numgrad import assert_close, numerical_gradient
from tests.strategies import matrices, one_hot, sizes

probabilities = lambda n, m: matrices(n, m, 0.02, 0.98)  # noqa: E731


def test_binary_cross_entropy_hand_computed():
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])
    loss = BinaryCrossEntropy()
    assert abs(loss.forward(AL, Y) - 0.2797765635793423) < 1e-15
    assert loss(AL, Y) == loss.forward(AL, Y)
    assert_close(loss.backward(AL, Y), -(Y / AL) + (1 - Y) / (1 - AL), rtol=1e-15)


def test_categorical_cross_entropy_hand_computed():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert abs(CategoricalCrossEntropy().forward(AL, Y) - -(np.log(0.7) + np.log(0.5)) / 2) < 1e-15
    assert_close(CategoricalCrossEntropy().backward(AL, Y), -Y / AL)


def test_mean_squared_error_is_the_mean_over_all_entries():
    AL, Y = np.array([[1.0, 2.0], [3.0, 5.0]]), np.zeros((2, 2))
    assert MeanSquaredError().forward(AL, Y) == (1 + 4 + 9 + 25) / 4
    assert_close(MeanSquaredError().backward(AL, Y), 2 * AL / 2)


def per_sample_gradient(loss, AL, Y):
    """m dJ/dAL by central differences: the seed's dA^[L], not divided by m."""
    return AL.shape[1] * numerical_gradient(lambda AL_: loss.forward(AL_, Y), AL)


@given(data=st.data(), m=sizes)
def test_binary_cross_entropy_gradient(data, m):
    AL = data.draw(probabilities(1, m))
    Y = data.draw(matrices(1, m, 0, 1)).round()
    loss = BinaryCrossEntropy()
    assert_close(loss.backward(AL, Y), per_sample_gradient(loss, AL, Y))


@given(data=st.data(), n=st.integers(2, 5), m=sizes)
def test_categorical_cross_entropy_gradient(data, n, m):
    AL, Y = data.draw(probabilities(n, m)), data.draw(one_hot(n, m))
    loss = CategoricalCrossEntropy()
    assert_close(loss.backward(AL, Y), per_sample_gradient(loss, AL, Y))


@given(data=st.data(), n=sizes, m=sizes)
def test_mean_squared_error_gradient(data, n, m):
    AL, Y = data.draw(matrices(n, m)), data.draw(matrices(n, m))
    loss = MeanSquaredError()
    assert_close(loss.backward(AL, Y), per_sample_gradient(loss, AL, Y))


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
    class MeanAbsoluteError(Loss):
        def forward(self, AL, Y):
            AL, Y = self.check(AL, Y)
            return float(np.abs(AL - Y).mean())

        def backward(self, AL, Y):
            AL, Y = self.check(AL, Y)
            return np.sign(AL - Y) / AL.shape[0]

    AL, Y = np.array([[0.3, -1.2]]), np.zeros((1, 2))
    loss = MeanAbsoluteError()
    assert_close(loss.backward(AL, Y), per_sample_gradient(loss, AL, Y))
