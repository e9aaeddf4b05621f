"""fit's progress: silent with verbose=0, plain lines without tqdm, a tqdm bar when it is installed."""
import sys
import types

import pytest

from blocks.training import EarlyStopping, progress
from blocks.training.progress import format_logs
from losses import BinaryCrossEntropy
from optim import SGD
from tests.fitting import separable, small_model


def train(epochs=20, **options):
    X, Y = separable(m=20)
    model = small_model()
    return model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1), epochs=epochs,
                     batch_size=8, rng=0, **options)


@pytest.fixture
def no_tqdm(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)


def test_verbose_0_prints_nothing(capsys, no_tqdm):
    train(verbose=0)
    assert capsys.readouterr() == ("", "")


def test_without_tqdm_verbose_1_prints_about_ten_lines(capsys, no_tqdm):
    history = train(epochs=20, verbose=1, metrics=["accuracy"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == [f"{e}/20" for e in range(2, 21, 2)]
    assert lines[-1] == f"epoch 20/20  loss {history['loss'][-1]:.6f}  accuracy {history['accuracy'][-1]:.4f}"


def test_verbose_2_prints_a_line_per_epoch_and_why_it_stopped(capsys, no_tqdm):
    history = train(epochs=5, verbose=2, callbacks=[EarlyStopping("loss", patience=0, min_delta=10.0)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"epoch 1/5  loss {history['loss'][0]:.6f}"
    assert lines[2] == history.stop_reason and len(lines) == 3


def test_with_tqdm_a_bar_counts_every_batch(monkeypatch, capsys):
    bars = []

    class FakeBar:
        def __init__(self, total, unit, leave):
            self.total, self.n, self.closed, self.postfix, self.description = total, 0, False, None, None
            bars.append(self)

        def update(self, n):
            self.n += n

        def set_description(self, text):
            self.description = text

        def set_postfix_str(self, text):
            self.postfix = text

        def close(self):
            self.closed = True

    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = FakeBar
    monkeypatch.setitem(sys.modules, "tqdm", types.ModuleType("tqdm"))
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    monkeypatch.setattr(progress, "interactive", lambda: True)
    history = train(epochs=4, verbose=1)
    (bar,) = bars
    assert bar.total == bar.n == 4 * 3 and bar.closed
    assert bar.description == "epoch 4/4" and bar.postfix == f"loss {history['loss'][-1]:.6f}"
    assert capsys.readouterr().out == ""


def test_outside_a_terminal_tqdm_gives_way_to_plain_lines(monkeypatch, capsys):
    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = lambda *args, **kwargs: pytest.fail("a tqdm bar was drawn into a non-terminal stream")
    monkeypatch.setitem(sys.modules, "tqdm", types.ModuleType("tqdm"))
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    monkeypatch.setattr(progress, "interactive", lambda: False)
    train(epochs=4, verbose=1)
    assert capsys.readouterr().out.count("epoch ") == 4


def test_log_format():
    assert format_logs({"loss": 0.5, "accuracy": 0.25, "val_loss": 1.0, "lr": 0.001}) == (
        "loss 0.500000  accuracy 0.2500  val_loss 1.000000  lr 0.001"
    )


def test_a_slow_run_prints_at_least_every_30_seconds(capsys, no_tqdm, monkeypatch):
    now = [0.0]

    def tick():
        now[0] += 10.0  # each reading of the clock: 10 s later (one reading per epoch, one more per line)
        return now[0]

    monkeypatch.setattr(progress, "time", types.SimpleNamespace(monotonic=tick))
    train(epochs=100, verbose=1)
    epochs = [int(line.split()[1].split("/")[0]) for line in capsys.readouterr().out.splitlines()]
    assert progress.EVERY_SECONDS == 30.0
    assert epochs[:5] == [3, 6, 9, 10, 13] and epochs[-1] == 100  # 30 s after the last line, and every 10th
