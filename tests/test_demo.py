"""The main job and its command line: it trains, prints the falling cost, and reaches a good accuracy."""
import subprocess
import sys

from blocks import demo
from blocks.datasets import planar_flower, train_test_split


def test_demo_learns_the_flower():
    lines = []
    result = demo.run(iterations=1500, every=500, out=lambda x: lines.append(str(x)))
    costs = [float(line.split()[-1]) for line in lines if line.startswith("iteration")]
    assert costs[-1] < costs[0]
    assert result["test_accuracy"] > 0.9


def test_flower_is_columns_and_reproducible():
    X, Y = planar_flower(400, rng=3)
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.sum() == 200
    assert (planar_flower(400, rng=3)[0] == X).all()
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, 0.25, rng=0)
    assert X_train.shape == (2, 300) and Y_test.shape == (1, 100)


def test_command_line_runs_and_rejects_bad_arguments():
    ok = subprocess.run([sys.executable, "-m", "blocks", "demo", "--iterations", "50"], capture_output=True, text=True)
    assert ok.returncode == 0 and "test accuracy" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "blocks", "demo", "--iterations", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--iterations must be a positive int" in bad.stderr
