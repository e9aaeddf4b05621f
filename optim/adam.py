"""Adam: momentum and RMSProp together, with bias correction."""
from __future__ import annotations

import numpy as np

from blocks.checks import check_hyper

from .optimizer import Optimizer


class Adam(Optimizer):
    """Kingma and Ba (2015), t counted from 1:

    v := beta1 v + (1 - beta1) dW;     s := beta2 s + (1 - beta2) dW^2
    v_hat = v / (1 - beta1^t);         s_hat = s / (1 - beta2^t)
    W := W - lr v_hat / (sqrt(s_hat) + eps)

    ``weight_decay`` here is L2 (dW + weight_decay W, then the moments); for decoupled decay use AdamW.
    ``clip_norm``: see ``Optimizer``.

    Shapes:
        W, dW, v, s: the parameter's shape
    """

    elementwise = True

    def __init__(
        self, params, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
        *, weight_decay: float = 0.0, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, weight_decay=weight_decay, clip_norm=clip_norm)
        self.beta1 = check_hyper("beta1", beta1, 0.0, 1.0, high_open=True)
        self.beta2 = check_hyper("beta2", beta2, 0.0, 1.0, high_open=True)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)  # eps = 0 divides 0 by 0 where dW = 0

    def update(self, W, dW, state):
        v = self.zeros(state, "v", W)
        s = self.zeros(state, "s", W)
        v *= self.beta1
        v += (1 - self.beta1) * dW
        s *= self.beta2
        s += (1 - self.beta2) * dW * dW
        v_hat = v / (1 - self.beta1**self.t)
        s_hat = s / (1 - self.beta2**self.t)
        W -= self.lr * v_hat / (np.sqrt(s_hat) + self.eps)
