"""Plain gradient descent, the seed's update rule."""
from __future__ import annotations

from .optimizer import Optimizer


class SGD(Optimizer):
    """W := W - lr dW, for every parameter (W and b alike).

    ``SGD(params, lr, *, weight_decay=0.0, clip_norm=None)``: with L2, dW + weight_decay W (biases
    excluded), the course's ``dW += (lambda/m) W``; see ``Optimizer``.

    Shapes:
        W, dW: the parameter's shape
    """

    elementwise = True
    update_creates_state = False

    def update(self, W, dW, state):
        W -= self.lr * dW
