"""e^x - 1 and log(1 + y) to a few ulps from plain ONNX operators (ONNX has neither expm1 nor log1p).

W. Kahan's device: with u = fl(e^x), ``expm1(x) = (u - 1) x / log(u)`` (x itself where u rounds to 1), and with
u = fl(1 + y), ``log1p(y) = log(u) y / (u - 1)`` (y itself where u rounds to 1): the rounding of u cancels
between the numerator and the denominator (Goldberg, "What every computer scientist should know about
floating-point arithmetic", 1991, Theorem 4). Used where ONNX Runtime has no float64 kernel for the operator
itself (Elu, Softplus), so that a float64 model runs there too and still agrees with NumPy's ``expm1`` and
``log1p``. The branch not taken never divides by zero, so no evaluator warns.
"""
from __future__ import annotations

#: Below it, e^x - 1 rounds to -1 in float64 (e^-40 < 2^-57); clamping keeps e^x away from 0 and log(0).
EXPM1_FLOOR = -40.0


def expm1_nonpositive(graph, X):
    """e^X - 1 for X <= 0 (the caller takes min(Z, 0) first, as ELU does)."""
    x = graph.node("Max", [X, graph.constant(EXPM1_FLOOR, "floor")], hint="x")
    u = graph.node("Exp", [x], hint="u")
    return _kahan(graph, x, u, graph.node("Sub", [u, graph.constant(1.0, "one")], hint="u_minus_1"),
                  graph.node("Log", [u], hint="log_u"), "expm1")


def log1p(graph, Y):
    """log(1 + Y) for Y >= 0 (Softplus takes Y = e^-|Z|)."""
    u = graph.node("Add", [graph.constant(1.0, "one"), Y], hint="u")
    return _kahan(graph, Y, u, graph.node("Log", [u], hint="log_u"),
                  graph.node("Sub", [u, graph.constant(1.0, "one")], hint="u_minus_1"), "log1p")


def _kahan(graph, x, u, numerator, denominator, hint):
    """x where u == 1, else numerator * x / denominator (the denominator replaced by 1 where u == 1)."""
    exact = graph.node("Equal", [u, graph.constant(1.0, "one")], hint="u_is_1")
    safe = graph.node("Where", [exact, graph.constant(1.0, "one"), denominator], hint="denominator")
    ratio = graph.node("Div", [graph.node("Mul", [numerator, x], hint="numerator"), safe], hint="ratio")
    return graph.node("Where", [exact, x, ratio], hint=hint)
