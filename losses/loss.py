"""The base of every loss: the cost J and the per-sample gradient dA^[L]."""
from __future__ import annotations

import numpy as np

from blocks.checks import numeric_array

from .sequences import sequence_methods


class Loss:
    """A cost ``J = (1/m) * sum of per-sample losses`` and its gradient ``dAL``.

    A subclass implements ``forward(AL, Y) -> J`` (a float) and ``backward(AL, Y) -> dAL``. ``dAL`` is
    per sample and NOT divided by m: the 1/m lives in each layer's dW and db, so that together they give
    the exact gradient of J. ``loss(AL, Y)`` is ``loss.forward(AL, Y)``.

    A loss whose ``output`` names an activation (the cross-entropies: ``"Sigmoid"``, ``"Softmax"``) takes AL
    as probabilities: AL outside [0, 1], where its logarithms are undefined, is a ValueError (NaN passes,
    so that fit can tell where it came from).

    ``targets`` says what Y the loss takes, so that ``fit`` and ``evaluate`` check it (they read it with
    getattr, so any object with forward and backward can declare it): ``"same shape as AL"`` (the default)
    is Y of shape (n^[L], m); ``"labels"`` is one integer class per sample, Y of shape (1, m) or (m,) with
    ``y_i`` in 0..n^[L]-1, as SparseCategoricalCrossEntropy takes it. For a ``"labels"`` loss fit and
    evaluate check the labels (whole numbers, in range), hand the loss and the metrics Y as ints (1, m),
    and the classification metrics (accuracy, precision, recall, f1, confusion_matrix) read them as classes.

    Shapes:
        AL, Y, dAL: (n^[L], m)      Y: (1, m) or (m,) for ``targets = "labels"``
    """

    #: What Y is: "same shape as AL", or "labels" (class indices, (1, m) or (m,)); read by fit and evaluate.
    targets: str = "same shape as AL"

    def __init_subclass__(cls, **kwargs):
        """Every subclass's forward and backward take sequence batches (n_y, m, T_x) too (see losses.sequences)."""
        super().__init_subclass__(**kwargs)
        sequence_methods(cls)

    def forward(self, AL, Y) -> float:
        raise NotImplementedError(f"{type(self).__name__} must implement forward(AL, Y) -> J")

    def backward(self, AL, Y):
        raise NotImplementedError(f"{type(self).__name__} must implement backward(AL, Y) -> dAL")

    def __call__(self, AL, Y) -> float:
        return self.forward(AL, Y)

    #: The activation whose output this loss expects (AL in [0, 1]), or None for any real AL.
    output: str | None = None

    def check(self, AL, Y):
        """AL and Y as arrays of AL's floating dtype and of one shape (n^[L], m), or a clear error."""
        AL = numeric_array("AL", AL, who=self)
        Y = numeric_array("Y", Y, who=self)
        if AL.dtype not in _FLOATS:  # ints, bools and float16 (whose 1/eps overflows) are costed in float64
            AL = AL.astype(np.float64)
        if AL.ndim != 2 or not AL.size:
            raise ValueError(f"{self!r} expects AL of shape (n^[L], m), samples as columns, with n^[L] >= 1 and "
                             f"m >= 1; got {AL.shape}")
        if Y.shape != AL.shape:
            raise ValueError(self.mismatch(AL, Y))
        if self.output is not None:
            check_probabilities(self, AL)  # on every call: AL may have been refilled in place since the last
        return AL, Y.astype(AL.dtype, copy=False)

    def clipped(self, AL):
        """``clip_probabilities(AL)``: AL clipped into [eps, 1 - eps], eps the machine epsilon of its dtype."""
        return clip_probabilities(AL)

    def mismatch(self, AL, Y) -> str:
        """The message for a Y whose shape is not AL's (a subclass can name its own usual mistakes)."""
        hint = ". Y looks transposed: samples are columns, pass Y.T" if Y.shape == AL.shape[::-1] else ""
        return f"{self!r} expects Y shaped like AL, (n^[L], m) = {AL.shape}; got Y of shape {Y.shape}{hint}"

    def __repr__(self):
        return f"{type(self).__name__}()"


_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def check_probabilities(loss, AL) -> None:
    """AL in [0, 1] (NaN passes: fit reports where it came from), else a ValueError naming the likely cause."""
    low, high = AL.min(), AL.max()
    if low < 0 or high > 1:
        raise ValueError(
            f"{loss!r} expects AL in [0, 1], probabilities such as the output of {loss.output}; got AL from "
            f"{low:.6g} to {high:.6g}. Does the last layer have activation={loss.output}()?"
        )


def clip_probabilities(AL):
    """AL clipped into [eps, 1 - eps], eps the machine epsilon of AL's dtype.

    A saturated sigmoid or softmax can give AL exactly 0 or 1; clipping keeps log(AL), log(1 - AL),
    Y/AL and (1-Y)/(1-AL) finite, and changes no value that lies inside the interval.
    """
    eps = np.finfo(AL.dtype).eps
    return np.minimum(np.maximum(AL, eps), 1 - eps)  # np.clip, without its wrapper's microseconds
