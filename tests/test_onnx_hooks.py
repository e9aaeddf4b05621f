"""Blocks npblocks cannot export are named; a user's block exports itself through its export_onnx hook."""
import numpy as np
import pytest

import blocks.onnx
from blocks import LSTM, RNN, Activation, BatchNorm, Block, Embedding, Identity, Layer, ReLU, Sequential, Sigmoid
from tests.custom_blocks import Shift
from tests.onnx_helpers import assert_exports


class Scale(Block):
    """A = k A_prev, with its ONNX form: a Mul by the constant k in the model's dtype.

    Shapes:
        A_prev, A, dA, dA_prev: (n, m)
    """

    def __init__(self, n, k):
        self.n_in = self.n_out = self.n = n
        self.k = k

    def forward(self, A_prev):
        return self.k * A_prev

    def backward(self, dA, *, need_dA_prev=True):
        return self.k * dA if need_dA_prev else None

    def export_onnx(self, graph, X):
        return graph.node("Mul", [X, graph.constant(self.k, "k")], hint="A")


class Twice(Block):
    """A user's container: A = F(F'(A_prev)) with two children, exported by recursing through graph.export.

    Shapes:
        A_prev: (n_in, m)      A: (n_out, m)
    """

    def __init__(self, first, second):
        self.first, self.second = first, second

    def children(self):
        return [self.first, self.second]

    @property
    def input_shape(self):
        return self.first.input_shape

    def output_shape(self, shape):
        return self.second.output_shape(self.first.output_shape(shape))

    def forward(self, A_prev):
        return self.second.forward(self.first.forward(A_prev))

    def backward(self, dA, *, need_dA_prev=True):
        return self.first.backward(self.second.backward(dA), need_dA_prev=need_dA_prev)

    def export_onnx(self, graph, X):
        return graph.export(self.second, graph.export(self.first, X))


class Softsign(Activation):
    """A = Z / (1 + |Z|); g'(Z) = 1 / (1 + |Z|)^2; ONNX has it as an operator."""

    def forward(self, Z):
        return Z / (1 + np.abs(Z))

    def derivative(self, Z, A):
        return 1 / (1 + np.abs(Z)) ** 2

    def export_onnx(self, graph, Z):
        return graph.node("Softsign", [Z], hint="A")


class Cube(Activation):
    """A = Z^3; g'(Z) = 3 Z^2 (no ONNX hook)."""

    def forward(self, Z):
        return Z**3

    def derivative(self, Z, A):
        return 3 * Z**2


class Recorder(Scale):
    """Scale whose hook notes the shape graph.shape gives for its input."""

    def export_onnx(self, graph, X):
        self.seen = graph.shape(X)
        return super().export_onnx(graph, X)


class Passthrough(Scale):
    """Scale by 1, whose hook returns its input unchanged: the graph's output is then its input."""

    def export_onnx(self, graph, X):
        return X


class SlowLayer(Layer):
    """A Layer subclass that keeps Layer.forward: exported as a Layer."""


class ClippedLayer(Layer):
    """A Layer subclass with its own forward: npblocks cannot know its ONNX form."""

    def forward(self, A_prev):
        return np.clip(super().forward(A_prev), -1, 1)


def X(n=3, m=5, seed=0):
    return np.random.default_rng(seed).normal(size=(n, m))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_users_blocks_and_activation_export_through_their_hooks(dtype):
    model = Sequential(Layer(3, 4, activation=Softsign(), rng=0, dtype=dtype), Scale(4, 0.3),
                       Twice(Layer(4, 4, activation=ReLU(), rng=1, dtype=dtype), Scale(4, -2.0)),
                       Layer(4, 2, activation=Sigmoid(), rng=2, dtype=dtype))
    proto = assert_exports(model, X().astype(dtype))
    names = {node.name for node in proto.graph.node}
    assert {"0/Softsign/Softsign", "1/Mul", "2.0/Gemm", "2.1/Mul"} <= names


def test_a_hook_that_returns_its_input_gives_an_identity_output():
    proto = assert_exports(Sequential(Passthrough(3, 1.0)), X())
    assert [(n.op_type, list(n.input), list(n.output)) for n in proto.graph.node] == [("Identity", ["X"], ["AL"])]


def test_a_subclass_that_keeps_the_built_in_forward_exports_as_the_built_in():
    assert_exports(Sequential(SlowLayer(3, 2, activation=Sigmoid(), rng=0)), X())


@pytest.mark.parametrize("model, match", [
    (Sequential(Layer(3, 3, rng=0), Sequential(Shift(3), Layer(3, 1))),
     r"cannot export block 1\.0 of the model, Shift\(n=3, momentum=0\.9, dtype=dtype\('float64'\)\), to ONNX: Shift "
     r"is none of the built-in blocks and activations npblocks can export\. Give Shift a method "
     r"export_onnx\(self, graph, X\) -> A that adds its forward pass to the graph"),
    (Sequential(Layer(3, 2, activation=Cube())),
     r"cannot export the activation Cube\(\) of block 0 to ONNX: Cube is none of the built-in .* Give Cube a method "
     r"export_onnx\(self, graph, Z\) -> A"),
    (Sequential(Layer(3, 3), ClippedLayer(3, 3)),
     r"cannot export block 1 of the model, Layer\(3, 3, activation=Identity\(\)\) \(a ClippedLayer\), to ONNX: "
     r"it overrides the forward of the built-in Layer, so npblocks cannot know its ONNX form"),
    (Shift(3), r"cannot export the model, Shift\(n=3.*\), to ONNX: Shift is none of the built-in"),
])
def test_a_block_without_an_onnx_form_is_named(model, match):
    with pytest.raises(TypeError, match=match):
        blocks.onnx.to_onnx(model)


class ReturnsNothing(Scale):
    def export_onnx(self, graph, X):
        graph.node("Mul", [X, graph.constant(self.k)])


class UsesAMissingTensor(Scale):
    def export_onnx(self, graph, X):
        return graph.node("Mul", [X, "k"])


class BuildsAWrongGraph(Scale):
    def export_onnx(self, graph, X):
        return graph.node("MatMul", [X, graph.constant(np.ones((self.n + 1, 2)), "W")])


@pytest.mark.parametrize("block, error, match", [
    (ReturnsNothing(3, 2.0), TypeError, r"block 1 of the model, ReturnsNothing\(n=3, k=2\.0\), was exported by a "
                                        r"function that must return the name \(a str\) of a tensor of the graph, its "
                                        r"output; it returned None"),
    (UsesAMissingTensor(3, 2.0), ValueError, r"block 1: the Mul node takes the tensor 'k', which no node, initializer "
                                             r"or input of the graph gives"),
    (BuildsAWrongGraph(3, 2.0), ValueError, r"the ONNX graph built from the model does not pass onnx.checker \(a "
                                            r"block's export_onnx hook may have built it wrong\)"),
])
def test_a_hook_that_builds_a_wrong_graph_is_an_error(block, error, match):
    with pytest.raises(error, match=match):
        blocks.onnx.to_onnx(Sequential(Layer(3, 3, activation=Identity()), block))


def test_the_graph_documents_its_api():
    doc = blocks.onnx.Graph.__doc__
    for method in ("graph.node(", "graph.constant(", "graph.initializer(", "graph.export(", "graph.name(",
                   "graph.dtype", "graph.opset", "graph.place", "export_onnx(self, graph, X) -> A"):
        assert method in doc


def test_a_hook_reads_the_shape_of_its_input():
    recorder = Recorder(4, 2.0)
    assert_exports(Sequential(Layer(3, 4, rng=0), Twice(Recorder(4, 1.0), recorder)), X())
    assert recorder.seen == (4, "m")


class Sequences(Scale):
    """Scale on sequences (n_x, m, T_x)."""

    @property
    def input_shape(self):
        return (self.n, "m", None)

    def output_shape(self, shape):
        return shape


class NormOfScaled(Block):
    """A = BatchNorm(2 A_prev): a container whose hook hands its child a tensor of its own making.

    Shapes:
        A_prev, A: (n, m)
    """

    def __init__(self, n):
        self.n_in = self.n_out = self.n = n
        self.norm = BatchNorm(n)

    def children(self):
        return [self.norm]

    def forward(self, A_prev):
        return self.norm.forward(2 * A_prev)

    def backward(self, dA, *, need_dA_prev=True):
        return 2 * self.norm.backward(dA, need_dA_prev=need_dA_prev)

    def export_onnx(self, graph, X):
        return graph.export(self.norm, graph.node("Mul", [X, graph.constant(2.0)]))


@pytest.mark.parametrize("model, shape", [
    (Sequential(Sequences(3, 2.0)), r"\(3, m, \?\)"),
    (Sequential(RNN(3, 4, return_sequences=False), Layer(4, 2)), r"\(3, m, \?\)"),
    (Sequential(Embedding(27, 4), LSTM(4, 8)), r"\(m, \?\)"),
])
def test_sequences_are_refused(model, shape):
    with pytest.raises(ValueError, match=rf"cannot export a model whose input has the shape {shape}: ONNX export "
                                         r"takes columns \(n\^\[0\], m\) or images \(n_C, n_H, n_W, m\), samples last.*"
                                         r"sequences \(n_x, m, T_x\) and ids \(m, T_x\) are not supported"):
        blocks.onnx.to_onnx(model)


def test_a_block_given_a_tensor_of_unknown_shape_says_so():
    with pytest.raises(ValueError, match=r"cannot export block 1\.0: the shape of its input is unknown, so its "
                                         r"per-row values cannot be laid out for columns or images; a hook that "
                                         r"made the input tensor gives its shape: graph.export\(child, X, shape="):
        blocks.onnx.to_onnx(Sequential(Layer(3, 3), NormOfScaled(3)))


class NormOfScaledWithShape(NormOfScaled):
    def export_onnx(self, graph, X):
        return graph.export(self.norm, graph.node("Mul", [X, graph.constant(2.0)]), shape=graph.shape(X))


def test_a_hook_gives_the_shape_of_a_tensor_it_made():
    model = Sequential(Layer(3, 3, rng=0), NormOfScaledWithShape(3))
    model[1].norm.running_mean, model[1].norm.running_var = [[0.5], [-1.0], [2.0]], [[2.0], [0.5], [1.0]]
    assert_exports(model, X())
