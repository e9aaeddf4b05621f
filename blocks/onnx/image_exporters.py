"""Convolution, pooling and Flatten in ONNX, on images laid out batch first: (batch, n_C, n_H, n_W).

npblocks' images are ``(n_C, n_H, n_W, m)``; the graph takes them transposed by ``(3, 0, 1, 2)``, which is
ONNX's own NCHW layout, so each block is one ONNX operator with the same geometry.
"""
from __future__ import annotations


def conv2d(block, graph, X):
    """Z = Conv(X, W, b) with W (n_C, n_C_prev, f_H, f_W) as npblocks keeps it (ONNX's Conv is the same
    cross-correlation), the strides and the zeros padded on each side; A = g(Z)."""
    (top, bottom), (left, right) = block.pads
    W, b = graph.constant(block.W, "W"), graph.constant(block.b.reshape(-1), "b")
    Z = graph.node("Conv", [X, W, b], kernel_shape=list(block.kernel), strides=list(block.strides),
                   pads=[top, left, bottom, right], hint="Z")
    return graph.export(block.activation, Z)


def maxpool2d(block, graph, X):
    """A = the maximum of each f_H x f_W window, no padding."""
    return graph.node("MaxPool", [X], kernel_shape=list(block.kernel), strides=list(block.strides), hint="A")


def avgpool2d(block, graph, X):
    """A = the mean of each f_H x f_W window, no padding."""
    return graph.node("AveragePool", [X], kernel_shape=list(block.kernel), strides=list(block.strides), hint="A")


def flatten(block, graph, X):
    """(batch, n_C, n_H, n_W) -> (batch, n_C n_H n_W), in C order of (c, h, w): npblocks' row (c n_H + h) n_W + w."""
    return graph.node("Flatten", [X], axis=1, hint="A")
