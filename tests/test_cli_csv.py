"""Reading CSV files: bounded lines, the first bad field in row order, a hint for other delimiters, wide files."""
import os

import numpy as np
import pytest

from blocks.cli import main
from blocks.cli.files import MAX_LINE, read_csv
from tests.cli_helpers import write_csv


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_line_longer_than_the_bound_is_refused(here):
    (here / "long.csv").write_text("a,b\n" + "1," * 600 + "\n")
    with pytest.raises(ValueError, match=r"long.csv has a line longer than 1,000 characters; it is not a CSV file of "
                                         r"samples \(a binary file, or a device such as /dev/zero\?\)"):
        read_csv(str(here / "long.csv"), max_line=1000)
    assert MAX_LINE == 2**26


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_csv_that_links_to_dev_zero_is_one_line(here, capsys):
    os.symlink("/dev/zero", here / "zero.csv")
    assert main(["train", "zero.csv"]) == 1
    assert "zero.csv has a line longer than 67,108,864 characters" in capsys.readouterr().err


def test_the_first_bad_field_is_reported_in_row_order(here, capsys):
    rows = [[1, 2, "x"], [3, "", "y"], ["nan", 4, "x"], [5, 6, "y"]]
    write_csv(here / "d.csv", ["a", "b", "label"], rows)
    assert main(["train", "d.csv"]) == 1
    assert "d.csv line 3, column 'b': an empty field is not a finite number" in capsys.readouterr().err


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_another_delimiter_gets_a_hint(here, capsys, delimiter, name):
    (here / "d.csv").write_text(delimiter.join(["a", "b", "label"]) + "\n" + delimiter.join(["1,5", "2", "x"]) + "\n")
    assert main(["train", "d.csv"]) == 1
    err = capsys.readouterr().err
    assert f"d.csv line 2 has 2 fields, but the header has 1. Its header is one column holding {name}: npblocks " \
           "reads comma-separated files; convert it" in err


def test_a_wide_file_reads_every_column_in_order(here):
    X = np.random.default_rng(0).standard_normal((3, 5000))
    write_csv(here / "w.csv", [f"c{i}" for i in range(5000)], [[repr(float(v)) for v in row] for row in X])
    table = read_csv(str(here / "w.csv"))
    assert np.array_equal(table.numbers(table.names[::-1]), X.T[::-1])
