"""The exact output gradient where a sigmoid meets binary cross-entropy, or a softmax categorical.

The canonical loop is ``model.backward(loss.backward(AL, Y))``: the loss returns the seed's dAL and the
output layer multiplies it by g'(Z). For two pairs the product simplifies:

    Sigmoid + BinaryCrossEntropy:       dZ = dAL * AL (1 - AL)               = AL - Y
    Softmax + CategoricalCrossEntropy:  dZ = AL * (dAL - sum_rows(dAL * AL)) = AL * sum_rows(Y) - Y
                                                                             (= AL - Y for one-hot Y)

The short form is exact and stays right where AL saturates to exactly 0 or 1 (the course's x10 random
initialisation does that): there the loss's clipped dAL times g'(Z) = 0 gives dZ = 0, a vanished
gradient, where the true dZ is AL - Y = +-1.

How the pairing is chosen, in this one place: the loss returns dAL as an ``OutputGradient``, an ndarray
holding the seed's dAL values (writeable, usable anywhere an array is) that also carries the labels Y it
was computed from, the AL it was computed for, and the activation the loss pairs with (its ``output``).
``Sigmoid.backward`` and ``Softmax.backward`` ask ``labels_for(dA, A, "Sigmoid")``: they get Y only when

- dA is an OutputGradient of a loss whose ``output`` names this activation,
- computed for this very A (the layer's own output of this forward pass), and
- still holding exactly the values the loss wrote (checked against its own copy of them, so a change
  through any alias, even a plain view from ``np.asarray(dAL)``, is seen).

Anything else gets the ordinary product: 2 * dAL, a slice, dAL *= 0.5, a dAL of another AL. Arrays
derived from an OutputGradient (results of arithmetic, ufuncs, slices and views) are plain gradients
that carry no labels, and an in-place write or item assignment drops the labels of the array written.
Nothing is stored outside the array itself: no global, no cache, so models trained in several threads
at once do not see each other's gradients.

Shapes:
    dAL, AL, Y: (n^[L], m)
"""
from __future__ import annotations

import numpy as np


class OutputGradient(np.ndarray):
    """The seed's dAL (per sample, not divided by m), carrying the ``Y`` and ``AL`` it came from.

    ``OutputGradient.of(dAL, AL, Y, output)`` wraps the loss's freshly computed dAL (no copy of dAL's
    buffer; Y is copied, so reusing the label array afterwards changes nothing). ``output`` is the name
    of the activation whose exact short form applies ("Sigmoid" or "Softmax"). See the module docstring.

    Shapes:
        dAL, AL, Y: (n^[L], m)
    """

    Y = None
    AL = None
    output = None
    _values = None  # the values the loss wrote, to see a change made through any alias

    @classmethod
    def of(cls, dAL, AL, Y, output: str) -> OutputGradient:
        gradient = dAL.view(cls)
        gradient.Y = np.array(Y, dtype=dAL.dtype, copy=True)
        gradient.AL = AL
        gradient.output = output
        gradient._values = dAL.copy()
        return gradient

    def __array_finalize__(self, obj):
        """A view, slice or copy of an OutputGradient carries no labels."""
        self.Y = self.AL = self.output = self._values = None

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        """Compute on plain arrays: results are plain gradients; an output written in place drops its labels."""
        inputs = tuple(_plain(x) for x in inputs)
        if out is not None:
            for array in out:
                if isinstance(array, OutputGradient):
                    array.drop_labels()
            kwargs["out"] = tuple(_plain(x) for x in out)
        result = getattr(ufunc, method)(*inputs, **kwargs)
        if out is not None:
            return out[0] if len(out) == 1 else out
        return result

    def __setitem__(self, index, value):
        self.drop_labels()
        super().__setitem__(index, value)

    def drop_labels(self) -> None:
        """Forget Y and AL: this array is an ordinary gradient from now on."""
        self.Y = self.AL = self.output = self._values = None


def labels_for(dA, A, output: str):
    """Y when ``dA`` is the unchanged dAL a loss paired with ``output`` computed for this very ``A``, else None."""
    if not isinstance(dA, OutputGradient) or dA.Y is None or dA.AL is not A or dA.output != output:
        return None
    if not np.array_equal(dA._values, np.asarray(dA)):  # changed through an alias (NaN: never equal, unfused)
        return None
    return dA.Y


def _plain(x):
    return x.view(np.ndarray) if isinstance(x, OutputGradient) else x
