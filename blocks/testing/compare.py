"""Compare an analytic gradient with its difference estimates: relative errors, kinks, the worst entry."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: Entries smaller than this fraction of the array's largest gradient are compared against that scale.
FLOOR = 1e-3


class Comparison(NamedTuple):
    """The outcome for one array: relative errors and which mismatching entries sit at a kink."""

    rel: np.ndarray        # |analytic - numeric| / scale, 0 where not evaluated
    kinks: np.ndarray      # bool: a mismatch explained by a kink within the step
    compared: int          # entries evaluated
    worst: tuple | None    # index of the largest relative error outside kinks (None if nothing compared)
    worst_rel: float
    failed: int            # entries over the tolerance and not at a kink

    @property
    def ok(self) -> bool:
        return self.failed == 0


def compare(analytic, est, rtol: float, near_kink=None) -> Comparison:
    """Each evaluated entry of ``analytic`` against ``est`` (an ``Estimates``).

    rel = |a - R| / max(|a|, |R|, FLOOR * largest |a| or |R|, rounding / rtol); an entry fails when
    rel > rtol, unless the kink signal explains the miss (signal >= miss / 2) or ``near_kink`` (a bool
    array) marks it as moved across a kink of an intermediate result.
    """
    a = np.asarray(analytic, dtype=np.float64)
    evaluated = ~np.isnan(est.value)
    R = np.where(evaluated, est.value, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        miss = np.abs(a - R)
        finite = np.isfinite(miss)
        scale = FLOOR * max(np.abs(a[finite]).max(initial=0.0), np.abs(R[finite]).max(initial=0.0))
        denominator = np.maximum.reduce([np.abs(a), np.abs(R), np.full(a.shape, scale), est.noise / rtol])
        rel = np.where(miss > 0, miss / np.where(denominator > 0, denominator, 1.0), 0.0)
    rel = np.where(evaluated, np.where(finite, rel, np.inf), 0.0)  # a NaN or inf gradient always fails
    over = rel > rtol
    kinks = over & ((2 * np.nan_to_num(est.kink) >= miss) | (False if near_kink is None else near_kink))
    counted = evaluated & ~kinks
    worst = np.unravel_index(np.argmax(np.where(counted, rel, -1.0)), a.shape) if counted.any() else None
    return Comparison(rel, kinks, int(evaluated.sum()), worst, float(rel[worst]) if worst else 0.0,
                      int((over & ~kinks).sum()))


def where(index) -> str:
    """An index as numpy prints it: (1, 2)."""
    return "(" + ", ".join(str(int(i)) for i in index) + ")"
