"""Early stopping: end training when a monitored number stops improving, optionally keeping the best weights."""
from __future__ import annotations

import math
import numbers

from .callbacks import Callback


class EarlyStopping(Callback):
    """Stops fit when ``monitor`` has not improved by more than ``min_delta`` for ``patience`` epochs.

    Keras's semantics: each epoch without improvement counts one; training stops when the count reaches
    ``patience`` (so ``patience=0`` stops at the first epoch without improvement). ``mode`` is ``"min"``,
    ``"max"`` or ``"auto"`` (max for names ending in "accuracy", min otherwise). A NaN never improves.
    With ``restore_best_weights`` every parameter and buffer (BatchNorm's running statistics) is put back,
    in place, to its value at the end of the best epoch when training ends. ``best``, ``best_epoch`` and
    ``stopped_epoch`` (None if it never stopped) tell what happened; the two epochs are indices into the
    History's lists (from 0), while the printed messages count from 1 as the progress lines do.
    """

    def __init__(self, monitor: str = "val_loss", patience: int = 0, min_delta: float = 0.0, mode: str = "auto",
                 restore_best_weights: bool = False):
        if not isinstance(monitor, str):
            raise TypeError(f"monitor must be the name of a logged value such as 'val_loss'. Received: {monitor!r}")
        if isinstance(patience, bool) or not isinstance(patience, numbers.Integral) or patience < 0:
            raise ValueError(f"patience must be an int >= 0. Received: patience={patience!r}")
        if isinstance(min_delta, bool) or not isinstance(min_delta, numbers.Real) or not min_delta >= 0:
            raise ValueError(f"min_delta must be a real number >= 0. Received: min_delta={min_delta!r}")
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max'. Received: mode={mode!r}")
        self.monitor, self.patience, self.min_delta = monitor, int(patience), float(min_delta)
        self.mode = ("max" if monitor.endswith("accuracy") else "min") if mode == "auto" else mode
        self.restore_best_weights = bool(restore_best_weights)

    def on_train_begin(self, logs=None):
        names = self.run.log_names
        if self.monitor not in names:
            hint = " (pass validation_data=(X_val, Y_val) to fit)" if self.monitor.startswith("val_") else ""
            raise ValueError(
                f"EarlyStopping monitors {self.monitor!r}, which this fit does not log{hint}; it logs {names}"
            )
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch = self.stopped_epoch = self.best_weights = None
        self.wait = 0

    def improved(self, value) -> bool:
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, epoch, logs=None):
        value = logs[self.monitor]
        if self.improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = snapshot(self.run.model)
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            best = "no value ever improved"
            if self.best_epoch is not None:
                best = f"best {self.best:.6g} at epoch {self.best_epoch + 1}"
            self.run.stop(f"early stopping after epoch {epoch + 1}: {self.monitor} did not improve by more than "
                          f"{self.min_delta:g} for {self.wait} epoch(s); {best}")

    def on_train_end(self, logs=None):
        if self.best_weights is not None:
            restore(self.best_weights)
            self.run.note(
                f"weights restored from the end of epoch {self.best_epoch + 1} ({self.monitor} {self.best:.6g})"
            )


def _blocks(model):
    """The model and every block inside it, through ``children()``."""
    yield model
    for _, block in model.named_blocks():
        yield block


def snapshot(model) -> list:
    """Copies of every parameter and buffer: [(block, name, copy)]."""
    named = [(p.block, p.name) for p in model.parameters()]
    named += [(block, name) for block in _blocks(model) for name in block.buffers]
    return [(block, name, getattr(block, name).copy()) for block, name in named]


def restore(saved) -> None:
    """Write a snapshot back in place, so optimizers and callers holding the arrays see it."""
    for block, name, value in saved:
        getattr(block, name)[...] = value
