"""The optional dependency: the ``onnx`` package, imported only when an export runs."""
from __future__ import annotations

import importlib

INSTALL = 'pip install -e ".[onnx]"'


def import_onnx():
    """The ``onnx`` module (with ``onnx.helper``, ``onnx.numpy_helper``, ``onnx.checker``), or an ImportError
    saying how to install it. ``import blocks`` never imports onnx; only an export does."""
    try:
        onnx = importlib.import_module("onnx")
        for name in ("helper", "numpy_helper", "checker", "defs"):
            importlib.import_module(f"onnx.{name}")
    except ImportError as exc:
        raise ImportError(
            f"exporting to ONNX needs the onnx package, an optional dependency of npblocks: {INSTALL} "
            f'(or pip install "npblocks[onnx]"). Importing it failed: {exc}'
        ) from exc
    return onnx
