"""The command line's data files: CSV with a header row, NPZ with arrays X (n^[0], m) and Y; CSV out.

Every problem with a file is a ValueError that names the file (and the line and column where it is one).
"""
from __future__ import annotations

import csv
import math
import os
import sys
from typing import NamedTuple

import numpy as np


class Table(NamedTuple):
    """A CSV file read as text: its column names and rows (each as long as ``names``), with line numbers."""

    path: str
    names: list
    rows: list
    lines: list

    def column(self, name: str) -> list:
        return [row[self.names.index(name)] for row in self.rows]

    def numbers(self, names) -> np.ndarray:
        """The columns ``names`` as X of shape (len(names), m), float64; a ValueError at the first non-number."""
        X = np.empty((len(names), len(self.rows)))
        for i, name in enumerate(names):
            column = self.column(name)
            try:
                X[i] = np.array(column, dtype=np.float64)
                ok = bool(np.isfinite(X[i]).all())
            except ValueError:
                ok = False
            if not ok:  # name the first field that is not a finite number
                for j, text in enumerate(column):
                    X[i, j] = number(text, f"{self.path} line {self.lines[j]}, column {name!r}")
        return X

    def require(self, names, what: str) -> None:
        """A ValueError listing the ``names`` this table lacks, if any."""
        missing = [name for name in names if name not in self.names]
        if missing:
            raise ValueError(f"{self.path} has no column {', '.join(map(repr, missing))} ({what}); "
                             f"its columns are: {', '.join(self.names)}")


def kind(path: str) -> str:
    """"csv" or "npz" from the file name's ending, else a ValueError."""
    ending = os.path.splitext(path)[1].lower()
    if ending in (".csv", ".txt"):
        return "csv"
    if ending == ".npz":
        return "npz"
    raise ValueError(f"cannot tell what {path} holds from its name: give a .csv file with a header row, "
                     "or an .npz file with arrays X (n^[0], m) and Y")


def read_csv(path: str) -> Table:
    """The header and rows of a comma-separated file (UTF-8; blank lines skipped; fields stripped)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            records = list(_rows(csv.reader(file)))
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text; save it as a UTF-8 CSV file") from None
    except csv.Error as exc:
        raise ValueError(f"{path} is not a readable CSV file ({exc})") from None
    if not records:
        raise ValueError(f"{path} is empty; expected a header row of column names, then one row per sample")
    (_, names), rows = records[0], records[1:]
    if any(not name for name in names):
        raise ValueError(f"{path}: the header row has an empty column name; name every column")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"{path}: the header names the column {repeated[0]!r} twice; column names must differ")
    if not rows:
        raise ValueError(f"{path} has a header row but no data rows")
    for line, row in rows:
        if len(row) != len(names):
            raise ValueError(f"{path} line {line} has {len(row)} fields, but the header has {len(names)}")
    return Table(path, names, [row for _, row in rows], [line for line, _ in rows])


def _rows(reader):
    for row in reader:
        row = [field.strip() for field in row]
        if any(row):
            yield reader.line_num, row


def number(text: str, where: str) -> float:
    """A finite float from its text, or a ValueError saying where it was."""
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value):
        shown = repr(text) if text else "an empty field"
        raise ValueError(f"{where}: {shown} is not a finite number")
    return value


def read_npz(path: str, required=("X",)) -> dict:
    """The arrays of an .npz file (read without pickle); a ValueError if one of ``required`` is missing."""
    with open(path, "rb") as file:
        try:
            archive = np.load(file, allow_pickle=False)
        except Exception as exc:
            raise ValueError(f"{path} is not a readable .npz archive ({_reason(exc)})") from None
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ValueError(f"{path} holds a single array, not an .npz archive; write one with "
                             "np.savez(path, X=X, Y=Y), X of shape (n^[0], m)")
        with archive:
            try:
                arrays = {name: archive[name] for name in archive.files}
            except Exception as exc:
                raise ValueError(f"{path}: cannot read its arrays ({_reason(exc)})") from None
    missing = [name for name in required if name not in arrays]
    if missing:
        raise ValueError(f"{path} has no array {' or '.join(missing)}; it holds: {', '.join(arrays) or 'nothing'}. "
                         "Write it with np.savez(path, X=X, Y=Y), X of shape (n^[0], m)")
    return arrays


def _reason(exc) -> str:
    text = str(exc)
    if "allow_pickle" in text:
        return "it holds object arrays, which only pickle could read, and npblocks never unpickles"
    return f"{type(exc).__name__}: {text}"


def write_csv(path, names, rows) -> None:
    """The header ``names`` and ``rows`` as CSV, to ``path`` (or standard output for None)."""
    if path is None:
        _write(sys.stdout, names, rows)
        return
    with open(path, "w", newline="", encoding="utf-8") as file:
        _write(file, names, rows)


def _write(file, names, rows):
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
