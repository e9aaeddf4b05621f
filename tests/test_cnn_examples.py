"""The convolution examples run, and a saved CNN predicts images from an .npz (and a CSV) with npblocks predict."""
import sys

import numpy as np
import pytest

from blocks import Conv2D, Flatten, Layer, MaxPool2D, Sequential, Softmax
from tests.cli_helpers import ROOT, command, run_all

EXAMPLES = ROOT / "examples"
ENV = {"PYTHONPATH": str(ROOT)}  # this tree's blocks, not an installed one


def test_the_convolution_examples_run_and_predict_uses_the_saved_model(tmp_path):
    runs = run_all({
        "steps": [sys.executable, str(EXAMPLES / "conv_step_by_step.py")],
        "cnn": [sys.executable, str(EXAMPLES / "digits_cnn.py"), "--quick"],
    }, cwd=tmp_path, env=ENV)
    assert all(r.returncode == 0 for r in runs.values()), {k: r.stderr[-2000:] for k, r in runs.items()}
    steps = runs["steps"].stdout
    assert steps.count("equal to the loops: True") == 4 and "False" not in steps
    assert "[[0.0, 1.0], [0.0, 0.0]]" in steps
    assert "test accuracy" in runs["cnn"].stdout
    predict = run_all({0: command("predict", "digits-cnn.npz", "digits-images.npz", "--out", "p.csv")},
                      cwd=tmp_path, env=ENV)[0]
    assert predict.returncode == 0, predict.stderr
    assert predict.stdout.startswith("wrote 359 predictions to p.csv; accuracy against digits-images.npz's Y: ")
    assert (tmp_path / "p.csv").read_text().splitlines()[0] == "digit"


def cnn():
    return Sequential(Conv2D(1, 2, 3, rng=0), MaxPool2D(2), Flatten(), Layer(8, 3, activation=Softmax(), rng=0),
                      input_shape=(1, 6, 6))


def test_predict_reads_images_from_npz_and_flattened_images_from_csv(tmp_path):
    model = cnn()
    model.save(tmp_path / "cnn.npz")
    X = np.random.default_rng(0).random((1, 6, 6, 5))
    np.savez(tmp_path / "images.npz", X=X)
    header = ",".join(f"p{k}" for k in range(36))
    rows = "\n".join(",".join(repr(float(v)) for v in column) for column in X.reshape(36, 5).T)
    (tmp_path / "images.csv").write_text(header + "\n" + rows + "\n")
    np.savez(tmp_path / "flat.npz", X=X.reshape(36, 5))
    runs = run_all({name: command("predict", "cnn.npz", data) for name, data in
                    (("npz", "images.npz"), ("csv", "images.csv"), ("flat", "flat.npz"))}, cwd=tmp_path, env=ENV)
    assert runs["npz"].returncode == 0 and runs["csv"].returncode == 0, runs["csv"].stderr
    assert runs["npz"].stdout == runs["csv"].stdout
    expected = model.predict(X)
    first = [float(v) for v in runs["npz"].stdout.splitlines()[1].split(",")]
    np.testing.assert_allclose(first, expected[:, 0], rtol=1e-9)
    assert runs["flat"].returncode != 0
    assert "so X must have shape (1, 6, 6, m); got X of shape (36, 5)" in runs["flat"].stderr


def test_predict_names_the_image_size_a_csv_must_have(tmp_path):
    cnn().save(tmp_path / "cnn.npz")
    (tmp_path / "few.csv").write_text("a,b\n1,2\n")
    result = run_all({0: command("predict", "cnn.npz", "few.csv")}, cwd=tmp_path, env=ENV)[0]
    assert result.returncode != 0
    expected = "few.csv has 2 columns (a, b), but the model takes images (1, 6, 6), n_C*n_H*n_W = 36 features"
    assert expected in result.stderr


@pytest.mark.parametrize("name", ["conv_step_by_step", "digits_cnn"])
def test_examples_have_a_docstring_with_how_to_run_them(name):
    text = (EXAMPLES / f"{name}.py").read_text()
    assert text.startswith('"""') and f"python examples/{name}.py" in text
