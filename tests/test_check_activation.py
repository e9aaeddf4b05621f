"""check_activation: the classic wrong derivatives are rejected, their correct twins pass, quietly and reproducibly."""
import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import blocks
from blocks import Activation
from blocks.testing import check_activation
from tests.custom_blocks import TooLarge


class TanhOneMinusA(blocks.Tanh):
    def derivative(self, Z, A):
        return 1 - A  # should be 1 - A**2


class SigmoidMissingOneMinusA(blocks.Sigmoid):
    def derivative(self, Z, A):
        return A  # should be A * (1 - A)


class SoftmaxAsIfElementwise(blocks.Softmax):
    def backward(self, dA, Z, A):
        return dA * A * (1 - A)  # the diagonal of the Jacobian only


class Scaled(Activation):
    """tanh(k Z): a hyperparameter drawn by an outer test."""

    def __init__(self, k):
        self.k = k

    def forward(self, Z):
        return np.tanh(self.k * Z)

    def derivative(self, Z, A):
        return self.k * (1 - A * A)


class ScaledForgettingK(Scaled):
    def derivative(self, Z, A):
        return 1 - A * A


class HardTanh(Activation):
    """Kinks at -1 and 1, where Hypothesis loves to draw."""

    def forward(self, Z):
        return np.clip(Z, -1.0, 1.0)

    def derivative(self, Z, A):
        return (np.abs(Z) < 1).astype(Z.dtype)


class Float32Tanh(Activation):
    """Computes in float32 whatever it is given."""

    def forward(self, Z):
        return np.tanh(Z.astype(np.float32))

    def derivative(self, Z, A):
        return 1 - A * A


MUTANTS = [
    (TanhOneMinusA(), blocks.Tanh()),
    (SigmoidMissingOneMinusA(), blocks.Sigmoid()),
    (SoftmaxAsIfElementwise(), blocks.Softmax()),
    (TooLarge(blocks.GELU()), blocks.GELU()),
    (TooLarge(blocks.Softmax()), blocks.Softmax()),
    (ScaledForgettingK(2.0), Scaled(2.0)),
    (TooLarge(HardTanh()), HardTanh()),
    (TooLarge(Float32Tanh()), Float32Tanh()),
]


@pytest.mark.parametrize(("mutant", "twin"), MUTANTS, ids=lambda g: type(g).__name__)
def test_a_wrong_derivative_is_rejected_and_its_correct_twin_passes(mutant, twin):
    with pytest.raises(AssertionError, match=r"does not match central differences of sum\(dA \* forward\(Z\)\)"):
        check_activation(mutant)
    assert check_activation(twin) is None


@pytest.mark.parametrize("g", [blocks.Identity(), blocks.Sigmoid(), blocks.Tanh(), blocks.ELU(0.5), blocks.Softplus()],
                         ids=repr)
@given(data=st.data())
def test_0_1_percent_is_caught_on_every_single_drawn_case(g, data):
    """Inside a @given test check_activation checks one case drawn from it: here, every case must fail."""
    with pytest.raises(AssertionError):
        check_activation(TooLarge(g), data=data)


def test_the_message_names_worst_error_where_and_the_shrunk_example():
    with pytest.raises(AssertionError) as info:
        check_activation(SigmoidMissingOneMinusA())
    message = str(info.value)
    assert "worst relative error" in message and "at (0, 0), where Z = " in message and "dA = " in message
    assert "backward gives dZ = " in message and "differences give " in message
    assert "Failing example (shrunk), (n, m) = (1, 1):\nZ = [[" in message


def test_reproducible_for_a_seed():
    messages = []
    for _ in range(2):
        with pytest.raises(AssertionError) as info:
            check_activation(TooLarge(HardTanh()), seed=3)
        messages.append(str(info.value))
    assert messages[0] == messages[1]


@settings(max_examples=15)
@given(k=st.floats(0.25, 3.0), data=st.data())
def test_inside_a_users_given_test_a_right_activation_passes(k, data):
    check_activation(Scaled(k), data=data)


def test_inside_a_users_given_test_a_wrong_one_fails_that_test():
    """The check's AssertionError fails the outer test, whatever Hypothesis then shrinks it to."""
    @settings(max_examples=10, database=None, phases=[Phase.generate, Phase.shrink])
    @given(k=st.floats(0.25, 3.0).filter(lambda k: abs(k - 1) > 0.1), data=st.data())
    def outer(k, data):
        check_activation(ScaledForgettingK(k), data=data)

    wrong = r"ScaledForgettingK\(k=.*\)\.backward\(dA, Z, A\) does not match central differences"
    with pytest.raises(AssertionError, match=wrong):
        outer()


def test_leaves_the_global_random_state_alone():
    before = np.random.get_state()[1].copy()
    check_activation(blocks.Tanh())
    assert np.array_equal(np.random.get_state()[1], before)


def test_a_class_or_a_non_activation_is_a_type_error():
    with pytest.raises(TypeError, match=r"write check_activation\(Tanh\(\)\), with parentheses"):
        check_activation(blocks.Tanh)
    with pytest.raises(TypeError, match=r"needs an Activation \(forward and backward\); str has no forward"):
        check_activation("tanh")


def test_a_backward_of_the_wrong_shape_is_named():
    class Flat(blocks.Tanh):
        def backward(self, dA, Z, A):
            return super().backward(dA, Z, A).ravel()

    with pytest.raises(AssertionError, match=r"must return dZ shaped like Z, \(1, 1\); got \(1,\)"):
        check_activation(Flat())
