"""Snapshot every block's state and restore it bit for bit: arrays, random generators, plain attributes.

A gradient check runs a model's forward many times. Dropout draws a fresh mask from its generator on
each call and BatchNorm updates its running statistics; restoring the snapshot before each evaluation
makes every evaluation see the same masks and the same state, and restoring it at the end leaves the
model exactly as it was found. Nothing here knows a particular block: any attribute of any Block (or
Activation) reachable from the model is saved, whatever its name.
"""
from __future__ import annotations

import random

import numpy as np

from ..activation import Activation
from ..block import Block


def blocks_of(model) -> list:
    """Every Block and Activation reachable from ``model`` through attributes, lists, tuples and dicts,
    each once, in the order met (a Sequential's blocks in forward order)."""
    found, seen = [], set()

    def visit(obj):
        if isinstance(obj, (Block, Activation)):
            if id(obj) in seen:
                return
            seen.add(id(obj))
            found.append(obj)
            for value in _attributes(obj).values():
                visit(value)
        elif isinstance(obj, (list, tuple)):
            for value in obj:
                visit(value)
        elif isinstance(obj, dict):
            for value in obj.values():
                visit(value)

    visit(model)
    return found


def _save(value):
    """What it takes to put ``value`` back as it is now (the same object, the same contents)."""
    if isinstance(value, np.ndarray):
        return ("array", value, value.copy())
    if isinstance(value, np.random.Generator):
        return ("generator", value, value.bit_generator.state)
    if isinstance(value, np.random.BitGenerator):
        return ("state", value, value.state)
    if isinstance(value, np.random.RandomState):
        return ("legacy", value, value.get_state())
    if isinstance(value, random.Random):
        return ("python", value, value.getstate())
    if type(value) in (list, tuple, dict):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return (type(value).__name__, value, {k: _save(v) for k, v in items})
    return ("value", value, None)


def _load(saved):
    """Put the contents back into the saved object and return that object."""
    kind, obj, contents = saved
    if kind == "array":
        if obj.flags.writeable and not np.array_equal(obj, contents, equal_nan=obj.dtype.kind in "fc"):
            np.copyto(obj, contents)
    elif kind == "generator":
        obj.bit_generator.state = contents
    elif kind == "state":
        obj.state = contents
    elif kind == "legacy":
        obj.set_state(contents)
    elif kind == "python":
        obj.setstate(contents)
    elif kind == "list":
        obj[:] = [_load(contents[k]) for k in range(len(contents))]
    elif kind == "tuple":
        for saved_item in contents.values():
            _load(saved_item)
    elif kind == "dict":
        obj.clear()
        obj.update({k: _load(v) for k, v in contents.items()})
    return obj


def snapshot(model) -> list:
    """The state of every block of ``model``: a list of (block, saved attributes)."""
    return [(obj, {k: _save(v) for k, v in _attributes(obj).items()}) for obj in blocks_of(model)]


def restore(saved: list) -> None:
    """Put every block back as it was at the snapshot: attributes added since are removed."""
    for obj, attributes in saved:
        state = _attributes(obj)
        for name in [k for k in state if k not in attributes]:
            del state[name]
        for name, value in attributes.items():
            state[name] = _load(value)


def promote(model) -> None:
    """Run ``model`` in float64: every float32 (or float16) array attribute and every floating ``dtype``
    attribute of its blocks becomes float64. Undo it with ``restore`` of an earlier snapshot."""
    copies = {}
    for obj in blocks_of(model):
        state = _attributes(obj)
        for name, value in state.items():
            if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.dtype.itemsize < 8:
                state[name] = copies.setdefault(id(value), value.astype(np.float64))
            elif _is_float_dtype(value):
                state[name] = np.dtype(np.float64)


def _attributes(obj) -> dict:
    """The instance's attribute dictionary (empty for an object with __slots__ only)."""
    return getattr(obj, "__dict__", {})


def _is_float_dtype(value) -> bool:
    if not isinstance(value, (np.dtype, type)):
        return False
    try:
        return np.dtype(value).kind == "f" and np.dtype(value).itemsize < 8
    except TypeError:
        return False
