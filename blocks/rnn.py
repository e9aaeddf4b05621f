"""The course's basic recurrent network over a batch of sequences (n_x, m, T_x)."""
from __future__ import annotations

import numpy as np

from .activations import Tanh, as_activation
from .init import as_generator, get_initialiser
from .recurrent import Recurrent
from .sequence import sequences, step_array, step_columns


class RNN(Recurrent):
    """A basic recurrent layer: a<t> = g(Waa a<t-1> + Wax x<t> + ba), a<0> = 0, g = tanh by default.

    Forward, for t = 1 .. T_x (the course's rnn_cell_forward in a loop over the steps):

        Z<t> = Waa a<t-1> + Wax x<t> + ba          a<t> = g(Z<t>)

    The output A is every a<t>, ``(n_a, m, T_x)``, or with ``return_sequences=False`` the last one, a<T_x>,
    ``(n_a, m)``. Backward (backpropagation through time), for t = T_x .. 1, with da<T_x+1> = 0:

        da<t> = dA<t> + Waa^T dZ<t+1>              dZ<t> = da<t> * g'(Z<t>)
        dWaa = s sum_t dZ<t> a<t-1>^T     dWax = s sum_t dZ<t> x<t>^T     dba = s sum_t sum_columns dZ<t>
        dX<t> = Wax^T dZ<t>  (times T_x with return_sequences=False, see below)

    Where the 1/(m T_x) lives: every dA of a sequence is per (sample, step), m T_x dJ/dA (API.md,
    Conventions), so with ``return_sequences=True`` s = 1/(m T_x) and dX comes out per (sample, step)
    as it is. With ``return_sequences=False``, dA = dA<T_x> is (n_a, m), per sample, m dJ/da<T_x>
    (dA<t> = 0 before), so s = 1/m and dX, to be per (sample, step) like any sequence's dA, is T_x Wax^T dZ<t>.

    Speed: the input projection Wax x<t> is one product for all steps, Wax (n_x, T_x m); the loop over
    steps makes one product per step and direction (Waa a<t-1>, Waa^T dZ<t+1>), and dWaa, dWax and dX are
    one product each after it. No loop over samples. Z, A and dZ are stored step by step (``step_array``),
    so all their steps side by side are columns without a copy.

    ``init`` is a name in ``blocks.init.INITIALISERS`` or a callable ``init(n_in, n_out, rng)`` for Waa and Wax
    (default: the activation's, Xavier for tanh; the course used ``"small"``, 0.01 randn); ba starts at 0.

    Shapes:
        Waa, dWaa: (n_a, n_a)      Wax, dWax: (n_a, n_x)      ba, dba: (n_a, 1)
        A_prev = X, dX: (n_x, m, T_x)      Z, A: (n_a, m, T_x)
        output, dA: (n_a, m, T_x), or (n_a, m) with return_sequences=False
    """

    parameter_names = ("Waa", "Wax", "ba")

    def __init__(self, n_x, n_a, *, return_sequences=True, activation=None, init=None, rng=None, dtype=np.float64):
        super().__init__(n_x, n_a, return_sequences, dtype)
        self.activation = Tanh() if activation is None else as_activation(activation)
        initialiser = get_initialiser(self.activation.default_init if init is None else init)
        rng = as_generator(rng)
        self.Waa = initialiser(self.n_a, self.n_a, rng)
        self.Wax = initialiser(self.n_x, self.n_a, rng)
        self.ba = np.zeros((self.n_a, 1))
        self.X = self.Z = None

    def parameter_shape(self, name):
        return {"Waa": (self.n_a, self.n_a), "Wax": (self.n_a, self.n_x), "ba": (self.n_a, 1)}[name]

    def forward(self, A_prev):
        """A: every a<t> (n_a, m, T_x), or a<T_x> (n_a, m); caches X, Z and A for backward."""
        X = sequences("A_prev", A_prev, self.n_x, self, self.dtype)
        n_x, m, T = X.shape
        Z = project(self.Wax, X)  # Wax x<t> for every t at once
        Z += self.ba[:, :, None]
        A = step_array(self.n_a, m, T, self.dtype)
        a = np.zeros((self.n_a, m), dtype=self.dtype)  # a<0>
        for t in range(T):
            Z[:, :, t] += self.Waa @ a
            a = A[:, :, t] = self.activation.forward(Z[:, :, t])
        self.X, self.Z, self.A = X, Z, A
        return A if self.return_sequences else A[:, :, -1]

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dWaa, dWax, dba (and dZ) by backpropagation through time; returns dX, or None."""
        dA = self.checked_dA(dA)
        n_a, m, T = self.Z.shape
        dZ = step_array(n_a, m, T, self.dtype)
        da_next = np.zeros((n_a, m), dtype=self.dtype)  # Waa^T dZ<T_x+1> = 0
        for t in reversed(range(T)):
            da = da_next + (dA[:, :, t] if self.return_sequences else dA if t == T - 1 else 0)
            dZ[:, :, t] = self.activation.backward(da, self.Z[:, :, t], self.A[:, :, t])
            da_next = self.Waa.T @ dZ[:, :, t]
        s = 1 / (m * T) if self.return_sequences else 1 / m
        self.dZ = dZ
        self.dWaa = s * previous_product(dZ, self.A)
        self.dWax = s * (step_columns(dZ) @ step_columns(self.X).T)
        self.dba = s * dZ.sum(axis=(1, 2)).reshape(n_a, 1)
        if not need_dA_prev:
            return None
        dX = project(self.Wax.T, dZ)
        return dX if self.return_sequences else T * dX

    def get_config(self):
        return {"n_x": self.n_x, "n_a": self.n_a, "return_sequences": self.return_sequences,
                "activation": self.activation, "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.return_sequences else ", return_sequences=False"
        extra += "" if isinstance(self.activation, Tanh) else f", activation={self.activation!r}"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"RNN({self.n_x}, {self.n_a}{extra})"


def project(W, X) -> np.ndarray:
    """W x<t> for every step t at once: one product W @ (n, T_x m), returned as a (W rows, m, T_x) step array."""
    n, m, T = X.shape
    out = step_array(W.shape[0], m, T, W.dtype)
    np.matmul(W, step_columns(X), out=step_columns(out))
    return out


def previous_product(dZ, A) -> np.ndarray:
    """sum over t >= 2 of dZ<t> a<t-1>^T (a<0> = 0 adds nothing), as one product of the steps side by side."""
    m = A.shape[1]
    return step_columns(dZ)[:, m:] @ step_columns(A)[:, :-m].T
