"""The npblocks file: one .npz archive holding a JSON header beside the arrays, with a version number.

The header (the archive's entry ``__npblocks__``, a 0-d unicode array) reads::

    {"format": "npblocks", "version": 1, "npblocks": "0.1.0", "dtype": "float64",
     "model": {"__class__": "blocks:Sequential", "config": {"blocks": [
         {"__class__": "blocks:Layer",
          "config": {"n_in": 2, "n_out": 3, "dtype": "float64",
                     "activation": {"__class__": "blocks:ReLU", "config": {}}},
          "arrays": {"W": "model.blocks.0.W", "b": "model.blocks.0.b"}}, ...]},
      "arrays": {}},
     "generators": [],
     "optimizer": {"__class__": "optim:Adam", "config": {"lr": 0.001, ...}, "t": 12,
                   "params": [0, 1, ...], "state": [{"v": "optimizer.state.0.v", "s": ...}, ...]}}

Every other entry is a numeric array named in the header ("optimizer" only in a checkpoint).
"""
from __future__ import annotations

import json

import numpy as np

FORMAT = "npblocks"
#: The version this npblocks writes; it reads every version up to this one.
VERSION = 1
#: The archive entry that holds the JSON header.
HEADER = "__npblocks__"
#: Keys that mark an encoded value in a config: an object (Block or Activation), a tuple, a dtype.
CLASS, TUPLE, DTYPE = "__class__", "__tuple__", "__dtype__"
RESERVED = (CLASS, TUPLE, DTYPE)


def header_entry(header: dict) -> np.ndarray:
    """The header as the archive stores it: a 0-d unicode array of its JSON text."""
    return np.array(json.dumps(header))


def read_header(entries: dict) -> dict:
    """The header of an archive's entries, its format and version checked; a ValueError saying what is wrong."""
    if HEADER not in entries:
        names = ", ".join(sorted(entries)[:5]) or "none"
        raise ValueError(
            f"it is an .npz archive without the npblocks header {HEADER!r} (its entries: {names}); "
            "it was not written by model.save"
        )
    entry = entries[HEADER]
    if not (isinstance(entry, np.ndarray) and entry.dtype.kind == "U" and entry.ndim == 0):
        raise ValueError(f"its header {HEADER!r} is not the JSON text model.save writes")
    try:
        header = json.loads(str(entry), object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"its header is not valid JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError(f"its header does not declare the format {FORMAT!r}; it was not written by model.save")
    check_version(header.get("version"))
    return header


def _unique_keys(pairs) -> dict:
    """A JSON object as a dict; a ValueError for a key given twice (json would keep the last silently)."""
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for i, key in enumerate(keys) if key in keys[:i])
        raise ValueError(f"the key {twice!r} appears twice in one object; a sound header names each key once")
    return dict(pairs)


def check_version(version) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"its header has no valid format version (a positive int); found {version!r}")
    if version > VERSION:
        raise ValueError(
            f"it was written in npblocks format version {version}, newer than this npblocks reads "
            f"(versions 1 to {VERSION}); upgrade npblocks to load it"
        )
