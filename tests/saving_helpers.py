"""Helpers for the save/load tests: a round trip through a temporary file, and model equality."""
from __future__ import annotations

import os
import tempfile

import numpy as np

import blocks
from blocks.saving import load


def roundtrip(model, **load_kwargs):
    """The model saved to a temporary file and loaded back."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "model.npz")
        model.save(path)
        return load(path, **load_kwargs)


def describe(obj):
    """(class, config) with every Block and Activation inside described the same way, recursively."""
    if isinstance(obj, (blocks.Block, blocks.Activation)):
        return type(obj), describe(obj.get_config())
    if isinstance(obj, (list, tuple)):
        return type(obj), [describe(v) for v in obj]
    if isinstance(obj, dict):
        return {k: describe(v) for k, v in obj.items()}
    return obj


def flat_blocks(model):
    for block in model:
        if isinstance(block, blocks.Sequential):
            yield from flat_blocks(block)
        else:
            yield block


def assert_same_model(a, b):
    """The same classes and hyperparameters, every parameter and buffer bit for bit, generators in the same state."""
    assert describe(a) == describe(b)
    for x, y in zip(flat_blocks(a), flat_blocks(b), strict=True):
        names = [p.name for p in x.parameters()] + list(x.buffers)
        for name in names:
            u, v = getattr(x, name), getattr(y, name)
            assert u.dtype == v.dtype and u.shape == v.shape and u.tobytes() == v.tobytes(), f"{x!r}.{name}"
        for name, value in vars(x).items():
            if isinstance(value, np.random.Generator):
                assert vars(y)[name].bit_generator.state == value.bit_generator.state


def rewrite_header(path, edit):
    """Rewrite the file at path with ``edit(header)`` applied to its JSON header (arrays unchanged)."""
    import json

    with np.load(path, allow_pickle=False) as archive:
        entries = {name: archive[name] for name in archive.files}
    header = json.loads(str(entries["__npblocks__"]))
    edit(header)
    entries["__npblocks__"] = np.array(json.dumps(header))
    with open(path, "wb") as file:
        np.savez(file, **entries)
