"""Sequential.load(path) and load_checkpoint(path): a model (and optimizer) rebuilt from one file.

Every way a file can be wrong (not an npblocks file, truncated, corrupted, a newer format, a pickle or an
object array inside, a missing class, missing or misshapen arrays) is a ValueError that names the file and
says what is wrong; a missing file is the usual FileNotFoundError.
"""
from __future__ import annotations

from ..activation import Activation
from ..block import Block
from .archive import as_path, read
from .checkpoint import Optimizer, decode_optimizer, optimizer_keys
from .decode import Decoder
from .format import HEADER, read_header
from .lookup import check_custom_objects
from .members import MAX_BYTES, check_max_bytes
from .sizes import check_bytes


def load(path, *, custom_objects=None, max_bytes=MAX_BYTES):
    """The model saved at ``path`` (an optimizer in the file is ignored).

    ``custom_objects``: ``{"QualName": cls}`` for classes that cannot be found where they were saved
    (defined in another script's ``__main__``, renamed, moved). ``max_bytes``: the most array data, in
    bytes uncompressed, a file may hold or its header may make the blocks allocate (``MAX_BYTES``, 1 GiB);
    raise it for a larger model you trust.
    """
    return _load(path, custom_objects, max_bytes, with_optimizer=False)[0]


def load_checkpoint(path, *, custom_objects=None, max_bytes=MAX_BYTES):
    """``(model, optimizer)`` saved by ``model.save(path, optimizer=opt)``; training continues bit for bit.

    ``custom_objects`` and ``max_bytes``: as for ``load``."""
    return _load(path, custom_objects, max_bytes, with_optimizer=True)


def _load(path, custom_objects, max_bytes, with_optimizer):
    path = as_path(path)
    custom_objects = check_custom_objects(custom_objects, (Block, Activation, Optimizer))
    max_bytes = check_max_bytes(max_bytes)
    try:
        with read(path, max_bytes) as members:
            return _rebuild(members, custom_objects, max_bytes, with_optimizer)
    except RecursionError:
        raise ValueError(f"cannot load {path}: its header is nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"cannot load {path}: {exc}") from exc.__cause__


def _rebuild(entries, custom_objects, max_bytes, with_optimizer):
    header = read_header(entries)
    if with_optimizer and "optimizer" not in header:
        raise ValueError("it holds no optimizer state; save a checkpoint with model.save(path, optimizer=opt)")
    check_bytes(header, max_bytes)
    decoder = Decoder(entries, header.get("generators", []), custom_objects)
    model = decoder.object(header.get("model"), "model", Block)
    optimizer = decode_optimizer(header["optimizer"], model, decoder) if with_optimizer else None
    if not with_optimizer and "optimizer" in header:
        decoder.used |= optimizer_keys(header["optimizer"]) & set(entries)
    _check_dtype(header.get("dtype"), model, decoder)
    unused = sorted(set(entries) - decoder.used - {HEADER})
    if unused:
        decoder.problems.append(f"the archive holds arrays the header does not name: {', '.join(unused)}")
    if decoder.problems:
        raise ValueError(f"{len(decoder.problems)} problem(s):\n  - " + "\n  - ".join(decoder.problems))
    return model, optimizer


def _check_dtype(name, model, decoder):
    if name is None:
        return
    wrong = [p for p in model.parameters() if p.value.dtype.name != name]
    if wrong:
        decoder.problems.append(f"the header says dtype {name!r}, but {wrong[0]!r} is {wrong[0].value.dtype}")
