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
        i = self.names.index(name)
        return [row[i] for row in self.rows]

    def numbers(self, names) -> np.ndarray:
        """The columns ``names`` as X of shape (len(names), m), float64; a ValueError at the first field, in row
        order, that is not a finite number. Linear in the size of the table."""
        position = {name: i for i, name in enumerate(self.names)}
        picked = [position[name] for name in names]
        text = np.array(self.rows, dtype=str).reshape(len(self.rows), len(self.names))[:, picked]
        try:
            X = text.astype(np.float64).T
        except ValueError:
            X = None
        if X is None or not np.isfinite(X).all():
            self._first_bad(text, names)
        return np.ascontiguousarray(X)

    def _first_bad(self, text, names):
        """Raise the ValueError for the first field, row by row, that is not a finite number."""
        for j, row in enumerate(text):
            for i, field in enumerate(row):
                number(str(field), f"{self.path} line {self.lines[j]}, column {names[i]!r}")

    def require(self, names, what: str) -> None:
        """A ValueError listing the ``names`` this table lacks, if any."""
        present = set(self.names)
        missing = [name for name in names if name not in present]
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


#: The longest line read from a CSV file, in characters (64 Mi): a file without line ends (a link to
#: /dev/zero, a binary file) is refused at this length instead of filling the memory.
MAX_LINE = 1 << 26


def read_csv(path: str, max_line: int = MAX_LINE) -> Table:
    """The header and rows of a comma-separated file (UTF-8; blank lines skipped; fields stripped)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            records = list(_rows(csv.reader(_lines(file, path, max_line))))
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text; save it as a UTF-8 CSV file") from None
    except csv.Error as exc:
        raise ValueError(f"{path} is not a readable CSV file ({exc})") from None
    if not records:
        raise ValueError(f"{path} is empty; expected a header row of column names, then one row per sample")
    (_, names), rows = records[0], records[1:]
    if any(not name for name in names):
        raise ValueError(f"{path}: the header row has an empty column name; name every column")
    seen = set()
    repeated = next((name for name in names if name in seen or seen.add(name)), None)
    if repeated is not None:
        raise ValueError(f"{path}: the header names the column {repeated!r} twice; column names must differ")
    if not rows:
        raise ValueError(f"{path} has a header row but no data rows")
    for line, row in rows:
        if len(row) != len(names):
            raise ValueError(f"{path} line {line} has {len(row)} fields, but the header has {len(names)}"
                             f"{delimiter_hint(names)}")
    return Table(path, names, [row for _, row in rows], [line for line, _ in rows])


def _lines(file, path, max_line):
    """The file's lines, each read with a bound: a ValueError for a line longer than max_line characters."""
    while True:
        line = file.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line:
            raise ValueError(f"{path} has a line longer than {max_line:,} characters; it is not a CSV file of "
                             "samples (a binary file, or a device such as /dev/zero?)")
        yield line


def _rows(reader):
    for row in reader:
        row = [field.strip() for field in row]
        if any(row):
            yield reader.line_num, row


def delimiter_hint(names) -> str:
    """A hint when a one-column header holds another usual delimiter: the file is not comma-separated."""
    if len(names) != 1:
        return ""
    for mark, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
        if mark in names[0]:
            return (f". Its header is one column holding {name}: npblocks reads comma-separated files; convert it, "
                    f"e.g. python -c \"import csv,sys; csv.writer(sys.stdout).writerows(csv.reader(sys.stdin, "
                    f"delimiter='{mark.encode('unicode_escape').decode()}'))\" < IN > OUT.csv")
    return ""


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
