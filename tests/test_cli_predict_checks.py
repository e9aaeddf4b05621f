"""npblocks predict on model files it did not expect: one clear line, never a traceback, nothing counted silently."""
import numpy as np
import pytest

from blocks import Block, Layer, Sequential, Sigmoid, Softmax
from blocks.cli import main
from blocks.saving import save
from tests.cli_helpers import blobs_csv, write_csv


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "xy.csv", ["x", "y"], [[0.5, 1.0], [-1.0, 2.0]])
    return tmp_path


def fails(capsys, argv, status, message):
    assert main(argv) == status
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message in err, err


def test_a_file_holding_a_single_layer_predicts(here, capsys):
    save(Layer(2, 1, activation=Sigmoid(), rng=0), here / "layer.npz")
    assert main(["predict", "layer.npz", "xy.csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "output" and len(lines) == 3


def test_a_file_holding_a_bare_block_is_one_line(here, capsys):
    save(Block(), here / "block.npz")
    fails(capsys, ["predict", "block.npz", "xy.csv"], 1,
          "block.npz holds a Block, which computes nothing (no forward); save a model such as a Sequential or a Layer")


@pytest.mark.parametrize(("meta", "message"), [
    ({"task": "multiclass"}, "a multiclass model needs its class names, a list of str; found None"),
    ({"task": "multiclass", "classes": ["a", "b"]}, "it names 2 classes, but the model's multiclass output needs 3"),
    ({"task": "binary", "classes": ["a", "b", "c"]}, "a binary model has n^[L] = 1 output, but this one has 3"),
    ({"task": "ranking"}, "task 'ranking' is not one of binary, multiclass, regression"),
    ({"features": ["x"]}, "it names 1 feature columns, but the model takes n^[0] = 2"),
    ({"outputs": ["a"]}, "outputs must name the model's n^[L] = 3 outputs, found ['a']"),
    ({"label": 3}, "label must be a column name (str), found 3"),
])
def test_metadata_that_does_not_fit_the_model_is_one_line(here, capsys, meta, message):
    Sequential(Layer(2, 3, activation=Softmax(), rng=0)).save(here / "m.npz", metadata=meta)
    fails(capsys, ["predict", "m.npz", "xy.csv"], 1, f"m.npz: its metadata does not fit the model: {message}")


def test_probabilities_are_refused_where_they_mean_nothing(here, capsys):
    Sequential(Layer(2, 1, rng=0)).save(here / "plain.npz")
    fails(capsys, ["predict", "plain.npz", "xy.csv", "--probabilities"], 2,
          "--probabilities: plain.npz is not a classifier saved by npblocks train (it has no class names)")


def test_labels_the_model_never_saw_are_reported(here, capsys):
    blobs_csv(here / "train.csv", m=60, classes=("setosa", "versicolor", "virginica"))
    assert main(["train", "train.csv", "--epochs", "5", "--quiet"]) == 0
    blobs_csv(here / "new.csv", m=30, classes=("setosa", "versicolor", "iris-nova"))
    capsys.readouterr()
    assert main(["predict", "model.npz", "new.csv", "--out", "p.csv"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("wrote 30 predictions to p.csv; accuracy against new.csv's 'species': ")
    assert line.endswith("(10 of 30 samples have labels the model never saw (iris-nova), counted as wrong)")


def test_regression_reports_rmse_and_r2_in_train_and_predict(here, capsys):
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (2, 100))
    write_csv(here / "h.csv", ["a", "b", "price"], [[*X[:, j], 10 + 3 * X[0, j]] for j in range(100)])
    assert main(["train", "h.csv", "--loss", "mse", "--epochs", "30", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "train MSE " in out and ", RMSE " in out and ", R^2 0." in out
    assert main(["predict", "model.npz", "h.csv", "--out", "p.csv"]) == 0
    assert "wrote 100 predictions to p.csv; against h.csv's 'price': RMSE " in capsys.readouterr().out
