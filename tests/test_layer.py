"""The seed's layer: Z = W A_prev + b, A = g(Z); dW, db, dA_prev against central differences."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import Layer
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import activations, matrices, sizes


@given(data=st.data(), n_in=sizes(), n_out=sizes(), m=sizes(), g=activations(), seed=st.integers(0, 99))
@example(data=None, n_in=1, n_out=1, m=1, g=blocks.Tanh(), seed=0)
def test_gradients_match_central_differences(data, n_in, n_out, m, g, seed):
    layer = Layer(n_in, n_out, activation=g, rng=seed)
    if data is None:
        A_prev, dA = np.array([[0.5]]), np.array([[-1.0]])
    else:
        A_prev, dA = data.draw(matrices(n_in, m)), data.draw(matrices(n_out, m))
    # J = (1/m) sum(dA * A): its gradients are exactly the layer's dW, db, and dA_prev / m (kinks stepped around).
    check_gradients(layer, A_prev, dA, LinearLoss())


@given(n_in=sizes(), n_out=sizes(), m=sizes())
def test_shapes_follow_the_seed(n_in, n_out, m):
    layer = Layer(n_in, n_out, activation=blocks.ReLU(), rng=0)
    A = layer.forward(np.ones((n_in, m)))
    dA_prev = layer.backward(np.ones_like(A))
    assert layer.W.shape == layer.dW.shape == (n_out, n_in)
    assert layer.b.shape == layer.db.shape == (n_out, 1)
    assert layer.Z.shape == layer.dZ.shape == A.shape == (n_out, m)
    assert layer.A_prev.shape == dA_prev.shape == (n_in, m)


def test_forward_and_backward_are_the_seed_formulas():
    layer = Layer(2, 2, activation=blocks.Identity(), rng=0)
    layer.W = [[1.0, 2.0], [3.0, 4.0]]
    layer.b = [[0.5], [-0.5]]
    A_prev = np.array([[1.0, 0.0, 2.0], [1.0, 1.0, -1.0]])
    Z = layer.forward(A_prev)
    assert_allclose(Z, [[3.5, 2.5, 0.5], [6.5, 3.5, 1.5]])
    dZ = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]])
    dA_prev = layer.backward(dZ)
    assert_allclose(layer.dW, dZ @ A_prev.T / 3)
    assert_allclose(layer.db, [[2.0], [0.0]])
    assert_allclose(dA_prev, layer.W.T @ dZ)


def test_gradients_are_overwritten_not_accumulated():
    layer = Layer(3, 2, activation=blocks.Tanh(), rng=1)
    X = np.ones((3, 4))
    layer.forward(X)
    layer.backward(np.ones((2, 4)))
    first = layer.dW.copy()
    layer.forward(X)
    layer.backward(np.ones((2, 4)))
    assert_allclose(layer.dW, first)


def test_float32_stays_float32():
    layer = Layer(3, 2, activation=blocks.Sigmoid(), rng=0, dtype=np.float32)
    A = layer.forward(np.ones((3, 5), dtype=np.float32))
    dA_prev = layer.backward(np.ones((2, 5), dtype=np.float32))
    for array in (layer.W, layer.b, A, layer.Z, layer.dW, layer.db, dA_prev):
        assert array.dtype == np.float32


def test_float64_data_is_computed_in_the_layer_dtype():
    layer = Layer(3, 2, rng=0, dtype=np.float32)
    assert layer.forward(np.ones((3, 5))).dtype == np.float32


def test_same_seed_same_weights_and_generator_accepted():
    assert np.array_equal(Layer(5, 4, rng=7).W, Layer(5, 4, rng=7).W)
    assert not np.array_equal(Layer(5, 4, rng=7).W, Layer(5, 4, rng=8).W)
    Layer(5, 4, rng=np.random.default_rng(3))


def test_weights_may_be_edited_in_place_or_reassigned():
    layer = Layer(2, 3, rng=0)
    layer.W[...] = 1.0
    assert (layer.W == 1.0).all()
    W0 = np.full((3, 2), 2.0)
    layer.W = W0
    assert (layer.W == 2.0).all() and layer.W.dtype == np.float64


def test_wrong_weight_shape_names_layer_and_shapes():
    layer = Layer(2, 3, rng=0)
    with pytest.raises(ValueError, match=r"Layer\(2, 3.*W must have shape \(3, 2\), got \(2, 3\)"):
        layer.W = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"b must have shape \(3, 1\), got \(3,\); use b.reshape\(3, 1\)"):
        layer.b = np.zeros(3)


def test_transposed_input_is_recognised():
    layer = Layer(4, 2, rng=0)
    with pytest.raises(ValueError, match=r"n\^\[l-1\] = 4 rows.*\(7, 4\).*looks transposed"):
        layer.forward(np.ones((7, 4)))


def test_one_dimensional_input_is_refused():
    with pytest.raises(ValueError, match=r"got a 1-D array of shape \(4,\).*reshape\(4, 1\)"):
        Layer(4, 2, rng=0).forward(np.ones(4))


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match=r"backward\(dA\) was called before forward"):
        Layer(2, 2, rng=0).backward(np.ones((2, 1)))


def test_backward_with_wrong_dA_shape():
    layer = Layer(2, 3, rng=0)
    layer.forward(np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(3, 4\); got \(4, 3\)"):
        layer.backward(np.ones((4, 3)))


@pytest.mark.parametrize(("n_in", "error"), [(0, ValueError), (-3, ValueError), (2.5, TypeError), (True, TypeError)])
def test_bad_layer_sizes(n_in, error):
    with pytest.raises(error, match="n_in must be a positive int"):
        Layer(n_in, 2)


def test_activation_given_as_string_or_class_names_what_to_write():
    with pytest.raises(TypeError, match=r"activation=ReLU\(\)"):
        Layer(2, 2, activation="relu")
    with pytest.raises(TypeError, match=r"activation=ReLU\(\), with parentheses"):
        Layer(2, 2, activation=blocks.ReLU)


def test_non_numeric_input_is_a_type_error():
    with pytest.raises(TypeError, match="A_prev must be a numeric array"):
        Layer(2, 1, rng=0).forward(np.array([["a"], ["b"]]))


def test_integer_dtype_is_refused():
    with pytest.raises(ValueError, match="dtype must be a floating dtype"):
        Layer(2, 1, dtype=np.int32)


def test_a_layer_too_large_to_allocate_says_its_size_instead_of_a_memory_error():
    with pytest.raises(ValueError, match=r"Layer\(2, 1000000000000\): W of shape \(n_out, n_in\) = "
                                         r"\(1000000000000, 2\) needs 14,901.2 GiB, more than this machine can"):
        Layer(2, 10**12)
