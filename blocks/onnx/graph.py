"""The ONNX graph under construction: what every block's exporter, and a user's ``export_onnx`` hook, writes to."""
from __future__ import annotations

import numpy as np

from ..activation import Activation
from .exporters import exporter_for


class Graph:
    """An ONNX graph being built, one block after another; a block's exporter adds its forward pass to it.

    Tensors are named by strings and laid out **batch first**, as ONNX runtimes expect: a block's input ``X``
    and its output are ``(batch, n)`` for columns (npblocks' ``(n, m)`` transposed) and ``(batch, n_C, n_H, n_W)``
    for images (npblocks' ``(n_C, n_H, n_W, m)`` transposed by ``(3, 0, 1, 2)``). A bias ``b (n, 1)`` is
    therefore added as a row: give the graph ``b.reshape(-1)``.

    The builder's whole API, for a block's own hook ``export_onnx(self, graph, X) -> A`` (an Activation's is
    ``export_onnx(self, graph, Z) -> A``): it receives the name of its input tensor and returns the name of
    its output tensor, built with

    - ``graph.node(op_type, inputs, *, hint=None, outputs=1, **attributes) -> name`` (a tuple of names when
      ``outputs > 1``): one ONNX operator of the default domain, e.g. ``graph.node("Gemm", [X, W, b], transB=1)``;
      ``inputs`` are tensor names ("" for an omitted optional input), ``attributes`` the operator's;
    - ``graph.constant(value, hint="c") -> name``: an initializer holding ``value`` in the model's dtype
      (weights, biases, scalars such as an alpha);
    - ``graph.initializer(array, hint) -> name``: an initializer holding ``array`` exactly as given (int64
      shapes and axes, say);
    - ``graph.export(child, X, shape=None) -> name``: a child block's (or an Activation's) forward pass, for a
      container; ``shape`` is npblocks' shape of ``X`` when ``X`` is a tensor the hook made itself;
    - ``graph.name(hint) -> name``: a fresh tensor name, unused so far;
    - ``graph.shape(X)``: npblocks' shape of a block's input (or output) tensor, samples last, such as
      ``(6, None, None, "m")`` for images whose size is known only when data flows (None inside a block's
      own nodes); an image's per-channel values broadcast batch first as ``(n_C, 1, 1)``;
    - ``graph.dtype`` (the model's numpy dtype, float32 or float64), ``graph.opset`` (the default domain's
      opset version) and ``graph.place`` (where the block being exported stands, e.g. ``"block 1.0"``).

    Names are prefixed with the block's place (``"1.0/Z"``), so the graph reads like ``model.summary()``.

    Shapes (batch first, the transpose of npblocks' arrays):
        X, A: (batch, n) for columns, (batch, n_C, n_H, n_W) for images
        W of a Layer: (n_out, n_in) as in npblocks (Gemm with transB=1 gives X W^T)      b: (n_out,)
        per-row (per-channel) values such as BatchNorm's: (n,) for columns, (n_C, 1, 1) for images
    """

    def __init__(self, onnx, model, dtype, opset: int, X: str = "X", X_shape=None):
        self._onnx = onnx
        self.dtype = np.dtype(dtype)
        self.opset = opset
        self.nodes, self.initializers = [], []
        self._names, self._node_names = {X}, set()
        self._shapes = {X: X_shape}
        self._stack = [("", model)]

    @property
    def place(self) -> str:
        """Where the block being exported stands: ``"block 1.0"`` (block 0 of block 1), or ``"the model"``."""
        place = self._stack[-1][0]
        return f"block {place}" if place else "the model"

    def name(self, hint: str) -> str:
        """A tensor name not used so far: ``hint`` under the current block's place, numbered if taken."""
        return _fresh(self._names, self._stack[-1][0], hint)

    def node(self, op_type: str, inputs, /, *, hint: str | None = None, outputs: int = 1, **attributes):
        """Add one operator; returns the name of its output (a tuple of names when ``outputs > 1``)."""
        for name in inputs:
            if name and name not in self._names:
                raise ValueError(f"{self.place}: the {op_type} node takes the tensor {name!r}, which no node, "
                                 "initializer or input of the graph gives")
        names = tuple(self.name(hint or op_type) for _ in range(outputs))
        node_name = _fresh(self._node_names, self._stack[-1][0], op_type)
        self.nodes.append(self._onnx.helper.make_node(op_type, list(inputs), list(names), name=node_name,
                                                      **attributes))
        return names[0] if outputs == 1 else names

    def initializer(self, array, hint: str) -> str:
        """Add ``array`` as an initializer (a constant tensor of the graph) exactly as given; returns its name."""
        name = self.name(hint)
        self.initializers.append(self._onnx.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def constant(self, value, hint: str = "c") -> str:
        """Add ``value`` (a number or an array) as an initializer in the model's dtype; returns its name."""
        return self.initializer(np.asarray(value, dtype=self.dtype), hint)

    def export(self, child, X: str, shape=None) -> str:
        """Add the forward pass of ``child`` (a Block or an Activation) on the tensor ``X``; returns its output.

        The child's exporter is its own ``export_onnx`` hook if it has one, else npblocks' for a built-in
        block or activation; anything else is a TypeError naming its place. ``shape``: npblocks' shape of
        ``X`` (samples last), for a tensor whose shape the graph does not know (one a hook made)."""
        if shape is not None and self._shapes.get(X) is None:
            self._shapes[X] = tuple(shape)
        if isinstance(child, Activation):
            where = f"the activation {child!r} of {self.place}"
        self._stack.append((self._child_place(child), child))
        try:
            if not isinstance(child, Activation):
                where = f"{self.place} of the model, {describe(child)},"
            A = self._run(child, X, where)
        finally:
            self._stack.pop()
        shape = self._shapes.get(X) if isinstance(child, Activation) else _output_shape(child, self._shapes.get(X))
        if self._shapes.get(A) is None:  # an Identity activation's A is its Z, whose shape the block then tells
            self._shapes[A] = shape
        return A

    def shape(self, X: str):
        """npblocks' shape of the tensor ``X`` (samples last, ``"m"`` for them), if it is a block's input or
        output; None otherwise."""
        return self._shapes.get(X)

    def export_model(self, X: str) -> str:
        """The whole model's forward pass on the graph's input ``X``; returns the name of A^[L]."""
        model = self._stack[0][1]
        return self._run(model, X, f"the model, {describe(model)},")

    def _run(self, block, X, where) -> str:
        A = exporter_for(block, where)(self, X)
        if not isinstance(A, str) or A not in self._names:
            raise TypeError(f"{where} was exported by a function that must return the name (a str) of a "
                            f"tensor of the graph, its output; it returned {A!r}")
        return A

    def _child_place(self, child) -> str:
        """``"1.0"`` for block 0 of block 1; an activation (or a block that is no child) is named by its class."""
        place, parent = self._stack[-1]
        index = None
        if not isinstance(child, Activation):
            index = next((i for i, c in enumerate(parent.children()) if c is child), None)
        if index is None:
            return f"{place}/{type(child).__name__}" if place else type(child).__name__
        return f"{place}.{index}" if place else str(index)


def _output_shape(block, shape):
    """The block's output shape from its input shape, None when it cannot tell."""
    try:
        return block.output_shape(shape)
    except ValueError:
        return None


def describe(block) -> str:
    """The block's repr when it fits on one line, else its class name (a Sequential's repr lists its blocks);
    the class is named too when the repr does not start with it (a subclass that keeps its base's repr)."""
    text, name = repr(block), type(block).__name__
    if "\n" in text or len(text) > 100:
        return name
    return text if text.startswith(name) else f"{text} (a {name})"


def _fresh(taken: set, prefix: str, hint: str) -> str:
    """``prefix/hint`` (or ``hint`` at the top), numbered ``_1``, ``_2``, ... if taken; added to ``taken``."""
    base = f"{prefix}/{hint}" if prefix else hint
    name, k = base, 1
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name
