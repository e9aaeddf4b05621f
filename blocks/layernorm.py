"""Layer normalisation: each column (each sample) normalised over its n rows, then scaled and shifted."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import check_hyper, column_array, columns, float_dtype, numeric_array, positive_int


class LayerNorm(Block):
    """Z_norm = (A_prev - mu) / sqrt(var + eps), A = gamma * Z_norm + beta (Ba, Kiros and Hinton, 2016).

    mu and var are each column's mean and variance over its n rows, so every sample is normalised on its
    own, the same way in training and in evaluation. gamma and beta are per row, as in PyTorch's
    ``nn.LayerNorm(n)``. Backward, with dZ_norm = gamma * dA and means taken over the rows of each column:

        dgamma = (1/m) sum_columns(dA * Z_norm)      dbeta = (1/m) sum_columns(dA)
        dA_prev = (dZ_norm - mean_rows(dZ_norm) - Z_norm * mean_rows(dZ_norm * Z_norm)) / sqrt(var + eps)

    Built on the public Block protocol alone.

    Shapes:
        A_prev, A, dA, dA_prev, Z_norm: (n, m)      gamma, beta, dgamma, dbeta: (n, 1)      mu, var: (1, m)
    """

    parameter_names = ("gamma", "beta")

    def __init__(self, n, *, eps: float = 1e-5, dtype=np.float64):
        self.n = self.n_in = self.n_out = positive_int("n", n)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)
        self.dtype = float_dtype(dtype)
        self.gamma, self.beta = np.ones((self.n, 1)), np.zeros((self.n, 1))
        self.Z_norm = self.inv_std = None
        self.dgamma = self.dbeta = None

    def forward(self, A_prev):
        """A = gamma * (A_prev - mu) / sqrt(var + eps) + beta, mu and var over the rows of each column."""
        A_prev = columns("A_prev", A_prev, self.n, self, self.dtype, rows="n")
        mu = A_prev.mean(axis=0, keepdims=True)
        var = np.square(A_prev - mu).mean(axis=0, keepdims=True)
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.Z_norm = (A_prev - mu) * self.inv_std
        return self.gamma * self.Z_norm + self.beta

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dgamma, dbeta and returns dA_prev (see the class docstring)."""
        if self.Z_norm is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self.Z_norm.shape or dA.shape[1] == 0:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.Z_norm.shape}, with m >= 1; got {dA.shape}")
        m = dA.shape[1]
        self.dgamma = (dA * self.Z_norm).sum(axis=1, keepdims=True) / m
        self.dbeta = dA.sum(axis=1, keepdims=True) / m
        if not need_dA_prev:
            return None
        dZ_norm = self.gamma * dA
        centred = dZ_norm - dZ_norm.mean(axis=0, keepdims=True)
        return self.inv_std * (centred - self.Z_norm * (dZ_norm * self.Z_norm).mean(axis=0, keepdims=True))

    gamma = property(*column_array("gamma"))
    beta = property(*column_array("beta"))

    def get_config(self):
        return {"n": self.n, "eps": self.eps, "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.eps == 1e-5 else f", eps={self.eps!r}"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"LayerNorm({self.n}{extra})"

