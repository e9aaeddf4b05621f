"""The careful hand-written NumPy training step that issue 8 measures npblocks against.

No classes, no checks: the seed's equations for a ReLU MLP with a sigmoid + binary cross-entropy or
softmax + categorical cross-entropy output, in the column convention, every array preallocated and
written with ``out=``, the output layer's dZ = AL - Y written directly, db as a matrix-vector product,
and SGD in place. It is what a user who gives up the abstraction would write; npblocks/hand is the
price of the abstraction.
"""
# ruff: noqa: E741  (l is the seed's layer index, as in W^[l])
from __future__ import annotations

import math


def hand_step(cfg, m, dtype, lr, X, Y, weights=None):
    """One training step of the network ``cfg`` on X (n^[0], m), Y (n^[L], m), as a function.

    ``weights``: [(W, b)] per layer to start from (copied); default He-initialised W and zero b.
    The function's ``parts`` are the lists W and b (index l = 1..L), to compare the updated weights.
    """
    import numpy as np

    n, L = cfg.dims, len(cfg.dims) - 1
    rng = np.random.default_rng(1)
    if weights is None:
        weights = [(rng.standard_normal((n[l], n[l - 1])) * math.sqrt(2 / n[l - 1]), np.zeros((n[l], 1)))
                   for l in range(1, L + 1)]
    W = [None] + [np.array(w, dtype=dtype) for w, _ in weights]
    b = [None] + [np.array(c, dtype=dtype) for _, c in weights]
    Z = [None] + [np.empty((n[l], m), dtype) for l in range(1, L + 1)]
    A = [X] + [np.empty((n[l], m), dtype) for l in range(1, L + 1)]
    dZ = [None] + [np.empty((n[l], m), dtype) for l in range(1, L + 1)]
    dA = [None] + [np.empty((n[l], m), dtype) for l in range(1, L + 1)]
    dW = [None] + [np.empty_like(W[l]) for l in range(1, L + 1)]
    db = [None] + [np.empty_like(b[l]) for l in range(1, L + 1)]
    column = np.full((m, 1), 1 / m, dtype)  # dZ @ column = (1/m) sum over the columns of dZ
    softmax = cfg.output == "softmax"

    def output(Z, A):
        if softmax:  # A = e^(Z - max) / sum_rows(e^(Z - max))
            np.subtract(Z, Z.max(axis=0, keepdims=True), out=A)
            np.exp(A, out=A)
            A /= A.sum(axis=0, keepdims=True)
        else:  # A = 1 / (1 + e^-Z)
            np.negative(Z, out=A)
            np.exp(A, out=A)
            A += 1
            np.reciprocal(A, out=A)

    def step():
        for l in range(1, L + 1):
            np.matmul(W[l], A[l - 1], out=Z[l])
            Z[l] += b[l]
            if l < L:
                np.maximum(Z[l], 0, out=A[l])
            else:
                output(Z[l], A[l])
        AL = A[L]
        if softmax:
            J = -(Y * np.log(AL)).sum() / m
        else:
            J = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() / m
        np.subtract(AL, Y, out=dZ[L])
        for l in range(L, 0, -1):
            if l < L:
                np.multiply(dA[l], Z[l] > 0, out=dZ[l])
            np.matmul(dZ[l], A[l - 1].T, out=dW[l])
            dW[l] *= 1 / m
            np.matmul(dZ[l], column, out=db[l])
            if l > 1:
                np.matmul(W[l].T, dZ[l], out=dA[l - 1])
        for l in range(1, L + 1):
            W[l] -= lr * dW[l]
            b[l] -= lr * db[l]
        return J

    step.parts = (W, b)
    return step
