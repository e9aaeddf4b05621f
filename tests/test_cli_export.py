"""npblocks export MODEL OUT.onnx: a saved model (with what npblocks train keeps) as an ONNX file."""
import json
import sys

import numpy as np
import pytest

from blocks import Layer, ReLU, Sequential, Softmax
from blocks.cli import main
from tests.cli_helpers import ROOT, blobs_csv, run
from tests.custom_blocks import Shift
from tests.onnx_helpers import onnx, run_onnx


def test_a_trained_model_exports_with_its_class_names(tmp_path):
    blobs_csv(tmp_path / "iris.csv")
    here = {"PYTHONPATH": str(ROOT)}  # this checkout's npblocks, whichever one is installed
    trained = run("train", "iris.csv", "--label", "species", "--epochs", "3", "--quiet", "--out", "iris.npz",
                  cwd=tmp_path, env=here)
    assert trained.returncode == 0, trained.stderr
    done = run("export", "iris.npz", "iris.onnx", cwd=tmp_path, env=here)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote iris.onnx (ONNX opset 17): input X (batch, 4), output AL (batch, 3)")
    proto = onnx.load(tmp_path / "iris.onnx")
    props = {p.key: json.loads(p.value) for p in proto.metadata_props}
    assert props["classes"] == ["setosa", "versicolor", "virginica"]


def test_export_writes_what_predict_computes(tmp_path):
    model = Sequential(Layer(3, 5, activation=ReLU(), rng=0), Layer(5, 2, activation=Softmax(), rng=1))
    model.save(tmp_path / "m.npz")
    assert main(["export", str(tmp_path / "m.npz"), str(tmp_path / "m.onnx"), "--opset", "18"]) == 0
    proto = onnx.load(tmp_path / "m.onnx")
    assert proto.opset_import[0].version == 18
    assert proto.graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.DOUBLE
    X = np.random.default_rng(0).normal(size=(3, 4))
    np.testing.assert_allclose(run_onnx(proto, X), model.predict(X).T, rtol=1e-12)


@pytest.mark.parametrize("args, status, message", [
    (["missing.npz", "m.onnx"], 1, "npblocks export: error: missing.npz: No such file or directory"),
    (["m.npz", "nowhere/m.onnx"], 2, "npblocks export: error: OUT nowhere/m.onnx: the folder nowhere does not exist"),
    (["m.npz", "m.onnx", "--opset", "9"], 1, "npblocks export: error: opset must be an int from 13 to"),
    (["shift.npz", "m.onnx"], 1, "npblocks export: error: cannot export block 1 of the model, Shift("),
])
def test_export_errors_are_one_line(tmp_path, monkeypatch, capsys, args, status, message):
    monkeypatch.chdir(tmp_path)
    Sequential(Layer(2, 2, rng=0)).save("m.npz")
    Sequential(Layer(2, 2, rng=0), Shift(2)).save("shift.npz")
    assert main(["export", *args]) == status
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_export_without_onnx_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Sequential(Layer(2, 2, rng=0)).save("m.npz")
    monkeypatch.setitem(sys.modules, "onnx", None)
    assert main(["export", "m.npz", "m.onnx"]) == 1
    assert 'npblocks export: error: exporting to ONNX needs the onnx package, an optional dependency of npblocks: ' \
           'pip install -e ".[onnx]"' in capsys.readouterr().err


def test_export_in_float32_on_request(tmp_path, capsys):
    Sequential(Layer(3, 2, activation=Softmax(), rng=0)).save(tmp_path / "m.npz")
    assert main(["export", str(tmp_path / "m.npz"), str(tmp_path / "m.onnx"), "--dtype", "float32"]) == 0
    assert "(ONNX opset 17, float32)" in capsys.readouterr().out
    assert onnx.load(tmp_path / "m.onnx").graph.input[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
