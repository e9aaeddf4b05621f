"""Every script in examples/ runs as it is, on its small CI budget (--quick), side by side in subprocesses."""
import sys

import numpy as np
import pytest

from tests.cli_helpers import ROOT, run_all
from tests.test_cli_check import has_testing

EXAMPLES = ROOT / "examples"


def fake_cats(path, m_train=6, m_test=3):
    """The layout of the course's catvnoncat.npz (uint8 64x64 RGB images, 0/1 labels), tiny and random."""
    rng = np.random.default_rng(0)
    images = lambda m: rng.integers(0, 256, (m, 64, 64, 3), dtype=np.uint8)  # noqa: E731
    np.savez(path, train_x=images(m_train), train_y=(np.arange(m_train) % 2)[None, :], test_x=images(m_test),
             test_y=(np.arange(m_test) % 2)[None, :], classes=np.array([b"non-cat", b"cat"]))
    return path


def test_every_example_is_run_here():
    tested = {"two_layer_flower.py", "l_layer_flower.py", "digits_softmax_adam.py", "cat_classifier.py",
              "custom_activation.py", "conv_step_by_step.py", "digits_cnn.py",  # these two: test_cnn_examples.py
              "rnn_lstm_step_by_step.py", "exploding_gradients.py"}  # these two run in tests/test_sequence_demo.py
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_the_examples_run_on_a_small_budget(tmp_path):
    pytest.importorskip("matplotlib")
    script = lambda name, *args: [sys.executable, str(EXAMPLES / name), *map(str, args)]  # noqa: E731
    commands = {
        "two_layer": script("two_layer_flower.py", "--quick", "--plot", "boundary.png"),
        "l_layer": script("l_layer_flower.py", "--quick"),
        "digits": script("digits_softmax_adam.py", "--quick", "--plot", "cost.png"),
        "cats": script("cat_classifier.py", fake_cats(tmp_path / "cats.npz"), "--quick"),
    }
    if has_testing:
        commands["custom"] = script("custom_activation.py", "--quick")
    runs = run_all(commands, cwd=tmp_path)
    assert all(r.returncode == 0 for r in runs.values()), {k: r.stderr[-2000:] for k, r in runs.items()}
    accuracy, wrote = runs["two_layer"].stdout.splitlines()[-2:]
    assert accuracy.startswith("accuracy ") and accuracy.endswith("% after 300 iterations")
    assert wrote == "wrote boundary.png"
    assert (tmp_path / "boundary.png").read_bytes()[:4] == (tmp_path / "cost.png").read_bytes()[:4] == b"\x89PNG"
    assert "test accuracy" in runs["l_layer"].stdout and "test accuracy" in runs["digits"].stdout
    assert runs["cats"].stdout.splitlines()[0].startswith("iteration    0   cost 0.69")
    if has_testing:
        out = runs["custom"].stdout
        assert "Softsign: check_activation passed" in out and "BrokenSoftsign: check_activation failed" in out


def test_the_cat_classifier_names_what_its_file_lacks(tmp_path):
    np.savez(tmp_path / "wrong.npz", X=np.zeros((2, 2)))
    result = run_all({0: [sys.executable, str(EXAMPLES / "cat_classifier.py"), "wrong.npz"]}, cwd=tmp_path)[0]
    assert result.returncode == 1
    assert result.stderr.strip() == ("wrong.npz lacks test_x, test_y, train_x, train_y; expected the course's "
                                     "catvnoncat arrays")


def test_the_cat_classifier_says_in_one_line_that_its_file_is_missing(tmp_path):
    from examples.cat_classifier import main

    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path / "catvnoncat.npz")])
    assert str(exit_.value) == (f"{tmp_path / 'catvnoncat.npz'}: No such file or directory; give the path of your "
                                "copy of the course's catvnoncat.npz (npblocks does not ship it)")
