"""The sequence demos, data sets, example and benchmark run as documented, on small CI budgets."""
import re
import sys

import numpy as np
import pytest

from blocks import sequence_data, sequence_demo
from tests.cli_helpers import ROOT, run_all


def test_names_are_encoded_for_next_character_prediction():
    X, Y = sequence_data.encode_names(["ab", "c"])
    assert X.tolist() == [[0, 1, 2], [0, 3, 0]]  # "." then the name, padded with "."
    assert Y.argmax(axis=0).tolist() == [[1, 2, 0], [3, 0, 0]]  # the name then "."
    assert sequence_data.decode([1, 2, 0, 5]) == "ab"
    assert len(sequence_data.names()) == len(set(sequence_data.names())) == 332
    with pytest.raises(ValueError, match=r"lower-case letters a to z; 'Bo' has 'B'"):
        sequence_data.encode_names(["Bo"])
    with pytest.raises(ValueError, match="T_x = 2 is too short for the longest name, which needs 3 steps"):
        sequence_data.encode_names(["ab"], T_x=2)


def test_memory_marks_the_first_step_and_labels_its_sign():
    X, Y = sequence_data.memory(m=6, T_x=4, rng=0)
    assert X.shape == (2, 6, 4) and Y.shape == (1, 6)
    assert np.array_equal(X[1, :, 0], np.ones(6)) and not X[1, :, 1:].any()
    assert np.array_equal(Y[0], X[0, :, 0] > 0)


def test_the_names_demo_learns_and_samples():
    lines = []
    result = sequence_demo.run_names(epochs=3, verbose=0, out=lambda line: lines.append(str(line)))
    assert lines[0].startswith("names: 332 names, ids X (332, 12) (m, T_x)")
    assert lines[2].startswith("before training: ") and lines[-1].endswith(", ".join(result["new"]))
    assert len(result["samples"]) == 20 and all(set(w) <= set("abcdefghijklmnopqrstuvwxyz") for w in result["samples"])
    assert result["cost"] < np.log(27)  # better than a uniform guess over the 27 characters


def test_the_cli_runs_the_sequence_demos_and_the_example_runs(tmp_path):
    env = {"PYTHONPATH": str(ROOT)}
    commands = {
        "names": [sys.executable, "-m", "blocks", "demo", "--dataset", "names", "--epochs", "2", "--quiet"],
        "memory": [sys.executable, "-m", "blocks", "demo", "--dataset", "memory", "--epochs", "1", "--quiet"],
        "example": [sys.executable, str(ROOT / "examples" / "rnn_lstm_step_by_step.py"), "--quick"],
        "clipping": [sys.executable, str(ROOT / "examples" / "exploding_gradients.py"), "--quick"],
        "bench": [sys.executable, str(ROOT / "benchmarks" / "bench_rnn.py"), "--quick", "--no-torch"],
    }
    runs = run_all(commands, cwd=tmp_path, env=env)
    assert all(r.returncode == 0 for r in runs.values()), {k: r.stderr[-2000:] for k, r in runs.items()}
    assert [line.split(",")[0] for line in runs["names"].stdout.splitlines()] == ["after 1 epochs", "after 2 epochs"]
    assert [line.split()[3] for line in runs["memory"].stdout.splitlines()] == ["RNN", "LSTM", "RNN", "LSTM"]
    example = runs["example"].stdout
    for line in example.splitlines():  # every function agrees with the course's plain NumPy to rounding
        errors = [float(x) for x in re.findall(r"\d\.\de[+-]\d\d", line)]
        assert errors and max(errors) < 1e-12, line
    plain, clipped = runs["clipping"].stdout.splitlines()
    assert plain.startswith("clip_norm=None: cost per epoch") and plain.split(";")[0].endswith("0.693 0.693")
    assert float(clipped.split()[-1].rstrip("%")) > 60  # clipped, it learns within 5 epochs
    assert "float32: npblocks" in runs["bench"].stdout and "float64: npblocks" in runs["bench"].stdout
