"""check_activation: an activation's backward against central differences, on Hypothesis-drawn inputs."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from losses import Loss

from ..block import Block
from .compare import compare, where
from .differences import estimates, precision
from .hypothesis_api import st
from .run import run
from .strategies import matrices, sizes

#: Drawn Z keep this distance from 0, the kink of ReLU and its family: more than any step h.
GAP = 2.0**-3


class Case(NamedTuple):
    """One input: the pre-activation Z and a random upstream gradient dA, both (n, m)."""

    Z: np.ndarray
    dA: np.ndarray


def check_activation(activation, *, low: float = -4.0, high: float = 4.0, rtol=None, max_examples: int = 50,
                     seed=0, data=None) -> None:
    """Check ``activation.backward(dA, Z, A)`` against central differences of ``J(Z) = sum(dA * forward(Z))``.

    Hypothesis draws shapes (n, m), including n = 1 and m = 1 (and one image batch (n_C, n_H, n_W, m) is
    pinned, as a Conv2D gives), pre-activations Z in [low, high] kept
    ``GAP`` away from 0 (ReLU's kink), and an upstream gradient dA. This checks an elementwise
    ``derivative(Z, A)`` and an overridden Jacobian-vector ``backward`` alike, in float64 (an activation
    that computes in float32 gets float32's step and tolerance). Deterministic for a given ``seed``
    (None: a fresh search each call). Inside your own @given test, pass ``data=data`` from
    ``@given(data=st.data())``: the check then draws one case from your test.

    Passes silently. Raises AssertionError naming the worst relative error, where it is (Z and dA there)
    and the whole shrunk example.

    Shapes:
        Z, A, dA, dZ: (n, m)
    """
    _check_is_instance(activation)
    avoid = (0.0,) if low < 0 < high else ()

    @st.composite
    def cases(draw):
        n, m = draw(sizes()), draw(sizes())
        return Case(draw(matrices(n, m, low, high, avoid=avoid, gap=GAP)),
                    draw(matrices(n, m, -2.0, 2.0, avoid=(0.0,), gap=0.25)))

    pinned = [Case(np.array([[low + 0.6 * (high - low)]]), np.array([[1.25]])),
              Case(np.linspace(low + GAP, high - GAP, 6).reshape(3, 2), np.linspace(-2, 2, 6).reshape(3, 2)[::-1]),
              # images (n_C, n_H, n_W, m), as after a Conv2D: an activation works on any shape, samples last
              Case(np.linspace(low + GAP, high - GAP, 24).reshape(2, 3, 2, 2)[:, ::-1],
                   np.linspace(-2, 2, 24).reshape(2, 3, 2, 2))]
    pinned = [c for c in pinned if not np.any(np.abs(c.Z) < GAP)] if avoid else pinned
    run(lambda case: _check_case(activation, case, rtol), cases(), name="check_activation", pinned=pinned,
        max_examples=max_examples, seed=seed, data=data)


def _check_case(activation, case, rtol):
    Z, dA = case
    A = activation.forward(Z.copy())
    prec = precision(np.asarray(A).dtype)
    dZ = activation.backward(dA.copy(), Z.copy(), A)
    if np.shape(dZ) != Z.shape:
        raise AssertionError(f"{activation!r}.backward(dA, Z, A) must return dZ shaped like Z, {Z.shape}; "
                             f"got {np.shape(dZ)}")

    def J(Z_t):
        return float(np.sum(dA * np.asarray(activation.forward(Z_t), dtype=np.float64)))

    def J_at(i, t):
        Z_t = Z.copy()
        Z_t[i] += t
        return J(Z_t)

    est = estimates(J_at, Z.shape, J(Z.copy()), prec)
    c = compare(dZ, est, prec.rtol if rtol is None else rtol)
    if not c.ok:
        i = c.worst
        raise AssertionError(
            f"{activation!r}.backward(dA, Z, A) does not match central differences of sum(dA * forward(Z)): "
            f"worst relative error {c.worst_rel:.3g} at {where(i)}, where Z = {float(Z[i])!r} and "
            f"dA = {float(dA[i])!r}: backward gives dZ = {float(np.asarray(dZ)[i])!r}, differences give "
            f"{float(est.value[i])!r} ({c.failed} of {c.compared} entries over rtol = "
            f"{prec.rtol if rtol is None else rtol:g}).\nFailing example (shrunk), (n, m) = {Z.shape}:\n"
            f"Z = {np.array2string(Z, separator=', ')}\ndA = {np.array2string(dA, separator=', ')}"
        )


def _check_is_instance(activation):
    if isinstance(activation, type):
        raise TypeError(f"check_activation needs an instance: write check_activation({activation.__name__}()), "
                        f"with parentheses. Received: {activation.__name__}")
    for kind, cls, use in (("a Loss", Loss, "check_loss(loss)"),
                           ("a Block", Block, "check_gradients(model, X, Y, loss)")):
        if isinstance(activation, cls):
            raise TypeError(f"check_activation needs an Activation such as Tanh(); {activation!r} is {kind}: "
                            f"use {use}")
    missing = [m for m in ("forward", "backward") if not callable(getattr(activation, m, None))]
    if missing:
        raise TypeError(f"check_activation needs an Activation (forward and backward); "
                        f"{type(activation).__name__} has no {', '.join(missing)}")
