"""The ONNX file: metadata carried over, written atomically, and onnx an optional dependency."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import blocks.onnx
import blocks.saving.archive as archive
from blocks import Layer, Sequential, Sigmoid, Softmax
from blocks.saving import load_metadata
from tests.custom_blocks import Shift
from tests.onnx_helpers import onnx, run_onnx


def model():
    return Sequential(Layer(4, 3, activation=Sigmoid(), rng=0), Layer(3, 3, activation=Softmax(), rng=1))


METADATA = {"classes": ["setosa", "versicolor", "virginica"], "label": "species", "npblocks_train": 1,
            "scale": [0.5, 1e-300], "nested": {"a": None, "b": True}}


def test_the_saved_metadata_becomes_onnx_metadata_props(tmp_path):
    model().save(tmp_path / "m.npz", metadata=METADATA)
    blocks.onnx.export(blocks.saving.load(tmp_path / "m.npz"), tmp_path / "m.onnx",
                       metadata=load_metadata(tmp_path / "m.npz"))
    proto = onnx.load(tmp_path / "m.onnx")
    props = {p.key: p.value for p in proto.metadata_props}
    assert props["classes"] == '["setosa", "versicolor", "virginica"]'
    assert {key: json.loads(value) for key, value in props.items()} == METADATA
    assert proto.producer_name == "npblocks"


def test_the_written_file_runs_as_the_model_predicts(tmp_path):
    path = tmp_path / "model.onnx"
    blocks.onnx.export(model(), str(path))
    X = np.random.default_rng(0).normal(size=(4, 6))
    np.testing.assert_allclose(run_onnx(onnx.load(path), X), model().predict(X).T, rtol=1e-12, atol=1e-15)
    assert sorted(os.listdir(tmp_path)) == ["model.onnx"]


@pytest.fixture
def existing(tmp_path):
    """An ONNX file at tmp_path/model.onnx, and its bytes."""
    path = tmp_path / "model.onnx"
    blocks.onnx.export(Sequential(Layer(2, 1, rng=0)), path)
    return path, path.read_bytes()


def assert_untouched(existing):
    path, content = existing
    assert path.read_bytes() == content
    assert sorted(os.listdir(path.parent)) == [path.name], "a temporary file was left behind"


def test_a_model_that_cannot_be_exported_leaves_an_existing_file_untouched(existing):
    with pytest.raises(TypeError, match="cannot export block 1 of the model"):
        blocks.onnx.export(Sequential(Layer(2, 2), Shift(2)), existing[0])
    assert_untouched(existing)


def raising(error):
    def fail(*args, **kwargs):
        raise error
    return fail


@pytest.mark.parametrize("name, error", [
    ("os.fsync", OSError(28, "No space left on device")),
    ("os.replace", PermissionError(13, "Permission denied")),
])
def test_an_error_while_writing_leaves_an_existing_file_untouched(existing, monkeypatch, name, error):
    module, attr = name.split(".")
    monkeypatch.setattr(getattr(archive, module), attr, raising(error))
    with pytest.raises(type(error), match=str(existing[0])):
        blocks.onnx.export(model(), existing[0])
    monkeypatch.undo()
    assert_untouched(existing)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError, match=r"cannot save to .*: it is a directory; give a file path such as "
                                                r".*model\.onnx"):
        blocks.onnx.export(model(), tmp_path)


def test_without_onnx_export_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(ImportError, match=r'exporting to ONNX needs the onnx package, an optional dependency of '
                                          r'npblocks: pip install -e "\.\[onnx\]"'):
        blocks.onnx.export(model(), tmp_path / "m.onnx")
    assert os.listdir(tmp_path) == []


def test_importing_blocks_does_not_import_onnx():
    code = "import sys, blocks, blocks.onnx, blocks.cli; print('onnx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.stdout.strip() == "False"
