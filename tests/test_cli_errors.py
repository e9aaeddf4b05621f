"""Every bad argument and bad file: one line on stderr, no traceback, exit status 2 (usage) or 1 (data).

The usage errors run as real ``python -m blocks`` processes, side by side in one batch (a module fixture);
the bad files go through ``main(argv)`` in this process, the same code without the cost of a process each.
"""
import re
import subprocess

import numpy as np
import pytest

from blocks.cli import main
from tests.cli_helpers import blobs_csv, command, run_all, write_csv

USAGE, DATA = 2, 1
CASES = {
    # argparse's own checks: exit status 2
    "no command": ([], USAGE, r"npblocks: error: the following arguments are required: COMMAND"),
    "unknown command": (["fly"], USAGE, r"npblocks: error: argument COMMAND: invalid choice: 'fly'"),
    "epochs 0": (["demo", "--epochs", "0"], USAGE,
                 r"npblocks demo: error: argument --epochs: must be a positive int, got '0' "
                 r"\(see npblocks demo --help\)$"),
    "lr negative": (["demo", "--lr", "-1"], USAGE, r"argument --lr: must be a positive number, got '-1'"),
    "lr nan": (["demo", "--lr", "nan"], USAGE, r"argument --lr: must be a positive number, got 'nan'"),
    "unknown data set": (["demo", "--dataset", "mnist"], USAGE, r"argument --dataset: invalid choice: 'mnist'"),
    "missing DATA": (["train"], USAGE, r"npblocks train: error: the following arguments are required: DATA"),
    "layers not ints": (["train", "iris.csv", "--layers", "4,x,3"], USAGE,
                        r"argument --layers: must be the layer sizes n\^\[0\],...,n\^\[L\] as positive ints separated "
                        r"by commas, such as 64,32,10; got '4,x,3'"),
    "layers one size": (["train", "iris.csv", "--layers", "4"], USAGE, r"argument --layers: must be the layer sizes"),
    "test fraction 1": (["train", "iris.csv", "--test-fraction", "1"], USAGE,
                        r"argument --test-fraction: must be a number from 0 up to \(not including\) 1, got '1'"),
    "unknown optimizer": (["train", "iris.csv", "--optimizer", "lbfgs"], USAGE,
                          r"argument --optimizer: invalid choice"),
    "missing predict DATA": (["predict", "model.npz"], USAGE, r"the following arguments are required: DATA"),
    # arguments that do not fit the data: exit status 2
    "wrong n0": (["train", "iris.csv", "--layers", "5,8,3"], USAGE,
                 r"npblocks train: error: --layers 5,8,3 starts with n\^\[0\] = 5, but iris.csv has 4 features; "
                 r"start it with 4, e.g. --layers 4,8,3$"),
    "wrong nL": (["train", "iris.csv", "--layers", "4,8,1"], USAGE,
                 r"--layers 4,8,1 ends with n\^\[L\] = 1, but iris.csv needs n\^\[L\] = 3 \(3 classes, one softmax "
                 r"unit each\); end it with 3, e.g. --layers 4,8,3$"),
    "binary nL": (["train", "two.csv", "--layers", "4,8,2"], USAGE,
                  r"needs n\^\[L\] = 1 \(2 classes, one sigmoid unit\); end it with 1"),
    "no such label": (["train", "iris.csv", "--label", "kind"], USAGE,
                      r"--label 'kind': iris.csv has no such column; its columns are: a, b, c, d, species$"),
    "label for npz": (["train", "good.npz", "--label", "y"], USAGE,
                      r"--label names a column of a CSV file; good.npz is an .npz file, whose labels are its array Y"),
    "bce for 3 classes": (["train", "iris.csv", "--loss", "bce"], USAGE,
                          r"--loss bce needs two classes, but iris.csv's label column 'species' has 3 "
                          r"\(setosa, versicolor, virginica\); use --loss cce or leave --loss out"),
    "too few to hold out": (["train", "tiny.csv"], USAGE,
                            r"--test-fraction 0.2: tiny.csv has 2 samples, too few to hold out that share"),
    # bad files: exit status 1
    "missing file": (["train", "nothing.csv"], DATA, r"npblocks train: error: nothing.csv: No such file or directory$"),
    "unknown kind": (["train", "data.xlsx"], DATA,
                     r"cannot tell what data.xlsx holds from its name: give a .csv file with a header row, or an "
                     r"\.npz file with arrays X \(n\^\[0\], m\) and Y"),
    "empty": (["train", "empty.csv"], DATA,
              r"empty.csv is empty; expected a header row of column names, then one row per sample"),
    "header only": (["train", "header.csv"], DATA, r"header.csv has a header row but no data rows"),
    "ragged": (["train", "ragged.csv"], DATA, r"ragged.csv line 3 has 2 fields, but the header has 3$"),
    "text feature": (["train", "text.csv"], DATA, r"text.csv line 3, column 'x2': 'abc' is not a finite number"),
    "nan feature": (["train", "nan.csv"], DATA, r"nan.csv line 2, column 'x1': 'nan' is not a finite number"),
    "empty field": (["train", "hole.csv"], DATA,
                    r"hole.csv line 2, column 'x1': an empty field is not a finite number"),
    "repeated column": (["train", "twice.csv"], DATA, r"twice.csv: the header names the column 'x' twice"),
    "unnamed column": (["train", "unnamed.csv"], DATA, r"unnamed.csv: the header row has an empty column name"),
    "one class": (["train", "one.csv"], DATA,
                  r"one.csv's label column 'y' holds only one class, 'cat'; a classifier needs at least two"),
    "float labels": (["train", "float.csv"], DATA,
                     r"float.csv's label column 'y' holds non-integer numbers such as 0.5, not class labels; for "
                     r"regression pass --loss mse"),
    "empty label": (["train", "nolabel.csv"], DATA, r"nolabel.csv's label column 'y' has an empty label"),
    "label only": (["train", "only.csv"], DATA, r"only.csv has only the label column 'y'; it needs feature columns"),
    "not utf-8": (["train", "latin.csv"], DATA, r"latin.csv is not UTF-8 text; save it as a UTF-8 CSV file"),
    "no Y": (["train", "noY.npz"], DATA, r"noY.npz has no array Y; it holds: X. Write it with np.savez"),
    "transposed X": (["train", "transposed.npz"], DATA,
                     r"transposed.npz: X has m = 2 columns \(samples\) but Y has 6 \(X looks transposed: samples "
                     r"are columns, save X.T\)"),
    "1-D Y": (["train", "flat.npz"], DATA,
              r"flat.npz: Y must be a 2-D array, samples as columns \(Y of shape \(n, m\)\); it has shape \(6,\). "
              r"Save Y.reshape\(1, -1\)"),
    "not one-hot": (["train", "soft.npz"], DATA, r"soft.npz: Y of shape \(3, 6\) is not one-hot"),
    "object array": (["train", "objects.npz"], DATA,
                     r"objects.npz: cannot read its arrays \(it holds object arrays, which only pickle could read"),
    "single array": (["train", "single.npz"], DATA, r"single.npz holds a single array, not an .npz archive"),
    "garbage npz": (["train", "garbage.npz"], DATA, r"garbage.npz is not a readable .npz archive"),
    "no folder for out": (["train", "iris.csv", "--out", "no/such/m.npz"], USAGE,
                          r"npblocks train: error: --out no/such/m.npz: the folder no/such does not exist$"),
    "out is a folder": (["predict", "iris.npz", "iris.csv", "--out", "."], USAGE,
                        r"npblocks predict: error: --out . is a folder; give a file name$"),
    "model is not a model": (["predict", "good.npz", "iris.csv"], DATA,
                             r"npblocks predict: error: cannot load good.npz: it is an .npz archive without the "
                             r"npblocks header"),
    "model missing": (["predict", "none.npz", "iris.csv"], DATA, r"none.npz: No such file or directory"),
    "predict lacks a feature": (["predict", "iris.npz", "two.csv"], DATA,
                                r"two.csv has no column 'b', 'd' \(a feature the model was trained on\); its columns "
                                r"are: a, c, e, f, kind"),
    "predict text feature": (["predict", "iris.npz", "broken-iris.csv"], DATA,
                             r"broken-iris.csv line 2, column 'a': 'x' is not a finite number"),
    "predict wrong width": (["predict", "plain.npz", "iris.csv"], DATA,
                            r"iris.csv has 5 columns \(a, b, c, d, species\), but the model takes "
                            r"n\^\[0\] = 3 features"),
}


def make_files(folder):
    blobs_csv(folder / "iris.csv", m=30)
    rows = [[1, 2, 3, 4, "x"], [2, 3, 4, 5, "y"], [0, 1, 1, 1, "x"]]
    write_csv(folder / "two.csv", ["a", "c", "e", "f", "kind"], rows)
    blobs_csv(folder / "tiny.csv", m=2)
    (folder / "data.xlsx").write_text("a,b\n1,2\n")
    (folder / "empty.csv").write_text("\n\n")
    (folder / "header.csv").write_text("x1,x2,y\n")
    (folder / "ragged.csv").write_text("x1,x2,y\n1,2,a\n3,b\n")
    (folder / "text.csv").write_text("x1,x2,y\n1,2,a\n3,abc,b\n")
    (folder / "nan.csv").write_text("x1,x2,y\nnan,2,a\n3,4,b\n")
    (folder / "hole.csv").write_text("x1,x2,y\n,2,a\n3,4,b\n")
    (folder / "twice.csv").write_text("x,x,y\n1,2,a\n3,4,b\n")
    (folder / "unnamed.csv").write_text("x,,y\n1,2,a\n3,4,b\n")
    (folder / "one.csv").write_text("x,y\n1,cat\n2,cat\n")
    (folder / "float.csv").write_text("x,y\n1,0.5\n2,1.5\n3,1\n")
    (folder / "nolabel.csv").write_text("x,y\n1,a\n2,\n3,b\n")
    (folder / "only.csv").write_text("y\na\nb\n")
    (folder / "latin.csv").write_bytes("x,y\n1,caf\xe9\n2,th\xe9\n".encode("latin-1"))
    X, Y = np.arange(12.0).reshape(2, 6), np.array([[0, 1, 0, 1, 0, 1]])
    np.savez(folder / "good.npz", X=X, Y=Y)
    np.savez(folder / "noY.npz", X=X)
    np.savez(folder / "transposed.npz", X=X.T, Y=Y)
    np.savez(folder / "flat.npz", X=X, Y=Y[0])
    np.savez(folder / "soft.npz", X=X, Y=np.full((3, 6), 1 / 3))
    np.savez(folder / "objects.npz", X=np.array([1, "a", None], dtype=object), Y=Y)
    with open(folder / "single.npz", "wb") as file:
        np.save(file, X)
    (folder / "garbage.npz").write_bytes(b"PK\x03\x04 but not really a zip")
    (folder / "broken-iris.csv").write_text("a,b,c,d\nx,1,2,3\n")
    assert main(["train", str(folder / "iris.csv"), "--epochs", "1", "--quiet", "--out", str(folder / "iris.npz")]) == 0
    from blocks import Layer, Sequential, Sigmoid

    Sequential(Layer(3, 1, activation=Sigmoid(), rng=0)).save(folder / "plain.npz")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-errors")
    make_files(folder)
    return folder


@pytest.fixture(scope="module")
def runs(folder):
    usage = {name: command(*args) for name, (args, status, _) in CASES.items() if status == USAGE}
    return run_all(usage, cwd=folder)


def in_process(argv, folder, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    capsys.readouterr()
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, status, out, err)


@pytest.mark.parametrize("name", list(CASES))
def test_one_clear_line_and_a_non_zero_exit(name, folder, runs, capsys, monkeypatch):
    args, status, message = CASES[name]
    result = runs[name] if status == USAGE else in_process(args, folder, capsys, monkeypatch)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert re.search(message, result.stderr.rstrip("\n")), result.stderr
