"""Integer ids to learned vectors: the columns of W, as W times a one-hot column."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import float_dtype, numeric_array, positive_int
from .init import as_generator
from .sequence import checked_parameter


class Embedding(Block):
    """A = W[:, ids]: each id k becomes column k of W, the product W e_k with e_k the one-hot column of k.

    ``ids`` holds integers in [0, n_vocab) of any shape S: ``(m,)`` gives columns ``(n_e, m)``, ``(m, T_x)``
    gives a sequence batch ``(n_e, m, T_x)`` for an RNN or LSTM. Integer-valued floats (such as the float64
    X that ``fit`` makes of other models' data) are accepted; anything else is a ValueError.

    Backward: every id position counts as a sample (API.md, Conventions), dA being per position,
    |S| dJ/dA with |S| the number of positions (m, or m T_x). So the 1/(m T_x) lives in dW:

        dW[:, k] = (1/|S|) sum over the positions p with ids[p] = k of dA[:, p]

    summed exactly over repeated ids (``np.add.at``). The ids have no gradient: backward returns None.
    W starts as a standard normal draw (PyTorch's ``nn.Embedding``).

    Shapes:
        W, dW: (n_e, n_vocab)      ids: S, e.g. (m, T_x)      A, dA: (n_e, *S)
    """

    parameter_names = ("W",)

    def __init__(self, n_vocab, n_e, *, rng=None, dtype=np.float64):
        self.n_vocab = positive_int("n_vocab", n_vocab)
        self.n_e = self.n_out = positive_int("n_e", n_e)
        self.dtype = float_dtype(dtype)
        self.W = as_generator(rng).standard_normal((self.n_e, self.n_vocab))
        self.ids = None
        self.dW = None

    def __setattr__(self, name, value):
        if name == "W":
            value = checked_parameter(self, name, value, (self.n_e, self.n_vocab))
        super().__setattr__(name, value)

    @property
    def input_shape(self):
        return ("m", None)

    def output_shape(self, shape):
        if shape is None:
            return (self.n_e, "m", None)
        if shape[0] != "m":
            raise ValueError(f"{self!r} takes integer ids of shape (m, T_x) or (m,), samples first; the block "
                             f"before it gives features of shape {shape}: put the Embedding first")
        return (self.n_e, *shape)

    def forward(self, A_prev):
        """A = W[:, ids], shape (n_e, *ids.shape); caches the ids."""
        ids = self.checked_ids(A_prev)
        self.ids = ids
        return self.W[:, ids]

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dW (repeated ids summed exactly); returns None, since ids have no gradient."""
        if self.ids is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != (self.n_e, *self.ids.shape):
            raise ValueError(f"{self!r} expects dA shaped like its A, {(self.n_e, *self.ids.shape)}; got {dA.shape}")
        dW = np.zeros_like(self.W)
        np.add.at(dW.T, self.ids.ravel(), dA.reshape(self.n_e, -1).T)
        self.dW = dW / max(self.ids.size, 1)
        return None

    def checked_ids(self, ids) -> np.ndarray:
        """ids as an integer array with every entry in [0, n_vocab), else a ValueError saying which is not."""
        ids = numeric_array("ids", ids, who=self)
        if ids.dtype.kind == "b":
            raise ValueError(f"{self!r} expects integer ids in [0, {self.n_vocab}); got booleans")
        if ids.dtype.kind == "f":
            whole = np.isfinite(ids) & (ids == np.round(ids))
            if not whole.all():
                bad = ids[~whole].flat[0]
                raise ValueError(f"{self!r} expects integer ids in [0, {self.n_vocab}); got a non-integer, {bad}")
        if ids.size and (ids.min() < 0 or ids.max() >= self.n_vocab):
            bad = ids[(ids < 0) | (ids >= self.n_vocab)].flat[0]
            raise ValueError(f"{self!r} expects ids in [0, n_vocab) = [0, {self.n_vocab}); got {bad} "
                             f"(ids from {ids.min()} to {ids.max()})")
        return ids.astype(np.intp, copy=False)

    def get_config(self):
        return {"n_vocab": self.n_vocab, "n_e": self.n_e, "dtype": self.dtype.name}

    def __repr__(self):
        dtype = "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"Embedding({self.n_vocab}, {self.n_e}{dtype})"
