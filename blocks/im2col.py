"""Array work below the convolution and pooling math: padding, im2col, col2im, window max and sum.

Images are (n_C, n_H, n_W, m). ``im2col`` gathers every f_H x f_W window of the padded input into one
column per output pixel and sample, so that a convolution is a single matrix product:

    columns[(c', p, q), (h, w, i)] = A_pad[c', h*s_H + p, w*s_W + q, i]        (K, n_H*n_W*m), K = n_C_prev*f_H*f_W
    Z.reshape(n_C, -1) = W.reshape(n_C, K) @ columns + b

``col2im`` is its adjoint: it adds each column entry back to the pixel it came from (windows overlap when
the stride is smaller than the kernel), which is how dA_prev = W^T dZ returns to image form. The only
Python loops are over the f_H * f_W offsets (p, q) of a window, never over samples or output pixels.
"""
from __future__ import annotations

import numpy as np


def pad(A, pads):
    """A with ``pads = ((top, bottom), (left, right))`` zeros around n_H and n_W (A itself when none)."""
    (top, bottom), (left, right) = pads
    if not (top or bottom or left or right):
        return A
    n_C, n_H, n_W, m = A.shape
    A_pad = np.zeros((n_C, top + n_H + bottom, left + n_W + right, m), dtype=A.dtype)
    A_pad[:, top:top + n_H, left:left + n_W] = A
    return A_pad


def unpad(A_pad, pads):
    """The inverse of ``pad``: the interior of A_pad (a view)."""
    (top, bottom), (left, right) = pads
    n_H, n_W = A_pad.shape[1] - top - bottom, A_pad.shape[2] - left - right
    return A_pad[:, top:top + n_H, left:left + n_W]


def window(A_pad, p, q, stride, out_size):
    """The view A_pad[:, h*s_H + p, w*s_W + q, :] over all output pixels (h, w): offset (p, q) of every window."""
    (s_H, s_W), (n_H, n_W) = stride, out_size
    return A_pad[:, p:p + s_H * (n_H - 1) + 1:s_H, q:q + s_W * (n_W - 1) + 1:s_W]


def im2col(A_pad, f, stride, out_size):
    """columns (n_C_prev*f_H*f_W, n_H*n_W*m): row (c', p, q), column (h, w, i) holds A_pad[c', h*s_H+p, w*s_W+q, i]."""
    n_C_prev, m = A_pad.shape[0], A_pad.shape[3]
    (f_H, f_W), (n_H, n_W) = f, out_size
    columns = np.empty((n_C_prev, f_H, f_W, n_H, n_W, m), dtype=A_pad.dtype)
    for p in range(f_H):
        for q in range(f_W):
            columns[:, p, q] = window(A_pad, p, q, stride, out_size)
    return columns.reshape(n_C_prev * f_H * f_W, n_H * n_W * m)


def col2im(dcolumns, padded_shape, f, stride, out_size):
    """dA_pad (padded_shape): every entry of dcolumns (K, n_H*n_W*m) added to the pixel im2col took it from."""
    n_C_prev, m = padded_shape[0], padded_shape[3]
    (f_H, f_W), (n_H, n_W) = f, out_size
    dcolumns = dcolumns.reshape(n_C_prev, f_H, f_W, n_H, n_W, m)
    dA_pad = np.zeros(padded_shape, dtype=dcolumns.dtype)
    for p in range(f_H):
        for q in range(f_W):
            window(dA_pad, p, q, stride, out_size)[...] += dcolumns[:, p, q]
    return dA_pad


def window_max(A_prev, f, stride, out_size):
    """A: each window's maximum, one np.maximum per offset (n_C, n_H, n_W, m)."""
    A = window(A_prev, 0, 0, stride, out_size).copy()
    for offset in range(1, f[0] * f[1]):
        np.maximum(A, window(A_prev, *divmod(offset, f[1]), stride, out_size), out=A)
    return A


def max_scatter(dA, A_prev, A, f, stride, out_size):
    """dA_prev (A_prev's shape): each window's dA sent to the pixel of its first maximum in row-major order
    (the first offset whose pixel equals A), zero elsewhere. Finding the maxima here rather than recording their
    offsets in forward made a pooling's forward ten times faster and its backward half again slower: the
    LeNet-5-like training step 12% faster (measured), prediction more, and nothing kept but A."""
    dA_prev = np.zeros(A_prev.shape, dtype=dA.dtype)
    free = np.ones(A.shape, dtype=bool)  # windows whose maximum is not found yet
    for offset in range(f[0] * f[1]):
        p, q = divmod(offset, f[1])
        hit = window(A_prev, p, q, stride, out_size) == A
        hit &= free
        free &= ~hit
        window(dA_prev, p, q, stride, out_size)[...] += dA * hit
    return dA_prev


def window_sum(A_prev, f, stride, out_size):
    """Each window's sum over its f_H * f_W pixels, (n_C, n_H, n_W, m)."""
    A = window(A_prev, 0, 0, stride, out_size).copy()
    for offset in range(1, f[0] * f[1]):
        A += window(A_prev, *divmod(offset, f[1]), stride, out_size)
    return A


def spread(dA, prev_shape, f, stride, out_size):
    """dA_prev (prev_shape): each window's dA added to every pixel of the window (the adjoint of window_sum)."""
    dA_prev = np.zeros(prev_shape, dtype=dA.dtype)
    for offset in range(f[0] * f[1]):
        window(dA_prev, *divmod(offset, f[1]), stride, out_size)[...] += dA
    return dA_prev
