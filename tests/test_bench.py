"""The benchmark runs as documented (a quick smoke run, without PyTorch). Nothing here is timed.

Marked ``bench``: left out of the default test run (pyproject's addopts); run it with ``pytest -m bench``.
"""
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.bench

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_quick_benchmark_runs_and_prints_its_ratios():
    out = subprocess.run(
        [sys.executable, os.path.join("benchmarks", "bench.py"), "--quick", "--no-torch", "--only", "tiny,course"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "BLAS threads" in text and "torch not used" in text
    for network in ("[2, 16, 16, 1] m=400 sigmoid", "[12288, 20, 7, 5, 1] m=209 sigmoid"):
        assert f"{network} float32" in text and f"{network} float64" in text
    assert "npblocks/floor" in text and "peak memory above the built model: npblocks" in text
    assert "growth with the batch size" in text and "per sample" in text
    assert "npblocks/hand" in text and "hand/floor" in text
    # the hand-written step computes what npblocks computes: the same weights after one float64 step
    errors = text.split("max |W_npblocks - W_hand| after one float64 step from the same weights:\n")[1].split("\n")[0]
    assert [name for name, _ in (e.split() for e in errors.split(", "))] == ["course", "tiny"]
    assert all(float(value) < 1e-15 for _, value in (e.split() for e in errors.split(", "))), errors


def test_quick_ablation_runs_and_prints_its_table():
    out = subprocess.run(
        [sys.executable, os.path.join("benchmarks", "ablation.py"), "--quick", "--only", "tiny", "--dtypes", "float64"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "| device removed | tiny 64 | best |" in out.stdout
