"""Stop training on a non-finite cost, naming the first block whose output went non-finite."""
from __future__ import annotations

import math

import numpy as np

from .callbacks import Callback


class TerminateOnNaN(Callback):
    """Stops fit at the first batch whose cost J is NaN or infinite and says where it came from.

    fit makes no update from such a batch, so the weights are those that produced it; this callback
    runs the batch again block by block and names the first block whose output holds a NaN or an inf
    (and a non-finite parameter of that block, if any). fit adds one unless ``callbacks`` has its own.
    """

    def on_batch_end(self, batch, logs=None):
        J = logs["loss"]
        if math.isfinite(J):
            return
        where = first_non_finite(self.run.model, self.run.X_batch)
        self.run.stop(f"the cost became {J} in epoch {self.run.epoch + 1}, batch {batch + 1}: {where}. "
                      "Lower the learning rate, clip the gradients (clip_norm=...) or look at the data",
                      by="non-finite")


def first_non_finite(model, X) -> str:
    """Forward X block by block and describe the first non-finite output (model state left as it was)."""
    blocks = getattr(model, "blocks", None)
    if blocks is None:
        return "the model's output is non-finite" if not np.isfinite(model.forward(X)).all() else "the loss"
    saved = _save_state(model)
    try:
        A = X
        for i, block in enumerate(blocks):
            A = block.forward(A)
            bad = A.size - int(np.isfinite(A).sum())
            if bad:
                params = [p.name for p in block.parameters() if not np.isfinite(p.value).all()]
                also = f"; its {', '.join(params)} is non-finite" if params else ""
                return f"block {i} of the Sequential, {block!r}, gave the first non-finite output " \
                       f"({bad} of {A.size} entries){also}"
    finally:
        _restore_state(saved)
    return "every block's output is finite, so the loss itself gave it"


def _save_state(model):
    """Buffers (running statistics) and random generators a forward pass may change."""
    saved = []
    for block in [model, *(block for _, block in model.named_blocks())]:
        saved += [(block, name, getattr(block, name).copy()) for name in block.buffers]
        rng = getattr(block, "rng", None)
        if isinstance(rng, np.random.Generator):
            saved.append((rng.bit_generator, "state", rng.bit_generator.state))
    return saved


def _restore_state(saved):
    for owner, name, value in saved:
        if isinstance(value, np.ndarray):
            getattr(owner, name)[...] = value
        else:
            setattr(owner, name, value)
