"""RMSProp: steps scaled by a running root mean square of the gradient."""
from __future__ import annotations

import numpy as np

from blocks.checks import check_hyper

from .optimizer import Optimizer


class RMSProp(Optimizer):
    """s := beta s + (1 - beta) dW^2;  W := W - lr dW / (sqrt(s) + eps)  (s starts at 0).

    ``weight_decay`` (L2, dW + weight_decay W) and ``clip_norm``: see ``Optimizer``.

    Shapes:
        W, dW, s: the parameter's shape
    """

    elementwise = True

    def __init__(
        self, params, lr: float = 0.001, beta: float = 0.9, eps: float = 1e-8,
        *, weight_decay: float = 0.0, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, weight_decay=weight_decay, clip_norm=clip_norm)
        self.beta = check_hyper("beta", beta, 0.0, 1.0, high_open=True)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)  # eps = 0 divides 0 by 0 where dW = 0

    def update(self, W, dW, state):
        s = self.zeros(state, "s", W)
        s *= self.beta
        s += (1 - self.beta) * dW * dW
        W -= self.lr * dW / (np.sqrt(s) + self.eps)
