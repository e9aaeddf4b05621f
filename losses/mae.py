"""Mean absolute error, the mean over all n^[L] * m entries (PyTorch's L1Loss and Keras's default)."""
from __future__ import annotations

import numpy as np

from .loss import Loss


class MeanAbsoluteError(Loss):
    """J = (1 / (n^[L] m)) sum(|AL - Y|);  dAL = sign(AL - Y) / n^[L] (per sample, no 1/m; 0 where AL = Y).

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        return float(np.abs(AL - Y).mean())

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return np.sign(AL - Y) / AL.shape[0]
