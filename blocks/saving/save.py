"""model.save(path): the architecture as JSON and the arrays as arrays, in one .npz file, atomically."""
from __future__ import annotations

from importlib import metadata

from ..block import Block
from .archive import as_path, write
from .checkpoint import encode_optimizer
from .encode import Encoder
from .format import FORMAT, HEADER, VERSION, header_entry
from .metadata import encode_metadata


def save(model, path, *, optimizer=None, metadata=None) -> None:
    """Write ``model`` (any Block, usually a Sequential) to ``path``; with ``optimizer``, a training checkpoint.

    Everything that could make the file unloadable (a config that is not plain data, a class defined
    inside a function, a block shared between two places) is refused before anything is written; an
    error while writing leaves an existing file at ``path`` untouched. ``metadata``: a dict of JSON data
    kept beside the model, read back by ``blocks.saving.load_metadata(path)``.
    """
    if not isinstance(model, Block):
        raise TypeError(f"model must be a Block such as a Sequential. Received: {type(model).__name__}")
    path = as_path(path)
    encoder = Encoder()
    header = {"format": FORMAT, "version": VERSION, "npblocks": _version(), "dtype": model_dtype(model)}
    header["model"] = encoder.object(model, "model", "model")
    encoder.check_covers(model)
    if optimizer is not None:
        header["optimizer"] = encode_optimizer(optimizer, model, encoder)
    header["generators"] = encoder.generators
    if metadata is not None:
        header["metadata"] = encode_metadata(metadata)
    write(path, {HEADER: header_entry(header), **encoder.arrays})


def model_dtype(model) -> str | None:
    """The dtype name all the model's parameters share, or None (none, or several)."""
    names = {p.value.dtype.name for p in model.parameters()}
    return names.pop() if len(names) == 1 else None


def _version() -> str:
    try:
        return metadata.version("npblocks")
    except metadata.PackageNotFoundError:
        return "unknown"
