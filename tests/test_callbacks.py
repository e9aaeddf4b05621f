"""Callbacks: early stopping (and restoring the best weights), stopping on NaN, schedules, hooks."""
import numpy as np
import pytest

import blocks
from blocks import BatchNorm, Dropout, Layer, Sequential
from blocks.training import Callback, EarlyStopping, LambdaCallback, LearningRateScheduler, TerminateOnNaN
from blocks.training.terminate_on_nan import first_non_finite
from losses import BinaryCrossEntropy, Loss
from optim import SGD, StepDecay
from tests.fitting import separable, small_model


def scripted(values, name="score"):
    """A metric that returns the next scripted value at each call (one call per epoch with one batch)."""
    it = iter(values)
    metric = lambda AL, Y: next(it)  # noqa: E731
    metric.__name__ = name
    return metric


def train(model, values=None, callbacks=(), epochs=10, name="score", **options):
    X, Y = separable(m=12)
    options.setdefault("metrics", [scripted(values, name)] if values is not None else None)
    return model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1), epochs=epochs,
                     batch_size=12, shuffle=False, verbose=0, callbacks=list(callbacks), **options)


@pytest.mark.parametrize(
    ("values", "patience", "min_delta", "mode", "stopped"),
    [
        ([5, 4, 4.5, 4.2, 3, 2, 1, 0, 0, 0], 2, 0.0, "auto", 3),    # two epochs without a new minimum
        ([5, 4, 4.5, 3, 3.5, 3.2, 3.1, 3, 0, 0], 3, 0.0, "min", 6),
        ([5, 4.95, 4.9, 4.85, 1, 0, 0, 0, 0, 0], 2, 0.1, "min", 2),  # steps smaller than min_delta do not count
        ([1, 2, 3, 2, 1, 0, 5, 6, 7, 8], 0, 0.0, "max", 3),         # patience 0: the first miss stops
        ([5, float("nan"), 4, 3, 2, 1, 0, 0, 0, 0], 1, 0.0, "min", 1),  # a NaN never improves
    ],
)
def test_early_stopping_counts_epochs_without_improvement(values, patience, min_delta, mode, stopped):
    stopper = EarlyStopping("score", patience=patience, min_delta=min_delta, mode=mode)
    history = train(small_model(), values, [stopper])
    assert len(history) == stopped + 1 and stopper.stopped_epoch == stopped
    assert history.stop_reason.startswith(f"early stopping after epoch {stopped + 1}: score did not improve")


def test_early_stopping_that_never_triggers_runs_every_epoch():
    stopper = EarlyStopping("score", patience=1)
    history = train(small_model(), list(range(10, 0, -1)), [stopper])
    assert len(history) == 10 and stopper.stopped_epoch is None and history.stop_reason is None
    assert stopper.best == 1 and stopper.best_epoch == 9


def test_auto_mode_maximises_accuracy():
    assert EarlyStopping("val_accuracy").mode == "max" and EarlyStopping("val_loss").mode == "min"


def test_restore_best_weights_puts_back_parameters_and_running_statistics():
    model = Sequential(Layer(2, 3, activation=blocks.Identity(), rng=0), BatchNorm(3, activation=blocks.Tanh()),
                       Layer(3, 1, activation=blocks.Sigmoid(), rng=1))
    saved = []
    keep = LambdaCallback(on_epoch_end=lambda epoch, logs: saved.append(
        [p.value.copy() for p in model.parameters()] + [model[1].running_mean.copy()]))
    W_array = model[0].W
    stopper = EarlyStopping("score", patience=3, restore_best_weights=True)
    history = train(model, [5, 4, 2, 3, 3, 3, 1, 1, 1, 1], [keep, stopper])
    assert len(history) == 6 and stopper.best_epoch == 2
    now = [p.value for p in model.parameters()] + [model[1].running_mean]
    for current, best in zip(now, saved[2], strict=True):
        assert np.array_equal(current, best)
    assert model[0].W is W_array, "restored by replacing the array instead of in place"
    assert not np.array_equal(saved[5][0], saved[2][0])


def test_early_stopping_on_val_loss_needs_validation_data():
    with pytest.raises(ValueError, match=r"monitors 'val_loss', which this fit does not log \(pass validation_data"):
        train(small_model(), callbacks=[EarlyStopping()])


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: EarlyStopping(patience=-1), ValueError, "patience must be an int >= 0. Received: patience=-1"),
        (lambda: EarlyStopping(min_delta=-0.1), ValueError, "min_delta must be a real number >= 0"),
        (lambda: EarlyStopping(mode="up"), ValueError, "mode must be 'auto', 'min' or 'max'. Received: mode='up'"),
        (lambda: EarlyStopping(monitor=3), TypeError, "monitor must be the name of a logged value"),
        (lambda: LambdaCallback(on_epoch_ends=print), TypeError, "LambdaCallback takes the hooks"),
        (lambda: LambdaCallback(on_epoch_end=3), TypeError, "on_epoch_end must be a function"),
        (lambda: LearningRateScheduler(0.1), TypeError, "schedule must be a callable epoch -> lr"),
    ],
)
def test_bad_callback_settings_are_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_nan_cost_stops_at_once_naming_the_first_non_finite_block():
    model = Sequential(Layer(2, 4, activation=blocks.Tanh(), rng=0), Layer(4, 3, activation=blocks.ReLU(), rng=1),
                       Layer(3, 1, activation=blocks.Sigmoid(), rng=2))
    model[1].W[0, 0] = np.nan
    before = [p.value.copy() for p in model.parameters()]
    history = train(model, epochs=5)
    assert len(history) == 1 and np.isnan(history["loss"][0])
    assert history.stop_reason.startswith("the cost became nan in epoch 1, batch 1: block 1 of the Sequential, "
                                          "Layer(4, 3, activation=ReLU()), gave the first non-finite output")
    assert "its W is non-finite" in history.stop_reason
    for p, value in zip(model.parameters(), before, strict=True):
        assert np.array_equal(p.value, value, equal_nan=True), "a non-finite batch made an update"


class InfiniteLoss(Loss):
    def forward(self, AL, Y):
        return float("inf")

    def backward(self, AL, Y):
        return np.zeros_like(AL)


def test_a_loss_that_overflows_on_finite_outputs_is_named():
    X, Y = separable(m=8)
    model = small_model()
    history = model.fit(X, Y, loss=InfiniteLoss(), optimizer=SGD(model.parameters(), lr=0.1), epochs=3, verbose=0)
    assert "every block's output is finite, so the loss itself gave it" in history.stop_reason


def test_the_diagnosis_leaves_running_statistics_and_dropout_masks_alone():
    model = Sequential(Layer(2, 3, rng=0), BatchNorm(3), Dropout(keep_prob=0.5, rng=1), Layer(3, 1, rng=2))
    X = np.ones((2, 5))
    mean, state = model[1].running_mean.copy(), model[2].rng.bit_generator.state
    assert first_non_finite(model, X) == "every block's output is finite, so the loss itself gave it"
    assert np.array_equal(model[1].running_mean, mean) and model[2].rng.bit_generator.state == state


def test_a_terminate_on_nan_of_ones_own_replaces_the_default():
    class Counting(TerminateOnNaN):
        calls = 0

        def on_batch_end(self, batch, logs=None):
            Counting.calls += 1
            super().on_batch_end(batch, logs)

    model = small_model()
    model[0].W[0, 0] = np.nan
    history = train(model, callbacks=[Counting()], epochs=3)
    assert Counting.calls == 1 and len(history) == 1


def test_the_scheduler_sets_the_rate_each_epoch_and_logs_it():
    model = small_model()
    schedule = StepDecay(0.4, 2, gamma=0.5)
    history = train(model, callbacks=[LearningRateScheduler(schedule)], epochs=5)
    assert history["lr"] == [0.4, 0.4, 0.2, 0.2, 0.1]
    history = train(model, callbacks=[LearningRateScheduler(lambda epoch: 1.0 / (epoch + 1))], epochs=3)
    assert history["lr"] == pytest.approx([1.0, 0.5, 1 / 3])


@pytest.mark.parametrize(
    ("schedule", "error", "match"),
    [
        (lambda epoch: "fast", TypeError, r"must return a learning rate; epoch 0 gave 'fast'"),
        (lambda epoch: -0.1, ValueError, r"lr must be in \[0.0, inf\]. Received: lr=-0.1"),
    ],
)
def test_a_schedule_that_returns_no_learning_rate_is_named(schedule, error, match):
    with pytest.raises(error, match=match):
        train(small_model(), callbacks=[LearningRateScheduler(schedule)])


def test_hooks_run_in_order_and_a_plain_function_is_an_epoch_hook():
    calls = []

    class Tracer(Callback):
        def on_train_begin(self, logs=None):
            calls.append(("train_begin", self.run.model is model, self.run.epochs, self.run.steps))

        def on_epoch_begin(self, epoch, logs=None):
            calls.append(("epoch_begin", epoch))

        def on_batch_begin(self, batch, logs=None):
            calls.append(("batch_begin", batch, logs["size"]))

        def on_train_end(self, logs=None):
            calls.append(("train_end",))

    model = small_model()
    X, Y = separable(m=5)
    model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1), epochs=2, batch_size=3,
              verbose=0, callbacks=[Tracer(), lambda epoch, logs: calls.append(("epoch_end", epoch, sorted(logs)))])
    assert calls == [
        ("train_begin", True, 2, 2),
        ("epoch_begin", 0), ("batch_begin", 0, 3), ("batch_begin", 1, 2), ("epoch_end", 0, ["loss"]),
        ("epoch_begin", 1), ("batch_begin", 0, 3), ("batch_begin", 1, 2), ("epoch_end", 1, ["loss"]),
        ("train_end",),
    ]


def test_a_callback_can_stop_training():
    stop_after_two = LambdaCallback(on_epoch_end=lambda epoch, logs: epoch == 1 and stop_after_two.run.stop("enough"))
    history = train(small_model(), callbacks=[stop_after_two], epochs=10)
    assert len(history) == 2 and history.stop_reason == "enough"
