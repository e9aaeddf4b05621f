"""ONNX export of convolutional networks: images (n_C, n_H, n_W, m) enter the graph as (batch, n_C, n_H, n_W)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocks import (
    ELU,
    AvgPool2D,
    BatchNorm,
    Conv2D,
    Dropout,
    Flatten,
    Layer,
    MaxPool2D,
    ReLU,
    Sequential,
    Softmax,
    Tanh,
)
from blocks.testing.strategies import conv2ds, images, pool_geometries
from tests.onnx_helpers import assert_exports

DTYPES = [np.float32, np.float64]


def convnet(dtype, input_shape=None):
    rng = np.random.default_rng(3)
    norm = BatchNorm(4, activation=Tanh(), dtype=dtype)
    norm.running_mean, norm.running_var = rng.normal(size=(4, 1)), 0.5 + rng.random((4, 1))
    norm.gamma, norm.beta = rng.normal(size=(4, 1)), rng.normal(size=(4, 1))
    return Sequential(
        Conv2D(2, 3, 3, padding=1, activation=ReLU(), rng=0, dtype=dtype), MaxPool2D(2),
        Conv2D(3, 4, (2, 3), padding="same", activation=ELU(0.5), rng=1, dtype=dtype), norm, Dropout(keep_prob=0.5),
        AvgPool2D((2, 1), stride=1), Conv2D(4, 3, 1, stride=(1, 2), activation=Softmax(), rng=2, dtype=dtype),
        Flatten(), Layer(3 * 3 * 2, 5, activation=Softmax(), rng=3, dtype=dtype), input_shape=input_shape,
    )


def X(dtype=np.float64, m=5, seed=0):
    return np.random.default_rng(seed).normal(size=(2, 9, 8, m)).astype(dtype)


@pytest.mark.parametrize("input_shape", [None, (2, 9, 8)])
@pytest.mark.parametrize("dtype", DTYPES)
def test_a_convolutional_network_matches_predict(dtype, input_shape):
    proto = assert_exports(convnet(dtype, input_shape), X(dtype))
    dims = [d.dim_param or d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim]
    assert dims == (["batch", 2, "input_1", "input_2"] if input_shape is None else ["batch", 2, 9, 8])
    assert [n.op_type for n in proto.graph.node if n.op_type in ("Conv", "MaxPool", "AveragePool", "Flatten")] == [
        "Conv", "MaxPool", "Conv", "AveragePool", "Conv", "Flatten"]
    assert "the npblocks X (2, " in proto.graph.doc_string and "(3, 0, 1, 2)" in proto.graph.doc_string


def test_the_convolution_keeps_npblocks_geometry():
    conv = Conv2D(2, 3, (2, 3), padding="same", rng=0)  # an even f_H: the extra zero at the bottom
    proto = assert_exports(Sequential(conv), X())
    attributes = {a.name: list(a.ints) for a in proto.graph.node[0].attribute}
    assert attributes == {"kernel_shape": [2, 3], "strides": [1, 1], "pads": [0, 1, 1, 1]}


def test_a_model_may_end_on_images():
    model = Sequential(Conv2D(2, 4, 3, activation=Softmax(), rng=0), MaxPool2D((2, 3), stride=(1, 2)))
    proto = assert_exports(model, X())
    dims = [d.dim_param or d.dim_value for d in proto.graph.output[0].type.tensor_type.shape.dim]
    assert dims[:2] == ["batch", 4]


@settings(max_examples=15)
@given(data=st.data(), dtype=st.sampled_from(DTYPES), m=st.integers(1, 3))
def test_drawn_convolutions_and_poolings_match_predict(data, dtype, m):
    conv, (n_H, n_W) = data.draw(conv2ds(dtype=dtype))
    model = Sequential(conv, Flatten()) if data.draw(st.booleans()) else Sequential(conv)
    A = data.draw(images(conv.n_C_prev, n_H, n_W, m, dtype=dtype))
    assert_exports(model, A)
    g = data.draw(pool_geometries())
    pool = data.draw(st.sampled_from([MaxPool2D, AvgPool2D]))(g["f"], stride=g["stride"])
    # without parameters the model has no dtype of its own: the graph computes in float64
    assert_exports(Sequential(pool, Flatten()), data.draw(images(None, g["n_H_prev"], g["n_W_prev"], m)))


def test_flatten_keeps_npblocks_row_order():
    A = np.arange(2 * 3 * 4 * 2, dtype=np.float64).reshape(2, 3, 4, 2)
    assert_exports(Sequential(Flatten(), input_shape=(2, 3, 4)), A)
