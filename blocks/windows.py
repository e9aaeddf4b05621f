"""The geometry of sliding windows over images (n_C, n_H, n_W, m): kernel, stride and padding as pairs,
the output size ``n_H = floor((n_H_prev + p_top + p_bottom - f_H) / s_H) + 1``, and the errors users meet.

Shared by Conv2D and the pooling blocks; the array work lives in ``blocks.im2col``.
"""
from __future__ import annotations

import numbers

import numpy as np

from .shapes import format_shape, layout


def pair(name: str, value) -> tuple[int, int]:
    """An int or a pair of ints (H, W), each >= 1, as the pair (value_H, value_W)."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(items) != 2 or any(isinstance(v, bool) or not isinstance(v, numbers.Integral) for v in items):
        raise TypeError(f"{name} must be a positive int or a pair of them (H, W). Received: {name}={value!r}")
    if min(items) < 1:
        raise ValueError(f"{name} must be a positive int or a pair of them (H, W). Received: {name}={value!r}")
    return int(items[0]), int(items[1])


def plain(value):
    """How a checked size is kept (and saved): an int stays an int, a pair becomes a tuple."""
    return tuple(int(v) for v in value) if isinstance(value, (tuple, list)) else value


def paddings(padding, f, stride) -> tuple[tuple[int, int], tuple[int, int]]:
    """((top, bottom), (left, right)) zeros for ``padding``: an int, a pair (p_H, p_W), or ``"same"``.

    ``"same"`` keeps n_H and n_W at stride 1: f - 1 zeros per axis, the extra one of an even f at the
    bottom and right (as PyTorch and Keras do). With a larger stride it is an error: the size could not be kept.
    """
    if isinstance(padding, str):
        if padding != "same":
            raise ValueError(f'padding must be an int >= 0, a pair of them (p_H, p_W), or "same". '
                             f"Received: padding={padding!r}")
        if stride != (1, 1):
            raise ValueError(f'padding="same" keeps n_H and n_W only at stride 1; got stride={stride}: '
                             f"give the padding as an int or a pair instead, e.g. padding={(f[0] - 1) // 2}")
        return tuple((total // 2, total - total // 2) for total in (f[0] - 1, f[1] - 1))
    items = tuple(padding) if isinstance(padding, (tuple, list)) else (padding, padding)
    if len(items) != 2 or any(isinstance(v, bool) or not isinstance(v, numbers.Integral) for v in items):
        raise TypeError(f'padding must be an int >= 0, a pair of them (p_H, p_W), or "same". '
                        f"Received: padding={padding!r}")
    if min(items) < 0:
        raise ValueError(f'padding must be an int >= 0, a pair of them (p_H, p_W), or "same". '
                         f"Received: padding={padding!r}")
    return (int(items[0]), int(items[0])), (int(items[1]), int(items[1]))


def output_size(who, size_prev, f, stride, pads) -> tuple:
    """(n_H, n_W) from (n_H_prev, n_W_prev) (None where unknown), or a ValueError when the kernel does not fit."""
    out = []
    for axis, n_prev, f_a, s_a, (low, high) in zip("HW", size_prev, f, stride, pads, strict=True):
        if n_prev is None:
            out.append(None)
            continue
        padded = n_prev + low + high
        if padded < f_a:
            where = f"the input's n_{axis}_prev = {n_prev}" + (f", padded to {padded}," if low or high else "")
            raise ValueError(
                f"{who!r}: its kernel f_{axis} = {f_a} is larger than {where} so no window fits; "
                f"use a smaller f or more padding, or take out a pooling before it"
            )
        out.append((padded - f_a) // s_a + 1)
    return tuple(out)


def image_shape(who, shape, n_C_prev=None):
    """A ValueError unless ``shape`` is images (n_C, n_H, n_W, "m") with n_C_prev channels (when given)."""
    if len(shape) != 4 or shape[-1] != "m":
        fix = ("; a Layer gives columns: a Conv2D or a pooling goes before the Flatten and the Layers"
               if len(shape) == 2 else "")
        expected = "(n_C_prev, n_H_prev, n_W_prev, m)" if n_C_prev is None else f"({n_C_prev}, n_H_prev, n_W_prev, m)"
        raise ValueError(f"{who!r} expects images {expected}; the block before it gives {layout(shape)} "
                         f"{format_shape(shape)}{fix}")
    if n_C_prev is not None and shape[0] is not None and shape[0] != n_C_prev:
        raise ValueError(f"{who!r} expects A_prev with n_C_prev = {n_C_prev} channels, ({n_C_prev}, n_H, n_W, m); "
                         f"the block before it gives {shape[0]} channels, {format_shape(shape)}")


def images(name, array, who, n_C_prev=None) -> np.ndarray:
    """A ValueError unless ``array`` is a batch of images (n_C_prev, n_H, n_W, m), samples last; it says how to
    move the samples to the last axis when they look first."""
    if array.ndim != 4:
        one = f". For one image use {name}[..., None], shape {(*array.shape, 1)}" if array.ndim == 3 else ""
        expected = "n_C_prev" if n_C_prev is None else n_C_prev
        raise ValueError(f"{who!r} expects {name} of shape ({expected}, n_H_prev, n_W_prev, m), images with the "
                         f"samples last; got a {array.ndim}-D array of shape {array.shape}{one}")
    if n_C_prev is not None and array.shape[0] != n_C_prev:
        raise ValueError(f"{who!r} expects {name} with n_C_prev = {n_C_prev} channels, shape ({n_C_prev}, n_H_prev, "
                         f"n_W_prev, m); got shape {array.shape}{samples_first_hint(name, array.shape, n_C_prev)}")
    return array


def samples_first_hint(name, shape, n_C=None) -> str:
    """How to fix an image batch whose samples come first: ``(m, n_H, n_W, n_C)`` (Keras, TensorFlow) becomes
    ``X.transpose(3, 1, 2, 0)`` and ``(m, n_C, n_H, n_W)`` (PyTorch) ``np.moveaxis(X, 0, -1)``. Empty when the
    shape does not look like either."""
    if len(shape) != 4:
        return ""
    moved = (shape[3], shape[1], shape[2], shape[0])
    if n_C is not None and shape[3] == n_C or n_C is None and shape[3] <= 4 < shape[0]:
        return (f". It looks like the samples-first layout (m, n_H, n_W, n_C) = {tuple(shape)}: images are "
                f"(n_C, n_H, n_W, m) here, samples last; pass {name}.transpose(3, 1, 2, 0), of shape {moved}")
    if n_C is not None and shape[1] == n_C or n_C is None and shape[1] <= 4 < shape[0]:
        return (f". It looks like the samples-first layout (m, n_C, n_H, n_W) = {tuple(shape)}: images are "
                f"(n_C, n_H, n_W, m) here, samples last; pass np.moveaxis({name}, 0, -1), of shape "
                f"{(*shape[1:], shape[0])}")
    return ""
