"""check_loss: backward(AL, Y) must be m dJ/dAL; the double 1/m and the wrong sign are caught and named."""
import numpy as np
import pytest

from blocks.testing import check_loss
from blocks.testing.strategies import matrices
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from tests.custom_blocks import MeanAbsoluteError


def divided_by_m_twice(base):
    class Mutant(base):
        def backward(self, AL, Y):
            return super().backward(AL, Y) / np.shape(AL)[1]

    return Mutant()


def with_the_wrong_sign(base):
    class Mutant(base):
        def backward(self, AL, Y):
            return -super().backward(AL, Y)

    return Mutant()


class SummedMeanSquaredError(MeanSquaredError):
    """A mutant whose forward sums over the samples instead of averaging."""

    def forward(self, AL, Y):
        return super().forward(AL, Y) * np.shape(AL)[1]


LOSSES = [BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError]


@pytest.mark.parametrize("base", LOSSES, ids=lambda c: c.__name__)
def test_dividing_by_m_twice_is_rejected_and_named(base):
    with pytest.raises(AssertionError, match=r"backward is 1/m times m \* dJ/dAL: either dAL is divided by m"):
        check_loss(divided_by_m_twice(base))


@pytest.mark.parametrize("base", LOSSES, ids=lambda c: c.__name__)
def test_the_wrong_sign_is_rejected_and_named(base):
    with pytest.raises(AssertionError, match=r"backward has the wrong sign"):
        check_loss(with_the_wrong_sign(base))


def test_a_forward_that_sums_instead_of_averaging_is_rejected():
    with pytest.raises(AssertionError, match=r"or forward sums over the m samples instead of averaging"):
        check_loss(SummedMeanSquaredError())


@pytest.mark.parametrize("base", LOSSES, ids=lambda c: c.__name__)
def test_the_correct_twins_pass(base):
    assert check_loss(base()) is None


def test_the_message_names_worst_error_where_and_the_example():
    with pytest.raises(AssertionError) as info:
        check_loss(with_the_wrong_sign(BinaryCrossEntropy))
    message = str(info.value)
    assert "is not m * dJ/dAL by central differences of forward: worst relative error 2 at (" in message
    assert "where AL = " in message and "Failing example (shrunk), (n^[L], m) = " in message


def test_a_user_loss_on_its_own_domain():
    real = lambda n, m: matrices(n, m, -3.0, 3.0)  # noqa: E731
    check_loss(MeanAbsoluteError(), AL=real, Y=real)
    with pytest.raises(AssertionError, match="divided by m"):
        check_loss(divided_by_m_twice(type(MeanAbsoluteError())), AL=real, Y=real)


def test_n_can_be_fixed():
    check_loss(BinaryCrossEntropy(), n=1)


def test_a_forward_that_returns_an_array_is_named():
    class PerSample(MeanSquaredError):
        def forward(self, AL, Y):
            return (np.asarray(AL) - Y) ** 2

    with pytest.raises(AssertionError, match=r"forward\(AL, Y\) must return the cost J, a number; got shape"):
        check_loss(PerSample())


def test_a_class_is_a_type_error():
    with pytest.raises(TypeError, match=r"needs a Loss instance with forward and backward, such as "
                                        r"BinaryCrossEntropy\(\). Received: MeanSquaredError"):
        check_loss(MeanSquaredError)


def test_a_backward_of_the_wrong_shape_is_named():
    class Flat(MeanSquaredError):
        def backward(self, AL, Y):
            return super().backward(AL, Y).ravel()

    with pytest.raises(AssertionError, match=r"must return dAL shaped like AL, \(2, 3\); got \(6,\)"):
        check_loss(Flat())


def test_inside_a_users_given_test_it_draws_its_case_from_data():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    drawn = []

    class Counting(MeanSquaredError):
        def backward(self, AL, Y):
            drawn.append(AL.shape)
            return super().backward(AL, Y)

    @settings(max_examples=5, database=None, deadline=None)
    @given(data=st.data())
    def outer(data):
        check_loss(Counting(), AL=lambda n, m: matrices(n, m), data=data)

    outer()
    assert 5 <= len(drawn) <= 10  # one case per example of the outer test (each checked once or twice)


def test_data_that_is_not_st_data_is_a_type_error():
    with pytest.raises(TypeError, match=r"check_loss: data must be the object st.data\(\) gives your @given test"):
        check_loss(MeanSquaredError(), data=3)
