"""What the exported graph takes and gives: its element type (the model's dtype) and its batch-first shapes."""
from __future__ import annotations

import numpy as np

from ..block import Block
from ..checks import float_dtype
from ..shapes import format_shape

#: The ONNX graph's first, symbolic dimension: the samples.
BATCH = "batch"


def graph_dtype(model: Block, dtype=None) -> np.dtype:
    """The graph's element type: ``dtype`` when given (float32 or float64; every value of the model is rounded
    to it), else the model's own."""
    return model_dtype(model) if dtype is None else float_dtype(dtype)


def model_dtypes(model: Block) -> dict:
    """``{dtype: where}``: each dtype among the model's parameters and buffers, and the first array that has it."""
    found = {}
    for place, block in [("", model), *model.named_blocks()]:
        for name in (*block.parameter_names, *block.buffers):
            array = getattr(block, name, None)
            if isinstance(array, np.ndarray):
                found.setdefault(array.dtype, f"{name} of block {place}" if place else name)
    return found


def model_dtype(model: Block) -> np.dtype:
    """The one dtype of the model's parameters and buffers (float64 when it holds none); a ValueError when it
    mixes float32 and float64, since an ONNX graph computes in one element type."""
    found = model_dtypes(model)
    if len(found) > 1:
        listed = ", ".join(f"{dtype.name} ({where})" for dtype, where in found.items())
        raise ValueError(f"cannot export a model that mixes dtypes, {listed}: an ONNX graph computes in one element "
                         "type; build every block with the same dtype=, or export with dtype=np.float32")
    return next(iter(found), np.dtype(np.float64))


def batch_first(shape, what: str) -> list:
    """An npblocks shape with the samples last, ``(n, "m")`` or ``(n_C, n_H, n_W, "m")``, as the ONNX dims
    ``["batch", n]`` or ``["batch", n_C, n_H, n_W]`` (a size unknown before data flows is a symbolic dim)."""
    if shape is None or not shape or shape[-1] != "m" or "m" in shape[:-1]:
        raise ValueError(
            f"cannot export a model whose {what} has the shape {format_shape(shape)}: ONNX export takes columns "
            "(n^[0], m) or images (n_C, n_H, n_W, m), samples last, and gives them batch first; "
            + ("start the model with a block that names its input size, such as a Layer or Standardize"
               if shape is None else "sequences (n_x, m, T_x) and ids (m, T_x) are not supported")
        )
    sizes = [size if size is not None else f"{what}_{i}" for i, size in enumerate(shape[:-1])]
    return [BATCH, *sizes]
