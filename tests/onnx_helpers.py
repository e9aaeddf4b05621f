"""What the ONNX export tests share: the optional onnx import (skipping without it) and the comparison with predict."""
from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx", reason='ONNX export tests need the optional onnx package: pip install -e ".[onnx]"')
from onnx.reference import ReferenceEvaluator  # noqa: E402

import blocks.onnx  # noqa: E402

#: How close the ONNX graph run by onnx.reference must be to model.predict, relative to the output's scale.
TOLERANCE = {np.dtype(np.float32): 1e-6, np.dtype(np.float64): 1e-12}


def batch_first(A):
    """npblocks' A, samples last ((n, m) or (n_C, n_H, n_W, m)), as ONNX lays it out: (m, n) or (m, n_C, n_H, n_W)."""
    return np.ascontiguousarray(np.moveaxis(A, -1, 0))


def run_onnx(proto, X):
    """The graph's output for npblocks' X, given batch first as a runtime takes it."""
    return ReferenceEvaluator(proto).run(None, {"X": batch_first(X)})[0]


def assert_exports(model, X, **options):
    """The exported model passes onnx.checker and, run by the reference evaluator, gives model.predict(X)
    transposed: float32 within 1e-6 and float64 within 1e-12, relative to the largest |A^[L]| entry."""
    proto = blocks.onnx.to_onnx(model, **options)
    onnx.checker.check_model(proto, full_check=True)
    assert proto.graph.input[0].type.tensor_type.elem_type == onnx.helper.np_dtype_to_tensor_dtype(X.dtype)
    AL = model.predict(X)
    out = run_onnx(proto, X)
    assert out.dtype == AL.dtype, (out.dtype, AL.dtype)
    assert out.shape == batch_first(AL).shape
    tol = TOLERANCE[AL.dtype]
    scale = max(float(np.abs(AL).max()), np.finfo(AL.dtype).tiny)
    np.testing.assert_allclose(out, batch_first(AL), rtol=tol, atol=tol * scale)
    return proto
