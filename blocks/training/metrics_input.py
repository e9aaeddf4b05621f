"""The input check every metric shares: AL and Y of one shape (n^[L], m), m >= 1."""
from __future__ import annotations

from ..checks import numeric_array


def pair(name: str, AL, Y):
    """AL and Y as numeric arrays of one shape (n^[L], m) with m >= 1, else a ValueError naming the metric."""
    AL, Y = numeric_array("AL", AL), numeric_array("Y", Y)
    if AL.ndim != 2 or AL.shape != Y.shape or not AL.size:
        raise ValueError(f"{name} expects AL and Y of one shape (n^[L], m) with m >= 1; got AL {AL.shape} and "
                         f"Y {Y.shape}")
    return AL, Y
