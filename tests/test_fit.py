"""fit: the canonical loop over shuffled mini-batches, the History it returns, reproducibility."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import blocks
from blocks import BatchNorm, Layer, Sequential
from blocks.datasets import planar_flower
from blocks.training import Callback, History, LambdaCallback
from losses import BinaryCrossEntropy
from optim import SGD, Adam
from tests.fitting import separable, small_model


def train(model, X, Y, lr=0.5, **options):
    options.setdefault("verbose", 0)
    return model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=lr), **options)


def test_same_seeds_give_the_same_numbers_to_the_bit():
    X, Y = separable()
    a, b = small_model(seed=3, dropout=0.8), small_model(seed=3, dropout=0.8)
    first = train(a, X, Y, epochs=5, batch_size=16, rng=11, metrics=["accuracy"])
    second = train(b, X, Y, epochs=5, batch_size=16, rng=np.random.default_rng(11), metrics=["accuracy"])
    assert first.history == second.history
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert np.array_equal(p.value, q.value)
    third = train(small_model(seed=3, dropout=0.8), X, Y, epochs=5, batch_size=16, rng=12)
    assert third["loss"] != first["loss"], "the shuffling rng was not used"


def test_the_cost_falls_on_a_learnable_problem():
    X, Y = planar_flower(200, rng=0)
    model = Sequential(Layer(2, 16, activation=blocks.Tanh(), rng=0), Layer(16, 1, activation=blocks.Sigmoid(), rng=1))
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.02), epochs=60,
                        batch_size=32, rng=0, metrics="accuracy", verbose=0)
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert history["accuracy"][-1] > 0.8


class BatchRecorder(Callback):
    """Keeps the first row of every batch, which holds the column numbers of its samples."""

    def __init__(self):
        self.columns = []

    def on_batch_end(self, batch, logs=None):
        self.columns.append(self.run.X_batch[0].copy())


@given(m=st.integers(1, 30), batch_size=st.integers(1, 40), epochs=st.integers(1, 3), shuffle=st.booleans())
def test_every_column_once_per_epoch_in_batches_of_batch_size_the_last_partial(m, batch_size, epochs, shuffle):
    X = np.vstack([np.arange(m, dtype=float), np.zeros(m)])
    Y = np.zeros((1, m))
    record = BatchRecorder()
    model = small_model()
    history = train(model, X, Y, epochs=epochs, batch_size=batch_size, shuffle=shuffle, rng=0, callbacks=[record])
    seen = record.columns
    assert len(history) == len(history["loss"]) == epochs and history.epoch == list(range(epochs))
    steps = -(-m // batch_size)
    assert len(seen) == steps * epochs
    sizes = [len(columns) for columns in seen[:steps]]
    assert sizes == [batch_size] * (steps - 1) + [m - batch_size * (steps - 1)]
    for e in range(epochs):
        columns = np.concatenate(seen[e * steps:(e + 1) * steps])
        assert np.array_equal(np.sort(columns), np.arange(m))
        if not shuffle:
            assert np.array_equal(columns, np.arange(m))


def test_the_epoch_loss_is_the_m_weighted_mean_of_the_batch_costs():
    X, Y = separable(m=10)
    costs = []
    callback = LambdaCallback(on_batch_end=lambda batch, logs: costs.append((logs["loss"], logs["size"])))
    history = train(small_model(), X, Y, epochs=2, batch_size=4, rng=0, callbacks=[callback])
    for e in range(2):
        batches = costs[3 * e:3 * (e + 1)]
        assert [size for _, size in batches] == [4, 4, 2]
        assert history["loss"][e] == pytest.approx(sum(J * size for J, size in batches) / 10, rel=1e-12)


def test_full_batch_fit_is_the_canonical_loop():
    X, Y = separable(m=12)
    model, reference = small_model(seed=5), small_model(seed=5)
    history = train(model, X, Y, lr=0.3, epochs=4, batch_size=12, shuffle=False)
    loss, opt, costs = BinaryCrossEntropy(), SGD(reference.parameters(), lr=0.3), []
    for _ in range(4):
        AL = reference.forward(X)
        costs.append(loss.forward(AL, Y))
        reference.backward(loss.backward(AL, Y))
        opt.step()
    assert history["loss"] == costs
    for p, q in zip(model.parameters(), reference.parameters(), strict=True):
        assert np.array_equal(p.value, q.value)


def test_validation_data_and_metrics_are_logged_in_eval_mode():
    X, Y = separable(m=40)
    X_val, Y_val = separable(m=15, seed=1)
    model = small_model(dropout=0.5)
    history = train(model, X, Y, epochs=3, batch_size=8, rng=0, validation_data=(X_val, Y_val), metrics=["acc"])
    assert list(history.keys()) == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert history.history["val_loss"][-1] == pytest.approx(BinaryCrossEntropy()(model.predict(X_val), Y_val))
    assert history["val_loss"] is history.history["val_loss"]


def test_training_mode_during_fit_and_the_mode_restored_after():
    X, Y = separable(m=8)
    model = small_model(dropout=0.5).eval()
    modes = []
    train(model, X, Y, epochs=2, callbacks=[lambda epoch, logs: modes.append(model[1].training)])
    assert modes == [True, True]
    assert not model.training and not model[1].training


def test_a_float32_model_stays_float32_on_float64_data():
    X, Y = separable(m=10)
    model = small_model(dtype=np.float32)
    opt = Adam(model.parameters(), lr=0.01)
    model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=opt, epochs=2, batch_size=4, rng=0, verbose=0)
    assert all(p.value.dtype == np.float32 for p in model.parameters())
    assert all(a.dtype == np.float32 for state in opt.state.values() for a in state.values())


def test_a_batch_larger_than_m_is_one_batch_and_a_frozen_layer_stays():
    X, Y = separable(m=6)
    model = small_model()
    W0 = model[0].W.copy()
    opt = SGD(model[1].parameters(), lr=0.5)
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=opt, epochs=2, batch_size=100, verbose=0)
    assert len(history) == 2 and np.array_equal(model[0].W, W0)


def test_batchnorm_and_dropout_train_through_fit():
    X, Y = planar_flower(160, rng=2)
    model = Sequential(
        Layer(2, 16, activation=blocks.Identity(), rng=0), BatchNorm(16, activation=blocks.ReLU()),
        blocks.Dropout(keep_prob=0.9, rng=1), Layer(16, 16, activation=blocks.ReLU(), rng=3),
        Layer(16, 1, activation=blocks.Sigmoid(), rng=2),
    )
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.02), epochs=60,
                        batch_size=32, rng=0, verbose=0, validation_data=(X, Y), metrics=["accuracy"])
    assert history["loss"][-1] < 0.7 * history["loss"][0]
    assert history["val_loss"][-1] < 0.6 * history["val_loss"][0] and history["val_accuracy"][-1] > 0.85
    assert not np.allclose(model[1].running_mean, 0.0)


def test_history_reads_like_keras_and_says_what_it_lacks():
    history = History()
    assert repr(history) == "History(no epochs)"
    history.append(0, {"loss": 0.5})
    history.append(1, {"loss": 0.25})
    assert repr(history) == "History(2 epochs: loss 0.5 -> 0.25)" and "loss" in history and len(history) == 2
    with pytest.raises(KeyError, match=r"this History has no 'val_loss'; it has \['loss'\]"):
        history["val_loss"]
