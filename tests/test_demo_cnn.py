"""npblocks demo --model cnn: a convolutional network learns the digits as images (1, 8, 8, m)."""
import pytest

from blocks import Conv2D, demo
from tests.cli_helpers import ROOT, command, run_all

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_cnn_demo_passes_97_percent_on_the_digits(tmp_path):
    """The default budget, in a subprocess with one BLAS thread (run_all's): small products on a loaded
    machine run many times slower with two threads that wait for each other."""
    pytest.importorskip("matplotlib")
    run = run_all({0: command("demo", "--model", "cnn", "--out-dir", "pics")}, cwd=tmp_path,
                  env={"PYTHONPATH": str(ROOT)})[0]
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "digits: 1438 training and 359 test samples, X of shape (1, 8, 8, m), a convolutional network"
    assert "(16, 8, 8, m)" in run.stdout and "(32, 2, 2, m)" in run.stdout
    result = next(line for line in lines if line.startswith("cost "))
    train, test = (float(part.split()[-1].rstrip("%")) for part in result.split("   ")[1:])
    assert test > 97 and train > 98
    assert sorted(p.name for p in (tmp_path / "pics").iterdir()) == ["digits-cnn-cost.png", "digits-cnn-test.png"]
    assert all(p.read_bytes().startswith(PNG) for p in (tmp_path / "pics").iterdir())


def test_the_cnn_is_convolutional():
    model = demo.build_cnn()
    assert isinstance(model[0], Conv2D) and model.input_shape == (1, 8, 8, "m")
    assert model.output_shape(None) == (10, "m")


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
