"""The base of every optimizer: per-parameter state, in-place updates."""
from __future__ import annotations

import numbers

import numpy as np

from blocks.block import config_from_init
from blocks.checks import check_hyper  # also importable from here, where it used to live

from .clipping import clip_scale, global_norm
from .parameters import as_parameters
from .regularization import l2_penalty

#: Entries per block of an in-place update: 128 Ki, small enough for the temporaries to stay in cache.
CHUNK = 1 << 17


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

    A subclass implements ``update(W, dW, state)``, changing W in place. It declares ``elementwise = True``
    only when each entry of the update depends on the same entry of W, dW and the state arrays alone (SGD,
    Momentum, RMSProp, Adam, AdamW): such a rule may be applied to a large parameter in row blocks of about
    ``CHUNK`` entries (a speed device, ``update_in_row_blocks``), the same result to the bit. A rule that is
    not elementwise (the default, e.g. one that divides by ||v||) always sees the whole array.

    Shapes:
        W, dW and every state array of one parameter: the same shape, e.g. (n_out, n_in)
    """

    #: True for AdamW: weight decay shrinks W directly instead of adding ``weight_decay * W`` to dW.
    decoupled_weight_decay = False
    #: True when each entry of the update depends only on the same entry of W, dW and the state: the rule
    #: may then be applied to row blocks of W. False (the safe default) gives ``update`` the whole array.
    elementwise = False
    #: True when ``update`` creates state arrays (v, s) on its first call: that call sees the whole W.
    update_creates_state = True

    def __init__(self, params, lr: float, *, weight_decay: float = 0.0, clip_norm: float | None = None):
        self.params = as_parameters(params)
        self.lr = check_hyper("lr", lr, low=0.0, low_open=True)
        self.weight_decay = check_hyper("weight_decay", weight_decay, low=0.0)
        self.clip_norm = None if clip_norm is None else check_hyper("clip_norm", clip_norm, low=0.0, low_open=True)
        self.state: dict = {}
        self.t = 0

    def step(self) -> None:
        """One update of every parameter, in place: dW clipped, then decayed, then the update rule."""
        self.t += 1
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
            state = self.state_of(p)
            if self.elementwise and W.size > CHUNK:
                self.update_in_row_blocks(W, dW, state)
            else:
                self.update(W, dW, state)

    def penalty(self) -> float:
        """The L2 term of the cost, ``(weight_decay / 2) sum ||W||_F^2`` over decayed parameters.

        Add it to the loss's J to report the regularised cost. AdamW's decoupled decay is the gradient
        of no cost term, so its penalty is 0.0.
        """
        return 0.0 if self.decoupled_weight_decay else l2_penalty(self.params, self.weight_decay)

    def update(self, W, dW, state: dict) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement update(W, dW, state)")

    def update_in_row_blocks(self, W, dW, state: dict) -> None:
        """``update(W, dW, state)`` for an elementwise rule, on row blocks of about CHUNK entries (views, in
        place) once the state exists, so that temporaries such as ``lr * dW`` stay small and cached.

        A speed device (README "Speed", ablation): plain form ``self.update(W, dW, state)``.
        """
        if W.ndim == 0 or (not state and self.update_creates_state):
            self.update(W, dW, state)
            return
        rows = max(1, CHUNK // max(1, W[0].size))
        for r in range(0, len(W), rows):
            part = slice(r, r + rows)
            self.update(W[part], dW[part], {name: array[part] for name, array in state.items()})

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

    def get_config(self) -> dict:
        """The hyperparameters (the constructor's arguments but ``params``), read back from the attributes
        of the same names, as plain data: ``type(opt)(params, **opt.get_config())`` is an equal optimizer."""
        config = config_from_init(self)
        config.pop("params", None)
        return config

    def state_dict(self) -> dict:
        """``{"t": steps taken, "state": [one {name: array} per parameter of params, in order]}``, copied.

        Keyed by position, like PyTorch's: load it into an optimizer over the same parameters in the same
        order (those of a reloaded model) to continue exactly where this one stands.
        """
        state = [{name: np.array(a, copy=True) for name, a in self.state.get(p, {}).items()} for p in self.params]
        return {"t": self.t, "state": state}

    def load_state_dict(self, state_dict: dict) -> None:
        """Restore what ``state_dict()`` gave; a ValueError listing every mismatch, and nothing changed then."""
        problems = _state_problems(state_dict, self.params)
        if problems:
            raise ValueError(f"{type(self).__name__}.load_state_dict: " + "; ".join(problems))
        self.t = int(state_dict["t"])
        self.state = {
            p: {name: np.array(a, dtype=p.value.dtype, copy=True) for name, a in s.items()}
            for p, s in zip(self.params, state_dict["state"], strict=True)
            if s
        }

    def __repr__(self):
        extra = f", weight_decay={self.weight_decay!r}" if self.weight_decay else ""
        extra += f", clip_norm={self.clip_norm!r}" if self.clip_norm is not None else ""
        return f"{type(self).__name__}(lr={self.lr!r}{extra}, {len(self.params)} parameters)"


def _state_problems(state_dict, params) -> list[str]:
    """What keeps state_dict from matching params (shapes and dtypes of W), as messages."""
    if not isinstance(state_dict, dict) or set(state_dict) != {"t", "state"}:
        return [f"expected a dict with the keys 't' and 'state', as state_dict() returns. Received: {state_dict!r}"]
    t, states = state_dict["t"], state_dict["state"]
    problems = []
    if isinstance(t, bool) or not isinstance(t, numbers.Integral) or t < 0:
        problems.append(f"t must be an int >= 0, got {t!r}")
    if not isinstance(states, (list, tuple)) or len(states) != len(params):
        n = len(states) if isinstance(states, (list, tuple)) else type(states).__name__
        return [*problems, f"state must be a list with one dict per parameter ({len(params)}), got {n}"]
    for p, state in zip(params, states, strict=True):
        if not isinstance(state, dict):
            problems.append(f"the state of {p!r} must be a dict of arrays, got {type(state).__name__}")
            continue
        for name, a in state.items():
            if not isinstance(a, np.ndarray) or a.shape != p.value.shape or a.dtype != p.value.dtype:
                got = f"{a.shape} {a.dtype}" if isinstance(a, np.ndarray) else type(a).__name__
                problems.append(f"{name} of {p!r} must be {p.value.shape} {p.value.dtype} like it, got {got}")
    return problems
