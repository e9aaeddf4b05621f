"""The exact output gradient where a sigmoid meets binary cross-entropy, or a softmax categorical.

The canonical loop is ``model.backward(loss.backward(AL, Y))``: the loss returns the seed's dAL and
the output layer multiplies it by g'(Z). For these two pairs the product simplifies:

    sigmoid + BinaryCrossEntropy:       dZ = dAL * AL (1 - AL)              = AL - Y
    softmax + CategoricalCrossEntropy:  dZ = AL * (dAL - sum_rows(dAL * AL)) = AL * sum_rows(Y) - Y
                                                                            (= AL - Y for one-hot Y)

The short form is exact, and stays right where AL saturates to exactly 0 or 1: there the clipped
dAL times g'(Z) = 0 gives dZ = 0, a vanished gradient, where the true dZ is AL - Y = +-1.

So the loss ``remember``s the dAL array it returns, with the AL it was given and a copy of Y, and the
output activation asks ``labels_for(dA, A, pair)``: it gets Y only when dA IS that very array (not a
copy, not 2 * dAL, not the dAL of another call) and its own A IS that AL. Anything else gets the
unfused product. dAL is returned read-only, so it cannot be changed in place in between.
"""
from __future__ import annotations

_last = None  # (dAL, AL, Y, pair) of the last cross-entropy backward


def remember(dAL, AL, Y, pair: str):
    """Note that ``dAL`` was computed from ``AL`` and ``Y`` by the loss of ``pair``; return dAL, read-only."""
    global _last
    dAL.flags.writeable = False
    _last = (dAL, AL, Y.copy(), pair)
    return dAL


def labels_for(dA, A, pair: str):
    """Y if ``dA`` is the dAL that the loss of ``pair`` last returned for this very ``A``, else None."""
    last = _last
    if last is not None and dA is last[0] and A is last[1] and pair == last[3]:
        return last[2]
    return None
