"""The built-in activations, each with its derivative beside it. None overflows for |Z| = 1e3."""
from __future__ import annotations

import numpy as np

from .activation import Activation
from .checks import finite_real
from .output_gradient import labels_for


def sigmoid(Z):
    """1 / (1 + e^-Z).

    Where Z < -88 (float32; -709 in float64), e^-Z overflows to inf and the result is 1 / inf = 0: the
    true value there is below the smallest normal number of the dtype. Elsewhere it is as exact as
    e^-|Z| / (1 + e^-|Z|), and it never warns.
    """
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


class Identity(Activation):
    """A = Z; g'(Z) = 1."""

    def forward(self, Z):
        return Z

    def derivative(self, Z, A):
        return np.ones_like(Z)

    def backward(self, dA, Z, A):
        return dA


class Sigmoid(Activation):
    """A = 1 / (1 + e^-Z); g'(Z) = A (1 - A)."""

    def forward(self, Z):
        return sigmoid(Z)

    def derivative(self, Z, A):
        return A * (1 - A)

    def backward(self, dA, Z, A):
        """dZ = dA * A (1 - A); exactly A - Y when dA is the unchanged dAL that BinaryCrossEntropy
        returned for this very A (``blocks/output_gradient.py`` explains the pairing)."""
        Y = labels_for(dA, A, "Sigmoid") if type(self) is Sigmoid else None
        return A - Y if Y is not None else super().backward(dA, Z, A)


class Tanh(Activation):
    """A = tanh(Z); g'(Z) = 1 - A^2."""

    def forward(self, Z):
        return np.tanh(Z)

    def derivative(self, Z, A):
        return 1 - A * A


class ReLU(Activation):
    """A = max(0, Z); g'(Z) = 1 where Z > 0, else 0."""

    default_init = "he"

    def forward(self, Z):
        return np.maximum(Z, 0)

    def derivative(self, Z, A):
        return (Z > 0).astype(Z.dtype)


class LeakyReLU(Activation):
    """A = Z where Z > 0, else alpha Z; g'(Z) = 1 where Z > 0, else alpha."""

    default_init = "he"

    def __init__(self, alpha: float = 0.01):
        self.alpha = finite_real("alpha", alpha)

    def forward(self, Z):
        return np.where(Z > 0, Z, self.alpha * Z)

    def derivative(self, Z, A):
        return np.where(Z > 0, 1, self.alpha).astype(Z.dtype)


class ELU(Activation):
    """A = Z where Z > 0, else alpha (e^Z - 1); g'(Z) = 1 where Z > 0, else A + alpha."""

    default_init = "he"

    def __init__(self, alpha: float = 1.0):
        self.alpha = finite_real("alpha", alpha)

    def forward(self, Z):
        return np.where(Z > 0, Z, self.alpha * np.expm1(np.minimum(Z, 0)))

    def derivative(self, Z, A):
        return np.where(Z > 0, 1, A + self.alpha).astype(Z.dtype, copy=False)


class GELU(Activation):
    """A = Z/2 (1 + tanh(u)), u = sqrt(2/pi) (Z + 0.044715 Z^3): the tanh form of PyTorch and BERT.

    g'(Z) = (1 + tanh u)/2 + Z/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 Z^2).
    """

    default_init = "he"
    C = float(np.sqrt(2 / np.pi))
    K = 0.044715

    def forward(self, Z):
        return 0.5 * Z * (1 + np.tanh(self.C * (Z + self.K * Z**3)))

    def derivative(self, Z, A):
        T = np.tanh(self.C * (Z + self.K * Z**3))
        return 0.5 * (1 + T) + 0.5 * Z * (1 - T * T) * self.C * (1 + 3 * self.K * Z * Z)


class SiLU(Activation):
    """Swish: A = Z sigmoid(Z); g'(Z) = s (1 + Z (1 - s)) with s = sigmoid(Z)."""

    default_init = "he"

    def forward(self, Z):
        return Z * sigmoid(Z)

    def derivative(self, Z, A):
        s = sigmoid(Z)
        return s * (1 + Z * (1 - s))


class Softplus(Activation):
    """A = log(1 + e^Z); g'(Z) = sigmoid(Z) = 1 - e^-A, computed as -expm1(-A) to stay exact."""

    def forward(self, Z):
        return np.logaddexp(0, Z).astype(Z.dtype, copy=False)

    def derivative(self, Z, A):
        return -np.expm1(-A)


class Softmax(Activation):
    """A = e^Z / sum_rows(e^Z), over the n^[l] rows of each column (each sample).

    Not elementwise, so it overrides backward with the Jacobian-vector product:
    dZ = A * (dA - sum_rows(dA * A)).
    """

    def forward(self, Z):
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)

    def backward(self, dA, Z, A):
        """dZ = A * (dA - sum_rows(dA * A)); exactly A * sum_rows(Y) - Y (A - Y for one-hot Y) when dA is
        the unchanged dAL that CategoricalCrossEntropy returned for this very A (see
        ``blocks/output_gradient.py``)."""
        Y = labels_for(dA, A, "Softmax") if type(self) is Softmax else None
        if Y is not None:
            return A * Y.sum(axis=0, keepdims=True) - Y
        return A * (dA - (dA * A).sum(axis=0, keepdims=True))


Swish = SiLU


def as_activation(activation) -> Activation:
    """``activation`` as an Activation instance (None: Identity), or a TypeError saying what to write."""
    if activation is None:
        return Identity()
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, type) and issubclass(activation, Activation):
        raise TypeError(
            f"activation must be an Activation instance: write activation={activation.__name__}(), "
            f"with parentheses. Received: activation={activation.__name__}"
        )
    if isinstance(activation, str):
        raise TypeError(
            f"activation must be an Activation instance, not a string: {activation_hint(activation)}. "
            f"Received: activation={activation!r}"
        )
    raise TypeError(f"activation must be an Activation instance such as ReLU(). Received: {activation!r}")


def activation_hint(name: str) -> str:
    """What to write instead of an activation's name: the built-in class it names, or the list of them."""
    builtins = {cls.__name__: cls for cls in globals().values()
                if isinstance(cls, type) and issubclass(cls, Activation) and cls is not Activation}
    aliases = {key.lower(): key for key in builtins} | {"swish": "SiLU", "linear": "Identity", "none": "Identity"}
    found = aliases.get(name.lower().replace("_", "").replace("-", "").replace(" ", ""))
    if found is not None:
        return f"write activation={found}() (from blocks import {found})"
    return f"use one of {', '.join(f'{key}()' for key in sorted(builtins))} from blocks, or your own subclass"
