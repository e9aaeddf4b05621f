"""The main job and its command line: it trains, prints the falling cost, and reaches a good accuracy."""
import subprocess
import sys

from blocks import demo


def test_demo_learns_the_flower():
    lines = []
    result = demo.run(iterations=1500, every=500, out=lambda x: lines.append(str(x)))
    costs = [float(line.split()[-1]) for line in lines if line.startswith("iteration")]
    assert costs[-1] < costs[0]
    assert result["test_accuracy"] > 0.9


def test_command_line_runs_and_rejects_bad_arguments():
    ok = subprocess.run([sys.executable, "-m", "blocks", "demo", "--iterations", "50"], capture_output=True, text=True)
    assert ok.returncode == 0 and "test accuracy" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "blocks", "demo", "--iterations", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--iterations must be a positive int" in bad.stderr
