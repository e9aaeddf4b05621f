"""Embedding: ids to the columns of W (W times a one-hot column); dW exact with repeated ids."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

import blocks
from blocks import LSTM, Embedding, Layer, Sequential, TimeDistributed
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import sizes
from blocks.training.callbacks import Callback
from losses import CategoricalCrossEntropy
from optim import Adam


@settings(max_examples=15)
@given(data=st.data(), n_vocab=sizes(1, 5), n_e=sizes(1, 4), m=sizes(1, 4), T=sizes(1, 4))
@example(data=None, n_vocab=1, n_e=1, m=1, T=1)
def test_dW_is_the_one_hot_product_and_matches_central_differences(data, n_vocab, n_e, m, T):
    emb = Embedding(n_vocab, n_e, rng=0)
    if data is None:
        ids, dA = np.zeros((m, T), int), np.ones((n_e, m, T))
    else:
        ids = data.draw(hnp.arrays(np.int64, (m, T), elements=st.integers(0, n_vocab - 1)))
        dA = data.draw(hnp.arrays(np.float64, (n_e, m, T), elements=st.floats(-2, 2)))
    A = emb.forward(ids)
    one_hot = np.eye(n_vocab)[ids.ravel()].T  # (n_vocab, m T)
    assert_allclose(A.reshape(n_e, -1), emb.W @ one_hot, rtol=1e-15)
    emb.backward(dA)
    assert_allclose(emb.dW, dA.reshape(n_e, -1) @ one_hot.T / (m * T), rtol=1e-12, atol=1e-15)
    check_gradients(emb, ids, dA, LinearLoss())


def test_repeated_ids_add_up_exactly():
    emb = Embedding(3, 2)
    emb.forward(np.array([[1, 1, 1, 2]]))
    emb.backward(np.array([[[1.0, 2.0, 3.0, 4.0]], [[0.5, 0.5, 0.5, 0.5]]]))
    assert_array_equal(emb.dW, np.array([[0.0, 6.0, 4.0], [0.0, 1.5, 0.5]]) / 4)


def test_ids_of_any_shape():
    emb = Embedding(10, 3, rng=0)
    assert emb.forward(np.arange(4)).shape == (3, 4)  # columns
    assert emb.forward(np.zeros((2, 5), int)).shape == (3, 2, 5)  # a sequence batch
    assert emb.forward(np.array([[2.0, 3.0]])).shape == (3, 1, 2)  # integer-valued floats
    assert emb.backward(np.ones((3, 1, 2))) is None  # ids have no gradient


@pytest.mark.parametrize("ids, match", [
    (np.array([[0, 10]]), r"expects ids in \[0, n_vocab\) = \[0, 10\); got 10"),
    (np.array([[-1, 2]]), r"got -1 "),
    (np.array([[0.5, 2.0]]), r"expects integer ids in \[0, 10\); got a non-integer, 0.5"),
    (np.array([[True]]), r"got booleans"),
])
def test_bad_ids_are_clear_errors(ids, match):
    with pytest.raises(ValueError, match=match):
        Embedding(10, 3).forward(ids)


def test_other_errors():
    with pytest.raises(ValueError, match=r"W must have shape \(3, 10\), got \(10, 3\)"):
        Embedding(10, 3).W = np.ones((10, 3))
    with pytest.raises(ValueError, match=r"takes integer ids of shape \(m, T_x\).*put the Embedding first"):
        Sequential(Layer(2, 2), Embedding(10, 3))
    with pytest.raises(RuntimeError, match="before forward"):
        Embedding(10, 3).backward(np.ones((3, 1)))
    with pytest.raises(TypeError, match="ids must be a numeric array"):
        Embedding(10, 3).forward([["a"]])


def test_a_char_model_fits_on_ids_and_saves(tmp_path):
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 6, (30, 8))
    Y = np.eye(6)[(ids + 1) % 6].transpose(2, 0, 1)  # predict the next id: a map each step can learn
    model = Sequential(Embedding(6, 4, rng=0), LSTM(4, 8, rng=1),
                       TimeDistributed(Layer(8, 6, activation=blocks.Softmax(), rng=2)))
    seen = []

    class Shapes(Callback):
        def on_batch_begin(self, batch, logs):
            seen.append((self.run.X_batch.shape, self.run.Y_batch.shape))

    history = model.fit(ids, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.05),
                        epochs=30, batch_size=16, verbose=0, metrics=["accuracy"], callbacks=[Shapes()])
    assert seen[:2] == [((16, 8), (6, 16, 8)), ((14, 8), (6, 14, 8))]  # cut along m
    assert history["accuracy"][-1] > 0.9 > history["accuracy"][0]
    history = model.fit(ids, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.05),
                        epochs=1, verbose=0, validation_split=0.2)  # the last 6 of the 30 samples validate
    assert model.evaluate(ids[24:], Y[:, 24:], loss=CategoricalCrossEntropy())["loss"] == history["val_loss"][0]
    model.save(tmp_path / "emb.npz")
    assert_array_equal(Sequential.load(tmp_path / "emb.npz").predict(ids), model.predict(ids))
