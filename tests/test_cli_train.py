"""npblocks train and predict: a round trip on files written by the test, labels mapped back by name."""
import numpy as np
import pytest

from blocks import Layer, Sequential, Sigmoid, Standardize
from blocks.cli import main
from blocks.saving import load, load_metadata
from tests.cli_helpers import ROOT, SPECIES, blobs, blobs_csv, command, read_csv, run, run_all, write_csv


def test_train_then_predict_a_csv_in_subprocesses(tmp_path):
    blobs_csv(tmp_path / "iris.csv", m=90, seed=0)
    X, labels = blobs(m=30, seed=0)  # new samples around the same centres
    write_csv(tmp_path / "new.csv", ["d", "c", "b", "a"], [[repr(float(v)) for v in X[::-1, j]] for j in range(30)])
    train = run("train", "iris.csv", "--layers", "4,8,3", "--epochs", "40", "--out", "iris.npz", cwd=tmp_path)
    assert train.returncode == 0, train.stderr
    lines = train.stdout.splitlines()
    assert lines[0] == "iris.csv: 90 samples, 4 features, label 'species' with 3 classes: setosa, versicolor, virginica"
    assert lines[1].startswith("layers [4, 8, 3]: ReLU, then Softmax with CategoricalCrossEntropy; adam (lr 0.01)")
    held_out = next(line for line in lines if "held-out accuracy" in line)
    assert float(held_out.split("held-out accuracy ")[1].split("%")[0]) >= 90 and "(18 samples)" in held_out
    assert lines[-1] == "saved iris.npz; predict with: npblocks predict iris.npz DATA.csv"

    runs = run_all({"file": command("predict", "iris.npz", "new.csv", "--out", "predictions.csv"),
                    "stdout": command("predict", "iris.npz", "iris.csv", "--probabilities")}, cwd=tmp_path)
    assert all(r.returncode == 0 for r in runs.values()), {k: r.stderr for k, r in runs.items()}
    assert runs["file"].stdout == "wrote 30 predictions to predictions.csv\n"
    rows = read_csv(tmp_path / "predictions.csv")
    assert rows[0] == ["species"] and len(rows) == 31
    assert np.mean([row[0] == label for row, label in zip(rows[1:], labels, strict=True)]) >= 0.9
    table = [line.split(",") for line in runs["stdout"].stdout.splitlines()]
    assert table[0] == ["species", "p(setosa)", "p(versicolor)", "p(virginica)"] and len(table) == 91
    assert all(row[0] in SPECIES and abs(sum(map(float, row[1:])) - 1) < 1e-6 for row in table[1:])


def train(folder, *args):
    assert main([*map(str, args), "--quiet", "--seed", "1"]) == 0
    return load(folder / "model.npz"), load_metadata(folder / "model.npz")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_text_classes_get_one_sigmoid_unit_and_labels_come_back(here, capsys):
    blobs_csv(here / "pets.csv", m=40, classes=("dog", "cat"), label="pet")
    model, meta = train(here, "train", "pets.csv", "--epochs", "30")
    assert isinstance(model[0], Standardize) and model[-1].n_out == 1 and isinstance(model[-1].activation, Sigmoid)
    assert meta == {"npblocks_train": 1, "task": "binary", "classes": ["cat", "dog"],
                    "features": ["a", "b", "c", "d"], "label": "pet"}
    out = capsys.readouterr().out
    assert "label 'pet' with 2 classes: cat, dog" in out and "then Sigmoid with BinaryCrossEntropy" in out
    assert main(["predict", "model.npz", "pets.csv", "--out", "p.csv", "--probabilities"]) == 0
    assert "accuracy against pets.csv's 'pet': 100.0%" in capsys.readouterr().out
    assert read_csv(here / "p.csv")[0] == ["pet", "p(cat)", "p(dog)"]


def test_the_label_column_is_named_and_numeric_labels_keep_their_text(here, capsys):
    X, labels = blobs(m=30, n=2, classes=("3", "10", "2.0"))
    write_csv(here / "d.csv", ["x", "digit", "y"], [[X[0, j], labels[j], X[1, j]] for j in range(30)])
    model, meta = train(here, "train", "d.csv", "--label", "digit", "--epochs", "20", "--test-fraction", "0")
    assert meta["classes"] == ["2", "3", "10"] and meta["features"] == ["x", "y"]
    assert "held-out" not in capsys.readouterr().out
    assert main(["predict", "model.npz", "d.csv"]) == 0
    assert set(capsys.readouterr().out.split()[1:]) <= {"2", "3", "10"}


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "rmsprop", "adam", "adamw"])
def test_every_optimizer_and_cce_for_two_classes(here, optimizer):
    blobs_csv(here / "two.csv", m=20, classes=("no", "yes"))
    model, meta = train(here, "train", "two.csv", "--optimizer", optimizer, "--loss", "cce", "--epochs", "2",
                        "--activation", "tanh", "--batch-size", "8")
    assert meta["task"] == "multiclass" and model[-1].n_out == 2


def test_npz_labels_and_one_hot(here, capsys):
    X, labels = blobs(m=30, n=3, classes=(0, 1, 2))
    np.savez(here / "labels.npz", X=X, Y=np.array([labels]))
    model, meta = train(here, "train", "labels.npz", "--layers", "3,5,3", "--epochs", "20", "--no-standardize")
    assert meta == {"npblocks_train": 1, "task": "multiclass", "classes": ["0", "1", "2"], "features": None,
                    "label": "label"}
    assert not any(isinstance(block, Standardize) for block in model)
    np.savez(here / "onehot.npz", X=X, Y=np.eye(3)[labels].T)
    assert train(here, "train", "onehot.npz", "--epochs", "20")[1]["classes"] == ["0", "1", "2"]
    assert main(["predict", "model.npz", "onehot.npz", "--out", "p.csv"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("wrote 30 predictions to p.csv; accuracy against onehot.npz's Y: ")


def test_regression_with_mse_puts_the_outputs_back_in_their_units(here, capsys):
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (2, 200))
    price = 1000 + 300 * X[0] - 200 * X[1]
    write_csv(here / "houses.csv", ["rooms", "age", "price"], [[*X[:, j], price[j]] for j in range(200)])
    model, meta = train(here, "train", "houses.csv", "--loss", "mse", "--layers", "2,8,1", "--epochs", "100",
                        "--activation", "tanh")
    assert meta["task"] == "regression" and meta["outputs"] == ["price"]
    assert isinstance(model[-1], Standardize) and model[-1].inverse
    assert "held-out MSE" in capsys.readouterr().out
    assert main(["predict", "model.npz", "houses.csv", "--out", "p.csv"]) == 0
    predicted = np.array([float(row[0]) for row in read_csv(here / "p.csv")[1:]])
    assert np.sqrt(np.mean((predicted - price) ** 2)) < 30   # targets spread over about +-500


def test_a_model_saved_from_python_writes_its_outputs(here, capsys):
    Sequential(Layer(2, 1, activation=Sigmoid(), rng=0)).save(here / "plain.npz")
    write_csv(here / "xy.csv", ["x", "y"], [[0.5, 1.0], [-1.0, 2.0]])
    assert main(["predict", "plain.npz", "xy.csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "output" and len(lines) == 3 and all(0 < float(v) < 1 for v in lines[1:])


@pytest.mark.parametrize(("name", "label", "features", "classes"), [
    ("flower.csv", "colour", ["x1", "x2"], ["blue", "red"]),
    ("spirals.csv", "arm", ["x", "y"], ["A", "B", "C"]),
])
def test_the_csv_files_in_examples_train(here, name, label, features, classes):
    model, meta = train(here, "train", ROOT / "examples" / "data" / name, "--label", label, "--epochs", "1")
    assert meta["classes"] == classes and meta["features"] == features
