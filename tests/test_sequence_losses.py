"""Losses, accuracy and fit on sequence batches (n_y, m, T_x): every (sample, step) column counts as a sample."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import RNN, Layer, Sequential, TimeDistributed
from blocks.testing import numerical_gradient
from blocks.testing.strategies import one_hot_sequences, sequence_batches, sizes
from blocks.training.metrics import accuracy
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, Loss, MeanSquaredError
from optim import Adam


@settings(max_examples=10)
@given(data=st.data(), n=sizes(2, 4), m=sizes(1, 3), T=sizes(1, 4))
@example(data=None, n=2, m=1, T=1)
def test_J_averages_over_samples_and_steps_and_dAL_is_per_sample_and_step(data, n, m, T):
    rng = np.random.default_rng(n * 100 + m * 10 + T)
    for loss in (BinaryCrossEntropy(), CategoricalCrossEntropy(), MeanSquaredError()):
        if isinstance(loss, CategoricalCrossEntropy):
            Z = rng.standard_normal((n, m, T))
            AL = np.exp(Z) / np.exp(Z).sum(axis=0)
            Y = (np.eye(n)[rng.integers(0, n, (m, T))].transpose(2, 0, 1) if data is None
                 else data.draw(one_hot_sequences(n, m, T)))
        else:
            AL = (rng.uniform(0.05, 0.95, (n, m, T)) if data is None
                  else data.draw(sequence_batches(n, m, T, 0.05, 0.95)))
            Y = rng.integers(0, 2, (n, m, T)).astype(float)
        J = loss.forward(AL, Y)
        columns = loss.forward(AL.reshape(n, m * T), Y.reshape(n, m * T))
        assert J == columns  # the same cost as m T columns
        dAL = loss.backward(AL, Y)
        assert dAL.shape == AL.shape
        numeric = numerical_gradient(lambda A, loss=loss, Y=Y: loss.forward(A, Y), AL)
        assert_allclose(dAL, m * T * numeric, rtol=1e-5, atol=1e-7)  # m T dJ/dAL


def test_hand_checked_mse_and_cross_entropy():
    AL, Y = np.array([[[0.5, 1.0]]]), np.array([[[0.0, 0.0]]])
    assert MeanSquaredError().forward(AL, Y) == pytest.approx((0.25 + 1.0) / 2)  # over all n m T entries
    Y = np.array([[[1.0, 0.0]], [[0.0, 1.0]]])
    AL = np.array([[[0.5, 0.2]], [[0.5, 0.8]]])
    assert CategoricalCrossEntropy().forward(AL, Y) == pytest.approx(-(np.log(0.5) + np.log(0.8)) / 2)


def test_sparse_labels_per_sample_and_step():
    from losses import SparseCategoricalCrossEntropy

    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, (2, 4))
    AL = rng.dirichlet(np.ones(3), (2, 4)).transpose(2, 0, 1)
    Y = np.eye(3)[labels].transpose(2, 0, 1)
    sparse, dense = SparseCategoricalCrossEntropy(), CategoricalCrossEntropy()
    assert sparse.forward(AL, labels) == pytest.approx(dense.forward(AL, Y))
    assert_allclose(sparse.backward(AL, labels[None]), dense.backward(AL, Y))


def test_a_users_loss_works_on_sequences_too():
    class MeanAbsolute(Loss):
        def forward(self, AL, Y):
            AL, Y = self.check(AL, Y)
            return float(np.abs(AL - Y).sum() / AL.shape[1])

        def backward(self, AL, Y):
            AL, Y = self.check(AL, Y)
            return np.sign(AL - Y)

    AL = np.arange(6.0).reshape(1, 2, 3)
    assert MeanAbsolute().forward(AL, np.zeros_like(AL)) == pytest.approx(15 / 6)
    assert MeanAbsolute().backward(AL, np.zeros_like(AL)).shape == (1, 2, 3)


def test_mismatched_Y_and_empty_AL_are_clear_errors():
    with pytest.raises(ValueError, match=r"Y shaped like AL, \(n_y, m, T_x\) = \(3, 2, 4\) .*got Y of shape \(3, 2\)"):
        CategoricalCrossEntropy().forward(np.full((3, 2, 4), 1 / 3), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"with n_y, m and T_x >= 1; got \(0, 2, 4\)"):
        MeanSquaredError().backward(np.zeros((0, 2, 4)), np.zeros((0, 2, 4)))


def test_accuracy_counts_every_sample_and_step():
    AL = np.array([[[0.9, 0.2], [0.4, 0.6]]])  # (1, 2, 2)
    Y = np.array([[[1.0, 1.0], [0.0, 1.0]]])
    assert accuracy(AL, Y) == 0.75


def test_fit_and_evaluate_cut_sequences_along_m():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 50, 6))
    Y = (np.cumsum(X[0], axis=1) > 0).astype(float)[None]  # the sign of the running sum, at every step
    model = Sequential(RNN(2, 8, rng=0), TimeDistributed(Layer(8, 1, activation=blocks.Sigmoid(), rng=1)))
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.03), epochs=30,
                        batch_size=16, verbose=0, metrics=["accuracy"], validation_data=(X, Y))
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert model.evaluate(X, Y)["accuracy"] == pytest.approx(history["val_accuracy"][-1])
    with pytest.raises(ValueError, match=r"fit expects X of shape \(2, m, \?\) for this model"):
        model.fit(X[:, :, 0], Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters()), verbose=0)
    with pytest.raises(ValueError, match=r"the same m.*m = 50 in X .* m = 49 in Y"):
        model.fit(X, Y[:, :49], loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters()), verbose=0)
    bad = X.copy()
    bad[1, 3, 2] = np.nan
    with pytest.raises(ValueError, match=r"finite X; .* the first at index \(1, 3, 2\)"):
        model.fit(bad, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters()), verbose=0)
