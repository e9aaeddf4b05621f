"""Ctrl-C during fit: the current step completes, fit returns its History with stop_reason, nothing is lost."""
import os
import signal

import numpy as np
import pytest

from blocks.training import Callback
from losses import BinaryCrossEntropy
from optim import SGD, Adam
from tests.fitting import separable, small_model

X, Y = separable(m=40)


def fit(model, callbacks=(), optimizer=None, epochs=3):
    optimizer = optimizer or Adam(model.parameters(), lr=0.01)
    return model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=optimizer, epochs=epochs, batch_size=8, rng=0,
                     verbose=0, callbacks=list(callbacks))


class At(Callback):
    """Calls ``action(run)`` at the end of batch ``batch`` of epoch ``epoch`` (both from 0)."""

    def __init__(self, epoch, batch, action, hook="on_batch_end"):
        self.epoch, self.batch, self.action = epoch, batch, action
        setattr(self, hook, self._maybe)

    def _maybe(self, batch, logs=None):
        if self.run.epoch == self.epoch and batch == self.batch:
            self.action(self.run)


def interrupt(run):
    raise KeyboardInterrupt


def stop(run):
    run.stop("planned")


def weights(model):
    return [p.value.copy() for p in model.parameters()]


def test_a_keyboard_interrupt_from_a_callback_returns_the_history_after_that_step():
    model, twin = small_model(), small_model()
    history = fit(model, [At(1, 2, interrupt)])
    assert history.stopped_by == "interrupt" and len(history) == 2
    assert history.stop_reason == ("interrupted (Ctrl-C) in epoch 2, after batch 3 of 5; the model holds the weights "
                                   "of the last complete step")
    planned = fit(twin, [At(1, 2, stop)])
    assert planned["loss"] == history["loss"]
    for a, b in zip(weights(model), weights(twin), strict=True):
        assert a.tobytes() == b.tobytes()


def test_a_real_ctrl_c_waits_for_the_end_of_the_step():
    model, twin = small_model(), small_model()
    kill = At(0, 3, lambda run: os.kill(os.getpid(), signal.SIGINT), hook="on_batch_begin")
    history = fit(model, [kill])
    assert history.stopped_by == "interrupt" and history.stop_reason.startswith(
        "interrupted (Ctrl-C) in epoch 1, after batch 4 of 5")
    fit(twin, [At(0, 3, stop)])
    for a, b in zip(weights(model), weights(twin), strict=True):
        assert a.tobytes() == b.tobytes()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_interrupt_inside_the_step_stops_after_the_last_complete_one():
    model = small_model()
    optimizer = SGD(model.parameters(), lr=0.1)
    steps = []

    def step():
        if len(steps) == 7:
            raise KeyboardInterrupt
        steps.append(1)
        SGD.step(optimizer)

    optimizer.step = step
    history = fit(model, optimizer=optimizer)
    assert history.stop_reason.startswith("interrupted (Ctrl-C) in epoch 2, after batch 2 of 5")
    assert len(history) == 2 and len(steps) == 7


def test_an_interrupt_before_the_first_step_of_an_epoch_records_no_empty_epoch():
    history = fit(small_model(), [At(1, 0, interrupt, hook="on_batch_begin")])
    assert len(history) == 1 and history.stopped_by == "interrupt"


@pytest.mark.parametrize("epochs", [1, 2])
def test_without_an_interrupt_nothing_changes(epochs):
    history = fit(small_model(), epochs=epochs)
    assert history.stop_reason is None and history.stopped_by is None and len(history) == epochs
    assert np.isfinite(history["loss"]).all()
