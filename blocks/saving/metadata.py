"""Your own notes in a model file: a dict of JSON data saved in the header beside the architecture.

``model.save(path, metadata={"classes": ["cat", "dog"]})`` and ``load_metadata(path)`` give back the same
dict. npblocks never interprets it; ``npblocks train`` keeps there what ``npblocks predict`` needs (the
feature columns, the label column and its class names). Files without metadata read as ``{}``.
"""
from __future__ import annotations

import json
import math

from .archive import as_path, read
from .format import read_header
from .members import MAX_BYTES

JSON = "None, bool, int, finite float, str, and lists and str-keyed dicts of them"


def check_metadata(metadata) -> dict:
    """metadata itself if it is a dict of JSON data that reads back equal, else a TypeError or ValueError."""
    if not isinstance(metadata, dict):
        raise TypeError(f"metadata must be a dict of JSON data. Received: {type(metadata).__name__}")
    _check(metadata, "metadata")
    return metadata


def _check(value, where):
    if value is None or isinstance(value, (bool, int, str)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot save {where} = {value!r}: metadata numbers must be finite")
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"cannot save {where}: metadata dict keys must be str. Received the key {key!r}")
            _check(item, f"{where}[{key!r}]")
        return
    raise TypeError(f"cannot save {where}: {type(value).__name__} {value!r} is not JSON data; metadata may hold {JSON}")


def load_metadata(path) -> dict:
    """The metadata saved with the model at ``path`` ({} if none); a ValueError naming the file if it is bad.

    Only the header is inflated; the arrays are left in the file."""
    path = as_path(path)
    try:
        with read(path, MAX_BYTES) as members:
            metadata = read_header(members).get("metadata", {})
    except ValueError as exc:
        raise ValueError(f"cannot load {path}: {exc}") from None
    if not isinstance(metadata, dict):
        raise ValueError(f"cannot load {path}: its metadata is not a JSON object")
    return metadata


def encode_metadata(metadata) -> dict:
    """The header's "metadata" entry: the checked dict, as JSON will store it."""
    return json.loads(json.dumps(check_metadata(metadata), allow_nan=False))
