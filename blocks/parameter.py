"""A handle on one trainable array of a block, as an optimizer sees it."""
from __future__ import annotations


class Parameter:
    """The array ``block.<name>`` and its gradient ``block.d<name>``, looked up on every access.

    An optimizer holds Parameters, never the arrays themselves, so that ``layer.W = W0`` (a new
    array of the same shape) is seen by an optimizer built before the assignment. Two handles on the
    same block and name are equal, so optimizer state keyed by a Parameter survives such an assignment.

    ``decays`` tells whether weight decay (L2) applies to it: not to the names a block lists in its
    ``no_decay`` attribute, which defaults to ``("b",)`` (biases); BatchNorm lists ``gamma`` and ``beta``.
    Set ``layer.no_decay = ()`` on one block to decay its bias too.

    Shapes:
        value, grad: the shape of the array, e.g. W, dW: (n_out, n_in)
    """

    __slots__ = ("block", "name", "grad_name", "_hash")

    def __init__(self, block, name: str):
        self.block = block
        self.name = name
        self.grad_name = "d" + name
        self._hash = hash((id(block), name))  # looked up on every optimizer step

    @property
    def value(self):
        return getattr(self.block, self.name)

    @property
    def decays(self) -> bool:
        """True when weight decay / L2 applies: the name is not in ``block.no_decay`` (default: ``("b",)``)."""
        return self.name not in getattr(self.block, "no_decay", ("b",))

    @property
    def grad(self):
        """The gradient from the last ``backward``; a RuntimeError if there was none yet."""
        grad = getattr(self.block, self.grad_name, None)
        if grad is None:
            raise RuntimeError(
                f"{self!r} has no gradient {self.grad_name} yet: call model.backward(dAL) "
                "after model.forward(X) and before optimizer.step()"
            )
        return grad

    def __eq__(self, other):
        return isinstance(other, Parameter) and other.block is self.block and other.name == self.name

    def __hash__(self):
        return self._hash

    def __repr__(self):
        return f"Parameter({type(self.block).__name__}.{self.name}, shape={self.value.shape})"
