"""fit and evaluate: the canonical training loop over mini-batches, with callbacks and a History."""
from __future__ import annotations

import math

import numpy as np

from .callbacks import CallbackList, as_callbacks
from .guard import NumericGuard
from .history import History
from .interrupt import Interrupt
from .interrupt import reason as interrupt_reason
from .metrics import get_metrics
from .progress import ProgressBar
from .samples import model_shapes, sample_axis, take_samples
from .sharding import leads, shared_generator, train_batch
from .terminate_on_nan import TerminateOnNaN
from .validation import (
    check_data,
    check_options,
    check_targets,
    check_validation_data,
    is_loss,
    split_validation,
)


class TrainingRun:
    """What callbacks see of one fit: the model, optimizer, loss, history, epochs, steps per epoch,
    the current ``epoch`` and batch (``X_batch``, ``Y_batch``), ``log_names``, and ``stop(reason)``."""

    def __init__(self, model, optimizer, loss, epochs, steps, log_names):
        self.model, self.optimizer, self.loss = model, optimizer, loss
        self.epochs, self.steps, self.log_names = epochs, steps, log_names
        self.history = History()
        self.stop_training = False
        self.notes: list[str] = []
        self.X_batch = self.Y_batch = None
        self.epoch = 0

    def stop(self, reason: str, by: str | None = None) -> None:
        """End training after the current batch; the reason goes to ``history.stop_reason`` and is printed.

        ``by`` names the cause for code that acts on it (``history.stopped_by``): "interrupt" for Ctrl-C."""
        self.stop_training = True
        if self.history.stop_reason is None:
            self.history.stop_reason = reason
            self.history.stopped_by = by
        self.note(reason)

    def note(self, line: str) -> None:
        self.notes.append(line)


def fit(model, X, Y, *, loss, optimizer, epochs: int = 1, batch_size: int = 64, shuffle: bool = True, rng=None,
        validation_data=None, validation_split=None, callbacks=None, verbose: int = 1, metrics=None) -> History:
    """Train ``model`` on mini-batches of the columns of X and Y; returns a History.

    Each epoch shuffles the m columns (with ``rng``, a seed or a Generator, when ``shuffle``) and cuts
    them into batches of ``batch_size`` columns, the last one smaller when m is not a multiple. Each
    batch runs the canonical loop in training mode: ``AL = model.forward(X_b)``, ``J = loss(AL, Y_b)``,
    ``model.backward(loss.backward(AL, Y_b))``, ``optimizer.step()``; a batch whose J is NaN or inf makes
    no update (and TerminateOnNaN, added unless ``callbacks`` has one, stops training there).

    ``history["loss"][e]`` is the cost of epoch e: the m-weighted mean of its batches' costs,
    ``sum_b m_b J_b / m``, each J_b taken before that batch's update, in training mode (Dropout on), and
    without the L2 penalty (add ``optimizer.penalty()`` for that). ``metrics`` (such as ``["accuracy"]``)
    are averaged the same way. With ``validation_data=(X_val, Y_val)``, ``"val_loss"`` and ``"val_<metric>"``
    are computed on all of it in eval mode after each epoch; ``validation_split=0.2`` holds out the last 20% of
    the columns (before any shuffling) as validation data instead, as Keras does. The same seeds (the model's,
    its Dropouts' and ``rng``) give the same numbers. ``verbose``: 0 silent, 1 a progress bar (tqdm if installed),
    2 a line per epoch. The model's mode is restored at the end.

    With ``optimizer=DataParallel(...)`` (``mpiexec -n P``), every process passes the SAME X, Y (and the
    same ``rng``, or none: process 0's shuffle is then shared); each takes its contiguous share of every
    batch's columns, the gradients are averaged weighted by the shares, and History holds the whole
    batch's cost and metrics on every process (validation runs whole on each); only process 0 prints.

    Shapes:
        X: (n^[0], m) or images (n_C, n_H, n_W, m)      Y: (n^[L], m)      X_val, Y_val: the same with m_val
        Y as class labels (1, m) or (m,) (ints in 0..n^[L]-1) for a loss whose ``targets`` is ``"labels"``
        (SparseCategoricalCrossEntropy); the metrics then get them as (1, m)
        sequences: X (n_x, m, T_x) or an Embedding's ids (m, T_x), Y (n_y, m, T_x) or (n_y, m): batches
        are cut along m (see ``samples.sample_axis``)
    """
    X, Y = check_data(X, Y, model, loss=loss)
    axes = tuple(sample_axis(A, shape) for A, shape in zip((X, Y), model_shapes(model), strict=True))
    X, Y, validation_data = split_validation(X, Y, validation_split, validation_data, axes)
    epochs, batch_size, verbose = check_options(model, loss, optimizer, epochs, batch_size, verbose)
    validation = check_validation_data(validation_data, model, loss)
    for name, labels in (("Y", Y), ("Y_val", None if validation is None else validation[1])):
        check_targets(loss, name, labels)
    metrics = get_metrics(metrics)
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False. Received: shuffle={shuffle!r}")
    rng = shared_generator(rng, optimizer)
    m = X.shape[axes[0]]
    names = ["loss", *metrics]
    run = TrainingRun(model, optimizer, loss, epochs, math.ceil(m / batch_size),
                      names + ([f"val_{name}" for name in names] if validation else []))
    user = as_callbacks(callbacks)
    defaults = [] if any(isinstance(c, TerminateOnNaN) for c in user) else [TerminateOnNaN()]
    progress = [ProgressBar(verbose)] if verbose and leads(optimizer) else []
    hooks = CallbackList([*user, *defaults, *progress], run)

    was_training = model.training
    model.train()
    guard, interrupt = NumericGuard(run), Interrupt()
    try:
        with interrupt.listen(), guard.watching():
            hooks.call("on_train_begin", {})
            for epoch in range(epochs):
                run.epoch = epoch
                guard.snapshot(epoch)
                hooks.call("on_epoch_begin", epoch, {})
                order = rng.permutation(m) if shuffle else np.arange(m)
                logs = _train_epoch(run, hooks, guard, interrupt, (X, Y, axes), order, batch_size, metrics)
                if logs is None:  # interrupted before a single step of this epoch
                    break
                if validation is not None and not run.stop_training:
                    logs.update({f"val_{k}": v for k, v in _measure(model, *validation, loss, metrics).items()})
                hooks.call("on_epoch_end", epoch, logs)
                run.history.append(epoch, logs)
                if run.stop_training:
                    break
            hooks.call("on_train_end", {})
    finally:
        model.train(was_training)
    return run.history


def _train_epoch(run, hooks, guard, interrupt, data, order, batch_size, metrics):
    """One pass over the batches of ``data = (X, Y, their sample axes)``; the m-weighted means of their costs
    and metrics (None if no batch ran)."""
    totals, seen = dict.fromkeys(["loss", *metrics], 0.0), 0
    for batch, start in enumerate(range(0, len(order), batch_size)):
        try:
            logs = _step(run, hooks, data, order[start:start + batch_size], batch, metrics)
        except KeyboardInterrupt:  # raised inside the step (not by Ctrl-C, which waits for its end)
            interrupt.requested, batch = True, batch - 1
        else:
            for key in totals:
                totals[key] += logs[key] * logs["size"]
            seen += logs["size"]
            try:
                hooks.call("on_batch_end", batch, logs)
            except KeyboardInterrupt:
                interrupt.requested = True
            guard.after_step(run.epoch, batch)
        if interrupt.requested and not run.stop_training:
            run.stop(interrupt_reason(run.epoch, batch, run.steps), by="interrupt")
        if run.stop_training:
            break
    return {key: total / seen for key, total in totals.items()} if seen else None


def _step(run, hooks, data, columns, batch, metrics) -> dict:
    """One batch, its samples taken along the sample axes of X and Y: on_batch_begin, forward, cost, backward
    and update (none if the cost is not finite)."""
    model, loss, optimizer = run.model, run.loss, run.optimizer
    X, Y, axes = data
    run.X_batch, run.Y_batch = take_samples(X, columns, axes[0]), take_samples(Y, columns, axes[1])
    hooks.call("on_batch_begin", batch, {"size": len(columns)})
    return train_batch(model, loss, optimizer, (run.X_batch, run.Y_batch, axes), metrics)


def _measure(model, X, Y, loss, metrics) -> dict:
    """The cost and metrics of the whole of X, Y in eval mode."""
    AL = _predict(model, X)
    results = {} if loss is None else {"loss": loss.forward(AL, Y)}
    results.update({name: metric(AL, Y) for name, metric in metrics.items()})
    return results


def _predict(model, X):
    if hasattr(model, "predict"):
        return model.predict(X)
    was_training = model.training
    model.eval()
    try:
        return model.forward(X)
    finally:
        model.train(was_training)


def evaluate(model, X, Y, loss=None, metrics=None) -> dict:
    """The cost and metrics of the model on X, Y in eval mode: ``{"loss": J, "accuracy": ...}``.

    ``metrics`` defaults to ``["accuracy"]`` when no loss is given.

    Shapes:
        X: (n^[0], m) or images (n_C, n_H, n_W, m)      Y: (n^[L], m), or class labels (1, m) or (m,) for a
        loss whose ``targets`` is ``"labels"`` (SparseCategoricalCrossEntropy)
    """
    X, Y = check_data(X, Y, model, who="evaluate", loss=loss)
    if loss is not None and not is_loss(loss):
        hint = " (write it with parentheses)" if isinstance(loss, type) else ""
        raise TypeError(f"loss must be a Loss such as BinaryCrossEntropy(){hint}. Received: {loss!r}")
    check_targets(loss, "Y", Y, who="evaluate")
    metrics = get_metrics(["accuracy"] if loss is None and metrics is None else metrics)
    return _measure(model, X, Y, loss, metrics)
