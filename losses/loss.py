"""The base of every loss: the cost J and the per-sample gradient dA^[L]."""
from __future__ import annotations

import numpy as np


class Loss:
    """A cost ``J = (1/m) * sum of per-sample losses`` and its gradient ``dAL``.

    A subclass implements ``forward(AL, Y) -> J`` (a float) and ``backward(AL, Y) -> dAL``. ``dAL`` is
    per sample and NOT divided by m: the 1/m lives in each layer's dW and db, so that together they give
    the exact gradient of J. ``loss(AL, Y)`` is ``loss.forward(AL, Y)``.

    Shapes:
        AL, Y, dAL: (n^[L], m)
    """

    def forward(self, AL, Y) -> float:
        raise NotImplementedError(f"{type(self).__name__} must implement forward(AL, Y) -> J")

    def backward(self, AL, Y):
        raise NotImplementedError(f"{type(self).__name__} must implement backward(AL, Y) -> dAL")

    def __call__(self, AL, Y) -> float:
        return self.forward(AL, Y)

    def check(self, AL, Y):
        """AL and Y as arrays of AL's floating dtype and of one shape (n^[L], m), or a clear error."""
        AL = _array("AL", AL)
        Y = _array("Y", Y)
        if AL.dtype.kind != "f":
            AL = AL.astype(np.float64)
        if AL.ndim != 2:
            raise ValueError(f"{self!r} expects AL of shape (n^[L], m), samples as columns; got {AL.shape}")
        if Y.shape != AL.shape:
            hint = ". Y looks transposed: samples are columns, pass Y.T" if Y.shape == AL.shape[::-1] else ""
            raise ValueError(
                f"{self!r} expects Y shaped like AL, (n^[L], m) = {AL.shape}; got Y of shape {Y.shape}{hint}"
            )
        return AL, Y.astype(AL.dtype, copy=False)

    def __repr__(self):
        return f"{type(self).__name__}()"


def _array(name, value):
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a numeric array. Received: dtype {array.dtype}")
    return array


def clip_probabilities(AL):
    """AL clipped into [eps, 1 - eps], eps the machine epsilon of AL's dtype.

    A saturated sigmoid or softmax can give AL exactly 0 or 1; clipping keeps log(AL), log(1 - AL),
    Y/AL and (1-Y)/(1-AL) finite, and changes no value that lies inside the interval.
    """
    eps = np.finfo(AL.dtype).eps
    return np.minimum(np.maximum(AL, eps), 1 - eps)  # np.clip, without its wrapper's microseconds
