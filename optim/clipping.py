"""Gradient clipping by global norm: every gradient scaled by one factor when their joint norm is too large."""
from __future__ import annotations

import math

import numpy as np

from blocks.checks import check_hyper

from .parameters import as_parameters


def global_norm(params) -> float:
    """sqrt(sum over the parameters of ||dW||_F^2), accumulated in float64 so float32 cannot overflow.

    Shapes:
        params: Parameters whose grads dW have any shapes
    """
    try:
        return math.sqrt(sum(float(np.square(p.grad, dtype=np.float64).sum()) for p in params))
    except AttributeError as exc:
        raise not_parameters(exc) from None


def not_parameters(exc: AttributeError) -> TypeError:
    """The TypeError for params that hold something else than Parameters (found by the AttributeError)."""
    return TypeError(f"params must be model.parameters(), a list of Parameters; {exc}")


def clip_scale(norm: float, max_norm: float) -> float:
    """The factor max_norm / norm when norm > max_norm, else 1.0 (also 1.0 for a non-finite norm)."""
    return max_norm / norm if math.isfinite(norm) and norm > max_norm else 1.0


def clip_grad_norm(params, max_norm: float) -> float:
    """Scale every dW in place by max_norm / norm when norm = sqrt(sum ||dW||_F^2) exceeds max_norm.

    PyTorch's ``clip_grad_norm_`` for a plain loop: call it between ``model.backward(dAL)`` and
    ``opt.step()``. Returns the norm before clipping (a non-finite norm clips nothing). An optimizer's
    ``clip_norm=`` does the same without editing the layers' gradients.

    Shapes:
        params: ``model.parameters()``; each dW keeps its shape and dtype
    """
    params = as_parameters(params)
    max_norm = check_hyper("max_norm", max_norm, low=0.0, low_open=True)
    norm = global_norm(params)
    scale = clip_scale(norm, max_norm)
    if scale != 1.0:
        for p in params:
            p.grad[...] *= scale
    return norm
