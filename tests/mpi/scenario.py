"""The data-parallel scenarios every process runs with its communicator: under ``mpiexec`` (tests/mpi/*.py,
with mpi4py's COMM_WORLD) or in threads (tests/fake_comm.py). Each compares P processes training together
with one process training alone on the whole batch, and collects failures instead of raising, so that
every process takes part in every collective (a process that raised early would leave the others waiting).
"""
from __future__ import annotations

import os
import shutil
import tempfile

import numpy as np

from blocks import Layer, ReLU, Sequential, Sigmoid, Tanh
from blocks.saving import load_checkpoint
from losses import BinaryCrossEntropy
from optim import SGD, Adam, DataParallel, Momentum

RULES = {
    "SGD": lambda params: SGD(params, lr=0.5),
    "Momentum": lambda params: Momentum(params, lr=0.5, beta=0.9),
    "Adam": lambda params: Adam(params, lr=0.01),
}
STEPS, TOLERANCE = 20, 1e-12


def problem(m=23, n0=5, seed=7):
    """X (n0, m) standard normal, Y (1, m) labels of a nonlinear rule: the same on every process."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n0, m))
    return X, (X[0:1] * X[1:2] + X[2:3] > 0).astype(float)


def network(seed=0, n_hidden=6, dtype=np.float64):
    """[5, n_hidden, 4, 1], tanh, ReLU, sigmoid."""
    return Sequential(
        Layer(5, n_hidden, activation=Tanh(), rng=seed, dtype=dtype),
        Layer(n_hidden, 4, activation=ReLU(), rng=seed + 1, dtype=dtype),
        Layer(4, 1, activation=Sigmoid(), rng=seed + 2, dtype=dtype),
    )


def weights(model) -> np.ndarray:
    return np.concatenate([p.value.ravel() for p in model.parameters()])


def own_network(rank):
    """Process 0's network is the one trained alone (seed 0); the others start elsewhere, so the test
    fails unless DataParallel makes every process's parameters process 0's."""
    return network(0 if rank == 0 else 100 + rank)


def canonical(model, opt, X, Y, m=None):
    loss = BinaryCrossEntropy()
    for _ in range(STEPS):
        AL = model.forward(X)
        loss.forward(AL, Y)
        model.backward(loss.backward(AL, Y))
        opt.step() if m is None else opt.step(m=m)


def fit(model, opt, X, Y, rng=3, verbose=2):
    """3 epochs of batches of 11 of the 23 columns: uneven shards on 2 and 3 processes (6 + 5, 4 + 4 + 3), and
    the last batch, of 1 column, leaves processes 1.. without any."""
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=opt, epochs=3, batch_size=11, rng=rng,
                        verbose=verbose, metrics=["accuracy"])
    return history.history


class Report:
    """Failures collected on one process; ``same_everywhere`` is a collective (every process calls it)."""

    def __init__(self, comm):
        self.comm, self.rank, self.failures, self.passed = comm, comm.Get_rank(), [], []

    def close(self, what, got, expected):
        error = float(np.max(np.abs(np.asarray(got) - np.asarray(expected))))
        (self.passed if error <= TOLERANCE else self.failures).append(f"{what}: max |difference| {error:.3g}")

    def same_everywhere(self, what, array):
        everyone = self.comm.allgather(np.ascontiguousarray(array).tobytes())
        if any(theirs != everyone[0] for theirs in everyone):
            self.failures.append(f"{what}: the processes' arrays differ")
        else:
            self.passed.append(f"{what}: the same bits on all {len(everyone)} processes")


def train_together(comm) -> Report:
    """The canonical loop (23 columns: 12 + 11 or 8 + 8 + 7, step(m=m_p)) and fit, for SGD, Momentum, Adam.
    Only the fits
    together print (verbose=2, 3 epochs each, 4 fits): 12 lines ``epoch e/3 ...``, from process 0 alone."""
    report = Report(comm)
    X, Y = problem()
    for name, rule in RULES.items():
        alone = network(0)
        canonical(alone, rule(alone.parameters()), X, Y)
        model = own_network(report.rank)
        opt = DataParallel(rule(model.parameters()), comm=comm)
        mine = opt.shard(X.shape[1])
        canonical(model, opt, X[:, mine], Y[:, mine], m=mine.stop - mine.start)
        report.close(f"{name} canonical loop vs alone", weights(model), weights(alone))
        report.same_everywhere(f"{name} canonical loop", weights(model))

        alone = network(0)
        logs_alone = fit(alone, rule(alone.parameters()), X, Y, verbose=0)
        model = own_network(report.rank)
        logs = fit(model, DataParallel(rule(model.parameters()), comm=comm), X, Y)
        report.close(f"{name} fit vs alone", weights(model), weights(alone))
        report.close(f"{name} fit History vs alone", [logs["loss"], logs["accuracy"]],
                     [logs_alone["loss"], logs_alone["accuracy"]])
        report.same_everywhere(f"{name} fit", weights(model))

    model = own_network(report.rank)
    fit(model, DataParallel(Adam(model.parameters()), comm=comm), X, Y, rng=None)
    report.same_everywhere("fit with rng=None (process 0's shuffle)", weights(model))
    return report


def checkpoint_together(comm) -> Report:
    """Process 0 saves a checkpoint of a DataParallel(Adam); every process loads it and resumes."""
    report = Report(comm)
    X, Y = problem()
    model = own_network(report.rank)
    opt = DataParallel(Adam(model.parameters(), lr=0.01), comm=comm)
    mine = opt.shard(X.shape[1])
    canonical(model, opt, X[:, mine], Y[:, mine], m=mine.stop - mine.start)
    folder = comm.bcast(tempfile.mkdtemp() if report.rank == 0 else None, root=0)
    path = os.path.join(folder, "checkpoint.npz")
    if opt.rank == 0:
        model.save(path, optimizer=opt)
    comm.Barrier()
    loaded, rule = load_checkpoint(path)
    if type(rule) is not Adam or rule.t != STEPS:
        report.failures.append(f"the checkpoint holds {rule!r} at t = {rule.t}, expected Adam at t = {STEPS}")
    report.close("checkpoint weights", weights(loaded), weights(model))
    comm.Barrier()
    if report.rank == 0:
        shutil.rmtree(folder)
    resumed = DataParallel(rule, comm=comm)
    canonical(loaded, resumed, X[:, mine], Y[:, mine], m=mine.stop - mine.start)
    canonical(model, opt, X[:, mine], Y[:, mine], m=mine.stop - mine.start)
    report.close("resumed from the checkpoint vs not stopped", weights(loaded), weights(model))
    return report


def mismatched(comm) -> list[str]:
    """Process 1 builds a wider (then a float32) model: the error every process gets, one per case."""
    rank, messages = comm.Get_rank(), []
    for other in (lambda: network(n_hidden=7), lambda: network(dtype=np.float32)):
        model = other() if rank == 1 else network()
        try:
            DataParallel(SGD(model.parameters(), lr=0.1), comm=comm)
            messages.append("no error")
        except ValueError as exc:
            messages.append(f"ValueError: {exc}")
    return messages
