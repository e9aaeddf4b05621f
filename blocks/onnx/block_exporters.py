"""The built-in blocks in ONNX, in eval mode (as ``model.predict`` runs them), on X laid out batch first.

Each ``f(block, graph, X) -> A`` is what the block's ``forward`` computes, with npblocks' ``(n, m)`` arrays
seen as ``(m, n)``: a Layer's ``Z = W A_prev + b`` becomes ``Z^T = X W^T + b^T``, a Gemm with transB; an
``(n, 1)`` column of per-row values becomes a row of n values broadcast over the batch.
"""
from __future__ import annotations

import numpy as np


def sequential(block, graph, X):
    """A^[l] = block_l(A^[l-1]), through ``children()``."""
    A = X
    for child in block.children():
        A = graph.export(child, A)
    return A


def layer(block, graph, X):
    """Z = X W^T + b^T (Gemm, transB=1), A = g(Z)."""
    W, b = graph.constant(block.W, "W"), graph.constant(block.b.reshape(-1), "b")
    Z = graph.node("Gemm", [X, W, b], transB=1, hint="Z")
    return graph.export(block.activation, Z)


def dropout(block, graph, X):
    """The identity: eval mode."""
    return X


def residual(block, graph, X):
    """A = X + F(X)."""
    return graph.node("Add", [X, graph.export(block.block, X)], hint="A")


def batchnorm(block, graph, X):
    """Eval mode: Z_norm = (X - running_mean) inv_std with inv_std = 1/sqrt(running_var + eps) computed as
    BatchNorm.forward does, A = g(gamma Z_norm + beta)."""
    inv_std = 1 / np.sqrt(block.running_var + block.eps)
    centred = graph.node("Sub", [X, _per_row(graph, X, block.running_mean, "running_mean")], hint="centred")
    Z_norm = graph.node("Mul", [centred, _per_row(graph, X, inv_std, "inv_std")], hint="Z_norm")
    scaled = graph.node("Mul", [_per_row(graph, X, block.gamma, "gamma"), Z_norm], hint="gamma_Z_norm")
    Z_tilde = graph.node("Add", [scaled, _per_row(graph, X, block.beta, "beta")], hint="Z_tilde")
    return graph.export(block.activation, Z_tilde)


def standardize(block, graph, X):
    """A = (X - mean) / std, or with ``inverse`` A = X std + mean."""
    mean, std = _per_row(graph, X, block.mean, "mean"), _per_row(graph, X, block.std, "std")
    if block.inverse:
        return graph.node("Add", [graph.node("Mul", [X, std], hint="X_std"), mean], hint="A")
    return graph.node("Div", [graph.node("Sub", [X, mean], hint="centred"), std], hint="A")


def layernorm(block, graph, X):
    """mu, var over each sample's n values (the last axis), Z_norm = (X - mu) / sqrt(var + eps),
    A = gamma Z_norm + beta: the composition, exact in both dtypes (the LayerNormalization operator's
    epsilon is a float32 attribute)."""
    mu = _mean_of_last_axis(graph, X, "mu")
    centred = graph.node("Sub", [X, mu], hint="centred")
    var = _mean_of_last_axis(graph, graph.node("Mul", [centred, centred], hint="squared"), "var")
    std = graph.node("Sqrt", [graph.node("Add", [var, graph.constant(block.eps, "eps")], hint="var_eps")], hint="std")
    Z_norm = graph.node("Mul", [centred, graph.node("Reciprocal", [std], hint="inv_std")], hint="Z_norm")
    scaled = graph.node("Mul", [_per_row(graph, X, block.gamma, "gamma"), Z_norm], hint="gamma_Z_norm")
    return graph.node("Add", [scaled, _per_row(graph, X, block.beta, "beta")], hint="A")


def _mean_of_last_axis(graph, X, hint):
    """ReduceMean over axis -1, keeping it: the axes are an attribute before opset 18, an input from 18 on."""
    if graph.opset < 18:
        return graph.node("ReduceMean", [X], axes=[-1], keepdims=1, hint=hint)
    axes = graph.initializer(np.array([-1], dtype=np.int64), "axes")
    return graph.node("ReduceMean", [X, axes], keepdims=1, hint=hint)


def _per_row(graph, X, column, hint):
    """A constant holding an (n, 1) column of per-row values, shaped to broadcast along axis 1 of the
    batch-first X: a row of n values for columns (batch, n), (n_C, 1, 1) for images (batch, n_C, n_H, n_W)."""
    shape = graph.shape(X)
    if shape is None:
        raise ValueError(f"cannot export {graph.place}: the shape of its input is unknown, so its per-row values "
                         "cannot be laid out for columns or images; a hook that made the input tensor gives its "
                         "shape: graph.export(child, X, shape=(n, \"m\"))")
    return graph.constant(np.asarray(column).reshape((-1,) + (1,) * (len(shape) - 2)), hint)
