"""Plain gradient descent, the seed's update rule."""
from __future__ import annotations

from .optimizer import Optimizer


class SGD(Optimizer):
    """W := W - lr dW, for every parameter (W and b alike).

    Shapes:
        W, dW: the parameter's shape
    """

    def update(self, W, dW, state):
        W -= self.lr * dW
