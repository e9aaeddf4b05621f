"""Mean squared error, the mean over all n^[L] * m entries (PyTorch's and Keras's default)."""
from __future__ import annotations

from .loss import Loss


class MeanSquaredError(Loss):
    """J = (1 / (n^[L] m)) sum((AL - Y)^2);  dAL = 2 (AL - Y) / n^[L] (per sample, no 1/m).

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        D = AL - Y
        return float((D * D).mean())

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return 2 * (AL - Y) / AL.shape[0]
