"""L2 regularisation in the course's convention, and how it maps onto an optimizer's weight_decay.

The course adds ``lambda/(2m) * sum_l ||W^[l]||_F^2`` to the cost J, so each gradient gains
``(lambda/m) W^[l]``; biases are not regularised. An optimizer's ``weight_decay`` is that factor:
``weight_decay = lambda / m`` (m: the training-set size), PyTorch's convention.
"""
from __future__ import annotations

import numpy as np

from blocks.checks import check_hyper, positive_int

from .clipping import not_parameters


def l2_weight_decay(lambd: float, m: int) -> float:
    """weight_decay = lambda / m: the course's regularisation strength as an optimizer's weight_decay."""
    return check_hyper("lambd", lambd, low=0.0) / positive_int("m", m)


def l2_penalty(params, weight_decay: float) -> float:
    """(weight_decay / 2) * sum ||W||_F^2 over the parameters that decay (biases excluded).

    With weight_decay = lambda/m this is the course's ``lambda/(2m) sum_l ||W^[l]||_F^2``, the term to add
    to the loss's J to report the regularised cost.

    Shapes:
        params: Parameters whose values W have any shapes
    """
    if not weight_decay:
        return 0.0
    try:
        total = sum(float(np.square(p.value, dtype=np.float64).sum()) for p in params if p.decays)
    except AttributeError as exc:
        raise not_parameters(exc) from None
    return weight_decay / 2 * total
