"""Model -> header data and arrays: each object as its class path and get_config(), its arrays by name.

A config is plain data: None, bool, int, float, str, and lists, tuples and str-keyed dicts of them;
also dtypes, and Blocks and Activations (saved the same way, recursively). Anything else is refused here,
at save time, with the place it was found, so that a file never holds what loading could not rebuild.
"""
from __future__ import annotations

import numbers

import numpy as np

from ..activation import Activation
from ..block import Block
from .format import CLASS, DTYPE, RESERVED, TUPLE
from .generators import generator_state
from .lookup import class_path

PLAIN = "None, bool, int, float, str, and lists, tuples and str-keyed dicts of them, dtypes, Blocks and Activations"


class Encoder:
    """Walks a model once, collecting the arrays (by archive key) and generator states it holds."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}
        self.generators: list[dict] = []
        self._generator_index: dict[int, int] = {}
        self._blocks: dict[int, str] = {}
        self._saved: set[tuple[int, str]] = set()

    def object(self, obj, where: str, key: str) -> dict:
        """{"__class__": path, "config": ..., "arrays": {name: key}, "generators": {name: index}}."""
        if isinstance(obj, Block):
            if id(obj) in self._blocks:
                raise ValueError(
                    f"cannot save {where}: it is the same block object as {self._blocks[id(obj)]}; a block "
                    "shared between two places of a model cannot be saved (it would load as two blocks)"
                )
            self._blocks[id(obj)] = where
        try:
            config = obj.get_config()
        except Exception as exc:
            raise TypeError(f"cannot save {where}: {type(obj).__name__}.get_config() failed: {exc}") from exc
        if not isinstance(config, dict):
            raise TypeError(f"cannot save {where}: get_config() must return a dict. Received: {config!r}")
        spec = {CLASS: class_path(type(obj), where), "config": self.value(config, where, key)}
        if isinstance(obj, Block):
            spec["arrays"] = {name: self._array(obj, name, where, key) for name in array_names(obj)}
        generators = {name: self._generator(value, f"{where}.{name}")
                      for name, value in getattr(obj, "__dict__", {}).items()
                      if isinstance(value, np.random.Generator)}
        if generators:
            spec["generators"] = generators
        return spec

    def value(self, value, where: str, key: str):
        """One config value as JSON data, or a TypeError naming where it was found."""
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, (np.bool_, np.integer, np.floating)):
            return value.item()
        if isinstance(value, (numbers.Integral, float)):
            return int(value) if isinstance(value, numbers.Integral) else float(value)
        if isinstance(value, (Block, Activation)):
            return self.object(value, where, key)
        if isinstance(value, np.dtype) or (isinstance(value, type) and issubclass(value, np.generic)):
            return {DTYPE: np.dtype(value).name}
        if isinstance(value, (list, tuple)):
            items = [self.value(v, f"{where}[{i}]", f"{key}.{i}") for i, v in enumerate(value)]
            return {TUPLE: items} if isinstance(value, tuple) else items
        if isinstance(value, dict):
            return self._dict(value, where, key)
        hint = (" (an array belongs in the block's parameters or buffers, not in its config)"
                if isinstance(value, np.ndarray) else "")
        raise TypeError(
            f"cannot save {where}: {type(value).__name__} {value!r} is not plain data{hint}. A config may hold "
            f"{PLAIN}; make get_config() return such data (e.g. a name instead of the object)"
        )

    def check_covers(self, model) -> None:
        """Every parameter of the model is among the saved arrays, else a ValueError (it would be lost)."""
        for p in model.parameters():
            if (id(p.block), p.name) not in self._saved:
                raise ValueError(
                    f"cannot save the model: its parameter {p!r} is held by a block that no get_config() "
                    "names, so it would be lost; return that block from its owner's get_config()"
                )

    def _dict(self, value, where, key):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"cannot save {where}: a config dict's keys must be str. Received the key {k!r}")
            if k in RESERVED:
                raise TypeError(f"cannot save {where}: the key {k!r} is reserved by the file format ({RESERVED})")
            out[k] = self.value(v, f"{where}.{k}" if k.isidentifier() else f"{where}[{k!r}]", f"{key}.{k}")
        return out

    def _array(self, block, name, where, key):
        array = getattr(block, name, None)
        if array is None:
            return None
        if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
            raise TypeError(
                f"cannot save {where}.{name}: parameters and buffers must be numeric numpy arrays. "
                f"Received: {type(array).__name__} {getattr(array, 'dtype', '')}"
            )
        array_key = f"{key}.{name}"
        if array_key in self.arrays:
            raise ValueError(f"cannot save {where}.{name}: its archive key {array_key!r} is taken; rename a config key")
        self.arrays[array_key] = array
        self._saved.add((id(block), name))
        return array_key

    def _generator(self, rng, where) -> int:
        """Index of rng's state in self.generators; a generator shared by two blocks is saved once."""
        if id(rng) not in self._generator_index:
            self._generator_index[id(rng)] = len(self.generators)
            self.generators.append(generator_state(rng, where))
        return self._generator_index[id(rng)]


def array_names(block) -> list[str]:
    """The names of a block's own arrays: its parameters (not those of blocks inside it), then its buffers."""
    own = [p.name for p in block.parameters() if p.block is block]
    return own + [name for name in block.buffers if name not in own]
