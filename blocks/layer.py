"""The seed's fully connected layer, owning W and b and caching A_prev and Z."""
from __future__ import annotations

import numpy as np

from .activations import as_activation
from .block import Block
from .checks import columns, float_dtype, numeric_array, positive_int, shape_hint
from .init import as_generator, get_initialiser


class Layer(Block):
    """Fully connected layer: Z = W @ A_prev + b, A = g(Z).

    backward(dA): dZ = dA * g'(Z), dW = (1/m) dZ A_prev^T, db = (1/m) sum_columns(dZ),
    dA_prev = W^T dZ. Gradients are overwritten by each call, never accumulated.

    forward and backward are the seed's equations line by line. The one speed device that earned its
    place in the ablation of README "Speed", the one-unit W^T dZ, lives below the class in
    ``input_gradient``, with its plain form. forward keeps a reference to A_prev, never a copy. Z, A, dZ,
    dW, db and the returned dA_prev are new arrays on every call, so an array you were handed never changes.

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
        self.W = _initial_W(self, initialiser, as_generator(rng))
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
        """Z = W A_prev + b;  A = g(Z). Caches A_prev (the array itself, not a copy), Z and A for backward."""
        A_prev = self._input(A_prev)
        Z = self.W @ A_prev + self.b
        A = self.activation.forward(Z)
        self.A_prev, self.Z, self.A = A_prev, Z, A
        return A

    def backward(self, dA, *, need_dA_prev=True):
        """dZ = g.backward(dA, Z, A);  dW = (1/m) dZ A_prev^T;  db = (1/m) sum_columns(dZ);  dA_prev = W^T dZ.

        ``need_dA_prev=False`` skips the last product and returns None: for the first layer of a network,
        whose A_prev is the data X, training needs only dW and db (the seed's backward stops there too).
        """
        dA = self._gradient(dA)
        m = dA.shape[1]
        self.dZ = dZ = self.activation.backward(dA, self.Z, self.A)
        self.dW = (1 / m) * (dZ @ self.A_prev.T)
        self.db = (1 / m) * dZ.sum(axis=1, keepdims=True)
        if not need_dA_prev:
            return None
        return input_gradient(self.W, dZ)  # W.T @ dZ

    def _input(self, A_prev):
        """A_prev as a 2-D array of n_in rows in the layer's dtype, or a clear error (a correct one as is)."""
        return columns("A_prev", A_prev, self.n_in, self, self.dtype, rows="n^[l-1]")

    def _gradient(self, dA):
        """dA shaped like A (at least one sample) in the layer's dtype, after a forward, or a clear error."""
        if self.Z is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if not isinstance(dA, np.ndarray) or dA.dtype != self.dtype:  # an OutputGradient passes as is
            dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self.Z.shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.Z.shape}; got {dA.shape}")
        if dA.shape[1] == 0:
            raise ValueError(f"{self!r}: backward needs at least one sample, m >= 1; got dA of shape {dA.shape}")
        return dA

    def get_config(self):
        return {"n_in": self.n_in, "n_out": self.n_out, "activation": self.activation, "dtype": self.dtype.name}

    def __repr__(self):
        dtype = "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"Layer({self.n_in}, {self.n_out}, activation={self.activation!r}{dtype})"


# ----------------------------------------------------------------------------------------------------
# The speed devices that earned their place: each device was removed in turn in the ablation of README
# "Speed" (benchmarks/ablation.py swaps in the plain form named in the docstring) and kept only for a gain
# >= 5% on some benchmark network.


def input_gradient(W, dZ):
    """dA_prev = W^T @ dZ.

    Device: with one unit (n^[l] = 1) the product is the outer product (n^[l-1], 1) * (1, m), the same
    values (there is no sum) without BLAS's slow path for an inner dimension of 1. Plain form: ``W.T @ dZ``.
    """
    return W.T * dZ if W.shape[0] == 1 else W.T @ dZ


def _initial_W(layer, initialiser, rng):
    """``initialiser(n_in, n_out, rng)``, with a ValueError naming the size when W cannot be allocated."""
    try:
        return initialiser(layer.n_in, layer.n_out, rng)
    except MemoryError:
        size = layer.n_out * layer.n_in * layer.dtype.itemsize
        raise ValueError(
            f"Layer({layer.n_in}, {layer.n_out}): W of shape (n_out, n_in) = ({layer.n_out}, {layer.n_in}) needs "
            f"{size / 2**30:,.1f} GiB, more than this machine can allocate; are n_in and n_out the sizes you meant?"
        ) from None
