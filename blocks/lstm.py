"""The course's long short-term memory network over a batch of sequences (n_x, m, T_x)."""
from __future__ import annotations

import numpy as np

from .activations import sigmoid
from .checks import finite_real
from .init import as_generator, get_initialiser
from .recurrent import Recurrent
from .rnn import previous_product, project
from .sequence import sequences, step_array, step_columns

#: The gates in the order they are stacked inside (sigmoid gates first, then the tanh candidate).
GATES = ("f", "i", "o", "c")


class LSTM(Recurrent):
    """The course's LSTM cell at every step, on concat = [a<t-1>; x<t>], with a<0> = c<0> = 0:

        Gf = sigmoid(Wf concat + bf)   (forget)        Gi = sigmoid(Wi concat + bi)   (update)
        cc = tanh(Wc concat + bc)      (candidate)     Go = sigmoid(Wo concat + bo)   (output)
        c<t> = Gf * c<t-1> + Gi * cc                   a<t> = Go * tanh(c<t>)

    The output is every a<t>, ``(n_a, m, T_x)``, or with ``return_sequences=False`` the last, ``(n_a, m)``.
    Backward through time (the course's lstm_cell_backward), for t = T_x .. 1, with da and dc from step t+1
    (zero after the last step):

        da = dA<t> + da_next       dc = dc_next + da * Go * (1 - tanh(c<t>)^2)
        dZo = da * tanh(c<t>) * Go (1 - Go)        dZf = dc * c<t-1> * Gf (1 - Gf)
        dZi = dc * cc * Gi (1 - Gi)                dZc = dc * Gi * (1 - cc^2)
        dc_next = dc * Gf                          da_next = (the a<t-1> rows of) sum_g Wg^T dZg
        dWg = s sum_t dZg<t> concat<t>^T           dbg = s sum_t sum_columns dZg<t>     (g = f, i, c, o)
        dX<t> = (the x<t> rows of) sum_g Wg^T dZg<t>   (times T_x with return_sequences=False)

    Where the 1/(m T_x) lives, as for RNN: with ``return_sequences=True`` dA is per (sample, step) and
    s = 1/(m T_x); with ``return_sequences=False`` dA is (n_a, m), per sample, s = 1/m, and dX (per sample
    and step, like any sequence's dA) is T_x times the x<t> rows of sum_g Wg^T dZg<t>.

    The forget gate's bias bf starts at ``forget_bias`` = 1 (Jozefowicz et al., 2015: the cell remembers
    by default, which eases learning long dependencies); pass ``forget_bias=0.0`` for the course's zeros.
    bi, bc, bo start at 0; ``init`` (a name in ``blocks.init.INITIALISERS`` or ``init(n_in, n_out, rng)``,
    default Xavier) draws each W as (n_a, n_a + n_x).

    Speed: the four gates' products are stacked into one (``stacked``, below the math): the x<t> part for
    all steps at once, one (4 n_a, n_a) product per step and direction, and one product for the stacked
    dW after the loop. The public arrays stay Wf, Wi, Wc, Wo (so the course's notebooks map one to one).
    Measured on the benchmark's sizes (n_x = 32, n_a = 128, T_x = 50, m = 64, one BLAS thread, a loaded
    2-core machine), the per-step products of forward and backward took 84 ms stacked against 112 ms as
    four products (float32; 85 against 144 ms in float64).

    Shapes:
        Wf, Wi, Wc, Wo and their gradients: (n_a, n_a + n_x)      bf, bi, bc, bo and theirs: (n_a, 1)
        A_prev = X, dX: (n_x, m, T_x)      A, C: (n_a, m, T_x)
        G (the four gates, stacked f, i, o, c): (4 n_a, m, T_x)
        output, dA: (n_a, m, T_x), or (n_a, m) with return_sequences=False
    """

    parameter_names = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")

    def __init__(self, n_x, n_a, *, return_sequences=True, init=None, forget_bias=1.0, rng=None, dtype=np.float64):
        super().__init__(n_x, n_a, return_sequences, dtype)
        self.forget_bias = finite_real("forget_bias", forget_bias)
        initialiser = get_initialiser("xavier" if init is None else init)
        rng = as_generator(rng)
        for g in ("f", "i", "c", "o"):
            setattr(self, "W" + g, initialiser(self.n_a + self.n_x, self.n_a, rng))
            setattr(self, "b" + g, np.full((self.n_a, 1), self.forget_bias if g == "f" else 0.0))
        self.X = self.G = self.C = self.tanh_C = None

    def forward(self, A_prev):
        """A: every a<t> (n_a, m, T_x), or a<T_x> (n_a, m); caches X, the gates G, C, tanh(C) and A."""
        X = sequences("A_prev", A_prev, self.n_x, self, self.dtype)
        n_x, m, T = X.shape
        n_a = self.n_a
        W_a, W_x, b = self.stacked()
        G = project(W_x, X)  # the x<t> part of every gate, every step at once
        G += b[:, :, None]
        C, tanh_C, A = (step_array(n_a, m, T, self.dtype) for _ in range(3))
        a = c = np.zeros((n_a, m), dtype=self.dtype)  # a<0>, c<0>
        for t in range(T):
            Z = G[:, :, t]
            Z += W_a @ a  # the a<t-1> part of every gate: [Zf; Zi; Zo; Zc]
            Gf, Gi, Go, cc = gates(Z, n_a)
            c = C[:, :, t] = Gf * c + Gi * cc
            tanh_C[:, :, t] = np.tanh(c)
            a = A[:, :, t] = Go * tanh_C[:, :, t]
        self.X, self.G, self.C, self.tanh_C, self.A = X, G, C, tanh_C, A
        return A if self.return_sequences else A[:, :, -1]

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dWf, dbf, ..., dWo, dbo by backpropagation through time; returns dX, or None."""
        dA = self.checked_dA(dA)
        n_a, m, T = self.A.shape
        W_a, W_x, _ = self.stacked()
        dZ = step_array(4 * n_a, m, T, self.dtype)  # [dZf; dZi; dZo; dZc] at every step
        da_next = dc_next = np.zeros((n_a, m), dtype=self.dtype)
        for t in reversed(range(T)):
            da = da_next + (dA[:, :, t] if self.return_sequences else dA if t == T - 1 else 0)
            Gf, Gi, Go, cc = np.split(self.G[:, :, t], 4)
            c_prev = self.C[:, :, t - 1] if t > 0 else 0
            tanh_c = self.tanh_C[:, :, t]
            dc = dc_next + da * Go * (1 - tanh_c * tanh_c)
            dZf, dZi, dZo, dZc = np.split(dZ[:, :, t], 4)
            dZf[...] = dc * c_prev * Gf * (1 - Gf)
            dZi[...] = dc * cc * Gi * (1 - Gi)
            dZo[...] = da * tanh_c * Go * (1 - Go)
            dZc[...] = dc * Gi * (1 - cc * cc)
            dc_next = dc * Gf
            da_next = W_a.T @ dZ[:, :, t]
        s = 1 / (m * T) if self.return_sequences else 1 / m
        self.dZ = dZ
        dW_a = s * previous_product(dZ, self.A)
        dW_x = s * (step_columns(dZ) @ step_columns(self.X).T)
        db = s * dZ.sum(axis=(1, 2)).reshape(4 * n_a, 1)
        self.unstack_gradients(dW_a, dW_x, db)
        if not need_dA_prev:
            return None
        dX = project(W_x.T, dZ)
        return dX if self.return_sequences else T * dX

    def stacked(self):
        """The four gates' weights stacked in the order f, i, o, c: W_a (4 n_a, n_a) acting on a<t-1>,
        W_x (4 n_a, n_x) on x<t>, and b (4 n_a, 1), so that each step makes one product instead of four."""
        W = np.concatenate([getattr(self, "W" + g) for g in GATES])
        b = np.concatenate([getattr(self, "b" + g) for g in GATES])
        return np.ascontiguousarray(W[:, :self.n_a]), np.ascontiguousarray(W[:, self.n_a:]), b

    def unstack_gradients(self, dW_a, dW_x, db):
        """Set dWf, dbf, ... from the stacked gradients (rows in the order f, i, o, c)."""
        for k, g in enumerate(GATES):
            rows = slice(k * self.n_a, (k + 1) * self.n_a)
            setattr(self, "dW" + g, np.concatenate([dW_a[rows], dW_x[rows]], axis=1))
            setattr(self, "db" + g, db[rows].copy())

    def get_config(self):
        return {"n_x": self.n_x, "n_a": self.n_a, "return_sequences": self.return_sequences,
                "forget_bias": self.forget_bias, "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.return_sequences else ", return_sequences=False"
        extra += "" if self.forget_bias == 1.0 else f", forget_bias={self.forget_bias!r}"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"LSTM({self.n_x}, {self.n_a}{extra})"


def gates(Z, n_a):
    """Gf, Gi, Go = sigmoid of the first three n_a-row blocks of Z, in place; cc = tanh of the last one."""
    Z[:3 * n_a] = sigmoid(Z[:3 * n_a])
    Z[3 * n_a:] = np.tanh(Z[3 * n_a:])
    return np.split(Z, 4)
