"""Where the samples are in X and Y: the axis along which fit cuts mini-batches.

Columns ``(n, m)`` and sequences ``(n, m, T_x)`` keep the samples on axis 1, an Embedding's ids ``(m, T_x)``
on axis 0: a model says which through its ``input_shape`` and ``output_shape``, where ``"m"`` stands.
"""
from __future__ import annotations

import numpy as np


def sample_axis(array, shape=None) -> int:
    """The axis of ``array`` that holds the samples: where ``"m"`` stands in ``shape`` (the model's input or
    output shape) when it has as many axes, else axis 1 for (n, m, T_x) and the last axis otherwise."""
    if shape is not None and len(shape) == array.ndim and "m" in shape:
        return shape.index("m")
    return 1 if array.ndim == 3 else array.ndim - 1


def take_samples(array, samples, axis: int) -> np.ndarray:
    """The chosen samples (an index array) of ``array`` along its sample axis: ``X[:, samples]`` for columns."""
    return np.take(array, samples, axis=axis)


def slice_samples(array, samples: slice, axis: int) -> np.ndarray:
    """A slice of the samples of ``array`` along its sample axis, as a view: ``X[:, samples]`` for columns."""
    return array[(slice(None),) * axis + (samples,)]


def model_shapes(model):
    """The model's input and output shapes (None where it cannot tell)."""
    shape = getattr(model, "input_shape", None)
    try:
        out = model.output_shape(shape) if hasattr(model, "output_shape") else None
    except ValueError:
        out = None
    return shape, out
