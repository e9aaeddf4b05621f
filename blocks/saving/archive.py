"""The .npz archive on disk: written atomically, read without pickle.

Writing goes to a temporary file beside the target (same directory, so the same file system), flushed
to disk, then ``os.replace``-d over the target in one step: a save that fails at any point leaves an
existing file as it was and no temporary file behind. The file is written at exactly the path given
(no ``.npz`` is appended, unlike ``np.savez``).

Reading checks what the file is before handing it to ``np.load(..., allow_pickle=False)``, reads every
entry eagerly, and turns anything that goes wrong into a ValueError naming the file.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets

import numpy as np

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
    write_atomically(path, lambda file: np.savez(file, **entries))


def write_atomically(path: str, fill, example: str = "model.npz") -> None:
    """``fill(file)`` writes the content to a binary file object; it lands at ``path`` in one step, or not at all.

    The temporary file beside ``path`` is removed whatever fails; errors name ``path`` (``example`` is the
    file name suggested when ``path`` is a directory). Used by ``save`` and by ``blocks.onnx.export``."""
    if os.path.isdir(path) or path.endswith(tuple(filter(None, (os.sep, os.altsep)))):
        what = "it is a directory" if os.path.isdir(path) else "it names a directory (it ends with a separator)"
        raise IsADirectoryError(errno.EISDIR, f"cannot save to {path}: {what}; give a file path such as "
                                              f"{os.path.join(path, example)}")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"cannot save to {path}: the directory {directory} does not exist")
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise about(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as file:
            fill(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.errno is not None:
            raise about(exc, path) from exc
        raise
    _sync_directory(directory)


def about(exc: OSError, path: str) -> OSError:
    """The same OSError (kind, errno, reason) about the path the user gave, not the temporary file."""
    return type(exc)(exc.errno, exc.strerror, path) if exc.errno is not None else exc


def read(path: str) -> dict:
    """Every entry of the .npz archive at path: {name: array}; a ValueError if it is not a readable one.

    A missing file is the usual FileNotFoundError (a directory an IsADirectoryError), naming the path."""
    with open(path, "rb") as file:
        _check_kind(file.read(8))
        file.seek(0)
        try:
            archive = np.load(file, allow_pickle=False)
        except Exception as exc:
            raise ValueError(f"it is truncated or corrupted ({type(exc).__name__}: {exc})") from None
        with archive:
            return {name: _entry(archive, name) for name in archive.files}


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


def _entry(archive, name):
    try:
        return archive[name]
    except ValueError as exc:
        if "allow_pickle" in str(exc):
            raise ValueError(
                f"its entry {name!r} is an object array, which only pickle could read; npblocks never "
                "unpickles (that can run any code), and model.save never writes one"
            ) from None
        raise ValueError(f"its entry {name!r} is corrupted ({exc})") from None
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise ValueError(f"it is truncated or corrupted: reading {name!r} failed ({reason})") from None


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable where the OS allows (POSIX); best effort."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
