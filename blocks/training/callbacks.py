"""Callbacks: code fit runs at the start and end of training, of each epoch and of each batch."""
from __future__ import annotations

import numbers

from ..checks import check_hyper


class Callback:
    """The base: override any of the hooks; each does nothing by default.

    ``on_train_begin(logs)``, ``on_epoch_begin(epoch, logs)``, ``on_batch_begin(batch, logs)``,
    ``on_batch_end(batch, logs)``, ``on_epoch_end(epoch, logs)``, ``on_train_end(logs)``. Epochs and
    batches count from 0. A batch's logs hold its ``"loss"`` (its cost J, computed before its update),
    ``"size"`` (its number of columns) and its metrics; an epoch's logs are those History records.

    ``self.run`` (set by fit) gives ``model``, ``optimizer``, ``loss``, ``history``, ``epochs``, the current
    batch ``X_batch`` and ``Y_batch``, the names fit will log (``log_names``) and ``stop(reason)``, which
    ends training after the current batch.
    """

    run = None

    def set_run(self, run) -> None:
        self.run = run

    def on_train_begin(self, logs=None): ...

    def on_epoch_begin(self, epoch, logs=None): ...

    def on_batch_begin(self, batch, logs=None): ...

    def on_batch_end(self, batch, logs=None): ...

    def on_epoch_end(self, epoch, logs=None): ...

    def on_train_end(self, logs=None): ...


class LambdaCallback(Callback):
    """A callback from plain functions, e.g. ``LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch))``.

    A plain function in fit's ``callbacks`` list is taken as ``LambdaCallback(on_epoch_end=function)``.
    """

    HOOKS = ("on_train_begin", "on_epoch_begin", "on_batch_begin", "on_batch_end", "on_epoch_end", "on_train_end")

    def __init__(self, **hooks):
        for name, function in hooks.items():
            if name not in self.HOOKS:
                raise TypeError(f"LambdaCallback takes the hooks {', '.join(self.HOOKS)}. Received: {name}=")
            if function is not None and not callable(function):
                raise TypeError(f"{name} must be a function. Received: {name}={function!r}")
            if function is not None:
                setattr(self, name, function)


class LearningRateScheduler(Callback):
    """Sets ``optimizer.lr = schedule(epoch)`` at the start of each epoch and logs it as ``"lr"``.

    ``schedule`` is an ``optim.schedules`` Schedule or any callable ``epoch -> lr`` (epochs from 0).
    """

    def __init__(self, schedule):
        if not callable(schedule):
            raise TypeError(
                f"schedule must be a callable epoch -> lr, such as optim.InverseTimeDecay(lr0, decay_rate). "
                f"Received: {schedule!r}"
            )
        self.schedule = schedule

    def on_epoch_begin(self, epoch, logs=None):
        lr = self.schedule(epoch)
        if not isinstance(lr, numbers.Real):
            raise TypeError(f"the schedule {self.schedule!r} must return a learning rate; epoch {epoch} gave {lr!r}")
        self.run.optimizer.lr = check_hyper("lr", lr, low=0.0)

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = self.run.optimizer.lr


class CallbackList:
    """Calls each hook of every callback in order."""

    def __init__(self, callbacks, run):
        self.callbacks = list(callbacks)
        for callback in self.callbacks:
            callback.set_run(run)

    def call(self, hook: str, *args) -> None:
        for callback in self.callbacks:
            getattr(callback, hook)(*args)


def as_callbacks(callbacks) -> list:
    """fit's ``callbacks``: None, or a list of Callbacks and plain functions ``f(epoch, logs)``."""
    if callbacks is None:
        return []
    if isinstance(callbacks, Callback) or callable(callbacks):
        callbacks = [callbacks]
    try:
        callbacks = list(callbacks)
    except TypeError:
        raise TypeError(
            f"callbacks must be a list of Callbacks or functions f(epoch, logs). Received: {callbacks!r}"
        ) from None
    resolved = []
    for callback in callbacks:
        if isinstance(callback, type) and issubclass(callback, Callback):
            raise TypeError(f"callbacks must hold Callback instances: write {callback.__name__}(...), with parentheses")
        if isinstance(callback, Callback):
            resolved.append(callback)
        elif callable(callback):
            resolved.append(LambdaCallback(on_epoch_end=callback))
        else:
            raise TypeError(f"callbacks must be Callbacks or functions f(epoch, logs). Received: {callback!r}")
    return resolved
