"""A fixed affine map of the rows: standardise the inputs of a network, or undo it on its outputs."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import column_array, columns, float_dtype, numeric_array, positive_int


class Standardize(Block):
    """A = (A_prev - mean) / std per row; with ``inverse=True``, A = A_prev * std + mean.

    backward: dA_prev = dA / std (inverse: dA * std). ``mean`` and ``std`` are state, not parameters: no
    optimizer changes them; they are saved with the model (``buffers``), so a saved network that starts
    with ``Standardize`` takes raw data. Set them from the training columns with ``adapt(X)`` (a row whose
    std is 0 gets std 1). The same in training and eval mode.

    Shapes:
        A_prev, A, dA, dA_prev: (n, m)      mean, std: (n, 1)
    """

    buffers = ("mean", "std")

    def __init__(self, n, *, inverse: bool = False, dtype=np.float64):
        if not isinstance(inverse, (bool, np.bool_)):
            raise TypeError(f"inverse must be True or False. Received: inverse={inverse!r}")
        self.n = self.n_in = self.n_out = positive_int("n", n)
        self.inverse = bool(inverse)
        self.dtype = float_dtype(dtype)
        self.mean, self.std = np.zeros((self.n, 1)), np.ones((self.n, 1))
        self._shape = None  # the shape of the last forward's A, which backward's dA must have

    mean = property(*column_array("mean"))
    std = property(*column_array("std", positive=True))

    def adapt(self, X):
        """Set mean and std to those of the rows of X (population std; 1 where it is 0); returns self."""
        X = columns("X", X, self.n, self, rows="n")
        if X.shape[1] == 0:
            raise ValueError(f"{self!r}: adapt needs at least one sample (m >= 1); got X of shape {X.shape}")
        if not np.isfinite(X).all():
            raise ValueError(f"{self!r}: X holds NaN or inf; cannot standardise it")
        std = X.std(axis=1, keepdims=True)
        self.mean, self.std = X.mean(axis=1, keepdims=True), np.where(std > 0, std, 1.0)
        return self

    def forward(self, A_prev):
        A_prev = columns("A_prev", A_prev, self.n, self, self.dtype, rows="n")
        self._shape = A_prev.shape
        return A_prev * self.std + self.mean if self.inverse else (A_prev - self.mean) / self.std

    def backward(self, dA, *, need_dA_prev=True):
        if self._shape is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self._shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self._shape}; got {dA.shape}")
        if not need_dA_prev:
            return None
        return dA * self.std if self.inverse else dA / self.std

    def get_config(self) -> dict:
        return {"n": self.n, "inverse": self.inverse, "dtype": self.dtype.name}

    def __repr__(self):
        extra = ", inverse=True" if self.inverse else ""
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"Standardize({self.n}{extra})"
