"""Hard numerics: inputs as large as 1e3 and saturated outputs give finite costs and gradients, no warning.

pyproject's ``filterwarnings = ["error"]`` turns every NumPy RuntimeWarning (overflow, invalid value,
division by zero) into a test failure, so each test here also proves that no warning was emitted.
"""
from __future__ import annotations

import numpy as np
import pytest

import blocks
from blocks import BatchNorm, Layer, Sequential
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from optim import SGD, Adam, RMSProp

DTYPES = [np.float32, np.float64]
PAIRS = {  # output activation, loss, labels for m = 6
    "sigmoid + BCE": (blocks.Sigmoid(), BinaryCrossEntropy(), np.array([[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]])),
    "softmax + CCE": (blocks.Softmax(), CategoricalCrossEntropy(), np.eye(3)[:, [0, 1, 2, 2, 1, 0]]),
    "identity + MSE": (blocks.Identity(), MeanSquaredError(), np.array([[1e3, -1e3, 0.0, 5.0, -5.0, 1.0]])),
}


def test_numpy_runtime_warnings_fail_the_suite():
    with pytest.raises(RuntimeWarning, match="divide by zero"):
        np.array([1.0]) / 0
    with pytest.raises(RuntimeWarning, match="overflow"):
        np.exp(np.array([1e3]))


@pytest.mark.parametrize("pair", list(PAIRS))
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("optimizer", [SGD, Adam, RMSProp])
def test_a_training_step_on_inputs_of_1e3_stays_finite(pair, dtype, optimizer):
    """|X| up to 1e3 saturates the tanh layer, and the output layer's W scaled by 1e3 saturates the output."""
    g, loss, Y = PAIRS[pair]
    X = np.linspace(-1e3, 1e3, 12).reshape(2, 6).astype(dtype)
    model = Sequential(Layer(2, 5, blocks.Tanh(), rng=0, dtype=dtype), Layer(5, Y.shape[0], g, rng=1, dtype=dtype))
    model[1].W = model[1].W * 1e3
    opt = optimizer(model.parameters(), lr=0.01)
    for _ in range(3):
        AL = model.forward(X)
        J = loss.forward(AL, Y)
        dA0 = model.backward(loss.backward(AL, Y), need_dA_prev=True)
        opt.step()
        assert np.isfinite(J) and np.isfinite(dA0).all()
        for p in model.parameters():
            assert np.isfinite(p.grad).all() and np.isfinite(p.value).all() and p.value.dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_fully_saturated_sigmoid_with_cross_entropy_gives_finite_cost_and_gradients(dtype):
    """Z = +-1e3 makes AL exactly 0 and 1: right answers cost eps, wrong ones -log(eps), never inf or NaN."""
    layer = Layer(1, 1, blocks.Sigmoid(), dtype=dtype)
    layer.W = np.array([[1e3]])
    X = np.array([[1.0, -1.0, 1.0, -1.0]], dtype)
    AL = layer.forward(X)
    assert AL.tolist() == [[1.0, 0.0, 1.0, 0.0]]
    loss, eps = BinaryCrossEntropy(), np.finfo(dtype).eps
    right, wrong = np.array([[1.0, 0.0, 1.0, 0.0]]), np.array([[0.0, 1.0, 0.0, 1.0]])
    assert 0 <= loss.forward(AL, right) <= 2 * eps
    assert loss.forward(AL, wrong) == pytest.approx(-np.log(eps), rel=1e-3)
    for Y in (right, wrong):
        dA_prev = layer.backward(loss.backward(AL, Y))
        assert np.isfinite(dA_prev).all() and np.isfinite(layer.dW).all() and np.isfinite(layer.db).all()
        assert layer.dW.dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_saturated_softmax_with_categorical_cross_entropy_stays_finite(dtype):
    Z = np.array([[1e3, -1e3], [-1e3, 1e3], [0.0, 0.0]], dtype)
    softmax = blocks.Softmax()
    AL = softmax.forward(Z)
    assert AL.dtype == dtype and np.allclose(AL.sum(axis=0), 1)
    Y = np.eye(3)[:, [1, 1]]  # the first column is confidently wrong
    loss = CategoricalCrossEntropy()
    J = loss.forward(AL, Y)
    dZ = softmax.backward(loss.backward(AL, Y), Z, AL)
    assert np.isfinite(J) and J == pytest.approx(-np.log(np.finfo(dtype).eps) / 2, rel=1e-3)
    assert np.isfinite(dZ).all() and dZ.dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_with_a_constant_row_and_a_row_of_1e3(dtype, training):
    """A constant row has variance 0: eps keeps 1/sqrt(var + eps) finite, Z_norm = 0 and A = g(beta)."""
    bn = BatchNorm(3, blocks.Tanh(), dtype=dtype).train(training)
    Z = np.array([[7.0] * 5, [1e3, -1e3, 1e3, -1e3, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]], dtype)
    for _ in range(2):  # the second pass in eval mode uses running statistics the first one moved
        A = bn.forward(Z)
        dA_prev = bn.backward(np.linspace(-1e3, 1e3, 15).reshape(3, 5).astype(dtype))
        assert A.dtype == dA_prev.dtype == dtype
        assert np.isfinite(A).all() and np.isfinite(dA_prev).all()
        assert np.isfinite(bn.dgamma).all() and np.isfinite(bn.dbeta).all()
    if training:
        assert np.array_equal(bn.Z_norm[0], np.zeros(5, dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_losses_stay_finite_for_outputs_of_1e3(dtype):
    AL = np.array([[1e3, -1e3, 0.0]], dtype)
    Y = np.array([[-1e3, 1e3, 0.0]], dtype)
    mse = MeanSquaredError()
    assert mse.forward(AL, Y) == pytest.approx(8e6 / 3, rel=1e-6)
    assert np.isfinite(mse.backward(AL, Y)).all()
    for AL_01 in (np.zeros((1, 3), dtype), np.ones((1, 3), dtype)):
        for loss in (BinaryCrossEntropy(), CategoricalCrossEntropy()):
            assert np.isfinite(loss.forward(AL_01, np.array([[0.0, 1.0, 1.0]])))
            assert np.isfinite(loss.backward(AL_01, np.array([[0.0, 1.0, 1.0]]))).all()
