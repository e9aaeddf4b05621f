"""Central differences in float64, Richardson-extrapolated, with a test for kinks inside the step.

For one entry x of an array and the cost J(x + t), four evaluations give

    D(h) = (J(h) - J(-h)) / 2h,   D(h/2) = (J(h/2) - J(-h/2)) / h,   R = (4 D(h/2) - D(h)) / 3.

R is exact up to h^4 J^(5) / 480 when J is smooth (plain central differences: h^2 J''' / 6): with
h = 2^-10 that is about 2e-15 J^(5), so a derivative wrong by 0.1% stands out by many orders of magnitude.
Where J has a kink within the step (ReLU at Z = 0), R can be off by anything; two signals that vanish for
a smooth J say so: D(h) - D(h/2), and the gap between the extrapolated one-sided differences
2F(h/2) - F(h) and 2B(h/2) - B(h), with F(h) = (J(h) - J(0)) / h and B(h) = (J(0) - J(-h)) / h.
At a single kink R never misses by more than about 1.2 times the larger signal, so a miss of more than
twice it is never the kink's doing.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: The moves t / h at which J is evaluated, in this order.
STEPS = np.array([1.0, -1.0, 0.5, -0.5])
#: Rounding in a computed cost, in units of its dtype's epsilon times |J|: sums and products add up.
ROUNDING = 32.0


class Precision(NamedTuple):
    """The step h, the relative tolerance rtol and the machine epsilon of the cost's dtype."""

    h: float
    rtol: float
    eps: float


def precision(dtype=np.float64) -> Precision:
    """The step and tolerance for a cost computed in ``dtype``.

    float64: h = 2^-10 and rtol = 1e-5 (a 0.1% error is a hundred times over it). float32 gets a longer
    step, so that its rounding stays below the tolerance: h = 2^-4, rtol = 2e-4. Steps are powers of two,
    so x + h and x + h/2 are exact for any moderate x.
    """
    dtype = np.dtype(dtype)
    if dtype.kind != "f" or dtype.itemsize >= 8:
        return Precision(2.0**-10, 1e-5, float(np.finfo(np.float64).eps))
    if dtype.itemsize == 4:
        return Precision(2.0**-4, 2e-4, float(np.finfo(np.float32).eps))
    raise ValueError(f"gradient checks need float32 or float64; got a cost computed in {dtype.name}")


class Derivative(NamedTuple):
    """The estimate R of dJ/dt at t = 0, the kink signal (0 where J is smooth) and R's rounding bound."""

    value: float
    kink: float
    noise: float


def richardson(J0, Jp, Jm, jp, jm, h: float):
    """R and the kink signal from J(0), J(h), J(-h), J(h/2), J(-h/2): floats, or arrays entry by entry."""
    D_h, D_half = (Jp - Jm) / (2 * h), (jp - jm) / h
    forward = 2 * (jp - J0) / (h / 2) - (Jp - J0) / h
    backward = 2 * (J0 - jm) / (h / 2) - (J0 - Jm) / h
    return (4 * D_half - D_h) / 3, np.maximum(np.abs(D_h - D_half), np.abs(forward - backward))


def derivative(J, h: float, J0: float | None = None, eps: float = 2.0**-52, rounding: float = 0.0) -> Derivative:
    """dJ/dt at 0 for a scalar function ``J(t)``, from J(+-h) and J(+-h/2) (and J(0) unless given).

    ``eps`` is the machine epsilon of the dtype J is computed in; ``rounding`` an absolute rounding error
    of J known beyond ROUNDING * eps * |J| (a saturated cross-entropy's log(1 - AL)). Both go into the
    rounding bound ``noise`` of the estimate.
    """
    J0 = float(J(0.0)) if J0 is None else float(J0)
    Jp, Jm, jp, jm = (float(J(t)) for t in STEPS * h)
    value, kink = richardson(J0, Jp, Jm, jp, jm, h)
    noise = (ROUNDING * eps * max(abs(J0), abs(Jp), abs(Jm), abs(jp), abs(jm)) + rounding) * 3 / h
    return Derivative(float(value), float(kink), noise)


class Estimates(NamedTuple):
    """Per-entry Richardson estimates, kink signals and rounding bounds; NaN where not evaluated."""

    value: np.ndarray
    kink: np.ndarray
    noise: np.ndarray


def estimates(J_at, shape, J0: float, precision: Precision, indices=None) -> Estimates:
    """dJ/dx for each entry (or each of ``indices``) of an array of ``shape``.

    ``J_at(i, t)`` is the cost with entry ``i`` moved by ``t``; ``J0`` the cost with nothing moved.
    """
    value, kink, noise = (np.full(shape, np.nan) for _ in range(3))
    for i in np.ndindex(shape) if indices is None else indices:
        value[i], kink[i], noise[i] = derivative(lambda t, i=i: J_at(i, t), precision.h, J0, precision.eps)
    return Estimates(value, kink, noise)


def numerical_gradient(f, X) -> np.ndarray:
    """dF/dX of a scalar function ``f(X)``, entry by entry, in float64 (Richardson central differences).

    ``f`` is always given a fresh perturbed copy of X, never X itself, so a block that keeps a reference
    to its input cannot see a later perturbation.
    """
    X = np.array(X, dtype=np.float64)

    def J_at(i, t):
        X_t = X.copy()
        X_t[i] += t
        return f(X_t)

    return estimates(J_at, X.shape, float(f(X.copy())), precision()).value
