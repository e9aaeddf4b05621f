"""The exported files run in ONNX Runtime too (when it is installed, as the dev extra does), float32 and float64."""
import numpy as np
import pytest

import blocks.onnx
from blocks import (
    ELU,
    BatchNorm,
    Dropout,
    Layer,
    LayerNorm,
    LeakyReLU,
    Residual,
    Sequential,
    Softmax,
    Standardize,
    Tanh,
)
from blocks.testing.strategies import ACTIVATIONS
from tests.onnx_helpers import TOLERANCE, batch_first
from tests.test_onnx_images import X, convnet

ort = pytest.importorskip("onnxruntime", reason="needs onnxruntime (in the dev extra)")


def run_ort(model, X, **options):
    session = ort.InferenceSession(blocks.onnx.to_onnx(model, **options).SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    return session.run(None, {"X": batch_first(X)})[0]


def assert_runs(model, X, **options):
    AL, out = model.predict(X), run_ort(model, X, **options)
    assert out.dtype == AL.dtype and out.shape == batch_first(AL).shape
    tol = TOLERANCE[AL.dtype]
    np.testing.assert_allclose(out, batch_first(AL), rtol=tol, atol=tol * float(np.abs(AL).max()))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("activation", [*ACTIVATIONS, LeakyReLU(0.01), ELU(0.3)], ids=repr)
def test_every_activation_runs_in_onnx_runtime(activation, dtype):
    model = Sequential(Layer(4, 6, activation=activation, rng=1, dtype=dtype),
                       Layer(6, 3, activation=activation, rng=2, dtype=dtype))
    assert_runs(model, np.random.default_rng(0).normal(size=(4, 9)).astype(dtype))


@pytest.mark.parametrize("opset", [13, 17, 18])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_block_runs_in_onnx_runtime(dtype, opset):
    rng = np.random.default_rng(1)
    norm = BatchNorm(5, activation=Tanh(), dtype=dtype)
    norm.running_mean, norm.running_var = rng.normal(size=(5, 1)), 0.5 + rng.random((5, 1))
    model = Sequential(
        Standardize(4, dtype=dtype), Layer(4, 5, rng=0, dtype=dtype), Dropout(keep_prob=0.5), norm,
        Residual(Sequential(Layer(5, 5, rng=1, dtype=dtype), LayerNorm(5, dtype=dtype))),
        Layer(5, 3, activation=Softmax(), rng=2, dtype=dtype),
    )
    assert_runs(model, rng.normal(size=(4, 9)).astype(dtype), opset=opset)


def test_a_float32_convolutional_network_runs_in_onnx_runtime():
    """ONNX Runtime has float32 kernels for Conv and AveragePool, not float64 ones: convolutional models meant
    for it are built with dtype=np.float32 (the reference evaluator runs both)."""
    assert_runs(convnet(np.float32, (2, 9, 8)), X(np.float32))


def test_a_float64_convolutional_network_exported_in_float32_runs_in_onnx_runtime():
    model = convnet(np.float64, (2, 9, 8))
    session = ort.InferenceSession(blocks.onnx.to_onnx(model, dtype=np.float32).SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    out = session.run(None, {"X": batch_first(X(np.float32))})[0]
    AL = model.predict(X(np.float64))
    np.testing.assert_allclose(out, batch_first(AL), rtol=1e-5, atol=1e-6 * float(np.abs(AL).max()))
