"""blocks.onnx.export(model, path): the model's eval-mode forward pass as an ONNX file, batch first."""
from __future__ import annotations

import json
import numbers
from importlib import metadata as distribution

from ..block import Block
from ..saving.archive import as_path, write_atomically
from ..saving.metadata import check_metadata
from .graph import Graph
from .requirement import import_onnx
from .signature import batch_first, graph_dtype, model_dtypes

#: The opset version written unless ``opset=`` says otherwise: read by every current ONNX runtime.
DEFAULT_OPSET = 17
#: The oldest opset supported (Softmax over one axis, Gemm's broadcast bias).
MIN_OPSET = 13

DOC = """npblocks model {name}, exported as model.predict computes it (eval mode: Dropout is the identity, \
BatchNorm uses its running statistics). Input X: {X_shape}, the samples first: the npblocks X {X_np} \
transposed ({X_axes}). Output AL: {A_shape}: A^[L] {A_np} transposed the same way ({A_axes}).{rounded}"""


def export(model, path, *, opset: int = DEFAULT_OPSET, metadata=None, dtype=None) -> None:
    """Write ``model``'s forward pass, as ``model.predict`` runs it, to an ONNX file at exactly ``path``.

    The graph's input ``X`` is ``(batch, n^[0])`` (``(batch, n_C, n_H, n_W)`` for images) and its output
    ``AL`` is ``(batch, n^[L])``: npblocks' arrays transposed, one sample per row, as ONNX runtimes expect.
    Its element type is the model's dtype, or ``dtype`` when given: ``dtype=np.float32`` rounds a float64
    model's values to float32 (for runtimes that compute in float32 only, such as ONNX Runtime's Conv), which
    then agrees with ``model.predict`` to float32 rounding rather than to 1e-12. ``metadata`` (a dict of JSON
    data, such as the one ``model.save`` keeps) becomes the ONNX model's metadata_props, each value as JSON
    text. A block npblocks cannot export is a TypeError naming it, unless it has an
    ``export_onnx(self, graph, X) -> A`` method (see ``Graph``).
    The file is written atomically: a failed export leaves an existing file at ``path`` untouched.
    Needs the optional ``onnx`` package: ``pip install -e ".[onnx]"``.
    """
    path = as_path(path)
    proto = to_onnx(model, opset=opset, metadata=metadata, dtype=dtype)
    content = proto.SerializeToString()
    write_atomically(path, lambda file: file.write(content), example="model.onnx")


def to_onnx(model, *, opset: int = DEFAULT_OPSET, metadata=None, dtype=None):
    """The ``onnx.ModelProto`` that ``export`` writes, checked with ``onnx.checker`` (full check)."""
    if not isinstance(model, Block):
        raise TypeError(f"model must be a Block such as a Sequential. Received: {type(model).__name__}")
    onnx = import_onnx()
    opset = _checked_opset(opset, onnx.defs.onnx_opset_version())
    metadata = {} if metadata is None else check_metadata(metadata)
    dtype = graph_dtype(model, dtype)
    X_dims = batch_first(model.input_shape, "input")
    A_dims = batch_first(model.output_shape(model.input_shape), "output")
    graph = Graph(onnx, model, dtype, opset, X="X", X_shape=model.input_shape)
    A = graph.export_model("X")
    nodes = _rename_output(onnx, graph.nodes, A, "AL")
    elem = onnx.helper.np_dtype_to_tensor_dtype(dtype)
    proto_graph = onnx.helper.make_graph(
        nodes, "npblocks", [onnx.helper.make_tensor_value_info("X", elem, X_dims)],
        [onnx.helper.make_tensor_value_info("AL", elem, A_dims)], initializer=graph.initializers,
        doc_string=_doc(model, X_dims, A_dims, dtype),
    )
    opsets = [onnx.helper.make_opsetid("", opset)]
    proto = onnx.helper.make_model(proto_graph, opset_imports=opsets, producer_name="npblocks",
                                   producer_version=_version(), ir_version=onnx.helper.find_min_ir_version_for(opsets))
    onnx.helper.set_model_props(proto, {key: json.dumps(value) for key, value in metadata.items()})
    try:
        onnx.checker.check_model(proto, full_check=True)
    except Exception as exc:  # onnx's ValidationError and shape-inference errors: a hook built a wrong graph
        raise ValueError(f"the ONNX graph built from the model does not pass onnx.checker (a block's export_onnx "
                         f"hook may have built it wrong): {exc}") from exc
    return proto


def _checked_opset(opset, newest: int) -> int:
    if isinstance(opset, bool) or not isinstance(opset, numbers.Integral) or not MIN_OPSET <= opset <= newest:
        raise ValueError(f"opset must be an int from {MIN_OPSET} to {newest} (the newest the installed onnx "
                         f"knows). Received: opset={opset!r}")
    return int(opset)


def _rename_output(onnx, nodes, A: str, name: str) -> list:
    """The nodes with the tensor ``A`` renamed ``name`` (the graph's output); an Identity node when ``A`` is the
    input or an initializer (a model that changes nothing in eval mode, such as a lone Dropout)."""
    if not any(A in node.output for node in nodes):
        return [*nodes, onnx.helper.make_node("Identity", [A], [name], name="output")]
    for node in nodes:
        for field in (node.input, node.output):
            for i, tensor in enumerate(field):
                if tensor == A:
                    field[i] = name
    return nodes


def _doc(model, X_dims, A_dims, dtype) -> str:
    wider = [own.name for own in model_dtypes(model) if own != dtype]
    rounded = f" Computed in {dtype.name}: the model's {wider[0]} values rounded to it." if wider else ""
    return DOC.format(name=type(model).__name__, X_shape=_dims(X_dims), X_np=_dims((*X_dims[1:], "m")),
                      X_axes=_axes(X_dims), A_shape=_dims(A_dims), A_np=_dims((*A_dims[1:], "m")), A_axes=_axes(A_dims),
                      rounded=rounded)


def _axes(dims) -> str:
    """How npblocks' axes move: "one sample per row" for columns, the transpose's axes otherwise."""
    if len(dims) == 2:
        return "one sample per row"
    order = (len(dims) - 1, *range(len(dims) - 1))
    return f"axes {order}: (n_C, n_H, n_W, m) to (batch, n_C, n_H, n_W)" if len(dims) == 4 else f"axes {order}"


def _dims(dims) -> str:
    return "(" + ", ".join(str(d) for d in dims) + ")"


def _version() -> str:
    try:
        return distribution.version("npblocks")
    except distribution.PackageNotFoundError:
        return "unknown"
