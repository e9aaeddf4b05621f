"""Learning-rate schedules: ``schedule(epoch) -> lr``, epochs counted from 0 as in the course.

In a plain loop set the rate at the start of each epoch, ``opt.lr = schedule(epoch)`` (or
``schedule.apply(opt, epoch)``); in ``fit`` pass ``callbacks=[LearningRateScheduler(schedule)]``.
Any callable ``epoch -> lr`` serves as a schedule too.
"""
from __future__ import annotations

import math
import numbers

from blocks.checks import check_hyper, positive_int

from .optimizer import Optimizer


class Schedule:
    """The base: ``schedule(epoch)`` checks the epoch and returns ``self.lr_at(epoch)``."""

    def __call__(self, epoch) -> float:
        if isinstance(epoch, bool) or not isinstance(epoch, numbers.Integral):
            raise TypeError(f"epoch must be an int >= 0 (counted from 0). Received: epoch={epoch!r}")
        if epoch < 0:
            raise ValueError(f"epoch must be an int >= 0 (counted from 0). Received: epoch={epoch!r}")
        return _learning_rate(self, epoch, self.lr_at(int(epoch)))

    def lr_at(self, epoch: int) -> float:
        raise NotImplementedError(f"{type(self).__name__} must implement lr_at(epoch) -> lr")

    def apply(self, optimizer, epoch) -> float:
        """Set ``optimizer.lr = self(epoch)`` and return it."""
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"apply needs an Optimizer such as Adam(model.parameters()). Received: {optimizer!r}")
        optimizer.lr = self(epoch)
        return optimizer.lr

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"


class InverseTimeDecay(Schedule):
    """The course's decay: lr = lr0 / (1 + decay_rate * floor(epoch / interval)).

    With ``interval=1`` it is the course's ``lr0 / (1 + decay_rate * epoch)``; a larger interval keeps
    the rate fixed for that many epochs at a time ("scheduled" decay).
    """

    def __init__(self, lr0: float, decay_rate: float, interval: int = 1):
        self.lr0 = check_hyper("lr0", lr0, low=0.0, low_open=True)
        self.decay_rate = check_hyper("decay_rate", decay_rate, low=0.0)
        self.interval = positive_int("interval", interval)

    def lr_at(self, epoch):
        return self.lr0 / (1 + self.decay_rate * (epoch // self.interval))


class ExponentialDecay(Schedule):
    """lr = lr0 * decay_rate^epoch (the course's example: 0.95^epoch * lr0)."""

    def __init__(self, lr0: float, decay_rate: float):
        self.lr0 = check_hyper("lr0", lr0, low=0.0, low_open=True)
        self.decay_rate = check_hyper("decay_rate", decay_rate, low=0.0, high=1.0, low_open=True)

    def lr_at(self, epoch):
        return self.lr0 * self.decay_rate**epoch


class StepDecay(Schedule):
    """lr = lr0 * gamma^floor(epoch / step_size): the rate drops by a factor gamma every step_size epochs."""

    def __init__(self, lr0: float, step_size: int, gamma: float = 0.1):
        self.lr0 = check_hyper("lr0", lr0, low=0.0, low_open=True)
        self.step_size = positive_int("step_size", step_size)
        self.gamma = check_hyper("gamma", gamma, low=0.0, high=1.0, low_open=True)

    def lr_at(self, epoch):
        return self.lr0 * self.gamma ** (epoch // self.step_size)


class CosineDecay(Schedule):
    """lr = lr_min + (lr0 - lr_min) (1 + cos(pi min(epoch, epochs) / epochs)) / 2.

    Half a cosine from lr0 at epoch 0 down to lr_min at ``epochs``, then lr_min.
    """

    def __init__(self, lr0: float, epochs: int, lr_min: float = 0.0):
        self.lr0 = check_hyper("lr0", lr0, low=0.0, low_open=True)
        self.epochs = positive_int("epochs", epochs)
        self.lr_min = check_hyper("lr_min", lr_min, low=0.0, high=self.lr0)

    def lr_at(self, epoch):
        progress = min(epoch, self.epochs) / self.epochs
        return self.lr_min + (self.lr0 - self.lr_min) * (1 + math.cos(math.pi * progress)) / 2


class WarmUp(Schedule):
    """Linear warm-up, then another schedule: lr = after(0) (epoch + 1) / epochs for epoch < epochs,
    then lr = after(epoch - epochs), so the schedule that follows starts at its own epoch 0.

    ``after`` is a Schedule, any callable ``epoch -> lr``, or a constant lr.
    """

    def __init__(self, after, epochs: int):
        if isinstance(after, numbers.Real) and not isinstance(after, bool):
            after = check_hyper("after", after, low=0.0, low_open=True)
        elif not callable(after):
            raise TypeError(f"after must be a schedule (epoch -> lr) or a learning rate. Received: after={after!r}")
        self.after = after
        self.epochs = positive_int("epochs", epochs)

    def _after(self, epoch):
        return self.after if isinstance(self.after, float) else _learning_rate(self.after, epoch, self.after(epoch))

    def lr_at(self, epoch):
        if epoch < self.epochs:
            return self._after(0) * (epoch + 1) / self.epochs
        return self._after(epoch - self.epochs)


def _learning_rate(schedule, epoch, lr) -> float:
    """What a schedule gave for an epoch, checked: a real number >= 0."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"the schedule {schedule!r} must give a learning rate (a real number); epoch {epoch} "
                        f"gave {lr!r}")
    if not (math.isfinite(lr) and lr >= 0):
        raise ValueError(f"the schedule {schedule!r} must give a learning rate >= 0; epoch {epoch} gave lr={lr!r}")
    return float(lr)

