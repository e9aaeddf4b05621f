"""Batch normalisation: gradients against central differences (train mode, fixed batch), running statistics."""
import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import BatchNorm, Layer, Sequential
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import SMOOTH_ACTIVATIONS, matrices, sizes
from losses import BinaryCrossEntropy
from optim import SGD


@given(data=st.data(), n=sizes(), m=st.integers(2, 6), g=st.sampled_from(SMOOTH_ACTIVATIONS), training=st.booleans())
@example(data=None, n=1, m=2, g=blocks.Identity(), training=True)
def test_gradients_match_central_differences(data, n, m, g, training):
    if data is None:
        A_prev, dA, gamma, beta = np.array([[1.0, -2.0]]), np.array([[0.5, 2.0]]), np.array([[1.5]]), np.array([[0.1]])
    else:
        A_prev, dA = data.draw(matrices(n, m)), data.draw(matrices(n, m))
        gamma, beta = data.draw(matrices(n, 1, 0.5, 2.0)), data.draw(matrices(n, 1))
        # A row of (nearly) equal values has var ~ 0: J is then so curved (1/sqrt(eps)^3) that central
        # differences, not the backward, lose their accuracy.
        assume((A_prev.std(axis=1) > 0.1).all())
    block = BatchNorm(n, activation=g).train(training)
    block.gamma, block.beta = gamma, beta
    if not training:
        block.running_mean, block.running_var = A_prev.mean(axis=1, keepdims=True) + 0.3, np.full((n, 1), 0.7)
    # LinearLoss: J = (1/m) sum(dA * A), so check_gradients compares dgamma, dbeta and dA_prev / m.
    check_gradients(Sequential(block), A_prev, dA, LinearLoss())
    block.forward(A_prev)
    dA_prev = block.backward(dA)
    assert block.dgamma.shape == block.dbeta.shape == (n, 1) and dA_prev.shape == (n, m)


def test_network_gradients_in_the_course_placement():
    """Layer (no activation) -> BatchNorm(tanh) -> Layer(sigmoid): dW, db, dgamma, dbeta against J."""
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 8)), (rng.random((1, 8)) > 0.5).astype(float)
    model = Sequential(
        Layer(3, 4, activation=blocks.Identity(), rng=1),
        BatchNorm(4, activation=blocks.Tanh()),
        Layer(4, 1, activation=blocks.Sigmoid(), rng=2),
    )
    model[1].gamma = [[1.0], [0.5], [2.0], [1.5]]
    loss = BinaryCrossEntropy()
    check_gradients(model, X, Y, loss)
    model.backward(loss.backward(model.forward(X), Y))
    assert_allclose(model[0].db, np.zeros((4, 1)), atol=1e-12, err_msg="db before BatchNorm is 0")


@given(Z=matrices(3, 5, -3.0, 3.0).filter(lambda Z: (Z.std(axis=1) > 0.1).all()))
def test_training_mode_normalises_each_row_over_the_columns(Z):
    block = BatchNorm(3, eps=1e-12)
    block.gamma, block.beta = [[2.0], [1.0], [0.5]], [[0.0], [1.0], [-1.0]]
    A = block.forward(Z)
    assert_allclose(A.mean(axis=1, keepdims=True), block.beta, atol=1e-9)
    assert_allclose(A.std(axis=1, keepdims=True), block.gamma, atol=1e-6)


def test_running_statistics_follow_the_batches_and_serve_eval_mode():
    rng = np.random.default_rng(0)
    Z = rng.normal(3.0, 2.0, size=(2, 50))
    block = BatchNorm(2, momentum=0.5)
    block.forward(Z)
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    assert_allclose(block.running_mean, 0.5 * mu)
    assert_allclose(block.running_var, 0.5 * 1.0 + 0.5 * var)
    for _ in range(60):
        train_A = block.forward(Z)
    assert_allclose(block.running_mean, mu)
    assert_allclose(block.running_var, var)
    block.eval()
    assert_allclose(block.forward(Z), train_A, rtol=1e-6)
    before = block.running_mean.copy()
    block.forward(Z + 100.0)
    assert np.array_equal(block.running_mean, before), "eval mode changed the running statistics"


def test_predict_uses_the_running_statistics():
    model = Sequential(Layer(2, 3, rng=0), BatchNorm(3))
    X = np.arange(8.0).reshape(2, 4)
    expected = (model[0].forward(X) - 0.0) / np.sqrt(1.0 + 1e-5)  # running mean 0 and var 1 at first
    assert_allclose(model.predict(X), expected)
    assert model[1].training and np.array_equal(model[1].running_mean, np.zeros((3, 1)))


def test_parameters_buffers_and_config():
    block = BatchNorm(3, activation=blocks.ReLU(), momentum=0.99)
    assert [p.name for p in block.parameters()] == ["gamma", "beta"] and block.num_parameters() == 6
    assert block.buffers == ("running_mean", "running_var")
    assert block.get_config() == {"n": 3, "activation": blocks.ReLU(), "momentum": 0.99, "eps": 1e-5,
                                  "dtype": "float64"}
    assert repr(block) == "BatchNorm(3, activation=ReLU(), momentum=0.99)"
    assert Sequential(Layer(2, 3), block).n_out == 3


def test_an_optimizer_learns_gamma_and_beta():
    block = BatchNorm(2)
    block.forward(np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 5.0]]))
    block.backward(np.ones((2, 3)))
    assert_allclose(block.dbeta, np.ones((2, 1)))
    SGD(block.parameters(), lr=0.5, weight_decay=1.0).step()
    assert_allclose(block.beta, np.full((2, 1), -0.5))


def test_float32_stays_float32():
    block = BatchNorm(2, activation=blocks.Sigmoid(), dtype=np.float32)
    A = block.forward(np.ones((2, 4)) * np.arange(4.0))
    dA_prev = block.backward(np.ones((2, 4), dtype=np.float32))
    for array in (A, dA_prev, block.gamma, block.dgamma, block.dbeta, block.running_mean, block.running_var):
        assert array.dtype == np.float32


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: BatchNorm(0), ValueError, "n must be a positive int. Received: n=0"),
        (lambda: BatchNorm(3, activation="relu"), TypeError, "activation must be an Activation instance"),
        (lambda: BatchNorm(3, momentum=1.0), ValueError, r"momentum must be in \[0.0, 1.0\)"),
        (lambda: BatchNorm(3, eps=0.0), ValueError, r"eps must be in \(0.0, inf\]"),
        (lambda: BatchNorm(3).backward(np.ones((3, 2))), RuntimeError, r"backward\(dA\) was called before forward"),
        (lambda: BatchNorm(3).forward(np.ones((2, 5))), ValueError, r"expects A_prev with n = 3 rows"),
        (lambda: setattr(BatchNorm(3), "gamma", np.ones(3)), ValueError, r"gamma must have shape \(3, 1\), got \(3,\)"),
    ],
)
def test_bad_input_is_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_dA_of_another_shape_is_refused():
    block = BatchNorm(2)
    block.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(2, 3\); got \(2, 4\)"):
        block.backward(np.ones((2, 4)))
