"""Cross-entropy losses for sigmoid (binary) and softmax (one-hot) outputs."""
from __future__ import annotations

import numpy as np

from blocks.output_gradient import OutputGradient

from .loss import Loss


class BinaryCrossEntropy(Loss):
    """J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL));  dAL = -(Y / AL) + (1 - Y) / (1 - AL).

    AL is clipped into [eps, 1 - eps] (eps: machine epsilon of its dtype), so that J and dAL stay
    finite when a saturated sigmoid gives exactly 0 or 1. dAL is returned as an ``OutputGradient`` (a
    writeable ndarray) carrying Y: a Sigmoid output layer given it unchanged, for this very AL, computes
    dZ = AL - Y exactly (see ``blocks/output_gradient.py``).

    Shapes:
        AL, Y, dAL: (n^[L], m), usually (1, m), Y in {0, 1}
    """

    output = "Sigmoid"

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        AL = self.clipped(AL)
        m = AL.shape[1]
        return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log1p(-AL)) / m)

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        clipped = self.clipped(AL)
        dAL = (1 - Y) / (1 - clipped) - Y / clipped  # -(Y/AL) + (1-Y)/(1-AL), bit for bit, one pass fewer
        return OutputGradient.of(dAL, AL, Y, self.output)


class CategoricalCrossEntropy(Loss):
    """J = -(1/m) sum(Y log(AL));  dAL = -Y / AL, for one-hot Y and softmax AL.

    AL is clipped into [eps, 1 - eps] (machine epsilon of its dtype) so that J and dAL stay finite.
    dAL is returned as an ``OutputGradient`` (a writeable ndarray) carrying Y: a Softmax output layer
    given it unchanged, for this very AL, computes dZ = AL - Y exactly (see ``blocks/output_gradient.py``).

    Shapes:
        AL, Y, dAL: (n_classes, m), each column of Y one-hot
    """

    output = "Softmax"

    def forward(self, AL, Y) -> float:
        AL, Y = self.check(AL, Y)
        m = AL.shape[1]
        return float(-np.sum(Y * np.log(self.clipped(AL))) / m)

    def backward(self, AL, Y):
        AL, Y = self.check(AL, Y)
        return OutputGradient.of(-Y / self.clipped(AL), AL, Y, self.output)

    def mismatch(self, AL, Y) -> str:
        """Integer class labels, (m,), (1, m) or (m, 1), get the one-hot recipe."""
        n, m = AL.shape
        if n > 1 and Y.shape in ((m,), (1, m), (m, 1)):
            return (f"{self!r} expects one-hot Y of shape (n_classes, m) = {AL.shape}; got labels of shape "
                    f"{Y.shape}. Make them one-hot: Y = np.eye({n})[labels.ravel()].T")
        return super().mismatch(AL, Y)

