"""The temporary file an atomic save writes beside its target: its name, its lock, and stale ones cleaned.

The name is ``.TARGET.XXXXXXXXXXXX.tmp`` (12 random hex digits), kept within the file system's 255-byte
name limit: a target name too long for that is cut and a digest of the whole name added, so that the
temporaries of one target are still recognised. A save holds an exclusive ``flock`` on its temporary
while writing; the next save of the same target removes every temporary of that target that nobody holds
(left by a save that was killed), and, where ``flock`` does not exist, those older than an hour.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

#: The longest file name (bytes) most file systems allow.
NAME_MAX = 255
#: A temporary younger than this (seconds) is never removed: its save may be starting right now.
YOUNG = 2.0
#: Without flock, a temporary older than this (seconds) is taken to be left by a killed save.
STALE = 3600.0
SUFFIX = r"\.[0-9a-f]{12}\.tmp"


def stem(path: str) -> str:
    """The part of a temporary's name that names its target: the target's name, or a cut of it and a digest."""
    name = os.path.basename(path)
    if len(os.fsencode(f".{name}.000000000000.tmp")) <= NAME_MAX:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    cut = os.fsencode(name)[: NAME_MAX - len(".~.000000000000.tmp") - len(digest)]
    return cut.decode(errors="ignore") + "~" + digest


def create(path: str) -> tuple[str, int]:
    """(name, fd) of a new temporary beside path, open for writing and locked; OSErrors as os.open raises them."""
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{stem(path)}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    return temporary, fd


def remove_stale(path: str, keep: str) -> None:
    """Remove the temporaries of path's target that no running save holds (best effort, never raises)."""
    directory = os.path.dirname(os.path.abspath(path))
    pattern = re.compile(re.escape(f".{stem(path)}") + SUFFIX)
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if entry.path != keep and pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                _remove_if_abandoned(entry)


def _remove_if_abandoned(entry) -> None:
    with contextlib.suppress(OSError):
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        if age < YOUNG:
            return
        if fcntl is None:
            if age > STALE:
                os.unlink(entry.path)
            return
        fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a live save holds it
            os.unlink(entry.path)
        finally:
            os.close(fd)
