"""Each activation: g'(Z) against central differences, dtype kept, no overflow at |Z| = 1e3."""
import numpy as np
import pytest
from hypothesis import given
from numpy.testing import assert_allclose

import blocks
from blocks.testing import check_activation
from blocks.testing.strategies import ACTIVATIONS, matrices


@pytest.mark.parametrize("g", ACTIVATIONS, ids=repr)
def test_backward_matches_central_differences(g):
    check_activation(g)  # drawn shapes (m = 1 and n = 1 pinned), Z away from 0, a random upstream dA


@pytest.mark.parametrize("g", ACTIVATIONS, ids=repr)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_keeps_dtype_and_stays_finite_at_1e3(g, dtype):
    Z = np.array([[-1e3, -30.0, -1.0, 0.5, 30.0, 1e3]], dtype=dtype).T.repeat(2, axis=1)
    A = g.forward(Z)
    dZ = g.backward(np.ones_like(Z), Z, A)
    assert A.dtype == dtype and dZ.dtype == dtype
    assert np.isfinite(A).all() and np.isfinite(dZ).all()


def test_values_on_hand_computed_points():
    Z = np.array([[-2.0, 0.0, 3.0]])
    assert_allclose(blocks.Sigmoid().forward(Z), 1 / (1 + np.exp(-Z)))
    assert_allclose(blocks.ReLU().forward(Z), [[0.0, 0.0, 3.0]])
    assert_allclose(blocks.LeakyReLU(0.1).forward(Z), [[-0.2, 0.0, 3.0]])
    assert_allclose(blocks.ELU(1.0).forward(Z), [[np.exp(-2.0) - 1, 0.0, 3.0]])
    assert_allclose(blocks.Softplus().forward(Z), np.log1p(np.exp(Z)))
    assert_allclose(blocks.SiLU().forward(Z), Z / (1 + np.exp(-Z)))
    assert_allclose(blocks.GELU().forward(np.array([[1.0]])), [[0.8411919906082768]])


@given(Z=matrices(4, 3, -50, 50))
def test_softmax_columns_are_distributions(Z):
    A = blocks.Softmax().forward(Z)
    assert_allclose(A.sum(axis=0), np.ones(3))
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
    assert_allclose(Cube().backward(dA, Z, Cube().forward(Z)), [[6.0, 12.0]])
    check_activation(Cube())
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
