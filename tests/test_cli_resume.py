"""npblocks train: Ctrl-C saves the model trained so far (exit 130), checkpoints resume to the bit, a diverging
run says so and exits non-zero even with --quiet."""
import pytest

import optim
from blocks.cli import main
from blocks.saving import load
from tests.cli_helpers import blobs_csv


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blobs_csv(tmp_path / "iris.csv", m=60, seed=0)
    return tmp_path


def interrupt_at_step(monkeypatch, k):
    """Make Adam's k-th step (from 1) raise KeyboardInterrupt, as a Ctrl-C inside the step would."""
    original, count = optim.Adam.step, [0]

    def step(self):
        count[0] += 1
        if count[0] == k:
            raise KeyboardInterrupt
        original(self)

    monkeypatch.setattr(optim.Adam, "step", step)


def same_weights(a, b):
    return all(p.value.tobytes() == q.value.tobytes() for p, q in zip(a.parameters(), b.parameters(), strict=True))


TRAIN = ["train", "iris.csv", "--epochs", "4", "--batch-size", "16", "--layers", "4,8,3", "--quiet"]  # 3 steps/epoch


def test_ctrl_c_saves_the_model_trained_so_far_and_exits_130(here, capsys, monkeypatch):
    interrupt_at_step(monkeypatch, 5)
    assert main([*TRAIN, "--out", "m.npz"]) == 130
    err = capsys.readouterr().err
    assert err.startswith("interrupted: saved the model trained so far to m.npz (interrupted (Ctrl-C) in epoch 2, "
                          "after batch 1 of 3")
    assert load(here / "m.npz").n_in == 4


def test_a_resumed_run_equals_an_uninterrupted_one_to_the_bit(here, capsys, monkeypatch):
    assert main([*TRAIN, "--out", "whole.npz"]) == 0
    interrupt_at_step(monkeypatch, 8)  # in epoch 3: the checkpoint of epoch 2 stays
    assert main([*TRAIN, "--out", "part.npz", "--checkpoint", "c.npz", "--every", "2"]) == 130
    assert "continue from the last checkpoint with: npblocks train iris.csv --resume c.npz" in capsys.readouterr().err
    monkeypatch.undo()
    monkeypatch.chdir(here)
    assert main(["train", "iris.csv", "--resume", "c.npz", "--out", "resumed.npz", "--quiet"]) == 0
    assert "resuming c.npz: Adam, batch size 16, epoch 3 of 4" in capsys.readouterr().out
    assert same_weights(load(here / "whole.npz"), load(here / "resumed.npz"))
    assert not same_weights(load(here / "whole.npz"), load(here / "part.npz"))


def test_resume_refuses_other_data_and_plain_models(here, capsys):
    assert main([*TRAIN, "--checkpoint", "c.npz"]) == 0
    blobs_csv(here / "other.csv", m=60, classes=("a", "b", "c"))
    assert main(["train", "other.csv", "--resume", "c.npz"]) == 1
    assert "other.csv does not match the data c.npz was trained on: its classes" in capsys.readouterr().err
    assert main(["train", "iris.csv", "--resume", "model.npz"]) == 1
    assert "cannot load model.npz: it holds no optimizer state" in capsys.readouterr().err
    assert main(["train", "iris.csv", "--resume", "c.npz", "--epochs", "4"]) == 2
    assert "--epochs 4: c.npz has already trained 4 epochs; ask for more" in capsys.readouterr().err


def test_a_diverging_run_reports_the_stop_and_exits_non_zero_even_quiet(here, capsys):
    status = main(["train", "iris.csv", "--quiet", "--lr", "1e300", "--optimizer", "sgd", "--out", "m.npz"])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("npblocks train: error: training stopped: ")
    assert "restored the weights and optimizer state of the start of epoch 1" in err
    assert err.rstrip().endswith("Nothing was saved to m.npz") and not (here / "m.npz").exists()


def test_the_new_options_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for option in ("--checkpoint PATH", "--every N", "--resume PATH", "adagrad", "nadam"):
        assert option in out


@pytest.mark.parametrize("epochs", ["0", "-1"])
def test_every_must_be_positive(here, capsys, epochs):
    with pytest.raises(SystemExit):
        main([*TRAIN, "--checkpoint", "c.npz", "--every", epochs])
    assert f"argument --every: must be a positive int, got '{epochs}'" in capsys.readouterr().err
    assert not (here / "c.npz").exists()
