"""blocks.onnx.export: every built-in block and activation, run by onnx.reference against model.predict."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blocks
from blocks import (
    ELU,
    GELU,
    BatchNorm,
    Dropout,
    Layer,
    LayerNorm,
    LeakyReLU,
    ReLU,
    Residual,
    Sequential,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    Standardize,
    Tanh,
)
from blocks.testing.strategies import (
    ACTIVATIONS,
    architectures,
    batchnorms,
    dropouts,
    matrices,
    networks,
    standardizes,
    tuned_activations,
)
from tests.onnx_helpers import assert_exports, onnx, run_onnx

DTYPES = [np.float32, np.float64]


def data(n, m=7, dtype=np.float64, seed=0):
    return np.random.default_rng(seed).normal(size=(n, m)).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("activation", [*ACTIVATIONS, LeakyReLU(0.01), LeakyReLU(0.5), ELU(0.3), ELU(2.0)], ids=repr)
def test_every_activation_matches_predict(activation, dtype):
    model = Sequential(Layer(4, 6, activation=activation, rng=1, dtype=dtype),
                       Layer(6, 3, activation=activation, rng=2, dtype=dtype))
    assert_exports(model, 2 * data(4, dtype=dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_every_built_in_block_matches_predict_in_eval_mode(dtype):
    norm = BatchNorm(5, activation=Tanh(), dtype=dtype)
    norm.running_mean, norm.running_var = data(5, 1, seed=3), 0.5 + data(5, 1, seed=4) ** 2
    norm.gamma, norm.beta = data(5, 1, seed=5), data(5, 1, seed=6)
    first = Standardize(4, dtype=dtype).adapt(3 + 2 * data(4, 50, seed=7))
    model = Sequential(
        first, Layer(4, 5, activation=ReLU(), rng=0, dtype=dtype), Dropout(keep_prob=0.5, rng=0), norm,
        Residual(Sequential(Layer(5, 5, activation=ELU(0.7), rng=1, dtype=dtype), LayerNorm(5, dtype=dtype))),
        Layer(5, 2, rng=2, dtype=dtype), Standardize(2, inverse=True, dtype=dtype),
    )
    model[-1].mean, model[-1].std = data(2, 1, seed=8), 1 + data(2, 1, seed=9) ** 2
    assert model.training  # export runs eval mode whatever the model's mode, and leaves it
    assert_exports(model, 3 + 2 * data(4, 9, dtype=dtype, seed=10))
    assert model.training and model[2].training


def layernorms(n, dtype=np.float64):
    @st.composite
    def draw_layernorm(draw):
        norm = LayerNorm(n, eps=draw(st.floats(1e-6, 1e-2)), dtype=dtype)
        norm.gamma = draw(matrices(n, 1, -2.0, 2.0, dtype=dtype))
        norm.beta = draw(matrices(n, 1, -2.0, 2.0, dtype=dtype))
        return norm
    return draw_layernorm()


def residuals(n, dtype=np.float64):
    return st.builds(lambda g, seed: Residual(Layer(n, n, activation=g, rng=seed, dtype=dtype)),
                     tuned_activations(), st.integers(0, 2**16))


@settings(max_examples=15)
@given(model=architectures(extras=(dropouts, batchnorms, standardizes, layernorms, residuals)), m=st.integers(1, 5),
       seed=st.integers(0, 2**16))
def test_drawn_architectures_match_predict(model, m, seed):
    dtype = model[0].dtype if isinstance(model[0], Layer) else model[0][0].dtype
    assert_exports(model, data(model.n_in, m, dtype, seed))


@settings(max_examples=10)
@given(model=networks(max_depth=4), m=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_drawn_networks_match_predict(model, m, seed):
    assert_exports(model, data(model.n_in, m, seed=seed))


@pytest.mark.parametrize("opset", [13, 17, 18, onnx.defs.onnx_opset_version()])
def test_every_supported_opset(opset):
    model = Sequential(Layer(3, 4, activation=LeakyReLU(0.02), rng=0), LayerNorm(4), Layer(4, 3, activation=Softmax()))
    proto = assert_exports(model, data(3), opset=opset)
    assert [(o.domain, o.version) for o in proto.opset_import] == [("", opset)]


@pytest.mark.parametrize("opset", [12, 10_000, 17.0, True, "17"])
def test_an_unsupported_opset_is_refused(opset):
    with pytest.raises(ValueError, match=r"opset must be an int from 13 to \d+ \(the newest the installed onnx"):
        blocks.onnx.to_onnx(Sequential(Layer(2, 1)), opset=opset)


@pytest.mark.parametrize("dtype, elem", [(np.float32, "FLOAT"), (np.float64, "DOUBLE")])
def test_the_graph_takes_the_batch_first_in_the_models_dtype_and_says_so(dtype, elem):
    model = Sequential(Layer(4, 3, activation=ReLU(), dtype=dtype, rng=0),
                       Layer(3, 2, activation=Sigmoid(), dtype=dtype))
    graph = blocks.onnx.to_onnx(model).graph
    (X,), (AL,) = graph.input, graph.output
    dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
    assert (X.name, dims(X), AL.name, dims(AL)) == ("X", ["batch", 4], "AL", ["batch", 2])
    assert X.type.tensor_type.elem_type == AL.type.tensor_type.elem_type == getattr(onnx.TensorProto, elem)
    assert {init.data_type for init in graph.initializer} == {getattr(onnx.TensorProto, elem)}
    doc = "Input X: (batch, 4), the samples first: the npblocks X (4, m) transposed (one sample per row)"
    assert doc in graph.doc_string
    assert "as model.predict computes it (eval mode" in graph.doc_string
    assert [node.op_type for node in graph.node] == ["Gemm", "Relu", "Gemm", "Sigmoid"]
    assert [a.i for a in graph.node[0].attribute if a.name == "transB"] == [1]


def test_a_model_that_mixes_dtypes_is_refused():
    model = Sequential(Layer(2, 3, dtype=np.float32), Layer(3, 1))
    with pytest.raises(ValueError, match=r"cannot export a model that mixes dtypes, float32 \(W of block 0\), "
                                         r"float64 \(W of block 1\)"):
        blocks.onnx.to_onnx(model)


def test_a_model_whose_input_size_is_unknown_is_refused():
    with pytest.raises(ValueError, match=r"the shape \?.*start the model with a block that names its input size"):
        blocks.onnx.to_onnx(Sequential(Dropout(keep_prob=0.5)))


def test_only_a_block_is_exported():
    with pytest.raises(TypeError, match="model must be a Block such as a Sequential. Received: list"):
        blocks.onnx.to_onnx([Layer(2, 1)])


def test_a_single_block_exports_as_a_model():
    layer = Layer(3, 2, activation=Softmax(), rng=0)
    proto = blocks.onnx.to_onnx(layer)
    np.testing.assert_allclose(run_onnx(proto, data(3)), layer.forward(data(3)).T, rtol=1e-12)


@pytest.mark.parametrize("activation", [ELU(1.0), ELU(0.3), Softplus(), SiLU(), GELU()], ids=repr)
def test_float64_activations_are_accurate_entry_by_entry_even_at_extremes(activation):
    Z = np.array([[-700, -50, -40, -38, -1, -1e-5, -1e-17, -1e-300, 0, 1e-300, 1e-17, 1e-5, 1, 38, 50, 700]])
    layer = Layer(1, 1, activation=activation)
    layer.W = [[1.0]]
    out = run_onnx(blocks.onnx.to_onnx(Sequential(layer)), Z)
    np.testing.assert_allclose(out.T, activation.forward(Z), rtol=4 * np.finfo(np.float64).eps, atol=0)


def test_a_float64_model_exports_in_float32_on_request():
    model = Sequential(Layer(4, 6, activation=ELU(0.3), rng=1), BatchNorm(6, activation=Softplus()),
                       Layer(6, 3, activation=Softmax(), rng=2))
    proto = blocks.onnx.to_onnx(model, dtype=np.float32)
    assert proto.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert {init.data_type for init in proto.graph.initializer} == {onnx.TensorProto.FLOAT}
    assert "Computed in float32: the model's float64 values rounded to it." in proto.graph.doc_string
    X = data(4)
    AL = model.predict(X)
    np.testing.assert_allclose(run_onnx(proto, X.astype(np.float32)), AL.T, rtol=1e-5, atol=1e-6 * np.abs(AL).max())


@pytest.mark.parametrize("dtype, error, match", [
    ("int32", ValueError, r"dtype must be a floating dtype \(float32 or float64\). Received: dtype=int32"),
    (object(), TypeError, "dtype must be a numpy floating dtype such as np.float32"),
])
def test_the_graph_dtype_is_a_float_dtype(dtype, error, match):
    with pytest.raises(error, match=match):
        blocks.onnx.to_onnx(Sequential(Layer(2, 1)), dtype=dtype)


def test_a_model_that_mixes_dtypes_exports_in_the_dtype_asked_for():
    model = Sequential(Layer(2, 3, dtype=np.float32, rng=0), Layer(3, 1, rng=1))
    proto = blocks.onnx.to_onnx(model, dtype=np.float32)
    assert "the model's float64 values rounded to it" in proto.graph.doc_string
    X = data(2, dtype=np.float32)
    np.testing.assert_allclose(run_onnx(proto, X), model.predict(X).T, rtol=1e-6)
