"""Inverted dropout, as in the course: units kept with probability keep_prob and scaled by 1/keep_prob."""
from __future__ import annotations

import numpy as np

from .block import Block
from .checks import check_hyper, numeric_array
from .init import as_generator


class Dropout(Block):
    """Training: D = rng.random(A_prev.shape) < keep_prob, A = A_prev * D / keep_prob; dA_prev = dA * D / keep_prob.

    Give ``keep_prob`` (the course's: the probability of keeping a unit) or ``rate`` (PyTorch's and Keras's:
    the probability of dropping one, ``keep_prob = 1 - rate``), by name: ``Dropout(0.2)`` is refused, since
    it means opposite things in the two conventions.

    The mask D drawn in ``forward`` is the one ``backward`` uses. Dividing by keep_prob keeps the expected
    value of every unit unchanged, so eval mode (``model.eval()``, ``predict``) is the identity, as is
    ``keep_prob=1``. No parameters; ``rng`` (a seed or a ``numpy.random.Generator``) is the block's own,
    so a model built with seeds drops the same units on every run. A is in A_prev's dtype.

    To reproduce other code's masks exactly: ``rng`` may be a legacy ``numpy.random.RandomState``, whose
    ``rand`` the course calls (``np.random.seed(1)`` then ``D = np.random.rand(n, m) < keep_prob`` is
    ``Dropout(keep_prob=..., rng=np.random.RandomState(1))``; share one RandomState between the Dropouts to
    draw in the course's order), or ``mask`` may be a function ``mask(shape) -> D`` (0/1 or bool) called
    instead. Neither is saved with the model: only ``keep_prob`` (or ``rate``) is its architecture.

    Shapes:
        A_prev, A, dA, dA_prev, D: (n^[l], m)
    """

    def __init__(self, *args, keep_prob=None, rate=None, rng=None, mask=None):
        if args or (keep_prob is None) == (rate is None):
            raise TypeError(_by_name(args, keep_prob, rate))
        self.rate = None if rate is None else _probability("rate", rate, high_open=True)
        self.keep_prob = 1.0 - self.rate if rate is not None else _probability("keep_prob", keep_prob, low_open=True)
        self.rng = rng if isinstance(rng, np.random.RandomState) else as_generator(rng)
        if mask is not None and not callable(mask):
            raise TypeError(f"mask must be a function mask(shape) -> D of 0s and 1s, or None. Received: mask={mask!r}")
        self.mask = mask
        self.D = None
        self._shape = None  # the shape of the last forward's A, which backward's dA must have

    def forward(self, A_prev):
        """A = A_prev * D / keep_prob in training mode (a new D each call); A = A_prev in eval mode."""
        A_prev = _matrix("A_prev", A_prev, self)
        self._shape = A_prev.shape
        if not self.training or self.keep_prob == 1.0:
            self.D = None
            return A_prev
        self.D = self._draw(A_prev.shape)
        return A_prev * self.D / self.keep_prob

    def _draw(self, shape):
        """The mask D: from the ``mask`` hook, a RandomState's ``rand`` (the course's), or the Generator."""
        if self.mask is None:
            uniform = self.rng.rand(*shape) if isinstance(self.rng, np.random.RandomState) else self.rng.random(shape)
            return uniform < self.keep_prob
        D = np.asarray(self.mask(shape))
        if D.shape != shape or D.dtype.kind not in "biuf" or not np.isin(D, (0, 1)).all():
            raise ValueError(f"{self!r}: mask(shape) must return 0s and 1s of shape {shape}; got "
                             f"{D.dtype} of shape {D.shape}")
        return D.astype(bool)

    def backward(self, dA, *, need_dA_prev=True):
        """dA_prev = dA * D / keep_prob with the D of the last forward (dA itself if that was the identity);
        None when not ``need_dA_prev`` (a Dropout holds no parameters, so nothing else to compute)."""
        if self._shape is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = _matrix("dA", dA, self)
        if dA.shape != self._shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self._shape}; got {dA.shape}")
        if not need_dA_prev:
            return None
        if self.D is None:
            return dA
        return dA * self.D / self.keep_prob

    def get_config(self) -> dict:
        """``{"keep_prob": ...}`` or ``{"rate": ...}``, as given: plain data; rng and mask are not architecture."""
        return {"keep_prob": self.keep_prob} if self.rate is None else {"rate": self.rate}


def _by_name(args, keep_prob, rate) -> str:
    """The message for a Dropout given a bare number, or neither or both of keep_prob and rate."""
    received = f"Dropout({', '.join(map(repr, args))})" if args else f"keep_prob={keep_prob!r}, rate={rate!r}"
    return ("Dropout takes exactly one of keep_prob= (the course's: the probability of keeping a unit) or rate= "
            "(PyTorch's and Keras's: the probability of dropping one), by name, since Dropout(0.2) means "
            f"opposite things in the two; e.g. Dropout(keep_prob=0.8) or Dropout(rate=0.2). Received: {received}")


def _probability(name, value, **bounds):
    return check_hyper(name, value, low=0.0, high=1.0, **bounds)


def _matrix(name, value, who):
    """A float array of any shape with the samples last, (n^[l], m) or images (n_C, n_H, n_W, m) (bool and int
    arrays become float64), or a clear error."""
    fast = type(value) is np.ndarray and value.dtype.kind == "f"
    array = value if fast else numeric_array(name, value, who=who)
    if array.dtype.kind != "f":
        array = array.astype(np.float64)
    if array.ndim < 2:
        raise ValueError(f"{who!r} expects {name} of shape (n^[l], m), samples as columns (or images (n_C, n_H, n_W, "
                         f"m)); got shape {array.shape}")
    return array
