"""The course's gated recurrent unit over a batch of sequences (n_x, m, T_x)."""
from __future__ import annotations

import numpy as np

from .activations import sigmoid
from .init import as_generator, get_initialiser
from .recurrent import Recurrent
from .rnn import previous_product, project
from .sequence import sequences, step_array, step_columns


class GRU(Recurrent):
    """The course's full GRU at every step, with a<t> = c<t> and a<0> = 0:

        Gu = sigmoid(Wu [a<t-1>; x<t>] + bu)   (update)      Gr = sigmoid(Wr [a<t-1>; x<t>] + br)   (relevance)
        cc = tanh(Wc [Gr * a<t-1>; x<t>] + bc)  (candidate)   a<t> = Gu * cc + (1 - Gu) * a<t-1>

    The output is every a<t>, ``(n_a, m, T_x)``, or with ``return_sequences=False`` the last, ``(n_a, m)``.
    Backward through time, for t = T_x .. 1, with da_next from step t+1 (zero after the last step), and each
    W split into its a<t-1> columns W_a and its x<t> columns W_x:

        da = dA<t> + da_next
        dZu = da * (cc - a<t-1>) * Gu (1 - Gu)         dZc = da * Gu * (1 - cc^2)
        dZr = (Wc_a^T dZc) * a<t-1> * Gr (1 - Gr)
        da_next = da * (1 - Gu) + Gr * (Wc_a^T dZc) + Wu_a^T dZu + Wr_a^T dZr
        dWu = s sum_t dZu [a<t-1>; x<t>]^T   dWr likewise   dWc = s sum_t dZc [Gr * a<t-1>; x<t>]^T
        dbg = s sum_t sum_columns dZg         dX<t> = the x<t> part, Wu_x^T dZu + Wr_x^T dZr + Wc_x^T dZc

    Where the 1/(m T_x) lives, as for RNN and LSTM: with ``return_sequences=True`` dA is per (sample, step)
    and s = 1/(m T_x); with ``return_sequences=False`` dA is (n_a, m), per sample, s = 1/m, and dX is
    T_x times the above (per sample and step, like any sequence's dA).

    Speed: the x<t> parts of the three gates are one product for all steps; the candidate needs Gr first,
    so each step makes two products per direction (the update and relevance gates stacked, then the
    candidate). ``init`` draws each W (n_a, n_a + n_x) (default Xavier); the biases start at 0.

    This is the course's GRU (Cho et al., 2014, as the course writes it: Gr multiplies a<t-1> before the
    candidate's product); PyTorch's ``nn.GRU`` multiplies after it and swaps the roles of Gu and 1 - Gu,
    so their weights do not carry over one to one.

    Shapes:
        Wu, Wr, Wc and their gradients: (n_a, n_a + n_x)      bu, br, bc and theirs: (n_a, 1)
        A_prev = X, dX: (n_x, m, T_x)      A: (n_a, m, T_x)      G (Gu, Gr, cc stacked): (3 n_a, m, T_x)
        output, dA: (n_a, m, T_x), or (n_a, m) with return_sequences=False
    """

    parameter_names = ("Wu", "bu", "Wr", "br", "Wc", "bc")

    def __init__(self, n_x, n_a, *, return_sequences=True, init=None, rng=None, dtype=np.float64):
        super().__init__(n_x, n_a, return_sequences, dtype)
        initialiser = get_initialiser("xavier" if init is None else init)
        rng = as_generator(rng)
        for g in "urc":
            setattr(self, "W" + g, initialiser(self.n_a + self.n_x, self.n_a, rng))
            setattr(self, "b" + g, np.zeros((self.n_a, 1)))
        self.X = self.G = self.RA = None

    def forward(self, A_prev):
        """A: every a<t> (n_a, m, T_x), or a<T_x> (n_a, m); caches X, the gates G, Gr * a<t-1> and A."""
        X = sequences("A_prev", A_prev, self.n_x, self, self.dtype)
        n_x, m, T = X.shape
        n_a = self.n_a
        W_a, W_x, b = self.stacked()
        G = project(W_x, X)  # the x<t> part of [Zu; Zr; Zc], every step at once
        G += b[:, :, None]
        A, RA = step_array(n_a, m, T, self.dtype), step_array(n_a, m, T, self.dtype)
        a = np.zeros((n_a, m), dtype=self.dtype)  # a<0>
        for t in range(T):
            Z = G[:, :, t]
            Z[:2 * n_a] = sigmoid(Z[:2 * n_a] + W_a[:2 * n_a] @ a)  # Gu, Gr
            Gu, Gr, cc = np.split(Z, 3)
            ra = RA[:, :, t] = Gr * a
            cc[...] = np.tanh(cc + W_a[2 * n_a:] @ ra)
            a = A[:, :, t] = Gu * cc + (1 - Gu) * a
        self.X, self.G, self.RA, self.A = X, G, RA, A
        return A if self.return_sequences else A[:, :, -1]

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dWu, dbu, dWr, dbr, dWc, dbc by backpropagation through time; returns dX, or None."""
        dA = self.checked_dA(dA)
        n_a, m, T = self.A.shape
        W_a, W_x, _ = self.stacked()
        dZ = step_array(3 * n_a, m, T, self.dtype)  # [dZu; dZr; dZc] at every step
        da_next = np.zeros((n_a, m), dtype=self.dtype)
        for t in reversed(range(T)):
            da = da_next + (dA[:, :, t] if self.return_sequences else dA if t == T - 1 else 0)
            Gu, Gr, cc = np.split(self.G[:, :, t], 3)
            a_prev = self.A[:, :, t - 1] if t > 0 else np.zeros_like(da)
            dZu, dZr, dZc = np.split(dZ[:, :, t], 3)
            dZu[...] = da * (cc - a_prev) * Gu * (1 - Gu)
            dZc[...] = da * Gu * (1 - cc * cc)
            dra = W_a[2 * n_a:].T @ dZc  # the gradient of Gr * a<t-1>
            dZr[...] = dra * a_prev * Gr * (1 - Gr)
            da_next = da * (1 - Gu) + Gr * dra + W_a[:2 * n_a].T @ dZ[:2 * n_a, :, t]
        s = 1 / (m * T) if self.return_sequences else 1 / m
        self.dZ = dZ
        dW_a = np.concatenate([previous_product(dZ[:2 * n_a], self.A),  # Wu_a, Wr_a act on a<t-1>
                               step_columns(dZ[2 * n_a:]) @ step_columns(self.RA).T])  # Wc_a on Gr * a<t-1>
        dW_x = step_columns(dZ) @ step_columns(self.X).T
        db = dZ.sum(axis=(1, 2)).reshape(3 * n_a, 1)
        for k, g in enumerate("urc"):
            rows = slice(k * n_a, (k + 1) * n_a)
            setattr(self, "dW" + g, s * np.concatenate([dW_a[rows], dW_x[rows]], axis=1))
            setattr(self, "db" + g, s * db[rows])
        if not need_dA_prev:
            return None
        dX = project(W_x.T, dZ)
        return dX if self.return_sequences else T * dX

    def stacked(self):
        """Wu, Wr, Wc stacked: W_a (3 n_a, n_a) acting on a<t-1> (on Gr * a<t-1> for the candidate's rows),
        W_x (3 n_a, n_x) on x<t>, and b (3 n_a, 1)."""
        W = np.concatenate([self.Wu, self.Wr, self.Wc])
        b = np.concatenate([self.bu, self.br, self.bc])
        return np.ascontiguousarray(W[:, :self.n_a]), np.ascontiguousarray(W[:, self.n_a:]), b

    def get_config(self):
        return {"n_x": self.n_x, "n_a": self.n_a, "return_sequences": self.return_sequences, "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.return_sequences else ", return_sequences=False"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"GRU({self.n_x}, {self.n_a}{extra})"
