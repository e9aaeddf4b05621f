"""A loss whose gradient is a given upstream gradient: checks one block in isolation."""
from __future__ import annotations

import numpy as np

from losses import Loss


class LinearLoss(Loss):
    """J = (1/m) sum(Y * AL);  dAL = Y.

    With Y a random upstream gradient dA, ``check_gradients(block, A_prev, dA, LinearLoss())`` checks a
    single block the way cs231n does (J = sum(dA * A)): its parameter gradients and its dA_prev are exactly
    the block's backward(dA).

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        return float(np.sum(Y * AL) / AL.shape[1])

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return Y.copy()
