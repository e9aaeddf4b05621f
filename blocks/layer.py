"""The seed's fully connected layer, owning W and b and caching A_prev and Z."""
from __future__ import annotations

import functools

import numpy as np

from .activations import as_activation
from .block import Block
from .checks import columns, float_dtype, numeric_array, positive_int, shape_hint
from .init import as_generator, get_initialiser


class Layer(Block):
    """Fully connected layer: Z = W @ A_prev + b, A = g(Z).

    backward(dA): dZ = dA * g'(Z), dW = (1/m) dZ A_prev^T, db = (1/m) sum_columns(dZ),
    dA_prev = W^T dZ. Gradients are overwritten by each call, never accumulated.

    Speed: forward keeps a reference to A_prev, never a copy; the products take transposes as views
    (BLAS reads them in place). When n^[l-1] >= 8 m >= 64 n^[l] (a wide input), Z is computed as
    (A_prev^T W^T)^T, which BLAS runs faster, so Z (and A) can be column-major arrays. dW and db
    are written into the same two arrays on every backward, like PyTorch's ``.grad``: copy them
    (``layer.dW.copy()``) to keep one across steps. Z, A, dZ and the returned dA_prev are new arrays
    on every call, so an array you were handed never changes.

    ``init`` is a name in ``blocks.init.INITIALISERS`` or a callable ``init(n_in, n_out, rng) -> W``
    (default: the activation's ``default_init``, He for the ReLU family and Xavier otherwise); ``rng``
    is a seed or a ``numpy.random.Generator``; all arrays have ``dtype``.

    Shapes:
        W, dW: (n_out, n_in)      b, db: (n_out, 1)
        A_prev: (n_in, m)         Z, dZ, A, dA: (n_out, m)
    """

    parameter_names = ("W", "b")

    def __init__(self, n_in, n_out, activation=None, *, init=None, rng=None, dtype=np.float64):
        self.n_in = positive_int("n_in", n_in)
        self.n_out = positive_int("n_out", n_out)
        self.activation = as_activation(activation)
        self.dtype = float_dtype(dtype)
        initialiser = get_initialiser(self.activation.default_init if init is None else init)
        self.W = initialiser(self.n_in, self.n_out, as_generator(rng))
        if not np.isfinite(self.W).all():
            name = getattr(initialiser, "__qualname__", repr(initialiser))
            raise ValueError(f"{self!r}: the initialiser {name} gave a W with NaN or inf entries")
        self.b = np.zeros((self.n_out, 1))
        self.A_prev = self.Z = self.A = None
        self.dZ = self.dW = self.db = None

    @property
    def W(self):
        return self._W

    @W.setter
    def W(self, value):
        self._W = self._checked("W", value, (self.n_out, self.n_in))

    @property
    def b(self):
        return self._b

    @b.setter
    def b(self, value):
        self._b = self._checked("b", value, (self.n_out, 1))

    def _checked(self, name, value, shape):
        array = numeric_array(name, value, who=self)
        if array.shape != shape:
            hint = shape_hint(name, array, shape)
            raise ValueError(f"{self!r}: {name} must have shape {shape}, got {array.shape}{hint}")
        return np.array(array, dtype=self.dtype, order="C")

    def forward(self, A_prev):
        """A = g(W @ A_prev + b); caches A_prev (the array itself, not a copy), Z and A for backward."""
        if not (type(A_prev) is np.ndarray and A_prev.ndim == 2 and A_prev.shape[0] == self.n_in
                and A_prev.dtype == self.dtype):
            A_prev = columns("A_prev", A_prev, self.n_in, self, self.dtype, rows="n^[l-1]")
        Z = self.W @ A_prev if _rows_first(self.n_out, self.n_in, A_prev.shape[1]) else (A_prev.T @ self.W.T).T
        Z += self.b  # in place: no second (n_out, m) array
        A = self.activation.forward(Z)
        self.A_prev, self.Z, self.A = A_prev, Z, A
        return A

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dZ, dW, db from dA (shaped like A) and returns dA_prev = W^T dZ.

        ``need_dA_prev=False`` skips that product and returns None: for the first layer of a network,
        whose A_prev is the data X, training needs only dW and db (the seed's backward stops there too).
        """
        if self.Z is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if type(dA) is not np.ndarray or dA.dtype != self.dtype:
            dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self.Z.shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.Z.shape}; got {dA.shape}")
        if dA.shape[1] == 0:
            raise ValueError(f"{self!r}: backward needs at least one sample, m >= 1; got dA of shape {dA.shape}")
        self.dZ = dZ = self.activation.backward(dA, self.Z, self.A)
        m = dZ.shape[1]
        self.dW = dW = _buffer(self.dW, self.W)
        if m < self.n_in:  # dW = (1/m) dZ A_prev^T, the 1/m on the smaller of dZ (n_out, m) and dW
            np.matmul(dZ * (1 / m), self.A_prev.T, out=dW)
        else:
            np.matmul(dZ, self.A_prev.T, out=dW)
            dW *= 1 / m
        self.db = db = _buffer(self.db, self.b)
        np.matmul(dZ, _column(m, 1 / m, self.dtype), out=db)  # dZ @ [1/m, ..., 1/m]^T: BLAS beats np.sum
        if not need_dA_prev:
            return None
        # One unit (n_out = 1): W^T dZ is the outer product (n_in, 1) * (1, m), the same values (no sum)
        # at a fraction of the time of a BLAS call with inner dimension 1.
        return self.W.T * dZ if self.n_out == 1 else self.W.T @ dZ

    def get_config(self):
        return {"n_in": self.n_in, "n_out": self.n_out, "activation": self.activation, "dtype": self.dtype.name}

    def __repr__(self):
        dtype = "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"Layer({self.n_in}, {self.n_out}, activation={self.activation!r}{dtype})"


def _rows_first(n_out, n_in, m) -> bool:
    """Whether Z = W @ A_prev is best computed as it reads, rather than as Z = (A_prev^T @ W^T)^T.

    The two are the same product (Z comes out as a transposed view, column-major, in the second), but
    OpenBLAS is faster when the larger side of the result is its rows: for the course's first layer,
    (20, 12288) @ (12288, 209), the transposed form takes 1.2 ms instead of 2.4 (float64) and 0.7 instead
    of 1.1 (float32). Only for a wide input and few units (n_in >= 8 m >= 64 n_out), where the product
    dwarfs the elementwise work on the small Z: on the 784 network at m = 1024, (256, 784) and (10, 128)
    layers, the column-major Z slowed the step more than the product gained (measured).
    """
    return not (n_in >= 8 * m and m >= 8 * n_out)


def _buffer(previous, like):
    """``previous`` when it can hold a gradient shaped and typed like ``like``, else a new array."""
    if previous is not None and previous.shape == like.shape and previous.dtype == like.dtype:
        return previous
    return np.empty_like(like)


@functools.lru_cache(maxsize=16)
def _column(m, value, dtype):
    """The read-only (m, 1) column filled with ``value``: dZ @ it sums each row of dZ, times ``value``."""
    column = np.full((m, 1), value, dtype=dtype)
    column.flags.writeable = False
    return column
