"""Header data and arrays -> model: each object rebuilt as ``cls(**config)``, then its arrays set by name.

Nothing in a file is executed: classes are looked up (never imported) and checked to be Blocks or
Activations before they are called with the saved config; arrays are plain numeric arrays. Every
malformed piece of a header is a ValueError saying where it is; problems with arrays are collected
so that one error lists them all.
"""
from __future__ import annotations

import inspect

import numpy as np

from ..activation import Activation
from ..block import Block
from .encode import array_names
from .format import CLASS, DTYPE, TUPLE
from .generators import restore_generator
from .lookup import find_class

OBJECT_KEYS = {CLASS, "config", "arrays", "generators"}


class Decoder:
    """Rebuilds objects from a file's header, taking their arrays from the archive's entries."""

    def __init__(self, entries: dict, generator_states, custom_objects=None):
        self.entries = entries
        self.states = expect(generator_states, list, "the header's 'generators'", "a list")
        self.custom_objects = custom_objects
        self.used: set[str] = set()
        self.problems: list[str] = []
        self._generators: dict[int, np.random.Generator] = {}

    def object(self, spec, where: str, base=(Block, Activation)):
        """The object a spec describes, a subclass of base, with its arrays and generators set."""
        spec = expect(spec, dict, where, "an object {'__class__': 'module:QualName', 'config': {...}}")
        unknown = set(spec) - OBJECT_KEYS
        if unknown:
            raise ValueError(f"{where} has unknown fields {sorted(unknown)}; expected {sorted(OBJECT_KEYS)}")
        cls = find_class(spec.get(CLASS), base, where, self.custom_objects)
        config = expect(spec.get("config"), dict, f"{where}'s config", "a dict")
        obj = construct(cls, {k: self.value(v, f"{where}.{k}") for k, v in config.items()}, where)
        if isinstance(obj, Block):
            self._arrays(obj, expect(spec.get("arrays"), dict, f"{where}'s arrays", "a dict {name: key}"), where)
        elif "arrays" in spec:
            raise ValueError(f"{where} is a {cls.__name__}, which holds no arrays, but the file gives it some")
        for name, index in expect(spec.get("generators", {}), dict, f"{where}'s generators", "a dict").items():
            if not isinstance(vars(obj).get(name), np.random.Generator):
                raise ValueError(f"{where}'s generators name {name!r}, but a {cls.__name__} has no Generator of "
                                 "that name; only a block's own Generators can be restored")
            setattr(obj, name, self._generator(index, f"{where}.{name}"))
        return obj

    def value(self, value, where: str):
        """A config value from its JSON form: lists, tagged tuples, dtypes and objects, plain scalars."""
        if isinstance(value, list):
            return [self.value(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if CLASS in value:
            return self.object(value, where)
        if TUPLE in value or DTYPE in value:
            if len(value) != 1:
                raise ValueError(f"{where} mixes the tag {next(iter(value))!r} with other keys: {sorted(value)}")
            if TUPLE in value:
                items = expect(value[TUPLE], list, where, "a list of a tuple's items")
                return tuple(self.value(v, f"{where}[{i}]") for i, v in enumerate(items))
            return dtype(value[DTYPE], where)
        return {k: self.value(v, f"{where}.{k}") for k, v in value.items()}

    def array(self, key, where: str, like=None):
        """The archive's array ``key``, marked used; None (and a problem noted) if missing or not numeric.

        With ``like`` (an array), it must also have like's shape and dtype.
        """
        key = expect(key, str, where, "an archive key (str)")
        if key not in self.entries:
            self.problems.append(f"{where}: the archive has no array {key!r}")
            return None
        self.used.add(key)
        array = self.entries[key]
        if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
            kind = array.dtype if isinstance(array, np.ndarray) else type(array).__name__
            self.problems.append(f"{where}: the archive's {key!r} is not a numeric array ({kind})")
            return None
        if isinstance(like, np.ndarray) and (array.shape != like.shape or array.dtype != like.dtype):
            self.problems.append(
                f"{where} must have shape {like.shape} and dtype {like.dtype}; the file holds shape "
                f"{array.shape}, dtype {array.dtype}"
            )
            return None
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            bad = int(array.size - np.isfinite(array).sum())
            self.problems.append(f"{where}: the archive's {key!r} holds {bad} NaN or inf value(s) of {array.size}; "
                                 "a model with non-finite weights would predict NaN")
            return None
        return array

    def _arrays(self, block, arrays: dict, where: str) -> None:
        expected = array_names(block)
        for name in expected:
            if name not in arrays:
                self.problems.append(f"{where}: the file has no entry for its array {name!r}")
        for name, key in arrays.items():
            if name not in expected:
                self.problems.append(f"{where}: the file gives it an array {name!r} that a {type(block).__name__} "
                                     f"does not have (it has {expected})")
            elif key is not None:
                array = self.array(key, f"{where}.{name}", like=getattr(block, name, None))
                if array is not None:
                    self._set(block, name, array, where)

    def _set(self, block, name, array, where):
        try:
            setattr(block, name, array)
        except (ValueError, TypeError) as exc:
            self.problems.append(f"{where}.{name}: {exc}")

    def _generator(self, index, where):
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.states):
            raise ValueError(f"{where}: {index!r} is not the index of one of the file's {len(self.states)} generators")
        if index not in self._generators:
            self._generators[index] = restore_generator(self.states[index], where)
        return self._generators[index]


def construct(cls, config: dict, where: str):
    """cls(**config), passing a config entry for a ``*args`` parameter positionally (Sequential's blocks)."""
    args = ()
    try:
        parameters = inspect.signature(cls).parameters.values()
    except (TypeError, ValueError):
        parameters = ()
    for p in parameters:
        if p.kind is p.VAR_POSITIONAL and isinstance(config.get(p.name), (list, tuple)):
            args = tuple(config.pop(p.name))
    try:
        return cls(*args, **config)
    except Exception as exc:
        raise ValueError(
            f"{where}: {cls.__name__} could not be rebuilt from the saved config ({type(exc).__name__}: {exc})"
        ) from exc


def dtype(name, where: str) -> np.dtype:
    try:
        return np.dtype(expect(name, str, where, "a dtype name"))
    except TypeError:
        raise ValueError(f"{where}: {name!r} is not a numpy dtype name") from None


def expect(value, kind, where: str, what: str):
    """value if it is a ``kind``, else a ValueError: the header is malformed at ``where``."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"{where} is malformed: expected {what}, found {value!r}")
    return value
