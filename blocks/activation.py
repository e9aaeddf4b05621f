"""The base of every activation g: A = g(Z), dZ = dA * g'(Z)."""
from __future__ import annotations

from .block import config_from_init


class Activation:
    """An activation ``A = g(Z)`` applied to a layer's linear output.

    Subclass it to add one. An elementwise activation implements ``forward(Z) -> A`` and
    ``derivative(Z, A) -> g'(Z)``; ``backward`` then gives ``dZ = dA * g'(Z)``. A non-elementwise one
    (softmax) overrides ``backward(dA, Z, A) -> dZ`` with its Jacobian-vector product instead.
    Every result has Z's dtype.

    Shapes:
        Z, A, dA, dZ: (n^[l], m)
    """

    #: The weight initialiser a Layer uses with this activation when it is given no ``init``.
    default_init = "xavier"

    def forward(self, Z):
        raise NotImplementedError(f"{type(self).__name__} must implement forward(Z) -> A")

    def derivative(self, Z, A):
        raise NotImplementedError(
            f"{type(self).__name__} must implement derivative(Z, A) -> g'(Z), "
            "or override backward(dA, Z, A) -> dZ if it is not elementwise"
        )

    def backward(self, dA, Z, A):
        """dZ = dA * g'(Z)."""
        return dA * self.derivative(Z, A)

    def __call__(self, Z):
        return self.forward(Z)

    def get_config(self) -> dict:
        """The constructor's arguments as plain data (used by repr and by save/load)."""
        return config_from_init(self)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other):
        return type(other) is type(self) and other.get_config() == self.get_config()

    def __hash__(self):
        return hash((type(self), tuple(sorted(self.get_config().items()))))
