"""Input checks shared by the blocks: clear errors in the seed's words, never a silent reshape."""
from __future__ import annotations

import numbers

import numpy as np


def positive_int(name: str, value) -> int:
    """A layer size such as n_in or n_out: a positive int (a bool or 2.0 is refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int. Received: {name}={value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive int. Received: {name}={value!r}")
    return int(value)


def numeric_array(name: str, value, dtype=None) -> np.ndarray:
    """``value`` as a numpy array of real numbers (in ``dtype`` if given), else a TypeError."""
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array. Received: {type(value).__name__} ({exc})") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a numeric array of real numbers. Received: dtype {array.dtype}")
    if dtype is not None and array.dtype != dtype:
        array = array.astype(dtype)
    return array


def columns(name: str, value, n: int, who, dtype=None, rows: str = "n") -> np.ndarray:
    """A 2-D array of ``n`` rows, one column per sample: (n, m). Says so when it looks transposed.

    ``who`` is the block that asks (named in the message); ``rows`` is the seed's symbol for n.
    """
    array = numeric_array(name, value, dtype)
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
