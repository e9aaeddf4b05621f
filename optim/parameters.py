"""What an optimizer or clip_grad_norm is given to update: model.parameters(), checked."""
from __future__ import annotations

from blocks.parameter import Parameter


def as_parameters(params) -> list:
    """``params`` as a list of distinct Parameters (one Parameter is a list of one), else a clear error."""
    if isinstance(params, Parameter):
        params = [params]
    try:
        params = list(params)
    except TypeError:
        raise TypeError(f"params must be model.parameters(), a list of Parameters. Received: {params!r}") from None
    if not params:
        raise ValueError("params is empty: the optimizer has nothing to update. Pass model.parameters()")
    for p in params:
        if not isinstance(p, Parameter):
            raise TypeError(
                "params must be model.parameters(), a list of Parameters; "
                f"received an element of type {type(p).__name__}: {p!r}"
            )
    if len(set(params)) != len(params):
        twice = next(p for i, p in enumerate(params) if p in params[:i])
        raise ValueError(f"params holds {twice!r} more than once, so each step would update it twice; "
                         "pass model.parameters() once (to train two models, build one optimizer each)")
    return params
