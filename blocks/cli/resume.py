"""``npblocks train --checkpoint PATH --every N`` and ``--resume PATH``: training that survives a stop.

A checkpoint is ``model.save(path, optimizer=opt, metadata=...)``: the model, the optimizer's state, what
predict needs, and under ``"resume"`` where training stands: the epochs done and asked for, the batch size,
the split (seed, test fraction), and the state of the generator that shuffles the batches. It is written at
the end of every N-th epoch, so ``--resume`` continues from an epoch boundary and gives, to the bit, the
model an uninterrupted run would have given.
"""
from __future__ import annotations

from ..saving.generators import generator_state, restore_generator
from ..training import Callback


class Checkpoint(Callback):
    """At the end of every ``every``-th epoch, save a resumable checkpoint to ``path``."""

    def __init__(self, path: str, every: int, meta: dict, progress: dict, rng):
        self.path, self.every, self.meta, self.progress, self.rng = path, every, meta, progress, rng

    def on_epoch_end(self, epoch, logs=None):
        done = self.progress["done"] + epoch + 1
        if done % self.every == 0 or done == self.progress["epochs"]:
            save_checkpoint(self.path, self.run.model, self.run.optimizer, self.meta,
                            {**self.progress, "done": done, "rng": generator_state(self.rng, "the shuffle")})


def save_checkpoint(path, model, optimizer, meta, progress) -> None:
    model.save(path, optimizer=optimizer, metadata={**meta, "resume": progress})


def read_progress(meta: dict, path: str) -> dict:
    """The "resume" part of a checkpoint's metadata, checked; a ValueError if the file cannot be resumed."""
    progress = meta.get("resume")
    if not _valid(progress):
        raise ValueError(f"{path} is not a checkpoint written by npblocks train --checkpoint; it cannot be resumed")
    return progress


def _valid(progress) -> bool:
    if not isinstance(progress, dict) or not isinstance(progress.get("rng"), dict):
        return False
    ints = [progress.get(k) for k in ("done", "epochs", "batch_size", "seed")]
    if any(isinstance(v, bool) or not isinstance(v, int) for v in ints):
        return False
    fraction = progress.get("test_fraction")
    return isinstance(fraction, (int, float)) and 0 < ints[0] <= ints[1] and ints[2] > 0


def shuffle_generator(progress: dict, path: str):
    """The generator that shuffles the batches, in the state the checkpoint saved."""
    return restore_generator(progress["rng"], f"{path}'s shuffle")
