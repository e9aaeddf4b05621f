"""What the recurrent blocks (RNN, LSTM, GRU) share: sizes, checked weights, the sequence shapes, dA."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import float_dtype, numeric_array, positive_int
from .sequence import checked_parameter, sequence_output_shape


class Recurrent(Block):
    """The base of a recurrent block over sequences: X = A_prev is (n_x, m, T_x), its output every a<t>,
    (n_a, m, T_x), or with ``return_sequences=False`` the last one, a<T_x>, (n_a, m).

    A subclass sets its weights after ``super().__init__`` and says each one's shape in
    ``parameter_shape``; every assignment of a weight (``lstm.Wf = W0``) is then checked against it and
    kept in the block's dtype. Its forward caches A, every a<t>, as (n_a, m, T_x).

    Shapes:
        A_prev = X: (n_x, m, T_x)      output, dA: (n_a, m, T_x), or (n_a, m) with return_sequences=False
    """

    def __init__(self, n_x, n_a, return_sequences, dtype):
        self.n_x = self.n_in = positive_int("n_x", n_x)
        self.n_a = self.n_out = positive_int("n_a", n_a)
        if not isinstance(return_sequences, (bool, np.bool_)):
            raise TypeError(f"return_sequences must be True or False. Received: return_sequences={return_sequences!r}")
        self.return_sequences = bool(return_sequences)
        self.dtype = float_dtype(dtype)
        self.A = self.dZ = None
        for name in self.parameter_names:  # no gradient before the first backward
            setattr(self, "d" + name, None)

    def parameter_shape(self, name: str) -> tuple:
        """The shape of the weight ``name``: (n_a, n_a + n_x) for a W on [a<t-1>; x<t>], (n_a, 1) for a b."""
        return (self.n_a, self.n_a + self.n_x) if name[0] == "W" else (self.n_a, 1)

    def __setattr__(self, name, value):
        if name in self.parameter_names:
            value = checked_parameter(self, name, value, self.parameter_shape(name))
        super().__setattr__(name, value)

    @property
    def input_shape(self):
        return (self.n_x, "m", None)

    def output_shape(self, shape):
        out = (self.n_a, "m", None if shape is None else shape[-1]) if self.return_sequences else (self.n_a, "m")
        return sequence_output_shape(self, shape, self.n_x, out)

    def checked_dA(self, dA):
        """dA shaped like the output (every a<t>, or the last) in the block's dtype, or a clear error."""
        if self.A is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        A = self.A if self.return_sequences else self.A[:, :, -1]
        if not (type(dA) is np.ndarray and dA.dtype == self.dtype):
            dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != A.shape:
            raise ValueError(f"{self!r} expects dA shaped like its output, {A.shape}; got {dA.shape}")
        return dA
