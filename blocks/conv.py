"""The course's convolutional layer on images (n_C, n_H, n_W, m), samples last, by one matrix product."""
from __future__ import annotations

import numpy as np

from .activations import as_activation
from .block import Block
from .checks import float_dtype, numeric_array, positive_int
from .im2col import col2im, im2col, pad, unpad
from .init import as_generator, get_initialiser
from .windows import image_shape, images, output_size, paddings, pair, plain


class Conv2D(Block):
    """Convolution: Z[c, h, w, i] = sum over c', p, q of W[c, c', p, q] A_pad[c', h s_H + p, w s_W + q, i] + b[c],
    A = g(Z), with A_pad the input padded with zeros. As one matrix product (``blocks.im2col``):

        Z = W.reshape(n_C, K) @ columns(A_pad) + b          K = n_C_prev f_H f_W

    backward(dA), with the seed's per-sample dA:

        dZ = dA * g'(Z)
        dW = (1/m) dZ.reshape(n_C, -1) @ columns^T          db = (1/m) sum over h, w, i of dZ[c, h, w, i]
        dA_prev = col2im(W.reshape(n_C, K)^T @ dZ.reshape(n_C, -1)), the padding cut off

    so dW[c, c', p, q] = (1/m) sum over h, w, i of dZ[c, h, w, i] A_pad[c', h s_H + p, w s_W + q, i] and each
    input pixel's dA_prev sums W dZ over every window it lies in. ``n_H = floor((n_H_prev + p_top + p_bottom -
    f_H) / s_H) + 1`` (n_W alike). ``f`` and ``stride`` are ints or pairs (H, W); ``padding`` an int, a pair
    (p_H, p_W) of zeros on each side, or ``"same"`` (stride 1 only; an even f puts the extra zero at the bottom
    and right). ``init``: as Layer's, ``init(n_C_prev f_H f_W, n_C, rng)`` reshaped to W's shape, so fan-in
    n_C_prev f_H f_W (He for the ReLU family, else Xavier, whose fan-out is then n_C). After
    ``forward`` it holds A_prev and Z (and the ``columns`` backward uses for dW); dW and db are overwritten.

    Shapes:
        A_prev, dA_prev: (n_C_prev, n_H_prev, n_W_prev, m)      Z, dZ, A, dA: (n_C, n_H, n_W, m)
        W, dW: (n_C, n_C_prev, f_H, f_W)                          b, db: (n_C, 1)
        columns: (n_C_prev f_H f_W, n_H n_W m)
    """

    parameter_names = ("W", "b")

    def __init__(self, n_C_prev, n_C, f, *, stride=1, padding=0, activation=None, init=None, rng=None,
                 dtype=np.float64):
        self.n_C_prev = positive_int("n_C_prev", n_C_prev)
        self.n_C = positive_int("n_C", n_C)
        self.kernel, self.strides = pair("f", f), pair("stride", stride)
        self.f, self.stride = plain(f), plain(stride)
        self.pads = paddings(padding, self.kernel, self.strides)
        self.padding = plain(padding)
        self.activation = as_activation(activation)
        self.dtype = float_dtype(dtype)
        K = self.n_C_prev * self.kernel[0] * self.kernel[1]
        initialiser = get_initialiser(self.activation.default_init if init is None else init)
        self.W = np.reshape(initialiser(K, self.n_C, as_generator(rng)), self.W_shape)
        self.b = np.zeros((self.n_C, 1))
        self.A_prev = self.Z = self.A = self.columns = None
        self.dZ = self.dW = self.db = None

    @property
    def W_shape(self):
        return (self.n_C, self.n_C_prev, *self.kernel)

    @property
    def W(self):
        return self._W

    @W.setter
    def W(self, value):
        self._W = self._checked("W", value, self.W_shape)

    @property
    def b(self):
        return self._b

    @b.setter
    def b(self, value):
        self._b = self._checked("b", value, (self.n_C, 1))

    def _checked(self, name, value, shape):
        array = numeric_array(name, value, who=self)
        if array.shape != shape:
            what = "(n_C, n_C_prev, f_H, f_W)" if name == "W" else "the column (n_C, 1)"
            raise ValueError(f"{self!r}: {name} must have shape {shape}, {what}; got {array.shape}")
        if not np.isfinite(array).all():
            raise ValueError(f"{self!r}: {name} must be finite; it holds NaN or inf entries")
        return np.array(array, dtype=self.dtype, order="C")

    def forward(self, A_prev):
        """A = g(W * A_prev + b), caching A_prev, the columns of its padded windows, Z and A for backward."""
        A_prev = self._images(A_prev)
        out_size = output_size(self, A_prev.shape[1:3], self.kernel, self.strides, self.pads)
        m = A_prev.shape[3]
        # kept for backward's dW: gathering them again there made the LeNet-5-like step 30% slower (measured)
        self.columns = im2col(pad(A_prev, self.pads), self.kernel, self.strides, out_size)
        Z = self.W.reshape(self.n_C, -1) @ self.columns
        Z += self.b
        Z = Z.reshape(self.n_C, *out_size, m)
        A = self.activation.forward(Z)
        self.A_prev, self.Z, self.A = A_prev, Z, A
        return A

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dZ, dW, db from dA (shaped like A) and returns dA_prev (None when ``need_dA_prev`` is False)."""
        if self.Z is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if type(dA) is not np.ndarray or dA.dtype != self.dtype:
            dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self.Z.shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.Z.shape}; got {dA.shape}")
        m = dA.shape[3]
        if m == 0:
            raise ValueError(f"{self!r}: backward needs at least one sample, m >= 1; got dA of shape {dA.shape}")
        self.dZ = dZ = self.activation.backward(dA, self.Z, self.A)
        dZ_rows = dZ.reshape(self.n_C, -1)
        self.dW = ((dZ_rows @ self.columns.T) * (1 / m)).reshape(self.W_shape)
        self.db = dZ_rows.sum(axis=1, keepdims=True) * (1 / m)
        if not need_dA_prev:
            return None
        dcolumns = self.W.reshape(self.n_C, -1).T @ dZ_rows
        (top, bottom), (left, right) = self.pads
        padded_shape = (self.n_C_prev, top + self.A_prev.shape[1] + bottom, left + self.A_prev.shape[2] + right, m)
        dA_pad = col2im(dcolumns, padded_shape, self.kernel, self.strides, self.Z.shape[1:3])
        return np.ascontiguousarray(unpad(dA_pad, self.pads))

    def _images(self, A_prev):
        if not (type(A_prev) is np.ndarray and A_prev.dtype == self.dtype):
            A_prev = numeric_array("A_prev", A_prev, self.dtype, who=self)
        return images("A_prev", A_prev, self, self.n_C_prev)

    @property
    def input_shape(self):
        return (self.n_C_prev, None, None, "m")

    def output_shape(self, shape):
        shape = self.input_shape if shape is None else shape
        image_shape(self, shape, self.n_C_prev)
        return (self.n_C, *output_size(self, shape[1:3], self.kernel, self.strides, self.pads), "m")

    def get_config(self):
        return {"n_C_prev": self.n_C_prev, "n_C": self.n_C, "f": self.f, "stride": self.stride,
                "padding": self.padding, "activation": self.activation, "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.stride == 1 else f", stride={self.stride!r}"
        extra += "" if self.padding == 0 else f", padding={self.padding!r}"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"Conv2D({self.n_C_prev}, {self.n_C}, {self.f!r}{extra}, activation={self.activation!r})"
