"""What the gradient tests of RNN, LSTM and GRU share: random weights, and the check of one block alone."""
from __future__ import annotations

import numpy as np

from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import sequence_batches


def randomised(block, seed):
    """The block with every weight drawn from a standard normal (larger than init's, to reach every gate)."""
    rng = np.random.default_rng(seed)
    for name in block.parameter_names:
        setattr(block, name, rng.standard_normal(getattr(block, name).shape))
    return block


def check_alone(block, data, m, T, seed):
    """check_gradients of the block on X (n_x, m, T_x) with a random upstream dA shaped like its output.

    J = (1/(m T)) sum(dA * A) (or (1/m) with the last step only): its gradients are exactly the block's dW
    and dX / (m T), so the check pins where the 1/(m T) lives. ``data`` None: X and dA seeded instead of drawn.
    """
    out = (block.n_a, m, T) if block.return_sequences else (block.n_a, m)
    if data is None:
        rng = np.random.default_rng(seed)
        X, dA = rng.standard_normal((block.n_x, m, T)), rng.standard_normal(out)
    else:
        X = data.draw(sequence_batches(block.n_x, m, T))
        last = sequence_batches(block.n_a, m, 1).map(lambda a: a[:, :, 0])
        dA = data.draw(sequence_batches(*out) if block.return_sequences else last)
    check_gradients(block, X, dA, LinearLoss())
