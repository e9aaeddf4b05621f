"""Central finite differences in float64, perturbing copies only."""
from __future__ import annotations

import numpy as np


def numerical_gradient(f, X, h=1e-6):
    """dF/dX by central differences: (f(X + h e_i) - f(X - h e_i)) / 2h for each entry i."""
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]
        X[i] = old + h
        plus = f(X.copy())
        X[i] = old - h
        minus = f(X.copy())
        X[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def assert_close(actual, expected, rtol=1e-5, atol=1e-7, what="gradient"):
    """Assert with the worst relative error and where it is."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    error = np.abs(actual - expected) / np.maximum(atol / rtol, np.abs(actual) + np.abs(expected))
    worst = np.unravel_index(np.argmax(error), error.shape) if error.size else ()
    assert np.allclose(actual, expected, rtol=rtol, atol=atol), (
        f"{what}: worst relative error {error[worst]:.3g} at {worst}: {actual[worst]!r} vs {expected[worst]!r}"
    )
