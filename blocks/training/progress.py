"""fit's progress report: a tqdm bar when tqdm is installed, plain lines otherwise, nothing with verbose=0."""
from __future__ import annotations

import sys
import time

from .callbacks import Callback

#: The longest a plain-line report stays silent (seconds): an epoch that ends later than this after the last
#: line printed gets its own line, so a long run shows progress at least this often (or every epoch, when
#: an epoch takes longer).
EVERY_SECONDS = 30.0


def format_logs(logs: dict) -> str:
    """``loss 0.693147  accuracy 0.5000  val_loss ...``: costs to 6 decimals, others to 4, lr to 4 digits."""
    parts = []
    for key, value in logs.items():
        if key == "lr":
            parts.append(f"lr {value:.4g}")
        elif key.endswith("loss"):
            parts.append(f"{key} {value:.6f}")
        else:
            parts.append(f"{key} {value:.4f}")
    return "  ".join(parts)


class ProgressBar(Callback):
    """verbose=1: a tqdm bar over every batch of every epoch (``pip install -e ".[progress]"``) when
    stderr is a terminal or a notebook; otherwise (no tqdm, a log file, CI) about ten plain lines
    ``epoch e/E  loss ...`` spread over training, and one more at the end of any epoch that ends
    ``EVERY_SECONDS`` or more after the last line. verbose=2: one plain line per epoch. The reason
    training stopped early, if any, is printed at the end.
    """

    def __init__(self, verbose: int = 1, clock=None):
        self.verbose = verbose
        self.bar = None
        self.clock = clock or time.monotonic
        self.last = None

    def on_train_begin(self, logs=None):
        run = self.run
        self.every = 1 if self.verbose == 2 else max(1, run.epochs // 10)
        tqdm = _tqdm() if self.verbose == 1 and interactive() else None
        self.last = self.clock()
        if tqdm is not None:
            self.bar = tqdm(total=run.epochs * run.steps, unit="batch", leave=True)

    def on_epoch_begin(self, epoch, logs=None):
        if self.bar is not None:
            self.bar.set_description(f"epoch {epoch + 1}/{self.run.epochs}")

    def on_batch_end(self, batch, logs=None):
        if self.bar is not None:
            self.bar.update(1)

    def on_epoch_end(self, epoch, logs=None):
        if self.bar is not None:
            self.bar.set_postfix_str(format_logs(logs))
        elif ((epoch + 1) % self.every == 0 or epoch + 1 == self.run.epochs or self.run.stop_training
              or self.clock() - self.last >= EVERY_SECONDS):
            width = len(str(self.run.epochs))
            print(f"epoch {epoch + 1:>{width}}/{self.run.epochs}  {format_logs(logs)}", file=sys.stdout, flush=True)
            self.last = self.clock()

    def on_train_end(self, logs=None):
        if self.bar is not None:
            self.bar.close()
        for line in self.run.notes:
            print(line, file=sys.stdout)


def interactive() -> bool:
    """True in a terminal or a Jupyter kernel: where a redrawn bar reads well, unlike in a log file."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty()) or "ipykernel" in sys.modules


def _tqdm():
    """tqdm's auto bar (a notebook widget in Jupyter), or None when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm
