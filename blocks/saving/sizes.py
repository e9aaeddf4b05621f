"""What a header asks for, checked against the archive before anything is built or inflated.

Building a block allocates its arrays from its config (``Layer(20000, 20000)``: 3.2 GB) before the file's
arrays replace them, so a small hostile header could make ``load`` allocate gigabytes only to find the
arrays missing. Before building, the sizes the configs imply must fit in ``max_bytes`` (the arrays of the
archive were checked against it from their own headers, ``members``): a block's size is taken as
the product of the positive int values of its own config times 8 bytes (``n_in * n_out`` entries for a
Layer, ``n`` for a BatchNorm), a bound on what its constructor allocates for the built-in blocks.
"""
from __future__ import annotations

import math

from .format import CLASS

#: Bytes per entry assumed for a block's arrays (float64, the largest dtype a block holds).
ENTRY_BYTES = 8


def check_bytes(header: dict, max_bytes: int) -> None:
    """A ValueError if the header's blocks imply more than max_bytes of arrays."""
    total = 0
    for where, spec in _object_specs(header.get("model"), "model"):
        total += _implied_bytes(spec)
        if total > max_bytes:
            raise ValueError(
                f"its blocks would allocate over max_bytes={max_bytes:,} bytes of arrays before loading them "
                f"(reached at {where}, a {spec.get(CLASS)} with config {_ints(spec)}); if you trust the file, "
                f"load it with blocks.saving.load(path, max_bytes=...) set higher"
            )


def _object_specs(value, where):
    """(where, spec) of every object the header describes (a dict with a class path), depth first."""
    if isinstance(value, dict):
        if CLASS in value:
            yield where, value
            value = value.get("config")
            if not isinstance(value, dict):
                return
        for key, item in value.items():
            yield from _object_specs(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _object_specs(item, f"{where}[{i}]")


def _ints(spec) -> dict:
    config = spec.get("config")
    if not isinstance(config, dict):
        return {}
    return {k: v for k, v in config.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0}


def _implied_bytes(spec) -> int:
    """The bytes a block spec's config implies: the product of its positive ints, 8 bytes each (0 for none)."""
    if not isinstance(spec.get("arrays"), dict):
        return 0
    ints = _ints(spec)
    return math.prod(ints.values()) * ENTRY_BYTES if ints else 0
