"""The arrays of an .npz archive, checked from its directory and each array's small header before any is inflated.

A hostile file can be small on disk and huge once read: a member that deflates to gigabytes, an array
header that declares a billion entries. So, before inflating anything, every member must be a uniquely
named ``NAME.npy`` whose uncompressed size is exactly what its own ``.npy`` header (shape and dtype)
implies, with no object dtype (only pickle reads those), and all of them together must fit in
``max_bytes`` (``MAX_BYTES`` unless the caller raises it). Arrays are then inflated one at a time, on
demand, each into exactly the size already checked.
"""
from __future__ import annotations

import math
import zipfile
from collections.abc import Mapping

import numpy as np

#: The .npy header readers, by format version.
READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
#: What ``load`` accepts by default: the arrays of a file, uncompressed, in bytes (1 GiB).
MAX_BYTES = 1 << 30


def check_max_bytes(max_bytes) -> int:
    """max_bytes as given: a positive int, else a TypeError or ValueError."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(f"max_bytes must be a positive int, a number of bytes. Received: max_bytes={max_bytes!r}")
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive int, a number of bytes. Received: max_bytes={max_bytes!r}")
    return max_bytes


class Members(Mapping):
    """{name: array} of an open .npz file, each array inflated when asked for, after the checks above.

    Use it as a context manager: it closes the file. ``shapes[name]`` is ``(shape, dtype)`` from the array's
    header, known without inflating it.
    """

    def __init__(self, file, max_bytes: int = MAX_BYTES):
        self._file = file
        try:
            self._zip = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ValueError(f"it is truncated or corrupted ({type(exc).__name__}: {exc})") from None
        try:
            self._infos = _directory(self._zip.infolist(), max_bytes)
            self.shapes = {name: _array_header(self._zip, info) for name, info in self._infos.items()}
        except BaseException:
            self.close()
            raise

    def __getitem__(self, name):
        info = self._infos[name]
        try:
            with self._zip.open(info) as member:
                return np.lib.format.read_array(member, allow_pickle=False)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise ValueError(f"it is truncated or corrupted: reading {name!r} failed ({reason})") from None

    def __iter__(self):
        return iter(self._infos)

    def __len__(self):
        return len(self._infos)

    def close(self) -> None:
        """Close the archive and the file it reads."""
        if hasattr(self, "_zip"):
            self._zip.close()
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _directory(infos, max_bytes) -> dict:
    """{array name: ZipInfo}; a ValueError for a duplicate or foreign member, or for arrays over max_bytes."""
    members = {}
    for info in infos:
        if not info.filename.endswith(".npy") or info.is_dir():
            raise ValueError(f"its member {info.filename!r} is not a .npy array; model.save writes only arrays")
        name = info.filename[: -len(".npy")]
        if name in members:
            raise ValueError(f"it holds two members named {info.filename!r}; a sound file names each array once "
                             "(which one would count is ambiguous)")
        members[name] = info
    total = sum(info.file_size for info in members.values())
    if total > max_bytes:
        raise ValueError(
            f"its arrays take {total:,} bytes uncompressed, more than max_bytes={max_bytes:,}; if you trust "
            f"the file, load it with blocks.saving.load(path, max_bytes={total})"
        )
    return members


def _array_header(archive, info) -> tuple:
    """(shape, dtype) from a member's .npy header; a ValueError unless its size is exactly what they imply."""
    name = info.filename[: -len(".npy")]
    try:
        with archive.open(info) as member:
            version = np.lib.format.read_magic(member)
            if version not in READERS:
                raise ValueError(f".npy format version {version}; model.save writes 1.0 or 2.0")
            shape, _, dtype = READERS[version](member, max_header_size=10_000)
            offset = member.tell()
    except Exception as exc:
        raise ValueError(f"its entry {name!r} is not a readable .npy array ({type(exc).__name__}: {exc})") from None
    if dtype.hasobject:
        raise ValueError(
            f"its entry {name!r} is an object array, which only pickle could read; npblocks never "
            "unpickles (that can run any code), and model.save never writes one"
        )
    size = offset + math.prod(shape) * dtype.itemsize
    if size != info.file_size:
        raise ValueError(f"its entry {name!r} declares shape {shape} of {dtype} ({size:,} bytes with its header), "
                         f"but the member holds {info.file_size:,} bytes: it is corrupted")
    return shape, dtype
