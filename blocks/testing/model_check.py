"""check_gradients: every dW, db (every Parameter) and dA0 of a model against central differences of J."""
from __future__ import annotations

import numbers

import numpy as np

from ..activation import Activation
from ..checks import numeric_array
from .compare import FLOOR, compare
from .differences import Estimates, derivative, precision
from .kinks import blocks_with_units, crossed_kink
from .report import ArrayResult, GradientReport
from .state import promote, restore, snapshot


def check_gradients(model, X, Y, loss, *, rtol=None, max_entries=None, seed=0) -> GradientReport:
    """Check every gradient of ``model`` against central differences of ``J = loss.forward(model.forward(X), Y)``.

    Each Parameter's gradient (``dW``, ``db``, any name) and ``dA0 = model.backward(dAL)`` (compared as
    ``dA0 / m``, since dAL is per sample; ``dA0 / (m T_x)`` for a sequence batch X, whose dA is per sample and
    step; not at all for integer X, an Embedding's ids, which have no gradient) is compared entry by entry
    with Richardson-extrapolated central differences, in float64: a model in float32 is run in float64 for
    the check. ``max_entries`` checks only that many entries of each array (the largest gradient and a
    seeded random sample), for big models.

    The model is left exactly as it was found: weights, caches, gradients, buffers and random generators
    are restored bit for bit, and X and Y are never written. Every evaluation starts from the same state,
    so Dropout draws the same masks and BatchNorm sees the same batch each time. An entry whose
    perturbation moves a unit across a kink (ReLU at Z = 0) is not compared, and the report says so.

    Raises AssertionError, naming each array's worst relative error and its index, on a mismatch;
    returns a GradientReport (print it for the table) when every gradient matches.

    Shapes:
        X, dA0: (n^[0], m), images (n_C, n_H, n_W, m) or (n_x, m, T_x) (or integer ids (m, T_x))
        Y: (n^[L], m) or (n_y, m, T_x)
    """
    _check_arguments(model, loss, rtol, max_entries)
    ids = _takes_ids(model)
    X, Y = _float64_copy("X", X, ids), _float64_copy("Y", Y)
    params = list(model.parameters())
    names = [_name(model, p) for p in params] + ([] if ids else [f"dA0 / {_columns_name(X)}"])
    found = snapshot(model)
    try:
        promote(model)
        for p in params:
            setattr(p.block, p.grad_name, None)
        report = _Check(model, params, X, Y, loss).run(names, rtol, max_entries, np.random.default_rng(seed))
    finally:
        restore(found)
    if not report.ok:
        raise AssertionError(str(report))
    return report


class _Check:
    """One run of the check on a model whose state (after promotion) is the snapshot ``base``."""

    def __init__(self, model, params, X, Y, loss):
        self.model, self.params, self.X, self.Y, self.loss = model, params, X, Y, loss
        self.base = snapshot(model)
        self.probes, self.paths, self.rounding = [], [], 0.0

    def cost(self, X) -> float:
        """J from the base state, recording the Z of every probed block."""
        AL = self.model.forward(X)
        self.paths.append([np.array(b.Z, dtype=np.float64) for b in self.probes])
        return float(self.loss.forward(AL, self.Y.copy()))

    def J_param(self, p):
        def J_at(i, t):
            restore(self.base)
            value = p.value
            value[i] = value[i] + t
            return self.cost(self.X.copy())

        return J_at

    def J_input(self, i, t):
        restore(self.base)
        X = self.X.copy()
        X[i] += t
        return self.cost(X)

    def backprop(self):
        """The analytic gradients, J0, the dtype of the computation and the base Z of the probed blocks."""
        restore(self.base)
        AL = self.model.forward(self.X.copy())
        J0 = float(self.loss.forward(AL, self.Y.copy()))
        dAL = self.loss.backward(AL, self.Y.copy())
        # AL is only known to its dtype's rounding, which the loss magnifies by dJ/dAL = dAL / m: a saturated
        # sigmoid's log(1 - AL) is the classic case. The differences cannot see through this rounding of J.
        self.rounding = float(np.abs(np.asarray(dAL, np.float64) * AL).sum()) / _columns(AL) * _eps(AL)
        dA0 = self.model.backward(dAL, need_dA_prev=True)
        grads = [_gradient(p) for p in self.params]
        self.probes = blocks_with_units(self.model)  # their Z exists now
        Z0 = [np.array(b.Z, dtype=np.float64) for b in self.probes]
        if self.X.dtype.kind == "i":  # ids: no dA0 to check
            return grads, J0, np.asarray(AL).dtype, Z0
        if not isinstance(dA0, np.ndarray) or dA0.shape != self.X.shape:
            raise AssertionError(f"model.backward(dAL, need_dA_prev=True) must return dA0 shaped like X, "
                                 f"{self.X.shape}; "
                                 f"got {getattr(dA0, 'shape', type(dA0).__name__)}")
        return [*grads, dA0 / _columns(self.X)], J0, np.asarray(AL).dtype, Z0

    def run(self, names, rtol, max_entries, rng) -> GradientReport:
        analytic, J0, dtype, Z0 = self.backprop()
        prec = precision(dtype)
        rtol = prec.rtol if rtol is None else float(rtol)
        J_ats = [self.J_param(p) for p in self.params] + ([] if self.X.dtype.kind == "i" else [self.J_input])
        results = []
        for name, a, J_at in zip(names, analytic, J_ats, strict=True):
            a = np.asarray(a, dtype=np.float64)
            indices = _entries(a, max_entries, rng)
            est, near_kink = self.estimate(a, J_at, indices, J0, prec, rtol, Z0)
            c = compare(a, est, rtol, near_kink)
            at = c.worst
            results.append(ArrayResult(name, a.shape, c, np.nan if at is None else float(a[at]),
                                       np.nan if at is None else float(est.value[at])))
        return GradientReport(results, dtype, prec.h, rtol)

    def estimate(self, a, J_at, indices, J0, prec, rtol, Z0):
        """Differences for the chosen entries; for each that misses, whether it moved a unit across a kink."""
        near_kink = np.zeros(a.shape, dtype=bool)
        scale = FLOOR * np.abs(a).max(initial=0.0)
        est = Estimates(*(np.full(a.shape, np.nan) for _ in range(3)))
        for i in indices:
            self.paths = []
            d = derivative(lambda t, i=i: J_at(i, t), prec.h, J0, prec.eps, self.rounding)
            est.value[i], est.kink[i], est.noise[i] = d
            if abs(a[i] - d.value) > rtol * max(abs(a[i]), abs(d.value), scale, d.noise / rtol):
                near_kink[i] = crossed_kink(self.probes, Z0, self.paths, prec)
        return est, near_kink


def _columns(A) -> int:
    """How many columns a dA of A's shape is "per": m for (n, m), m T_x for a sequence batch (n, m, T_x)."""
    return A.shape[1] * A.shape[2] if A.ndim == 3 else A.shape[-1]


def _columns_name(X) -> str:
    return "(m T_x)" if X.ndim == 3 else "m"


def _takes_ids(model) -> bool:
    """Whether the model's X is integer ids (an Embedding first: its input shape starts with the samples)."""
    shape = getattr(model, "input_shape", None)
    return isinstance(shape, tuple) and len(shape) > 0 and shape[0] == "m"


def _eps(A) -> float:
    A = np.asarray(A)
    return float(np.finfo(A.dtype).eps) if A.dtype.kind == "f" else float(np.finfo(np.float64).eps)


def _gradient(p):
    grad = getattr(p.block, p.grad_name, None)
    if grad is None:
        raise AssertionError(f"{p!r}: backward did not set {p.grad_name}")
    if np.shape(grad) != p.value.shape:
        raise AssertionError(f"{p!r}: {p.grad_name} must have the shape of {p.name}, {p.value.shape}; "
                             f"got {np.shape(grad)}")
    return grad


def _entries(a, max_entries, rng) -> list:
    """Every index of ``a``, or ``max_entries`` of them: the largest |gradient| and a random sample."""
    if max_entries is None or max_entries >= a.size:
        return list(np.ndindex(a.shape))
    flat = [int(np.argmax(np.abs(a)))]
    rest = np.setdiff1d(np.arange(a.size), flat)
    flat += [int(k) for k in rng.choice(rest, size=max_entries - 1, replace=False)]
    return [np.unravel_index(k, a.shape) for k in flat]


def _name(model, p) -> str:
    """Where the array sits: ``1.0.W`` for the W of block 0 of block 1, ``model.W`` for the model's own."""
    if p.block is model:
        return f"model.{p.name}"
    name = next((name for name, block in model.named_blocks() if block is p.block), None)
    return f"{type(p.block).__name__}.{p.name}" if name is None else f"{name}.{p.name}"


def _float64_copy(name, value, ids=False) -> np.ndarray:
    try:
        array = numeric_array(name, value)
    except TypeError as exc:
        raise TypeError(f"check_gradients: {exc}") from None
    array = np.array(array, dtype=np.intp if ids else np.float64)
    if array.ndim not in (2, 3, 4) and not ids:
        raise ValueError(f"check_gradients: {name} must be (n, m) with samples as columns, a sequence batch "
                         f"(n, m, T_x) or images (n_C, n_H, n_W, m); got {array.shape}")
    return array


def _check_arguments(model, loss, rtol, max_entries):
    for what, obj, methods in (("model", model, ("forward", "backward", "parameters")),
                               ("loss", loss, ("forward", "backward"))):
        if isinstance(obj, type):
            raise TypeError(f"check_gradients: {what} must be an instance, such as {obj.__name__}(), not the class")
        missing = [m for m in methods if not callable(getattr(obj, m, None))]
        if missing:
            raise TypeError(f"check_gradients: {what} must have {', '.join(methods)}; "
                            f"{type(obj).__name__} has no {', '.join(missing)}")
    if isinstance(loss, Activation):
        raise TypeError(f"check_gradients: loss must be a Loss such as BinaryCrossEntropy(); {loss!r} is an "
                        "Activation (give it to the last Layer, and check it alone with check_activation)")
    if rtol is not None and (not isinstance(rtol, numbers.Real) or not 0 < rtol < 1):
        raise ValueError(f"check_gradients: rtol must be a number in (0, 1). Received: rtol={rtol!r}")
    if max_entries is not None and (isinstance(max_entries, bool) or not isinstance(max_entries, numbers.Integral)
                                    or max_entries < 1):
        raise ValueError(f"check_gradients: max_entries must be a positive int or None. "
                         f"Received: max_entries={max_entries!r}")
