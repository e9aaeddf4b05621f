"""The base of every optimizer: per-parameter state, in-place updates."""
from __future__ import annotations

import numbers

import numpy as np


class Optimizer:
    """Updates every parameter in place from its gradient: ``step()`` calls ``update(W, dW, state)``.

    ``params`` is ``model.parameters()``: handles that look up ``layer.W`` and ``layer.dW`` on every
    step, so a reassigned ``layer.W`` is still updated. ``state`` holds, per parameter (never per name),
    the arrays an update rule keeps (``v``, ``s``), created in the parameter's dtype; ``t`` counts steps
    from 1.

    Shapes:
        W, dW and every state array of one parameter: the same shape, e.g. (n_out, n_in)
    """

    def __init__(self, params, lr: float):
        self.params = _parameters(params)
        self.lr = check_hyper("lr", lr, low=0.0, low_open=True)
        self.state: dict = {}
        self.t = 0

    def step(self) -> None:
        """One update of every parameter, in place."""
        self.t += 1
        for p in self.params:
            self.update(p.value, p.grad, self.state_of(p))

    def update(self, W, dW, state: dict) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement update(W, dW, state)")

    def state_of(self, p) -> dict:
        state = self.state.get(p)
        if state is None:
            state = self.state[p] = {}
        return state

    def zeros(self, state: dict, name: str, W) -> np.ndarray:
        """The state array ``name`` of one parameter, zeros shaped and typed like W on first use."""
        array = state.get(name)
        if array is None:
            array = state[name] = np.zeros_like(W)
        return array

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr!r}, {len(self.params)} parameters)"


def _parameters(params):
    from blocks.parameter import Parameter

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
    return params


def check_hyper(name, value, low=None, high=None, low_open=False, high_open=False) -> float:
    """A real hyperparameter inside its range, e.g. lr > 0 or beta in [0, 1), else a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number. Received: {name}={value!r}")
    value = float(value)
    bad = (
        not np.isfinite(value)
        or (low is not None and (value < low or (low_open and value == low)))
        or (high is not None and (value > high or (high_open and value == high)))
    )
    if bad:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        span = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ValueError(f"{name} must be in {span}. Received: {name}={value!r}")
    return value
