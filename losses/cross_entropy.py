"""Cross-entropy losses for sigmoid (binary) and softmax (one-hot) outputs."""
from __future__ import annotations

import numpy as np

from .fused import remember
from .loss import Loss


class BinaryCrossEntropy(Loss):
    """J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL));  dAL = -(Y / AL) + (1 - Y) / (1 - AL).

    AL is clipped into [eps, 1 - eps] (eps: machine epsilon of its dtype), so that J and dAL stay
    finite when a saturated sigmoid gives exactly 0 or 1. dAL is returned read-only: a Sigmoid output
    layer given this very array turns it into dZ = AL - Y exactly (see ``losses.fused``).

    Shapes:
        AL, Y, dAL: (n^[L], m), usually (1, m), Y in {0, 1}
    """

    output = "Sigmoid"

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        AL = self.clipped(AL)
        m = AL.shape[1]
        # sum(Y log AL) as the dot product Y . log(AL): one BLAS call for a multiply and a sum
        return float(-(np.vdot(Y, np.log(AL)) + np.vdot(1 - Y, np.log1p(-AL))) / m)

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        clipped = self.clipped(AL)
        dAL = (1 - Y) / (1 - clipped) - Y / clipped  # -(Y/AL) + (1-Y)/(1-AL), bit for bit, one pass fewer
        return remember(dAL, AL, Y, "sigmoid")


class CategoricalCrossEntropy(Loss):
    """J = -(1/m) sum(Y log(AL));  dAL = -Y / AL, for one-hot Y and softmax AL.

    AL is clipped into [eps, 1 - eps] (machine epsilon of its dtype) so that J and dAL stay finite.
    dAL is returned read-only: a Softmax output layer given this very array turns it into
    dZ = AL - Y exactly (see ``losses.fused``).

    Shapes:
        AL, Y, dAL: (n_classes, m), each column of Y one-hot
    """

    output = "Softmax"

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        m = AL.shape[1]
        return float(-np.vdot(Y, np.log(self.clipped(AL))) / m)  # sum(Y log AL) as the dot product

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return remember(-Y / self.clipped(AL), AL, Y, "softmax")

    def mismatch(self, AL, Y) -> str:
        """Integer class labels, (m,), (1, m) or (m, 1), get the one-hot recipe."""
        n, m = AL.shape
        if n > 1 and Y.shape in ((m,), (1, m), (m, 1)):
            return (f"{self!r} expects one-hot Y of shape (n_classes, m) = {AL.shape}; got labels of shape "
                    f"{Y.shape}. Make them one-hot: Y = np.eye({n})[labels.ravel()].T")
        return super().mismatch(AL, Y)
