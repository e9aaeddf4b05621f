"""Adagrad: each entry's step scaled by the root of its whole history of squared gradients."""
from __future__ import annotations

import numpy as np

from .optimizer import Optimizer, check_hyper


class Adagrad(Optimizer):
    """Duchi, Hazan and Singer (2011), as PyTorch's ``torch.optim.Adagrad``, t counted from 1:

    s := s + dW^2  (s starts at 0);   lr_t = lr / (1 + (t - 1) lr_decay)
    W := W - lr_t dW / (sqrt(s) + eps)

    ``weight_decay`` (L2, dW + weight_decay W) and ``clip_norm``: see ``Optimizer``.

    Shapes:
        W, dW, s: the parameter's shape
    """

    elementwise = True

    def __init__(
        self, params, lr: float = 0.01, lr_decay: float = 0.0, eps: float = 1e-10,
        *, weight_decay: float = 0.0, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, weight_decay=weight_decay, clip_norm=clip_norm)
        self.lr_decay = check_hyper("lr_decay", lr_decay, low=0.0)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)  # eps = 0 divides 0 by 0 where dW = 0

    def update(self, W, dW, state):
        s = self.zeros(state, "s", W)
        s += dW * dW
        lr_t = self.lr / (1 + (self.t - 1) * self.lr_decay)
        W -= lr_t * dW / (np.sqrt(s) + self.eps)
