"""AdamW: Adam with weight decay decoupled from the gradient."""
from __future__ import annotations

from .adam import Adam


class AdamW(Adam):
    """Loshchilov and Hutter (2019), PyTorch's form, t counted from 1:

    W := W (1 - lr weight_decay)            (only parameters that decay: not biases)
    v := beta1 v + (1 - beta1) dW;          s := beta2 s + (1 - beta2) dW^2
    W := W - lr v_hat / (sqrt(s_hat) + eps),  v_hat = v / (1 - beta1^t), s_hat = s / (1 - beta2^t)

    Unlike L2 (``Adam(weight_decay=...)``), the decay never enters v and s, so every weight shrinks by the
    same factor whatever its gradient history.

    Shapes:
        W, dW, v, s: the parameter's shape
    """

    decoupled_weight_decay = True
    elementwise = True

    def __init__(
        self, params, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
        *, weight_decay: float = 0.01, clip_norm: float | None = None,
    ):
        super().__init__(params, lr, beta1, beta2, eps, weight_decay=weight_decay, clip_norm=clip_norm)
