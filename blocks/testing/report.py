"""The report of check_gradients: per array, the worst relative error, where it is, and the kinks skipped."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .compare import Comparison, where

FLAT = (" (J did not change at all when it moved: is the output saturated, and clipped by the loss? "
        "Check with moderate X and weights)")


class ArrayResult(NamedTuple):
    """One checked array (a parameter's gradient, or dA0): its comparison and the values at the worst entry."""

    name: str
    shape: tuple
    comparison: Comparison
    backprop: float     # the analytic gradient at the worst entry
    numeric: float      # the central-difference estimate there

    @property
    def ok(self) -> bool:
        return self.comparison.ok


class GradientReport:
    """What ``check_gradients`` found: ``report.ok``, ``report.arrays`` (one ArrayResult per array) and
    ``str(report)``, a table of every array with its worst relative error and its index."""

    def __init__(self, arrays: list, dtype, h: float, rtol: float):
        self.arrays, self.dtype, self.h, self.rtol = arrays, np.dtype(dtype), h, rtol

    @property
    def ok(self) -> bool:
        return all(a.ok for a in self.arrays)

    @property
    def worst(self) -> ArrayResult:
        """The array with the largest relative error."""
        return max(self.arrays, key=lambda a: a.comparison.worst_rel)

    def headline(self) -> str:
        failed = [a for a in self.arrays if not a.ok]
        if not failed:
            return f"all {len(self.arrays)} gradients match central differences of J"
        lines = [f"  {a.name}: worst relative error {a.comparison.worst_rel:.3g} at {where(a.comparison.worst)}, "
                 f"backprop {a.backprop:.8g} but differences {a.numeric:.8g}{FLAT if a.numeric == 0 else ''}"
                 for a in failed]
        return "\n".join(["gradients that do not match central differences of J:", *lines])

    def __str__(self):
        head = ("array", "shape", "checked", "worst rel. error", "at", "backprop", "differences", "kinks")
        rows = [head]
        for a in self.arrays:
            c = a.comparison
            flag = "" if a.ok else "  FAIL"
            at = ("-", "", "") if c.worst is None else (where(c.worst), f"{a.backprop:.8g}", f"{a.numeric:.8g}")
            rows.append((a.name, str(a.shape), str(c.compared), f"{c.worst_rel:.2e}{flag}", *at,
                         str(int(c.kinks.sum()))))
        widths = [max(len(r[k]) for r in rows) for k in range(len(head))]
        table = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        kinks = sum(int(a.comparison.kinks.sum()) for a in self.arrays)
        notes = [f"{kinks} entries that moved across a kink (as ReLU's at Z = 0) within the step were "
                 "not compared"] if kinks else []
        setting = (f"computed in {self.dtype.name}, Richardson central differences with h = 2^{int(np.log2(self.h))}, "
                   f"rtol = {self.rtol:g}; dA0 is compared as dA0 / m (per sample; / (m T_x) for sequences)")
        return "\n".join([self.headline(), setting, *table, *notes])

    def __repr__(self):
        return f"<GradientReport ok={self.ok}: {len(self.arrays)} arrays, worst {self.worst.comparison.worst_rel:.2e}>"
