"""Training that goes non-finite: caught where it happens, reported once, the last finite weights restored.

A learning rate far too large makes an update overflow: ``W -= lr dW`` turns W into inf, and the next
forward into NaN. NumPy would print its own RuntimeWarnings first ("overflow encountered in matmul"), which
say nothing of why. During fit, NumPy's floating-point errors (overflow, invalid value, division by zero) are
recorded instead of printed; after a step that raised one, the parameters are checked: non-finite ones stop
training (``history.stop_reason`` says which and where). On that stop, or on TerminateOnNaN's (a non-finite
cost, which weights too large to be useful give as well), the weights and optimizer state of the start of the
epoch, the last known to be finite, are put back. A step whose errors left everything finite gets its
warnings re-issued, once each, so that nothing is hidden.

The snapshot is one copy of the parameters and of the optimizer's state per epoch.
"""
from __future__ import annotations

import contextlib
import warnings

import numpy as np


class NumericGuard:
    """Records floating-point errors during fit and restores the epoch's first weights when training diverges."""

    def __init__(self, run):
        self.run = run
        self.errors: list[str] = []
        self._weights = None
        self._state = None
        self._epoch = 0

    @contextlib.contextmanager
    def watching(self):
        """NumPy's overflow, invalid-value and division errors recorded, not printed, for the duration."""
        with np.errstate(over="call", invalid="call", divide="call", under="ignore", call=self._record):
            yield self

    def _record(self, error, flag):
        if error not in self.errors:
            self.errors.append(error)

    def snapshot(self, epoch: int) -> None:
        """Copy the parameters and optimizer state, if they are finite (the weights to go back to)."""
        params = self.run.optimizer.params
        if all(np.isfinite(p.value).all() for p in params):
            self._weights = [p.value.copy() for p in params]
            self._state = self.run.optimizer.state_dict()
            self._epoch = epoch

    def after_step(self, epoch: int, batch: int) -> None:
        """After a step: on a non-finite stop or non-finite parameters, stop and restore; else re-issue the
        step's recorded warnings."""
        errors, self.errors = self.errors, []
        run = self.run
        if run.stop_training and run.history.stopped_by == "non-finite":
            self._restore_and_say()
            return
        if not errors:
            return
        bad = [p for p in run.optimizer.params if not np.isfinite(p.value).all()]
        if not bad:
            for error in errors:
                warnings.warn(f"{error} encountered in epoch {epoch + 1}, batch {batch + 1} of fit "
                              "(the parameters stayed finite)", RuntimeWarning, stacklevel=4)
            return
        run.stop_training, run.history.stop_reason = False, None  # this stop, which restores, comes first
        run.stop(f"the update of epoch {epoch + 1}, batch {batch + 1} made {bad[0]!r} non-finite "
                 f"({', '.join(errors)}): lower the learning rate or clip the gradients (clip_norm=...)",
                 by="non-finite")
        self._restore_and_say()

    def _restore_and_say(self) -> None:
        said = self._restore()
        self.run.history.stop_reason += "; " + said
        self.run.note(said[0].upper() + said[1:])

    def _restore(self) -> str:
        if self._weights is None:
            return "no finite weights to restore (they were not finite when training began)"
        for p, value in zip(self.run.optimizer.params, self._weights, strict=True):
            p.value[...] = value
        self.run.optimizer.load_state_dict(self._state)
        return (f"restored the weights and optimizer state of the start of epoch {self._epoch + 1}, "
                "the last known to be finite")
