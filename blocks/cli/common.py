"""What the subcommands share: the usage error, argparse value types, and one-line messages."""
from __future__ import annotations

import argparse
import os


class UsageError(ValueError):
    """Arguments that cannot work together or with the data: exit status 2, like argparse's own errors."""


def _number(text: str, cast, accept, expected: str):
    """``cast(text)`` when it parses and ``accept`` takes it, else argparse's error naming what was expected."""
    try:
        value = cast(text)
    except ValueError:
        value = None
    if value is None or not accept(value):
        raise argparse.ArgumentTypeError(f"must be {expected}, got {text!r}")
    return value


def positive_int(text: str) -> int:
    """argparse type: an int >= 1."""
    return _number(text, int, lambda n: n >= 1, "a positive int")


def positive_float(text: str) -> float:
    """argparse type: a finite float > 0."""
    return _number(text, float, lambda x: 0 < x < float("inf"), "a positive number")


def fraction(text: str) -> float:
    """argparse type: a float in [0, 1)."""
    return _number(text, float, lambda x: 0 <= x < 1, "a number from 0 up to (not including) 1")


def sizes(text: str) -> list[int]:
    """argparse type: comma-separated layer sizes such as 64,32,10 (at least two, each >= 1)."""
    try:
        dims = [int(part) for part in text.split(",")]
    except ValueError:
        dims = []
    if len(dims) < 2 or min(dims) < 1:
        raise argparse.ArgumentTypeError(
            f"must be the layer sizes n^[0],...,n^[L] as positive ints separated by commas, such as 64,32,10; "
            f"got {text!r}"
        )
    return dims


def names(text: str) -> list[str]:
    """argparse type: comma-separated column names such as a,b,c (none empty)."""
    parts = [part.strip() for part in text.split(",")]
    if not all(parts):
        raise argparse.ArgumentTypeError(f"must be column names separated by commas, such as age,height; got {text!r}")
    return parts


def check_out(path: str, option: str = "--out") -> str:
    """An output path whose folder exists, checked before any work is done; else a UsageError."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: the folder {os.path.dirname(path) or folder} does not exist")
    if os.path.isdir(path):
        raise UsageError(f"{option} {path} is a folder; give a file name")
    return path


def one_line(exc: BaseException) -> str:
    """The message of an exception on one line (a multi-line message's lines joined with '; ')."""
    if isinstance(exc, OSError) and exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    lines = [line.strip() for line in str(exc).splitlines()]
    lines = [line[2:] if line.startswith("- ") else line for line in lines if line]
    return "; ".join(lines) or type(exc).__name__
