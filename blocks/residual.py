"""A skip connection around any block: A = A_prev + block(A_prev)."""
from __future__ import annotations

from .block import Block, check_block


class Residual(Block):
    """A = A_prev + F(A_prev), with F the block it holds; dA_prev = dA + F's dA_prev.

    The identity path carries dA back unchanged, F's path adds F's own input gradient, and F's gradients
    (its dW, db) are filled by F's backward. F must give A in the shape of its A_prev. Built on the public
    Block protocol alone: ``forward``, ``backward`` and ``children``.

    Shapes:
        A_prev, A, dA, dA_prev: the same shape, e.g. (n, m)
    """

    def __init__(self, block):
        check_block(block, "the block of a Residual")
        self.block = block

    def children(self):
        return [self.block]

    @property
    def input_shape(self):
        return self.block.input_shape

    def output_shape(self, shape):
        out = self.block.output_shape(shape)
        if shape is not None and out is not None and out != shape:
            raise ValueError(f"{self!r}: the block must give A shaped like its A_prev to be added to it; "
                             f"from {shape} it gives {out}")
        return shape if shape is not None else out

    def child_shapes(self, shape):
        return [shape]

    def forward(self, A_prev):
        """A = A_prev + F(A_prev)."""
        F = self.block.forward(A_prev)
        if F.shape != A_prev.shape:
            raise ValueError(f"{self!r}: the block must give A shaped like its A_prev to be added to it; "
                             f"A_prev has shape {A_prev.shape}, the block gave {F.shape}")
        return A_prev + F

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev = dA + F.backward(dA): the skip path passes dA through, F's path adds its own dA_prev."""
        dF = self.block.backward(dA, need_dA_prev=need_dA_prev)
        return dA + dF if need_dA_prev else None

    def summary_label(self):
        return "Residual: A_prev +"
