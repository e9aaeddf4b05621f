"""Huber loss: squared near the target, absolute far from it (PyTorch's HuberLoss, Keras's Huber)."""
from __future__ import annotations

import math
import numbers

import numpy as np

from .loss import Loss


class Huber(Loss):
    """With D = AL - Y, per entry l = D^2 / 2 where |D| <= delta, else delta (|D| - delta / 2);
    J = (1 / (n^[L] m)) sum(l), the mean over all entries;  dAL = clip(D, -delta, delta) / n^[L]
    (per sample, no 1/m). ``delta`` > 0 is where the square turns into a line.

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """

    def __init__(self, delta: float = 1.0):
        self.delta = _positive("delta", delta)

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        A = np.abs(AL - Y)
        small = np.minimum(A, self.delta)  # the part of |D| on the square; the rest is on the line
        return float((0.5 * small * small + self.delta * (A - small)).mean())

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return np.clip(AL - Y, -self.delta, self.delta) / AL.shape[0]

    def __repr__(self):
        return f"Huber(delta={self.delta!r})"


def _positive(name, value) -> float:
    """A positive finite real number (a huge int is refused, not an OverflowError), else a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive real number. Received: {name}={value!r}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not (math.isfinite(number) and number > 0):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
        raise ValueError(f"{name} must be a positive finite real number. Received: {name}={shown}")
    return number
