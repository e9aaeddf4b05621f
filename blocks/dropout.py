"""Inverted dropout, as in the course: units kept with probability keep_prob and scaled by 1/keep_prob."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import numeric_array
from .init import as_generator


class Dropout(Block):
    """Training: D = rng.random(A_prev.shape) < keep_prob, A = A_prev * D / keep_prob; dA_prev = dA * D / keep_prob.

    The mask D drawn in ``forward`` is the one ``backward`` uses. Dividing by keep_prob keeps the expected
    value of every unit unchanged, so eval mode (``model.eval()``, ``predict``) is the identity, as is
    ``keep_prob=1``. No parameters; ``rng`` (a seed or a ``numpy.random.Generator``) is the block's own,
    so a model built with seeds drops the same units on every run. A is in A_prev's dtype.

    Shapes:
        A_prev, A, dA, dA_prev, D: (n^[l], m)
    """

    def __init__(self, keep_prob: float, rng=None):
        self.keep_prob = _keep_prob(keep_prob)
        self.rng = as_generator(rng)
        self.D = None
        self._shape = None  # the shape of the last forward's A, which backward's dA must have

    def forward(self, A_prev):
        """A = A_prev * D / keep_prob in training mode (a new D each call); A = A_prev in eval mode."""
        A_prev = _matrix("A_prev", A_prev, self)
        self._shape = A_prev.shape
        if not self.training or self.keep_prob == 1.0:
            self.D = None
            return A_prev
        self.D = self.rng.random(A_prev.shape) < self.keep_prob
        return A_prev * self.D / self.keep_prob

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev = dA * D / keep_prob with the D of the last forward (dA itself if that was the identity)."""
        if self._shape is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = _matrix("dA", dA, self)
        if dA.shape != self._shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self._shape}; got {dA.shape}")
        if not need_dA_prev:
            return None
        if self.D is None:
            return dA
        return dA * self.D / self.keep_prob

    def get_config(self) -> dict:
        """``{"keep_prob": ...}``: plain data; the rng is not part of the architecture."""
        return {"keep_prob": self.keep_prob}


def _keep_prob(value):
    from optim.optimizer import check_hyper

    return check_hyper("keep_prob", value, low=0.0, high=1.0, low_open=True)


def _matrix(name, value, who):
    """A float array of any shape with the samples last, (n^[l], m) or images (n_C, n_H, n_W, m) (bool and int
    arrays become float64), or a clear error."""
    fast = type(value) is np.ndarray and value.dtype.kind == "f"
    array = value if fast else numeric_array(name, value, who=who)
    if array.dtype.kind != "f":
        array = array.astype(np.float64)
    if array.ndim < 2:
        raise ValueError(f"{who!r} expects {name} of shape (n^[l], m), samples as columns (or images (n_C, n_H, n_W, "
                         f"m)); got shape {array.shape}")
    return array
