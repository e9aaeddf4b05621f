"""The convolutional benchmark runs as documented (a quick smoke run without PyTorch). Nothing here is timed."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_quick_conv_benchmark_runs_and_prints_its_figures():
    out = subprocess.run(
        [sys.executable, os.path.join("benchmarks", "bench_conv.py"), "--quick", "--no-torch", "--threads", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "torch not used" in text and "LeNet-5-like step, float32, X (1, 28, 28, 64)" in text
    assert "x floor)" in text and "peak memory above the built model: npblocks" in text
    assert "growth with m and with the image size" in text
    rows = [line.split() for line in text.splitlines() if line.strip().startswith(("16 ", "64 "))]
    assert [row[:2] for row in rows] == [["16", "28"], ["64", "28"], ["64", "56"]]
