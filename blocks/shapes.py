"""Shapes of the arrays that flow between blocks, known before any data flows.

A shape is a tuple of sizes in which the string ``"m"`` stands for the samples and None for a size that
is not known until data flows: ``(n^[l], "m")`` for columns, ``(n_C, n_H, n_W, "m")`` for images and
``(n_x, "m", None)`` for sequences of any length T_x.
"""
from __future__ import annotations

#: What each layout is called in messages, by where its sample axis stands.
_LAYOUTS = {2: "columns (n^[l], m)", 4: "images (n_C, n_H, n_W, m)"}


def format_shape(shape) -> str:
    """``(6, 28, 28, m)``; ``?`` for a size not known yet, ``?`` alone for an unknown shape."""
    if shape is None:
        return "?"
    return "(" + ", ".join("?" if d is None else str(d) for d in shape) + ")"


def layout(shape) -> str:
    """``columns (n^[l], m)``, ``images (n_C, n_H, n_W, m)`` or ``sequences (n_x, m, T_x)``."""
    if len(shape) == 3 and shape[1] == "m":
        return "sequences (n_x, m, T_x)"
    return _LAYOUTS.get(len(shape), f"a {len(shape)}-D array")


def rows_shape(block, shape, n: int) -> None:
    """A ValueError unless ``shape`` is columns of ``n`` rows, ``(n, "m")``; it says how to get there."""
    if len(shape) != 2:
        if len(shape) == 4:
            fix = "put a Flatten() before it, which gives (n_C*n_H*n_W, m)"
        elif len(shape) == 3 and shape[1] == "m":
            fix = f"wrap it as TimeDistributed({block!r}) to apply it at every time step"
        else:
            fix = "reshape it into columns"
        raise ValueError(
            f"{block!r} expects A_prev of shape (n^[l-1], m) = ({n}, m), columns; the block before it gives "
            f"{layout(shape)} {format_shape(shape)}: {fix}"
        )
    if shape[0] is not None and shape[0] != n:
        raise ValueError(f"{block!r} expects A_prev with n^[l-1] = {n} rows; the block before it gives {shape[0]} rows")
