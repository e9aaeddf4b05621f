"""The main job: npblocks demo learns the digits past 90% with its default budget and draws its pictures."""
import os
import sys

import pytest

from blocks import datasets, demo
from tests.cli_helpers import command, run_all

PNG = b"\x89PNG\r\n\x1a\n"
NO_MATPLOTLIB = ("import sys; sys.modules['matplotlib'] = None; "
                 "from blocks.cli import main; sys.exit(main(sys.argv[1:]))")


def test_the_default_demo_passes_90_percent_on_the_digits(tmp_path):
    pytest.importorskip("matplotlib")
    lines = []
    result = demo.run(out_dir=tmp_path / "pics", verbose=0, out=lambda line: lines.append(str(line)))
    assert result["test_accuracy"] > 0.9 and result["train_accuracy"] > 0.95
    assert result["history"]["loss"][-1] < result["history"]["loss"][0]
    assert [os.path.basename(p) for p in result["files"]] == ["digits-cost.png", "digits-test.png"]
    assert all(path.read_bytes().startswith(PNG) for path in (tmp_path / "pics").iterdir())
    assert lines[0].startswith("digits: 1438 training and 359 test samples") and "layers [64, 64, 32, 10]" in lines[0]
    assert any(line.startswith("cost ") and "test accuracy" in line for line in lines)


def test_the_flower_demo_draws_its_decision_boundary(tmp_path):
    pytest.importorskip("matplotlib")
    result = demo.run("flower", out_dir=tmp_path, verbose=0, out=lambda line: None)
    assert result["test_accuracy"] > 0.85
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flower-boundary.png", "flower-cost.png"]
    assert all(p.read_bytes().startswith(PNG) for p in tmp_path.iterdir())


@pytest.mark.parametrize("name", ["moons", "circles", "spirals", "xor"])
def test_every_data_set_has_a_recipe_that_runs(name, tmp_path):
    result = demo.run(name, epochs=2, plots=False, verbose=0, out=lambda line: None)
    assert result["files"] == [] and 0 <= result["test_accuracy"] <= 1
    assert set(demo.RECIPES) == set(datasets.NAMES)


def test_unknown_data_set():
    with pytest.raises(ValueError, match="unknown data set 'mnist'; expected one of flower, moons"):
        demo.run("mnist")


def test_the_command_trains_prints_and_writes_pictures_or_says_how_to_get_them(tmp_path):
    pytest.importorskip("matplotlib")
    runs = run_all({
        "digits": command("demo", "--epochs", "2", "--out-dir", "pics"),
        "moons": command("demo", "--dataset", "moons", "--epochs", "2", "--no-plots", "--quiet"),
        "bare": [sys.executable, "-c", NO_MATPLOTLIB, "demo", "--epochs", "1", "--quiet"],
    }, cwd=tmp_path)
    assert all(r.returncode == 0 for r in runs.values()), {k: r.stderr for k, r in runs.items()}
    out = runs["digits"].stdout
    assert "Layer(64, 64, activation=ReLU())" in out and "epoch 2/2" in out + runs["digits"].stderr
    assert "test accuracy" in out and "wrote pics/digits-cost.png" in out
    assert (tmp_path / "pics" / "digits-cost.png").read_bytes().startswith(PNG)
    assert runs["moons"].stdout.startswith("cost ") and len(runs["moons"].stdout.splitlines()) == 1
    assert runs["bare"].stdout.splitlines()[-1] == ('no pictures: plots need matplotlib: pip install -e ".[plot]" in '
                                                    'a clone of npblocks (npblocks is not on PyPI yet), or pip install '
                                                    'matplotlib')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pics"]
