"""Export to ONNX, for runtimes where npblocks is not installed (a service, a phone, a browser).

    import blocks.onnx
    blocks.onnx.export(model, "model.onnx")          # the input X is (batch, n^[0]), the output AL (batch, n^[L])

The graph computes what ``model.predict`` does (eval mode), batch first as ONNX runtimes expect: npblocks'
``X (n^[0], m)`` transposed. Every built-in block and activation is exported; a user's block gives its own
ONNX form with a method ``export_onnx(self, graph, X) -> A`` (see ``Graph``). Needs the optional ``onnx``
package (``pip install -e ".[onnx]"``), imported only when an export runs: ``import blocks`` never imports it.
"""
from .export import DEFAULT_OPSET, MIN_OPSET, export, to_onnx
from .graph import Graph

__all__ = ["DEFAULT_OPSET", "MIN_OPSET", "Graph", "export", "to_onnx"]
