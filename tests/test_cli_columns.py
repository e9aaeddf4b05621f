"""npblocks train --features and --drop choose the columns; npblocks --version."""
import pytest

from blocks.cli import main, version
from blocks.saving import load_metadata
from tests.cli_helpers import blobs_csv


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blobs_csv(tmp_path / "iris.csv", m=30)
    return tmp_path


@pytest.mark.parametrize(("options", "features"), [
    (["--features", "d,a"], ["d", "a"]),
    (["--drop", "b,c"], ["a", "d"]),
    (["--features", "a,b,c", "--drop", "b"], ["a", "c"]),
])
def test_features_and_drop_choose_the_columns(here, options, features):
    assert main(["train", "iris.csv", "--epochs", "1", "--quiet", *options]) == 0
    assert load_metadata(here / "model.npz")["features"] == features


@pytest.mark.parametrize(("options", "message"), [
    (["--features", "a,e"], "--features: iris.csv has no column 'e'; its columns are: a, b, c, d, species"),
    (["--drop", "id"], "--drop: iris.csv has no column 'id'"),
    (["--features", "a,species"], "--features a,species includes the label column 'species'"),
    (["--drop", "a,b,c,d"], "--drop a,b,c,d leaves no feature column in iris.csv"),
])
def test_columns_that_do_not_work_are_usage_errors(here, capsys, options, message):
    assert main(["train", "iris.csv", *options]) == 2
    assert message in capsys.readouterr().err


def test_an_empty_name_is_refused_by_argparse(here, capsys):
    with pytest.raises(SystemExit):
        main(["train", "iris.csv", "--features", "a,,b"])
    assert "argument --features: must be column names separated by commas, such as age,height; got 'a,,b'" in \
        capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"npblocks {version()}\n"
    assert version() != "unknown"


@pytest.mark.parametrize("option", ["--features", "--drop"])
def test_columns_of_an_npz_are_a_usage_error(here, capsys, option):
    import numpy as np

    np.savez(here / "d.npz", X=np.ones((2, 4)), Y=np.array([[0, 1, 0, 1]]))
    assert main(["train", "d.npz", option, "a"]) == 2
    assert f"{option} names columns of a CSV file; d.npz is an .npz file, whose features are the rows of its array X" \
        in capsys.readouterr().err
