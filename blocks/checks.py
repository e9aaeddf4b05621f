"""Input checks shared by blocks, losses and optim: clear errors in the seed's words, never a silent reshape.

Each check raises TypeError for a wrong type and ValueError for a wrong value or shape, with a message
that says what was expected (in the seed's symbols) and what was received. The blocks call them only
on their slow paths: a correct float ndarray never pays for them.
"""
from __future__ import annotations

import math
import numbers
import sys

import numpy as np

#: The dtypes a model computes in.
FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def positive_int(name: str, value) -> int:
    """A layer size such as n_in or n_out: a positive int (a bool or 2.0 is refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int. Received: {name}={value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive int. Received: {name}={value!r}")
    return int(value)


def finite_real(name: str, value) -> float:
    """A real number such as LeakyReLU's alpha: an int or float (not a bool, a string or an array), finite."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number. Received: {name}={value!r}")
    if abs(value) > sys.float_info.max or not math.isfinite(value):  # the first keeps a huge int from overflowing
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
        raise ValueError(f"{name} must be a finite real number. Received: {name}={shown}")
    return float(value)


def numeric_array(name: str, value, dtype=None, who=None) -> np.ndarray:
    """``value`` as a numpy array of real numbers (in ``dtype`` if given), else a TypeError.

    Bool, int and float arrays (and nested lists of them) are numeric; strings, objects, None, complex
    numbers and ragged lists are not. ``who`` (a block or loss) is named in the message.
    """
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(
            f"{_owner(name, who)} a numeric array of real numbers. Received: {type(value).__name__} ({exc})"
        ) from None
    if array.dtype.kind not in "biuf":
        owner = _owner(name, who)
        got = "None" if value is None else f"dtype {array.dtype}"
        hint = ": drop the imaginary part with .real, or use abs()" if array.dtype.kind == "c" else ""
        raise TypeError(f"{owner} a numeric array of real numbers. Received: {got}{hint}")
    if dtype is not None and array.dtype != dtype:
        array = array.astype(dtype)
    return array


def _owner(name, who) -> str:
    """The start of a message: who's repr (built only for an error: a block's repr is not free) and name."""
    return f"{who!r}: {name} must be" if who is not None else f"{name} must be"


def columns(name: str, value, n: int, who, dtype=None, rows: str = "n") -> np.ndarray:
    """A 2-D array of ``n`` rows, one column per sample: (n, m). Says so when it looks transposed.

    ``who`` is the block that asks (named in the message); ``rows`` is the seed's symbol for n.
    """
    array = numeric_array(name, value, dtype, who)
    if array.ndim != 2:
        one = f". For one sample use {name}.reshape({n}, 1)" if array.ndim == 1 and array.size == n else ""
        raise ValueError(
            f"{who!r} expects {name} of shape ({rows}, m) = ({n}, m), samples as columns; "
            f"got a {array.ndim}-D array of shape {array.shape}{one}"
        )
    if array.shape[0] != n:
        hint = f". It looks transposed: samples are columns, pass {name}.T" if array.shape[1] == n else ""
        raise ValueError(
            f"{who!r} expects {name} with {rows} = {n} rows, shape ({n}, m); got {array.shape[0]} rows, "
            f"shape {array.shape}{hint}"
        )
    return array


def shape_hint(name, array, shape) -> str:
    """How to fix a W or b of the wrong shape: W is (n^[l], n^[l-1]), b is the column (n^[l], 1)."""
    if name == "W":
        transposed = "; it looks transposed, pass W.T" if array.shape == shape[::-1] else ""
        return f": W is (n^[l], n^[l-1]) = (n_out, n_in){transposed}"
    return f"; use b.reshape{shape}" if array.size == shape[0] else ": b is a column (n^[l], 1)"


def float_dtype(dtype) -> np.dtype:
    """A numpy floating dtype a model computes in (float32 or float64), else a clear error."""
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a numpy floating dtype such as np.float32. Received: {dtype!r}") from None
    if dtype not in FLOAT_DTYPES:
        raise ValueError(f"dtype must be a floating dtype (float32 or float64). Received: dtype={dtype.name}")
    return dtype


def check_hyper(name, value, low=None, high=None, low_open=False, high_open=False) -> float:
    """A real hyperparameter inside its range, e.g. lr > 0 or beta in [0, 1), else a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number. Received: {name}={value!r}")
    try:
        value = float(value)
    except OverflowError:  # an int too large for a float (10**400): outside every range, said as +-inf
        value = float("inf") if value > 0 else float("-inf")
    bad = (
        not np.isfinite(value)
        or (low is not None and (value < low or (low_open and value == low)))
        or (high is not None and (value > high or (high_open and value == high)))
    )
    if bad:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        span = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ValueError(f"{name} must be in {span}. Received: {name}={value!r}")
    return value


def column_array(name, positive=False):
    """Getter and setter of an (n, 1) array in the block's dtype; assigning another shape is a ValueError
    (and, with ``positive``, a value that is not finite and > 0)."""

    def get(self):
        return getattr(self, "_" + name)

    def set(self, value):
        array = numeric_array(name, value, who=self)
        if array.shape != (self.n, 1):
            raise ValueError(f"{self!r}: {name} must have shape ({self.n}, 1), got {array.shape}")
        if positive and not (np.isfinite(array).all() and (array > 0).all()):
            raise ValueError(f"{self!r}: {name} must be finite and > 0 in every row. Received: {array.ravel()!r}")
        setattr(self, "_" + name, np.array(array, dtype=self.dtype, order="C"))

    return get, set
