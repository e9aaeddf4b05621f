"""npblocks train on data that is easy to get wrong: empty or samples-first npz, numbers that look like classes."""
import numpy as np
import pytest

from blocks.cli import main
from tests.cli_helpers import write_csv


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_line_error(capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err


@pytest.mark.parametrize(("X", "what"), [(np.zeros((2, 0)), "no samples"), (np.zeros((0, 3)), "no features")])
def test_an_npz_without_samples_or_features_is_one_line(here, capsys, X, what):
    np.savez(here / "d.npz", X=X, Y=np.zeros((1, X.shape[1])))
    one_line_error(capsys, ["train", "d.npz"], f"d.npz: X has shape {X.shape}: {what}; X is (n^[0], m) with at "
                                               "least one feature row and one sample column")


@pytest.mark.parametrize(("Y", "recipe"), [(np.arange(30) % 2, "Y.reshape(1, -1)"),
                                           ((np.arange(30) % 2)[:, None], "Y.T")])
def test_an_npz_stored_samples_first_gets_the_transpose_recipe(here, capsys, Y, recipe):
    np.savez(here / "d.npz", X=np.random.default_rng(0).standard_normal((30, 4)), Y=Y)
    one_line_error(capsys, ["train", "d.npz"], f"d.npz: X (30, 4) and Y {Y.shape} look stored one sample per row, "
                                               f"as scikit-learn and the Python API give them; npblocks takes samples "
                                               f"as columns: save X.T and {recipe}")


def test_many_distinct_numeric_labels_get_a_note_on_regression(here, capsys):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 50, 200)
    write_csv(here / "d.csv", ["a", "y"], [[rng.standard_normal(), int(v)] for v in y])
    assert main(["train", "d.csv", "--epochs", "1", "--quiet"]) == 0
    k = len(set(y))
    assert capsys.readouterr().out.splitlines()[1] == (
        f"note: the label column 'y' holds {k} distinct numbers, so this trains a classifier with {k} classes; for "
        "regression on them pass --loss mse (--loss cce keeps the classes without this note)")
    assert main(["train", "d.csv", "--epochs", "1", "--quiet", "--loss", "cce"]) == 0
    assert "note:" not in capsys.readouterr().out
