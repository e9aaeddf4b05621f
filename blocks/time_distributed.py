"""Any 2-D block applied at every time step of a sequence batch, by folding the steps into the columns."""
from __future__ import annotations

from .block import Block, check_block
from .sequence import from_step_columns, sequence_output_shape, step_columns
from .shapes import format_shape


class TimeDistributed(Block):
    """A<t> = F(A_prev<t>) at every step t, with F the 2-D block it holds; dA_prev<t> = F's dA_prev at step t.

    The m samples and T_x steps are folded into m T_x columns, ``(n, m, T_x) -> (n, T_x*m)``, step after step
    (``step_columns``: a view of an RNN's or LSTM's output, a copy of other arrays), F runs once on them, and
    its output is unfolded to an ``(n_out, m, T_x)`` view. So
    ``TimeDistributed(Layer(n_a, n_y, activation=Softmax()))`` is the course's y<t> = softmax(Wya a<t> + by).

    Where the 1/(m T_x) lives: dA is per (sample, step) (API.md, Conventions) and F sees m T_x columns,
    so F's own 1/m (its m being m T_x) gives exactly dJ/dW = (1/(m T_x)) sum over samples and steps;
    dA_prev comes out per (sample, step) too. The block it is given is kept (``children()`` returns it).

    Shapes:
        A_prev, dA_prev: (n, m, T_x)      A, dA: (n_out, m, T_x)      F sees (n, T_x m) -> (n_out, T_x m)
    """

    def __init__(self, block):
        check_block(block, "the block of a TimeDistributed")
        self.block = block
        self.A_shape = None

    def children(self):
        return [self.block]

    @property
    def input_shape(self):
        inner = self.block.input_shape
        return None if inner is None or len(inner) != 2 else (inner[0], "m", None)

    def output_shape(self, shape):
        if shape is None:
            inner = self.block.output_shape(self.block.input_shape)
            return None if inner is None else (inner[0], "m", None)
        sequence_output_shape(self, shape, shape[0], None)
        inner = self.block.output_shape((shape[0], "m"))
        if inner is None:
            return None
        if len(inner) != 2:
            raise ValueError(f"{self!r}: the block must give columns (n_out, m) at each step; it gives "
                             f"{format_shape(inner)}")
        return (inner[0], "m", shape[2])

    def child_shapes(self, shape):
        return [None if shape is None else (shape[0], "m")]

    def forward(self, A_prev):
        """A = F(A_prev folded to (n, m T_x)), unfolded to (n_out, m, T_x)."""
        if getattr(A_prev, "ndim", None) != 3:
            shape = getattr(A_prev, "shape", type(A_prev).__name__)
            raise ValueError(f"{self!r} expects A_prev of shape (n, m, T_x), a batch of sequences; got {shape}. "
                             "For columns (n, m), use the block itself")
        n, m, T = A_prev.shape
        A = self.block.forward(step_columns(A_prev))
        if A.ndim != 2 or A.shape[1] != m * T:
            raise ValueError(f"{self!r}: the block must give columns (n_out, m T_x) = (n_out, {m * T}) from "
                             f"(n, m T_x); it gave {A.shape}")
        self.A_shape = (A.shape[0], m, T)
        return from_step_columns(A, m)

    def backward(self, dA, *, need_dA_prev=True):
        """dA folded to (n_out, m T_x) through F's backward; dA_prev unfolded to (n, m, T_x), or None."""
        if self.A_shape is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        if getattr(dA, "shape", None) != self.A_shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.A_shape}; "
                             f"got {getattr(dA, 'shape', type(dA).__name__)}")
        dA_prev = self.block.backward(step_columns(dA), need_dA_prev=need_dA_prev)
        return None if dA_prev is None else from_step_columns(dA_prev, self.A_shape[1])

    def summary_label(self):
        return "TimeDistributed"

    def __repr__(self):
        return f"TimeDistributed({self.block!r})"
