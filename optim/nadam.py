"""Nadam: Adam with Nesterov momentum, as PyTorch's ``torch.optim.NAdam``."""
from __future__ import annotations

import numpy as np

from .optimizer import Optimizer, check_hyper


class Nadam(Optimizer):
    """Dozat (2016), with PyTorch's momentum schedule, t counted from 1:

    mu_t = beta1 (1 - 0.96^(t psi) / 2)  (psi: ``momentum_decay``);   P_t = mu_1 mu_2 ... mu_t
    v := beta1 v + (1 - beta1) dW;       s := beta2 s + (1 - beta2) dW^2
    d = sqrt(s / (1 - beta2^t)) + eps
    W := W - lr (1 - mu_t) / (1 - P_t) dW / d - lr mu_{t+1} / (1 - P_t mu_{t+1}) v / d

    ``weight_decay`` (L2, dW + weight_decay W) and ``clip_norm``: see ``Optimizer``. P_t depends on t
    only, so a checkpoint (t, v, s) resumes exactly.

    Shapes:
        W, dW, v, s: the parameter's shape
    """

    elementwise = True

    def __init__(
        self, params, lr: float = 0.002, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
        momentum_decay: float = 4e-3, *, weight_decay: float = 0.0, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, weight_decay=weight_decay, clip_norm=clip_norm)
        self.beta1 = check_hyper("beta1", beta1, 0.0, 1.0, high_open=True)
        self.beta2 = check_hyper("beta2", beta2, 0.0, 1.0, high_open=True)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)  # eps = 0 divides 0 by 0 where dW = 0
        self.momentum_decay = check_hyper("momentum_decay", momentum_decay, low=0.0)
        self._schedule = (0, 1.0)  # (t, P_t): the product of the mu's, carried from step to step

    def mu(self, t: int) -> float:
        """The momentum coefficient of step t, mu_t = beta1 (1 - 0.96^(t psi) / 2)."""
        return self.beta1 * (1.0 - 0.5 * 0.96 ** (t * self.momentum_decay))

    def product(self, t: int) -> float:
        """P_t = mu_1 ... mu_t, multiplied in that order (as PyTorch does), from the last step's if it is t - 1."""
        done, P = self._schedule
        if done > t:
            done, P = 0, 1.0
        for k in range(done + 1, t + 1):
            P *= self.mu(k)
        self._schedule = (t, P)
        return P

    def update(self, W, dW, state):
        v = self.zeros(state, "v", W)
        s = self.zeros(state, "s", W)
        t = self.t
        mu, mu_next, P = self.mu(t), self.mu(t + 1), self.product(t)
        v *= self.beta1
        v += (1 - self.beta1) * dW
        s *= self.beta2
        s += (1 - self.beta2) * dW * dW
        d = np.sqrt(s / (1 - self.beta2**t)) + self.eps
        W -= (self.lr * (1 - mu) / (1 - P)) * dW / d
        W -= (self.lr * mu_next / (1 - P * mu_next)) * v / d
