"""Each activation: g'(Z) against central differences, dtype kept, no overflow at |Z| = 1e3."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import blocks
from tests.numgrad import assert_close, numerical_gradient
from tests.strategies import ALL_ACTIVATIONS, away_from_zero, matrices, sizes


@pytest.mark.parametrize("g", ALL_ACTIVATIONS, ids=repr)
@given(data=st.data(), n=sizes, m=sizes)
@example(data=None, n=1, m=1)
def test_backward_matches_central_differences(g, data, n, m):
    if data is None:  # the pinned edge case: one unit, one sample
        Z, dA = np.array([[0.7]]), np.array([[1.3]])
    else:
        Z = data.draw(away_from_zero(n, m))
        dA = data.draw(matrices(n, m))
    expected = numerical_gradient(lambda Z_: float((dA * g.forward(Z_)).sum()), Z)
    assert_close(g.backward(dA, Z, g.forward(Z)), expected, what=f"{g!r} dZ")


@pytest.mark.parametrize("g", ALL_ACTIVATIONS, ids=repr)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_keeps_dtype_and_stays_finite_at_1e3(g, dtype):
    Z = np.array([[-1e3, -30.0, -1.0, 0.5, 30.0, 1e3]], dtype=dtype).T.repeat(2, axis=1)
    A = g.forward(Z)
    dZ = g.backward(np.ones_like(Z), Z, A)
    assert A.dtype == dtype and dZ.dtype == dtype
    assert np.isfinite(A).all() and np.isfinite(dZ).all()


def test_values_on_hand_computed_points():
    Z = np.array([[-2.0, 0.0, 3.0]])
    assert_close(blocks.Sigmoid().forward(Z), 1 / (1 + np.exp(-Z)))
    assert_close(blocks.ReLU().forward(Z), [[0.0, 0.0, 3.0]])
    assert_close(blocks.LeakyReLU(0.1).forward(Z), [[-0.2, 0.0, 3.0]])
    assert_close(blocks.ELU(1.0).forward(Z), [[np.exp(-2.0) - 1, 0.0, 3.0]])
    assert_close(blocks.Softplus().forward(Z), np.log1p(np.exp(Z)))
    assert_close(blocks.SiLU().forward(Z), Z / (1 + np.exp(-Z)))
    assert_close(blocks.GELU().forward(np.array([[1.0]])), [[0.8411919906082768]])


@given(Z=matrices(4, 3, -50, 50))
def test_softmax_columns_are_distributions(Z):
    A = blocks.Softmax().forward(Z)
    assert_close(A.sum(axis=0), np.ones(3))
    assert (A >= 0).all()


def test_saturated_sigmoid_is_exactly_0_and_1():
    A = blocks.Sigmoid().forward(np.array([[-1e3, 1e3]]))
    assert A[0, 0] == 0.0 and A[0, 1] == 1.0


def test_a_subclass_needs_only_forward_and_derivative():
    class Cube(blocks.Activation):
        def forward(self, Z):
            return Z**3

        def derivative(self, Z, A):
            return 3 * Z**2

    Z, dA = np.array([[1.0, -2.0]]), np.array([[2.0, 1.0]])
    assert_close(Cube().backward(dA, Z, Cube().forward(Z)), [[6.0, 12.0]])
    assert repr(Cube()) == "Cube()"


def test_repr_and_equality_use_hyperparameters():
    assert repr(blocks.LeakyReLU(0.2)) == "LeakyReLU(alpha=0.2)"
    assert blocks.LeakyReLU(0.2) == blocks.LeakyReLU(0.2) != blocks.LeakyReLU(0.3)


def test_an_activation_missing_derivative_says_what_to_write():
    class Half(blocks.Activation):
        def forward(self, Z):
            return Z / 2

    with pytest.raises(NotImplementedError, match=r"derivative\(Z, A\)"):
        Half().backward(np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)))
