"""Max and average pooling over f_H x f_W windows of images (n_C, n_H, n_W, m), channel by channel."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import numeric_array
from .im2col import max_scatter, spread, window_max, window_sum
from .windows import image_shape, images, output_size, pair, plain

NO_PADDING = ((0, 0), (0, 0))


class _Pool2D(Block):
    """What the two poolings share: f and stride (default f) as pairs, the checks and the output shape."""

    def __init__(self, f, *, stride=None):
        self.kernel = pair("f", f)
        self.strides = self.kernel if stride is None else pair("stride", stride)
        self.f, self.stride = plain(f), plain(stride)
        self.A_prev = self.out_shape = None

    def _images(self, A_prev):
        if not (type(A_prev) is np.ndarray and A_prev.dtype.kind == "f"):
            A_prev = numeric_array("A_prev", A_prev, who=self)
            A_prev = A_prev if A_prev.dtype.kind == "f" else A_prev.astype(np.float64)
        images("A_prev", A_prev, self)
        return A_prev, output_size(self, A_prev.shape[1:3], self.kernel, self.strides, NO_PADDING)

    def _dA(self, dA, out_shape):
        if self.A_prev is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if type(dA) is not np.ndarray or dA.dtype != self.A_prev.dtype:
            dA = numeric_array("dA", dA, self.A_prev.dtype, who=self)
        if dA.shape != out_shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {out_shape}; got {dA.shape}")
        return dA

    def output_shape(self, shape):
        if shape is None:
            return None
        image_shape(self, shape)
        return (shape[0], *output_size(self, shape[1:3], self.kernel, self.strides, NO_PADDING), "m")

    @property
    def input_shape(self):
        return (None, None, None, "m")

    def __repr__(self):
        stride = "" if self.stride is None else f", stride={self.stride!r}"
        return f"{type(self).__name__}({self.f!r}{stride})"


class MaxPool2D(_Pool2D):
    """Max pooling: A[c, h, w, i] = max over p, q of A_prev[c, h s_H + p, w s_W + q, i].

    backward: dA_prev[c, h s_H + p, w s_W + q, i] += dA[c, h, w, i] for the ONE offset (p, q) holding the
    window's maximum (the first in the window's row-major order when several tie, as PyTorch does), 0 for the
    other pixels; windows overlap when the stride is smaller than f, and their gradients add. No parameters,
    no padding; stride defaults to f. ``n_H = floor((n_H_prev - f_H) / s_H) + 1`` (n_W alike).

    Shapes:
        A_prev, dA_prev: (n_C, n_H_prev, n_W_prev, m)      A, dA: (n_C, n_H, n_W, m)
    """

    def forward(self, A_prev):
        """A = the maximum of each window; caches A_prev and A, where backward finds each window's maximum."""
        A_prev, out_size = self._images(A_prev)
        A = window_max(A_prev, self.kernel, self.strides, out_size)
        self.A_prev, self.A, self.out_shape = A_prev, A, A.shape
        return A

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev: each window's dA at its maximum, zero elsewhere."""
        dA = self._dA(dA, self.out_shape)
        if not need_dA_prev:
            return None
        return max_scatter(dA, self.A_prev, self.A, self.kernel, self.strides, dA.shape[1:3])


class AvgPool2D(_Pool2D):
    """Average pooling: A[c, h, w, i] = (1/(f_H f_W)) sum over p, q of A_prev[c, h s_H + p, w s_W + q, i].

    backward: dA_prev[c, h s_H + p, w s_W + q, i] += dA[c, h, w, i] / (f_H f_W) for every offset (p, q) of
    the window (overlapping windows add). No parameters, no padding; stride defaults to f.
    ``n_H = floor((n_H_prev - f_H) / s_H) + 1`` (n_W alike).

    Shapes:
        A_prev, dA_prev: (n_C, n_H_prev, n_W_prev, m)      A, dA: (n_C, n_H, n_W, m)
    """

    def forward(self, A_prev):
        """A = the mean of each window; caches A_prev for backward's shape."""
        A_prev, out_size = self._images(A_prev)
        A = window_sum(A_prev, self.kernel, self.strides, out_size)
        A *= A.dtype.type(1 / (self.kernel[0] * self.kernel[1]))
        self.A_prev, self.out_shape = A_prev, A.shape
        return A

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev: each window's dA / (f_H f_W) on each of its pixels."""
        dA = self._dA(dA, self.out_shape)
        if not need_dA_prev:
            return None
        dA_prev = spread(dA, self.A_prev.shape, self.kernel, self.strides, dA.shape[1:3])
        dA_prev *= dA_prev.dtype.type(1 / (self.kernel[0] * self.kernel[1]))
        return dA_prev
