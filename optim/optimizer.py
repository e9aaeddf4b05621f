"""The base of every optimizer: per-parameter state, in-place updates."""
from __future__ import annotations

import numbers

import numpy as np

from .clipping import clip_scale, global_norm
from .regularization import l2_penalty


class Optimizer:
    """Updates every parameter in place from its gradient: ``step()`` calls ``update(W, dW, state)``.

    ``params`` is ``model.parameters()``: handles that look up ``layer.W`` and ``layer.dW`` on every
    step, so a reassigned ``layer.W`` is still updated. ``state`` holds, per parameter (never per name),
    the arrays an update rule keeps (``v``, ``s``), created in the parameter's dtype; ``t`` counts steps
    from 1.

    Two options every optimizer takes, applied to each gradient before the update rule sees it:

    - ``clip_norm``: when the global norm ``sqrt(sum over all parameters of ||dW||^2)`` exceeds it, every
      gradient is scaled by ``clip_norm / norm`` (PyTorch's ``clip_grad_norm_``, without touching
      ``layer.dW``); a non-finite norm is left alone, so a NaN still shows.
    - ``weight_decay`` (L2), after clipping, on the parameters whose ``decays`` is true (not biases):
      ``dW + weight_decay * W``. This is the course's L2 regularisation, ``J += lambda/(2m) sum ||W||_F^2``
      and ``dW += (lambda/m) W``, with ``weight_decay = lambda / m`` (m: the training-set size), which is
      PyTorch's convention; ``penalty()`` gives the term ``(weight_decay / 2) sum ||W||_F^2`` to add to J.
      An optimizer with ``decoupled_weight_decay`` (AdamW) shrinks ``W *= 1 - lr * weight_decay``
      before its update instead of changing the gradient.

    Shapes:
        W, dW and every state array of one parameter: the same shape, e.g. (n_out, n_in)
    """

    #: True for AdamW: weight decay shrinks W directly instead of adding ``weight_decay * W`` to dW.
    decoupled_weight_decay = False

    def __init__(self, params, lr: float, *, weight_decay: float = 0.0, clip_norm: float | None = None):
        self.params = _parameters(params)
        self.lr = check_hyper("lr", lr, low=0.0, low_open=True)
        self.weight_decay = check_hyper("weight_decay", weight_decay, low=0.0)
        self.clip_norm = None if clip_norm is None else check_hyper("clip_norm", clip_norm, low=0.0, low_open=True)
        self.state: dict = {}
        self.t = 0

    def step(self) -> None:
        """One update of every parameter, in place."""
        self.t += 1
        if self.clip_norm is None and not self.weight_decay:
            for p in self.params:
                self.update(p.value, p.grad, self.state_of(p))
            return
        scale = 1.0 if self.clip_norm is None else clip_scale(global_norm(self.params), self.clip_norm)
        for p in self.params:
            W, dW = p.value, p.grad
            if scale != 1.0:
                dW = dW * scale
            if self.weight_decay and p.decays:
                if self.decoupled_weight_decay:
                    W *= 1 - self.lr * self.weight_decay
                else:
                    dW = dW + self.weight_decay * W
            self.update(W, dW, self.state_of(p))

    def penalty(self) -> float:
        """The L2 term of the cost, ``(weight_decay / 2) sum ||W||_F^2`` over decayed parameters.

        Add it to the loss's J to report the regularised cost. AdamW's decoupled decay is the gradient
        of no cost term, so its penalty is 0.0.
        """
        return 0.0 if self.decoupled_weight_decay else l2_penalty(self.params, self.weight_decay)

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
        extra = f", weight_decay={self.weight_decay!r}" if self.weight_decay else ""
        extra += f", clip_norm={self.clip_norm!r}" if self.clip_norm is not None else ""
        return f"{type(self).__name__}(lr={self.lr!r}{extra}, {len(self.params)} parameters)"


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
