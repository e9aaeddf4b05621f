"""check_loss: a loss's backward must be m dJ/dAL (per sample, not divided by m), on drawn AL and Y."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..activation import Activation
from ..block import Block
from .compare import compare, where
from .differences import Estimates, estimates, precision
from .hypothesis_api import st
from .run import run
from .strategies import one_hot, probabilities, sizes


class Case(NamedTuple):
    """One input: the output AL and the labels Y, both (n^[L], m)."""

    AL: np.ndarray
    Y: np.ndarray


def check_loss(loss, *, n=None, AL=None, Y=None, rtol=None, max_examples: int = 50, seed=0,
               data=None) -> None:
    """Check that ``loss.backward(AL, Y)`` is ``m * dJ/dAL`` for ``J = loss.forward(AL, Y)``.

    That is the seed's convention: dAL per sample, the 1/m living in dW and db. Hypothesis draws n^[L]
    (``n``: an int, a strategy, or None for 1 to 4), m (1 to 5) and then ``AL(n, m)`` and ``Y(n, m)``,
    functions that return strategies: by default probabilities in [0.05, 0.95] and one-hot labels, valid
    for the cross-entropies and for MSE. Catches the classic double 1/m and sign errors, and says so.
    Deterministic for a given ``seed``; inside your own @given test, pass ``data=data`` from
    ``@given(data=st.data())`` and the check draws one case from your test.

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """
    if isinstance(loss, (Activation, Block)):
        use = "check_activation(activation)" if isinstance(loss, Activation) else "check_gradients(model, X, Y, loss)"
        raise TypeError(f"check_loss needs a Loss such as BinaryCrossEntropy(); {loss!r} is not one: use {use}")
    if isinstance(loss, type) or not all(callable(getattr(loss, m, None)) for m in ("forward", "backward")):
        raise TypeError(f"check_loss needs a Loss instance with forward and backward, such as "
                        f"BinaryCrossEntropy(). Received: {getattr(loss, '__name__', repr(loss))}")
    make_AL = AL or (lambda n_, m: probabilities(n_, m, 0.05, 0.95))
    make_Y = Y or one_hot

    @st.composite
    def cases(draw):
        n_ = draw(sizes(1, 4) if n is None else n if isinstance(n, st.SearchStrategy) else st.just(n))
        m = draw(sizes())
        return Case(draw(make_AL(n_, m)), draw(make_Y(n_, m)))

    pinned = [Case(np.array([[0.3, 0.8, 0.6], [0.7, 0.2, 0.4]]), np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]))]
    pinned = pinned if AL is Y is None and n in (None, 2) else []
    run(lambda case: _check_case(loss, case, rtol), cases(), name="check_loss", pinned=pinned,
        max_examples=max_examples, seed=seed, data=data)


def _check_case(loss, case, rtol):
    AL, Y = case
    m = AL.shape[1]
    J0 = loss.forward(AL.copy(), Y.copy())
    if np.ndim(J0) != 0:
        raise AssertionError(f"{loss!r}.forward(AL, Y) must return the cost J, a number; got shape {np.shape(J0)}")
    dAL = loss.backward(AL.copy(), Y.copy())
    if np.shape(dAL) != AL.shape:
        raise AssertionError(f"{loss!r}.backward(AL, Y) must return dAL shaped like AL, {AL.shape}; "
                             f"got {np.shape(dAL)}")
    prec = precision(np.result_type(J0, dAL))
    rtol = prec.rtol if rtol is None else rtol

    def J_at(i, t):
        AL_t = AL.copy()
        AL_t[i] += t
        return float(loss.forward(AL_t, Y.copy()))

    est = Estimates(*(m * e for e in estimates(J_at, AL.shape, float(J0), prec)))
    c = compare(dAL, est, rtol)
    if not c.ok:
        i = c.worst
        raise AssertionError(
            f"{loss!r}.backward(AL, Y) is not m * dJ/dAL by central differences of forward: worst relative error "
            f"{c.worst_rel:.3g} at {where(i)}, where AL = {float(AL[i])!r} and Y = {float(Y[i])!r}: backward gives "
            f"{float(np.asarray(dAL)[i])!r}, m * dJ/dAL = {float(est.value[i])!r}.{_diagnosis(dAL, est.value, m)}\n"
            f"Failing example (shrunk), (n^[L], m) = {AL.shape}:\nAL = {np.array2string(AL, separator=', ')}\n"
            f"Y = {np.array2string(Y, separator=', ')}"
        )


def _diagnosis(dAL, expected, m) -> str:
    """Name the classic mistakes when backward is a constant multiple of the right answer."""
    dAL, expected = np.asarray(dAL, dtype=np.float64), np.asarray(expected)
    big = np.abs(expected) > 1e-3 * np.abs(expected).max(initial=0.0)
    if not big.any():
        return ""
    ratio = dAL[big] / expected[big]
    c = float(ratio.mean())
    if not np.allclose(ratio, c, rtol=1e-4, atol=0.0):
        return ""
    if m > 1 and np.isclose(c, 1 / m, rtol=1e-4):
        return (" backward is 1/m times m * dJ/dAL: either dAL is divided by m (it must be per sample: the 1/m "
                "lives in dW and db), or forward sums over the m samples instead of averaging.")
    if np.isclose(c, -1.0, rtol=1e-4):
        return " backward has the wrong sign."
    return f" backward is {c:.6g} times m * dJ/dAL everywhere."
