"""P processes in one: threads that share a fake communicator with mpi4py's few methods DataParallel uses.

``run_together(P, work)`` runs ``work(comm)`` in P threads and returns each one's result (or re-raises the
first exception). Collectives meet at a Barrier with a timeout, so a collective that one thread skips
breaks the barrier (BrokenBarrierError) instead of hanging the test. Sums run in rank order, the same
on every thread, as MPI's reductions give the same result on every process.
"""
from __future__ import annotations

import copy
import threading

import numpy as np

TIMEOUT = 30.0


class Group:
    """The meeting place of P threads: each collective is an exchange of one value per rank."""

    def __init__(self, size):
        self.size = size
        self.barrier = threading.Barrier(size, timeout=TIMEOUT)
        self.slots = [None] * size

    def exchange(self, rank, value) -> list:
        self.slots[rank] = value
        self.barrier.wait()
        everyone = list(self.slots)
        self.barrier.wait()
        return everyone


class FakeComm:
    """mpi4py.MPI.Comm's Get_rank, Get_size, Barrier, allgather, bcast, Bcast and Allreduce (sum)."""

    def __init__(self, group, rank):
        self.group, self.rank, self.size = group, rank, group.size

    def Get_rank(self):
        return self.rank

    def Get_size(self):
        return self.size

    def Barrier(self):
        self.group.exchange(self.rank, None)

    def allgather(self, value):
        return copy.deepcopy(self.group.exchange(self.rank, value))

    def bcast(self, value, root=0):
        return copy.deepcopy(self.group.exchange(self.rank, value)[root])

    def Bcast(self, buffer, root=0):
        buffer[...] = self.group.exchange(self.rank, buffer.copy())[root]

    def Allreduce(self, send, receive):
        everyone = self.group.exchange(self.rank, send.copy())
        total = everyone[0].copy()
        for part in everyone[1:]:
            total += part
        np.copyto(receive, total)


def run_together(size, work) -> list:
    """``work(comm)`` on each of ``size`` threads; their results in rank order."""
    group = Group(size)
    results, errors = [None] * size, [None] * size

    def target(rank):
        try:
            results[rank] = work(FakeComm(group, rank))
        except BaseException as exc:  # noqa: B036 - handed to the main thread below
            errors[rank] = exc
            group.barrier.abort()

    threads = [threading.Thread(target=target, args=(rank,)) for rank in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 4)
    first = next((e for e in errors if e is not None and not isinstance(e, threading.BrokenBarrierError)), None)
    if first is not None or any(errors):
        raise first or next(e for e in errors if e is not None)
    return results
