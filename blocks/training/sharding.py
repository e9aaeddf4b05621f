"""One batch of fit, on one process or split among several by a data-parallel optimizer.

fit asks the optimizer, duck-typed, whether it trains data-parallel (``optim.DataParallel`` does): such an
optimizer offers ``shard(m) -> slice`` (this process's columns of a batch of m), ``allreduce(values)`` (the
sum over the processes of a small vector), ``broadcast(value)`` (process 0's value everywhere), ``rank`` and
``step(m=...)``. Nothing here imports optim or mpi4py.
"""
from __future__ import annotations

import math

import numpy as np

from ..init import as_generator
from .samples import slice_samples

PARALLEL = ("shard", "allreduce", "broadcast")


def data_parallel(optimizer):
    """The optimizer when it splits each batch among processes, else None."""
    return optimizer if all(callable(getattr(optimizer, name, None)) for name in PARALLEL) else None


def leads(optimizer) -> bool:
    """True on the process that prints: the only one, or process 0 of a data-parallel run."""
    parallel = data_parallel(optimizer)
    return parallel is None or parallel.rank == 0


def shared_generator(rng, optimizer) -> np.random.Generator:
    """fit's shuffling Generator; with no ``rng`` in a data-parallel run, seeded by process 0 for all, so
    every process cuts the same batches. (A seed or Generator given is used as is: give every process the same.)"""
    parallel = data_parallel(optimizer)
    if parallel is not None and rng is None:
        rng = parallel.broadcast(int(np.random.SeedSequence().entropy))
    return as_generator(rng)


def train_batch(model, loss, optimizer, batch, metrics) -> dict:
    """The canonical loop on one batch ``(X, Y, their sample axes)``: forward, J, backward and step unless J
    is NaN or inf; its logs, with the batch's m as ``size``."""
    if data_parallel(optimizer) is not None:
        return train_shard(model, loss, optimizer, batch, metrics)
    X, Y, axes = batch
    AL = model.forward(X)
    J = loss.forward(AL, Y)
    if math.isfinite(J):
        model.backward(loss.backward(AL, Y), need_dA_prev=False)  # no dA^[0]: X is data
        optimizer.step()
    logs = {"loss": J, "size": X.shape[axes[0]]}
    logs.update({name: metric(AL, Y) for name, metric in metrics.items()})
    return logs


def train_shard(model, loss, optimizer, batch, metrics) -> dict:
    """This process's share of the batch X, Y (M columns, the same on every process) through the loop.

    Process p runs its m_p columns; the cost and metrics of the whole batch, J = sum_p m_p J_p / M, come
    from one allreduce of [m_p J_p, m_p metric_p, ..., m_p], BEFORE the update, so that every process
    agrees whether J is finite and steps (or skips) together. ``optimizer.step(m=m_p)`` averages the
    gradients. A process with no columns (M < P) sends zeros and steps with the others.
    """
    X, Y, axes = batch
    M = X.shape[axes[0]]
    mine = optimizer.shard(M)
    X_p, Y_p = slice_samples(X, mine, axes[0]), slice_samples(Y, mine, axes[1])
    m_p = X_p.shape[axes[0]]
    local = np.zeros(len(metrics) + 2)
    if m_p:
        AL = model.forward(X_p)
        local[0] = loss.forward(AL, Y_p)
        local[1:-1] = [metric(AL, Y_p) for metric in metrics.values()]
        local[:-1] *= m_p
    local[-1] = m_p
    total = optimizer.allreduce(local)
    J, *values = (total[:-1] / total[-1]).tolist()
    if math.isfinite(J):
        if m_p:
            model.backward(loss.backward(AL, Y_p), need_dA_prev=False)
        optimizer.step(m=m_p)
    logs = {"loss": J, "size": M}
    logs.update(zip(metrics, values, strict=True))
    return logs
