"""An optimizer in a file, for a training checkpoint: its class and hyperparameters, its step count ``t``
and every state array (``v``, ``s``), keyed by the parameter's position in ``model.parameters()``.

Restored into the same parameters of the loaded model, the next ``opt.step()`` is bit for bit the one the
original optimizer would have taken.
"""
from __future__ import annotations

import abc

import numpy as np

from .decode import Decoder, construct, expect
from .encode import Encoder
from .format import CLASS
from .lookup import class_path, find_class

OPTIMIZER_KEYS = {CLASS, "config", "t", "params", "state"}
#: The largest step count a checkpoint may hold: beyond it, beta**t and float(t) stop being exact or overflow.
MAX_STEPS = 2**53


class Optimizer(abc.ABC):  # noqa: B024 (duck-typed by __subclasshook__: nothing to implement)
    """What saving and loading accept as an optimizer: any class with the methods of ``optim.Optimizer``
    that a checkpoint uses (``step``, ``get_config``, ``state_dict``, ``load_state_dict``) and ``params``.

    Duck-typed (``issubclass(cls, Optimizer)`` checks the methods), so that blocks never imports optim:
    ``optim.Adam`` and a user's own optimizer class pass, any other class is refused before it is called.
    """

    methods = ("step", "get_config", "state_dict", "load_state_dict")

    @classmethod
    def __subclasshook__(cls, other):
        return all(callable(getattr(other, name, None)) for name in cls.methods) or NotImplemented


def encode_optimizer(optimizer, model, encoder: Encoder) -> dict:
    """The optimizer's header data; its state arrays go into encoder.arrays."""
    if not isinstance(optimizer, Optimizer) or not hasattr(optimizer, "params"):
        raise TypeError(f"optimizer must be an npblocks Optimizer such as Adam(...). Received: {optimizer!r}")
    if isinstance(getattr(optimizer, "optimizer", None), Optimizer):
        optimizer = optimizer.optimizer  # a wrapper (DataParallel) is saved as the rule it wraps: it loads anywhere
    position = {p: i for i, p in enumerate(model.parameters())}
    missing = [p for p in optimizer.params if p not in position]
    if missing:
        raise ValueError(f"cannot save the optimizer: it updates {missing[0]!r}, which is not a parameter of this "
                         "model; save the model the optimizer was built for")
    saved = optimizer.state_dict()
    spec = {
        CLASS: class_path(type(optimizer), "the optimizer"),
        "config": encoder.value(optimizer.get_config(), "the optimizer", "optimizer.config"),
        "t": saved["t"],
        "params": [position[p] for p in optimizer.params],
        "state": [],
    }
    for i, state in zip(spec["params"], saved["state"], strict=True):
        spec["state"].append({name: _state_array(encoder, array, i, name) for name, array in state.items()})
    return spec


def decode_optimizer(spec, model, decoder: Decoder):
    """The optimizer a checkpoint describes, built on the loaded model's parameters, its state restored."""
    where = "the optimizer"
    spec = expect(spec, dict, where, "an object {'__class__': ..., 'config': ..., 't': ..., 'state': [...]}")
    if set(spec) != OPTIMIZER_KEYS:
        raise ValueError(f"{where} is malformed: expected the fields {sorted(OPTIMIZER_KEYS)}, found {sorted(spec)}")
    cls = find_class(spec[CLASS], Optimizer, where, decoder.custom_objects)
    params = _params(spec["params"], model.parameters())
    config = {k: decoder.value(v, f"{where}.{k}") for k, v in expect(spec["config"], dict, where, "a dict").items()}
    optimizer = construct(cls, {"params": params, **config}, where)
    states = expect(spec["state"], list, f"{where}'s state", "a list, one dict per parameter")
    if len(states) != len(params):
        raise ValueError(f"{where} has state for {len(states)} parameters but updates {len(params)}")
    restored = []
    for k, (p, state) in enumerate(zip(params, states, strict=True)):
        keys = expect(state, dict, f"{where}'s state[{k}]", "a dict {name: key}")
        arrays = {name: decoder.array(key, f"{where}'s {name} of {p!r}", like=p.value) for name, key in keys.items()}
        restored.append({name: a for name, a in arrays.items() if a is not None})
    if not decoder.problems:
        t = spec["t"]
        if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= MAX_STEPS:
            raise ValueError(f"{where}'s step count t must be an int from 0 to 2**53; found {_short(t)}")
        optimizer.load_state_dict({"t": t, "state": restored})
    return optimizer


def optimizer_keys(spec) -> set:
    """The archive keys an optimizer's spec names, without building it (for loading the model alone)."""
    states = spec.get("state") if isinstance(spec, dict) else None
    if not isinstance(states, list):
        return set()
    return {key for state in states if isinstance(state, dict) for key in state.values() if isinstance(key, str)}


def _state_array(encoder, array, i, name):
    if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
        raise TypeError(f"cannot save the optimizer: its state {name!r} of parameter {i} is not a numeric array "
                        f"({type(array).__name__}); only arrays can be saved")
    key = f"optimizer.state.{i}.{name}"
    encoder.arrays[key] = array
    return key


def _params(positions, parameters):
    where = "the optimizer's params"
    positions = expect(positions, list, where, "a list of positions in model.parameters()")
    for i in positions:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(parameters):
            raise ValueError(f"{where}: {i!r} is not a position in the model's {len(parameters)} parameters")
    if len(set(positions)) != len(positions) or not positions:
        raise ValueError(f"{where} must name distinct parameters, at least one; found {positions}")
    return [parameters[i] for i in positions]


def _short(value) -> str:
    """repr(value), cut to 40 characters (a hostile int may have thousands of digits)."""
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 200 else str(value)[:40] + "..."
    return text if len(text) <= 40 else text[:40] + "..."
