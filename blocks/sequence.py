"""The sequence layout (n_x, m, T_x) shared by the recurrent blocks: input checks, shapes, step arrays.

A sequence batch is ``(n_x, m, T_x)``: features, samples, time steps (the course's layout). Step t is the
(n_x, m) matrix ``X[:, :, t]``, one column per sample, so every step reads like the column convention.
"""
from __future__ import annotations

import numpy as np

from .checks import numeric_array, shape_hint
from .shapes import format_shape, layout


def sequences(name: str, value, n: int, who, dtype, rows: str = "n_x") -> np.ndarray:
    """A 3-D array ``(n, m, T_x)`` with m >= 1 and T_x >= 1 in ``dtype``, else a clear ValueError."""
    if not (type(value) is np.ndarray and value.dtype == dtype):
        value = numeric_array(name, value, dtype, who)
    if value.ndim != 3:
        hint = (f". For a single time step use {name}.reshape({value.shape[0]}, {value.shape[1]}, 1)"
                if value.ndim == 2 and value.shape[0] == n else "")
        raise ValueError(f"{who!r} expects {name} of shape ({rows}, m, T_x) = ({n}, m, T_x), a batch of sequences; "
                         f"got a {value.ndim}-D array of shape {value.shape}{hint}")
    if value.shape[0] != n:
        hint = f". It looks like (m, T_x, {rows}): pass {name}.transpose(2, 0, 1)" if value.shape[2] == n else ""
        raise ValueError(f"{who!r} expects {name} with {rows} = {n} rows, shape ({n}, m, T_x); got shape "
                         f"{value.shape}{hint}")
    if value.shape[1] == 0 or value.shape[2] == 0:
        raise ValueError(f"{who!r} needs m >= 1 samples and T_x >= 1 steps; got {name} of shape {value.shape}")
    return value


def sequence_output_shape(block, shape, n: int, out):
    """``out`` when ``shape`` (the A_prev a Sequential hands ``block``) is sequences of n rows, else a ValueError."""
    if shape is None:
        return out
    if not (len(shape) == 3 and shape[1] == "m"):
        fix = (f"give X as ({n}, m, T_x); for one time step per sample, X.reshape({n}, m, 1)"
               if len(shape) == 2 else "it takes sequences only")
        raise ValueError(f"{block!r} expects A_prev of shape (n_x, m, T_x) = ({n}, m, T_x), sequences; the block "
                         f"before it gives {layout(shape)} {format_shape(shape)}: {fix}")
    if shape[0] is not None and shape[0] != n:
        raise ValueError(f"{block!r} expects A_prev with n_x = {n} rows; the block before it gives {shape[0]} rows")
    return out


def step_array(n: int, m: int, T: int, dtype) -> np.ndarray:
    """An empty (n, m, T) array stored step by step: a view of an (n, T, m) array.

    Indexing it reads like the course's ``a[:, :, t]``, and each step is an (n, m) matrix whose rows BLAS
    reads in place; all steps side by side, ``step_columns(A)``, are (n, T m) columns without a copy, so
    that the products over every step (the input projection, dW) are one product each.
    """
    return np.empty((n, T, m), dtype=dtype).transpose(0, 2, 1)


def step_columns(A) -> np.ndarray:
    """(n, m, T) as (n, T m) columns, step after step (column t m + i is sample i at step t): a view of a
    ``step_array``, a copy of any other array."""
    return A.transpose(0, 2, 1).reshape(A.shape[0], -1)


def from_step_columns(A, m: int) -> np.ndarray:
    """The inverse of ``step_columns``: (n, T m) columns as an (n, m, T) view."""
    return A.reshape(A.shape[0], -1, m).transpose(0, 2, 1)


def checked_parameter(block, name: str, value, shape) -> np.ndarray:
    """``value`` as a new C-ordered array of the block's dtype and of ``shape``, else a ValueError naming both."""
    array = numeric_array(name, value, who=block)
    if array.shape != shape:
        hint = shape_hint("W" if name.startswith("W") else "b", array, shape)
        raise ValueError(f"{block!r}: {name} must have shape {shape}, got {array.shape}{hint}")
    return np.array(array, dtype=block.dtype, order="C")

