"""npblocks demo --model cnn: a convolutional network learns the digits as images (1, 8, 8, m)."""
import pytest

from blocks import Conv2D, demo
from tests.cli_helpers import ROOT, command, run_all

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_cnn_demo_passes_97_percent_on_the_digits(tmp_path):
    pytest.importorskip("matplotlib")
    lines = []
    result = demo.run(model="cnn", out_dir=tmp_path, verbose=0, out=lambda line: lines.append(str(line)))
    assert result["test_accuracy"] > 0.97 and result["train_accuracy"] > 0.98
    assert isinstance(result["model"][0], Conv2D)
    assert lines[0] == "digits: 1438 training and 359 test samples, X of shape (1, 8, 8, m), a convolutional network"
    assert "(16, 8, 8, m)" in lines[1] and "(32, 2, 2, m)" in lines[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digits-cnn-cost.png", "digits-cnn-test.png"]
    assert all(p.read_bytes().startswith(PNG) for p in tmp_path.iterdir())


@pytest.mark.parametrize("options, match", [
    ({"model": "rnn"}, r"unknown model 'rnn'; expected one of dense, cnn"),
    ({"model": "cnn", "dataset": "moons"}, r"the cnn model takes images, so it trains on the digits only"),
])
def test_bad_options(options, match):
    with pytest.raises(ValueError, match=match):
        demo.run(**options, plots=False, verbose=0, out=lambda line: None)


def test_the_command(tmp_path):
    runs = run_all({
        "cnn": command("demo", "--model", "cnn", "--epochs", "1", "--no-plots"),
        "moons": command("demo", "--model", "cnn", "--dataset", "moons", "--epochs", "1", "--no-plots"),
    }, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})  # this tree's blocks, not an installed one
    assert runs["cnn"].returncode == 0, runs["cnn"].stderr
    assert "Conv2D(1, 16, 3, padding='same', activation=ReLU())" in runs["cnn"].stdout
    assert "test accuracy" in runs["cnn"].stdout
    assert runs["moons"].returncode != 0 and "trains on the digits only" in runs["moons"].stderr
