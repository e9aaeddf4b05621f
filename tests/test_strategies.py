"""The public strategies: shapes in the column convention, bounded finite elements, valid labels and models."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import blocks
from blocks.testing.strategies import (
    ACTIVATIONS,
    SMOOTH_ACTIVATIONS,
    activations,
    binary_labels,
    class_labels,
    layers,
    matrices,
    networks,
    one_hot,
    probabilities,
    sizes,
)


@given(n=sizes(), m=sizes(2, 3))
def test_sizes_are_within_bounds(n, m):
    assert 1 <= n <= 5 and 2 <= m <= 3


@given(data=st.data(), n=sizes(), m=sizes())
def test_matrices_have_the_shape_asked_and_bounded_finite_elements(data, n, m):
    A = data.draw(matrices(n, m, -2.0, 0.5))
    assert A.shape == (n, m) and A.dtype == np.float64
    assert np.isfinite(A).all() and (A >= -2.0).all() and (A <= 0.5).all()


@given(A=matrices(low=-1.0, high=1.0, avoid=(0.0, 0.5), gap=0.1))
def test_matrices_keep_away_from_the_points_to_avoid(A):
    assert 1 <= A.shape[0] <= 5 and 1 <= A.shape[1] <= 5
    assert (np.abs(A) >= 0.1).all() and (np.abs(A - 0.5) >= 0.1 - 1e-15).all()


@given(A=matrices(2, 3, 0.02, 0.98, dtype=np.float32))
def test_float32_matrices_with_bounds_float32_cannot_hold(A):
    assert A.dtype == np.float32 and (A >= 0.02).all() and (A <= 0.98).all()


@given(AL=probabilities(3, 2), Y=binary_labels(1, 4))
def test_probabilities_and_binary_labels(AL, Y):
    assert AL.shape == (3, 2) and ((AL > 0) & (AL < 1)).all()
    assert Y.shape == (1, 4) and set(np.unique(Y)) <= {0.0, 1.0}


@given(Y=one_hot(n_classes=sizes(2, 4), m=3))
def test_one_hot_columns_have_a_single_one(Y):
    assert Y.shape[1] == 3 and 2 <= Y.shape[0] <= 4
    assert (Y.sum(axis=0) == 1).all() and set(np.unique(Y)) <= {0.0, 1.0}


@given(Y=class_labels(n_classes=3, m=sizes()))
def test_class_labels_are_one_row_of_ints_in_range(Y):
    assert Y.ndim == 2 and Y.shape[0] == 1 and Y.dtype.kind == "i" and 0 <= Y.min() <= Y.max() <= 2


@given(g=activations(), smooth=activations(smooth=True))
def test_activations_are_built_in_instances(g, smooth):
    assert g in ACTIVATIONS and smooth in SMOOTH_ACTIVATIONS
    assert not isinstance(smooth, (blocks.ReLU, blocks.LeakyReLU))


@given(layer=layers(n_in=3, activation=blocks.Tanh(), dtype=np.float32))
def test_layers(layer):
    assert layer.n_in == 3 and 1 <= layer.n_out <= 5 and layer.activation == blocks.Tanh()
    assert layer.W.dtype == np.float32


@given(model=networks(n_in=4, n_out=2, max_depth=4, hidden=activations(smooth=True), output=blocks.Softmax()))
def test_networks_chain_and_honour_their_arguments(model):
    assert isinstance(model, blocks.Sequential) and 1 <= len(model) <= 4
    assert model.n_in == 4 and model.n_out == 2 and model[-1].activation == blocks.Softmax()
    assert all(layer.activation in SMOOTH_ACTIVATIONS for layer in model.blocks[:-1])
    assert model.forward(np.ones((4, 3))).shape == (2, 3)
