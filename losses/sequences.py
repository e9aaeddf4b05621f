"""Every loss on sequence batches: (n_y, m, T_x) is costed as (n_y, m*T_x), each (sample, step) a column.

A loss is written for columns ``(n^[L], m)``. Given a sequence batch ``AL, Y`` of shape ``(n_y, m, T_x)``,
its ``forward`` and ``backward`` see the two folded into ``(n_y, m T_x)`` (a view when they are C-ordered),
so that J averages over the m samples and the T_x steps (MSE over all n_y m T_x entries), and dAL, unfolded
to ``(n_y, m, T_x)``, keeps its 2-D formula: per (sample, step), ``m T_x dJ/dAL`` (API.md, Conventions).
Class labels ``(m, T_x)`` (for SparseCategoricalCrossEntropy) are folded to ``(1, m T_x)`` the same way.
``Loss.__init_subclass__`` applies this to every subclass, a user's own loss included.
"""
from __future__ import annotations

import functools

import numpy as np


def sequence_methods(cls) -> None:
    """Wrap the ``forward`` and ``backward`` that ``cls`` defines so that they also take (n_y, m, T_x)."""
    for name in ("forward", "backward"):
        method = cls.__dict__.get(name)
        if callable(method) and not getattr(method, "takes_sequences", False):
            setattr(cls, name, _over_columns(method, unfold=name == "backward"))


def _over_columns(method, unfold: bool):
    @functools.wraps(method)
    def over_columns(self, AL, Y):
        if _ndim(AL) != 3:
            return method(self, AL, Y)
        AL, Y = np.asarray(AL), np.asarray(Y)
        n, m, T = AL.shape
        if Y.shape == AL.shape:
            Y = Y.reshape(n, m * T)
        elif Y.shape in ((m, T), (1, m, T)):  # class labels, one per (sample, step)
            Y = Y.reshape(1, m * T)
        else:
            raise ValueError(f"{self!r} expects Y shaped like AL, (n_y, m, T_x) = {AL.shape} (or class labels "
                             f"(m, T_x) for a loss that takes them); got Y of shape {Y.shape}")
        if not AL.size:
            raise ValueError(f"{self!r} expects AL of shape (n_y, m, T_x) with n_y, m and T_x >= 1; got {AL.shape}")
        out = method(self, AL.reshape(n, m * T), Y)
        return out.reshape(AL.shape) if unfold else out

    over_columns.takes_sequences = True
    return over_columns


def _ndim(value):
    """The number of axes of an array-like; None for a ragged list, which the loss's own check reports."""
    try:
        return np.ndim(value)
    except (TypeError, ValueError):
        return None
