"""npblocks train reports macro precision, recall, F1 and the confusion matrix; --confusion draws it."""
import numpy as np
import pytest

from blocks import plots
from blocks.cli import main
from tests.cli_helpers import blobs_csv

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blobs_csv(tmp_path / "iris.csv", m=60)
    return tmp_path


def test_train_prints_the_macro_scores_and_the_confusion_matrix(here, capsys):
    assert main(["train", "iris.csv", "--epochs", "30", "--quiet", "--test-fraction", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("training macro precision "))
    assert lines[at + 1].split() == ["true", "\\", "predicted", "setosa", "versicolor", "virginica"]
    counts = np.array([[int(v) for v in line.split()[1:]] for line in lines[at + 2:at + 5]])
    assert counts.sum() == 60 and np.trace(counts) >= 55


def test_confusion_writes_a_png(here, capsys):
    pytest.importorskip("matplotlib")
    assert main(["train", "iris.csv", "--epochs", "2", "--quiet", "--confusion", "c.png"]) == 0
    assert "wrote c.png" in capsys.readouterr().out and (here / "c.png").read_bytes().startswith(PNG)


def test_a_confusion_matrix_must_be_square(tmp_path):
    pytest.importorskip("matplotlib")
    with pytest.raises(ValueError, match=r"a confusion matrix is square, \(n_classes, n_classes\); got shape \(2, 3\)"):
        plots.plot_confusion_matrix(np.ones((2, 3)), tmp_path / "c.png")
