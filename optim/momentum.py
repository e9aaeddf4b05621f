"""Gradient descent with momentum, in the course's convention."""
from __future__ import annotations

from blocks.checks import check_hyper

from .optimizer import Optimizer


class Momentum(Optimizer):
    """v := beta v + (1 - beta) dW;  W := W - lr v  (v starts at 0).

    ``weight_decay`` (L2, dW + weight_decay W) and ``clip_norm``: see ``Optimizer``.

    Shapes:
        W, dW, v: the parameter's shape
    """

    elementwise = True

    def __init__(
        self, params, lr: float, beta: float = 0.9, *, weight_decay: float = 0.0, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, weight_decay=weight_decay, clip_norm=clip_norm)
        self.beta = check_hyper("beta", beta, 0.0, 1.0, high_open=True)

    def update(self, W, dW, state):
        v = self.zeros(state, "v", W)
        v *= self.beta
        v += (1 - self.beta) * dW
        W -= self.lr * v
