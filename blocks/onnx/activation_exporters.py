"""The built-in activations in ONNX, on Z laid out batch first: ONNX operators, or exact compositions of them.

Each ``f(activation, graph, Z) -> A`` computes what the activation's ``forward`` computes, in the same order
of operations where ONNX allows, so the reference evaluator agrees with ``model.predict`` to rounding.
"""
from __future__ import annotations

import numpy as np

from .accurate import expm1_nonpositive, log1p


def identity(activation, graph, Z):
    """A = Z: no node."""
    return Z


def sigmoid(activation, graph, Z):
    return graph.node("Sigmoid", [Z], hint="A")


def tanh(activation, graph, Z):
    return graph.node("Tanh", [Z], hint="A")


def relu(activation, graph, Z):
    return graph.node("Relu", [Z], hint="A")


def softplus(activation, graph, Z):
    """Softplus in float32; in float64 (which ONNX Runtime's Softplus does not take) NumPy's logaddexp(0, Z):
    A = max(Z, 0) + log1p(e^-|Z|)."""
    if graph.dtype == np.float32:
        return graph.node("Softplus", [Z], hint="A")
    e = graph.node("Exp", [graph.node("Neg", [graph.node("Abs", [Z], hint="abs_Z")], hint="minus_abs_Z")], hint="e")
    positive = graph.node("Max", [Z, graph.constant(0.0, "zero")], hint="max_Z_0")
    return graph.node("Add", [positive, log1p(graph, e)], hint="A")


def softmax(activation, graph, Z):
    """Softmax over npblocks' first axis (each sample's n^[l] values; the channels of images), which is axis 1
    once Z is batch first: the last axis of (batch, n), the channels of (batch, n_C, n_H, n_W)."""
    return graph.node("Softmax", [Z], axis=1, hint="A")


def leaky_relu(activation, graph, Z):
    """LeakyRelu when its alpha attribute (a float32) holds alpha exactly in the model's dtype; otherwise the
    composition A = Where(Z > 0, Z, alpha Z) with alpha a constant in the model's dtype."""
    if _attribute_holds(activation.alpha, graph.dtype):
        return graph.node("LeakyRelu", [Z], alpha=activation.alpha, hint="A")
    positive = graph.node("Greater", [Z, graph.constant(0.0, "zero")], hint="positive")
    scaled = graph.node("Mul", [graph.constant(activation.alpha, "alpha"), Z], hint="alpha_Z")
    return graph.node("Where", [positive, Z, scaled], hint="A")


def elu(activation, graph, Z):
    """Elu in float32; in float64 (which ONNX Runtime's Elu does not take) A = Where(Z > 0, Z, alpha expm1(min(Z, 0)))
    as ELU.forward computes it."""
    if graph.dtype == np.float32:
        return graph.node("Elu", [Z], alpha=activation.alpha, hint="A")
    expm1 = expm1_nonpositive(graph, graph.node("Min", [Z, graph.constant(0.0, "zero")], hint="min_Z_0"))
    positive = graph.node("Greater", [Z, graph.constant(0.0, "zero")], hint="positive")
    scaled = graph.node("Mul", [graph.constant(activation.alpha, "alpha"), expm1], hint="alpha_expm1")
    return graph.node("Where", [positive, Z, scaled], hint="A")


def gelu(activation, graph, Z):
    """A = (0.5 Z) (1 + tanh(C (Z + K Z^3))), the tanh form, as GELU.forward computes it."""
    cube = graph.node("Pow", [Z, graph.constant(3.0, "three")], hint="Z3")
    inner = graph.node("Add", [Z, graph.node("Mul", [graph.constant(activation.K, "K"), cube], hint="K_Z3")],
                       hint="Z_plus_K_Z3")
    u = graph.node("Mul", [graph.constant(activation.C, "C"), inner], hint="u")
    one_plus = graph.node("Add", [graph.constant(1.0, "one"), graph.node("Tanh", [u], hint="tanh_u")],
                          hint="one_plus_tanh_u")
    half_Z = graph.node("Mul", [graph.constant(0.5, "half"), Z], hint="half_Z")
    return graph.node("Mul", [half_Z, one_plus], hint="A")


def silu(activation, graph, Z):
    """A = Z sigmoid(Z)."""
    return graph.node("Mul", [Z, graph.node("Sigmoid", [Z], hint="sigmoid_Z")], hint="A")


def _attribute_holds(value: float, dtype) -> bool:
    """Whether a float attribute (stored as float32) gives the value the model computes with: always in a
    float32 model (which rounds alpha to float32 too), in a float64 one only if float32 holds it exactly."""
    return np.dtype(dtype) == np.float32 or float(np.float32(value)) == value
