"""The .npz archive on disk: written atomically, read without pickle.

Writing goes to a temporary file beside the target (same directory, so the same file system), flushed
to disk, then ``os.replace``-d over the target in one step: a save that fails at any point leaves an
existing file as it was and no temporary file behind; one that is killed leaves a temporary that the
next save of the same target removes (``temporary``). The new file keeps the permission bits of the
one it replaces. The file is written at exactly the path given
(no ``.npz`` is appended, unlike ``np.savez``).

Reading checks what the file is, then its zip directory and every array's header before inflating
anything (``members``), never unpickles, and turns anything that goes wrong into a ValueError.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat

import numpy as np

from .members import MAX_BYTES, Members
from .temporary import create, remove_stale

ZIP = (b"PK\x03\x04", b"PK\x05\x06")
NPY = b"\x93NUMPY"


def as_path(path) -> str:
    """A str or os.PathLike as a str path; a TypeError otherwise, a ValueError for an empty one."""
    path = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(path, str):
        raise TypeError("path must be a str or a pathlib.Path, such as 'model.npz'")
    if not path:
        raise ValueError("path is empty; give a file path such as 'model.npz'")
    if "\0" in path:
        raise ValueError(f"path must not contain a NUL character. Received: path={path!r}")
    return path


def write(path: str, entries: dict) -> None:
    """np.savez(entries) at path, atomically. File-system problems are the usual OSErrors
    (FileNotFoundError, IsADirectoryError, PermissionError, ...), naming ``path``, never the temporary file."""
    if os.path.isdir(path) or path.endswith(tuple(filter(None, (os.sep, os.altsep)))):
        what = "it is a directory" if os.path.isdir(path) else "it names a directory (it ends with a separator)"
        raise IsADirectoryError(errno.EISDIR, f"cannot save to {path}: {what}; give a file path such as "
                                              f"{os.path.join(path, 'model.npz')}")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"cannot save to {path}: the directory {directory} does not exist")
    try:
        temporary, fd = create(path)
    except OSError as exc:
        raise about(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as file:
            np.savez(file, **entries)
            file.flush()
            _keep_mode(path, file.fileno())
            os.fsync(file.fileno())
            os.replace(temporary, path)  # before closing, so the lock holds until the name is gone
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.errno is not None:
            raise about(exc, path) from exc
        raise
    _sync_directory(directory)
    remove_stale(path, keep=temporary)


def _keep_mode(path: str, fd: int) -> None:
    """Give the new file the permission bits of the one it replaces (if any)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)


def about(exc: OSError, path: str) -> OSError:
    """The same OSError (kind, errno, reason) about the path the user gave, not the temporary file."""
    return type(exc)(exc.errno, exc.strerror, path) if exc.errno is not None else exc


def read(path: str, max_bytes: int = MAX_BYTES) -> Members:
    """The arrays of the .npz archive at path, {name: array} inflated on demand, checked before any is
    (see ``members``); a ValueError if it is not a sound one. Use it in a ``with`` block: it holds the file.

    A missing file is the usual FileNotFoundError (a directory an IsADirectoryError), naming the path."""
    file = open(path, "rb")
    try:
        _check_kind(file.read(8))
        file.seek(0)
        return Members(file, max_bytes)
    except BaseException:
        file.close()
        raise


def _check_kind(head: bytes) -> None:
    if head.startswith(ZIP):
        return
    if not head:
        raise ValueError("it is empty (0 bytes)")
    if len(head) < 4 and any(magic.startswith(head) for magic in ZIP):
        raise ValueError(f"it is truncated or corrupted (only {len(head)} bytes)")
    if head.startswith(NPY):
        raise ValueError("it holds a single NumPy array (.npy), not the .npz archive model.save writes")
    if head.startswith(b"\x80"):
        raise ValueError("it is a Python pickle; npblocks never loads pickles, since unpickling can run any code")
    raise ValueError(f"it is not an .npz archive as model.save writes (it starts with {head!r})")


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable where the OS allows (POSIX); best effort."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
