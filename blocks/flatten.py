"""Flatten: images (n_C, n_H, n_W, m) into columns (n_C n_H n_W, m), for the Layers after a convolution."""
from __future__ import annotations

import math

import numpy as np

from .block import Block
from .checks import numeric_array
from .shapes import format_shape


class Flatten(Block):
    """A[(c n_H + h) n_W + w, i] = A_prev[c, h, w, i] (C order of c, h, w); dA_prev = dA reshaped back.

    No parameters. Any array with the samples last is flattened the same way, all its other axes into rows.

    Shapes:
        A_prev, dA_prev: (n_C, n_H, n_W, m)      A, dA: (n_C n_H n_W, m)
    """

    def __init__(self):
        self.prev_shape = None

    def forward(self, A_prev):
        """A = A_prev.reshape(n_C n_H n_W, m) (a view when A_prev is C-contiguous)."""
        if type(A_prev) is not np.ndarray:
            A_prev = numeric_array("A_prev", A_prev, who=self)
        if A_prev.ndim < 2:
            raise ValueError(f"{self!r} expects A_prev with the samples last, such as images (n_C, n_H, n_W, m); "
                             f"got a {A_prev.ndim}-D array of shape {A_prev.shape}")
        self.prev_shape = A_prev.shape
        return A_prev.reshape(math.prod(A_prev.shape[:-1]), A_prev.shape[-1])

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev = dA.reshape(n_C, n_H, n_W, m)."""
        if self.prev_shape is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if type(dA) is not np.ndarray:
            dA = numeric_array("dA", dA, who=self)
        rows = math.prod(self.prev_shape[:-1])
        if dA.shape != (rows, self.prev_shape[-1]):
            raise ValueError(f"{self!r} expects dA shaped like its A, {(rows, self.prev_shape[-1])}; got {dA.shape}")
        return dA.reshape(self.prev_shape) if need_dA_prev else None

    @property
    def input_shape(self):
        return (None, None, None, "m")

    def output_shape(self, shape):
        if shape is None:
            return (None, "m")
        if len(shape) < 2 or shape[-1] != "m":
            raise ValueError(f"{self!r} expects A_prev with the samples last, such as images (n_C, n_H, n_W, m); "
                             f"the block before it gives {format_shape(shape)}")
        sizes = shape[:-1]
        return (None if None in sizes else math.prod(sizes), "m")
