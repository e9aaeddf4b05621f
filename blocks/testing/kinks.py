"""Kinks of intermediate results: did moving one entry carry a unit's Z across its activation's kink?

The kink signal of J (see differences.py) misses one case: at X = 0 with b = 0 every first-layer Z is
exactly 0, and moving one entry of X turns some ReLUs on for t > 0 and others for t < 0. J can then be
nearly straight across t = 0 while backprop, with g'(0) = 0, sees none of these units. So for every block
that keeps its pre-activation ``Z`` and its ``activation`` (as Layer does), the Z recorded at each
evaluation is fed through the activation, and the same signal is computed unit by unit.
"""
from __future__ import annotations

import numpy as np

from ..activation import Activation
from ..block import Block
from .differences import ROUNDING, richardson
from .state import blocks_of

#: A unit moved across a kink when its activation's kink signal along the move exceeds this fraction of the
#: speed dZ/dt of its block's Z (a smooth activation gives about h^2 (dZ/dt)^2 g''' / 8, far below).
KINK = 1e-3


def blocks_with_units(model) -> list:
    """The blocks of ``model`` that keep a pre-activation Z (from their last forward) and an activation."""
    return [b for b in blocks_of(model) if isinstance(b, Block) and isinstance(getattr(b, "Z", None), np.ndarray)
            and isinstance(getattr(b, "activation", None), Activation)]


def crossed_kink(blocks, Z0, paths, precision) -> bool:
    """Whether some unit's activation has a kink on the path its Z took.

    ``Z0[k]`` is block k's Z with nothing moved and ``paths`` its Z at the moves t = h, -h, h/2, -h/2
    (``paths[j][k]``: move j, block k).
    """
    h = precision.h
    for k, block in enumerate(blocks):
        Zp, Zm, zp, zm = (path[k] for path in paths)
        if not Zp.shape == Zm.shape == zp.shape == zm.shape == Z0[k].shape:
            continue
        G = [np.asarray(block.activation.forward(Z), dtype=np.float64) for Z in (Z0[k], Zp, Zm, zp, zm)]
        _, kink = richardson(*G, h)
        speed = np.abs(Zp - Zm).max(initial=0.0) / (2 * h)  # of the whole Z: an activation may mix its entries
        noise = ROUNDING * precision.eps * max(np.abs(g).max(initial=0.0) for g in G) * 3 / h
        if np.any(kink > max(KINK * speed, noise)):
            return True
    return False
