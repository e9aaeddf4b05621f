"""Data-parallel training over MPI: every process holds the whole model and a share of each batch's columns."""
from __future__ import annotations

import numpy as np

from .optimizer import Optimizer

INSTALL = 'DataParallel needs mpi4py and an MPI runtime: pip install -e ".[mpi]" (or pip install mpi4py mpich)'


def wrapped(name: str, writable: bool = False) -> property:
    """The property that reads (and, if writable, sets) the wrapped optimizer's attribute ``name``."""

    def get(self):
        return getattr(self.optimizer, name)

    def set(self, value):
        setattr(self.optimizer, name, value)

    return property(get, set if writable else None, doc=f"The wrapped optimizer's {name}.")


class DataParallel(Optimizer):
    """Wraps any optimizer so that P processes (``mpiexec -n P python train.py``) train one model together.

    Process p holds the whole model and m_p of a batch's M = sum_p m_p columns; its backward gives
    dW_p = (1/m_p) dZ_p A_prev_p^T. ``step(m=m_p)`` first replaces every gradient, on every process, by

        dW = sum_p m_p dW_p / sum_p m_p = (1/M) dZ A_prev^T,

    the gradient of the whole batch (so uneven shards are exact), then calls the wrapped optimizer's
    ``step()``, so clipping and weight decay see that averaged gradient. All the m_p dW_p, and m_p itself,
    travel in ONE flat buffer through ONE ``Allreduce`` (sum), written back into each block's ``d`` + name
    array. ``step()`` without m weighs the processes equally (m_p = 1), right when the shards are equal.
    A process with m = 0 (a batch smaller than P) sends zeros and still takes the step.

    Building it is a collective: every process checks (one ``allgather``) that all hold parameters of the
    same count, shapes and dtypes, and raises the same ValueError on every process otherwise; then process
    0's parameters (``Bcast``, in place) and the wrapped optimizer's state become every process's.

    ``lr``, ``t``, ``params``, ``state``, ``get_config()``, ``state_dict()``, ``load_state_dict()`` and
    ``penalty()`` are the wrapped optimizer's, so schedules and callbacks work unchanged, and a checkpoint
    ``model.save(path, optimizer=opt)`` stores the wrapped optimizer (it loads on one machine too). Every
    process holds the same arrays, so save from process 0 only: ``if opt.rank == 0: model.save(...)``.

    ``comm``: an mpi4py communicator (or any object with its ``Allreduce``, ``Bcast``, ``allgather``,
    ``bcast``, ``Get_rank``, ``Get_size``); mpi4py's ``COMM_WORLD`` when None. mpi4py is imported only then.

    The two flat buffers (sent and summed) are allocated once, at the first step on several processes: they
    take twice the parameters' memory.

    Shapes:
        every W, dW: the same shape and dtype on every process; each flat buffer: (sum of W.size + 1,)
    """

    def __init__(self, optimizer, comm=None):
        if not isinstance(optimizer, Optimizer):
            hint = " (write it with parentheses)" if isinstance(optimizer, type) else ""
            raise TypeError(f"DataParallel wraps an optimizer such as SGD(model.parameters(), lr=0.1){hint}. "
                            f"Received: {optimizer!r}")
        if isinstance(optimizer, DataParallel):
            raise TypeError("DataParallel(DataParallel(...)) would average every gradient twice; "
                            "wrap the optimizer once")
        self.optimizer = optimizer
        self.comm = world() if comm is None else comm
        self.rank, self.size = self.comm.Get_rank(), self.comm.Get_size()
        self.dtype = np.result_type(*(p.value.dtype for p in optimizer.params))
        check_same_parameters(self.comm, self.rank, optimizer)
        self.send = self.total = None  # the flat buffers, allocated by the first pack
        self.broadcast_parameters()
        self.optimizer.load_state_dict(self.comm.bcast(self.optimizer.state_dict(), root=0))

    # --- the update --------------------------------------------------------------------------------
    def step(self, m=None) -> None:
        """Average every gradient over the processes, weighted by their m, then the wrapped rule's step."""
        self.average_gradients(m)
        self.optimizer.step()

    def average_gradients(self, m=None) -> None:
        """Every ``d`` + name array becomes sum_p m_p dW_p / sum_p m_p, from one Allreduce of one buffer."""
        m = 1 if m is None else check_m(m)
        if self.size == 1:
            return  # the average over one process is its own gradient
        self.comm.Allreduce(self.pack(m), self.total)  # mpi4py's default op is SUM
        if not self.total[-1]:
            raise ValueError("DataParallel.step: every process stepped with m = 0 columns; "
                             "at least one must have computed a gradient")
        self.unpack(self.total)

    def pack(self, m: int) -> np.ndarray:
        """[m dW_1.ravel(), m dW_2.ravel(), ..., m] in the send buffer, of the parameters' common dtype."""
        if self.send is None:
            self.send, self.total = (np.empty(self.buffer_size(), dtype=self.dtype) for _ in range(2))
        buffer, start = self.send, 0
        for p in self.params:
            part = buffer[start:start + p.value.size]
            if m:
                np.multiply(p.grad.ravel(), m, out=part, casting="unsafe")
            else:
                part[...] = 0  # no columns: no gradient to read, perhaps none yet
            start += part.size
        buffer[-1] = m
        return buffer

    def unpack(self, total) -> None:
        """dW = (sum_p m_p dW_p) / (sum_p m_p) into each ``d`` + name array, in place (created where a
        process with no columns yet has no gradient)."""
        start = 0
        for p in self.params:
            W, dW = p.value, getattr(p.block, p.grad_name, None)
            if dW is None:
                dW = np.empty_like(W)
                setattr(p.block, p.grad_name, dW)
            np.divide(total[start:start + W.size].reshape(W.shape), total[-1], out=dW, casting="unsafe")
            start += W.size

    def buffer_size(self) -> int:
        return sum(p.value.size for p in self.params) + 1

    def broadcast_parameters(self) -> None:
        """Every parameter becomes process 0's, in place, from one Bcast of one flat buffer."""
        buffer = np.empty(self.buffer_size() - 1, dtype=self.dtype)
        start = 0
        for p in self.params:
            buffer[start:start + p.value.size] = p.value.ravel()
            start += p.value.size
        self.comm.Bcast(buffer, root=0)
        start = 0
        for p in self.params:
            W = p.value
            W[...] = buffer[start:start + W.size].reshape(W.shape)
            start += W.size

    # --- what fit asks of the processes (duck-typed, so blocks never imports optim or mpi4py) -----
    def shard(self, m: int) -> slice:
        """This process's contiguous columns of a batch of m: the first m mod P processes get one more."""
        return columns_of(self.rank, self.size, m)

    def allreduce(self, values) -> np.ndarray:
        """The elementwise sum over the processes of a small float64 vector (fit's costs and metrics)."""
        send = np.ascontiguousarray(values, dtype=np.float64)
        total = np.empty_like(send)
        self.comm.Allreduce(send, total)
        return total

    def broadcast(self, value):
        """Process 0's ``value`` (plain Python data) on every process."""
        return self.comm.bcast(value, root=0)

    # --- the wrapped optimizer's, so callbacks, schedules and checkpoints see through ---------------
    lr = wrapped("lr", writable=True)  # what LearningRateScheduler and schedules set
    t = wrapped("t", writable=True)
    params = wrapped("params")
    state = wrapped("state")
    weight_decay = wrapped("weight_decay")
    clip_norm = wrapped("clip_norm")

    def get_config(self) -> dict:
        return self.optimizer.get_config()

    def state_dict(self) -> dict:
        return self.optimizer.state_dict()

    def load_state_dict(self, state_dict: dict) -> None:
        self.optimizer.load_state_dict(state_dict)

    def penalty(self) -> float:
        return self.optimizer.penalty()

    def update(self, W, dW, state) -> None:
        raise TypeError("DataParallel has no update rule of its own: call step(), which runs the wrapped optimizer's")

    def __repr__(self):
        return f"DataParallel({self.optimizer!r}, process {self.rank} of {self.size})"


def world():
    """mpi4py's COMM_WORLD, or an ImportError saying how to install it."""
    try:
        from mpi4py import MPI
    except ImportError as exc:
        raise ImportError(f"{INSTALL} ({exc})") from exc
    return MPI.COMM_WORLD


def columns_of(rank: int, size: int, m: int) -> slice:
    """Process ``rank``'s share of m columns split among ``size`` processes: contiguous, in rank order, the
    sizes m // size or one more (the first m % size processes), like numpy.array_split."""
    quotient, remainder = divmod(m, size)
    start = rank * quotient + min(rank, remainder)
    return slice(start, start + quotient + (rank < remainder))


def check_m(m) -> int:
    """m: this process's number of columns in the batch, an int >= 0."""
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, (int, np.integer)) or m < 0:
        raise ValueError(f"m must be this process's number of columns in the batch, an int >= 0. Received: m={m!r}")
    return int(m)


def check_same_parameters(comm, rank, optimizer) -> None:
    """One allgather of every process's (optimizer class, shapes, dtypes); the same ValueError on all if any differ."""
    mine = (type(optimizer).__name__,
            [(f"{type(p.block).__name__}.{p.name}", tuple(p.value.shape), p.value.dtype.str) for p in optimizer.params])
    everyone = comm.allgather(mine)
    problems = [difference(everyone[0], theirs, q) for q, theirs in enumerate(everyone)]
    problems = [problem for problem in problems if problem]
    if problems:
        raise ValueError("DataParallel: every process must build the same model and optimizer, but "
                         + "; ".join(problems) + f" (this is process {rank} of {len(everyone)})")


def difference(root, theirs, q) -> str | None:
    """How process q's signature differs from process 0's, in words, or None."""
    (name_0, params_0), (name_q, params_q) = root, theirs
    if name_q != name_0:
        return f"process {q} wraps {name_q} where process 0 wraps {name_0}"
    if len(params_q) != len(params_0):
        return f"process {q} has {len(params_q)} parameters where process 0 has {len(params_0)}"
    for i, ((name, shape_0, dtype_0), (_, shape_q, dtype_q)) in enumerate(zip(params_0, params_q, strict=True)):
        if (shape_0, dtype_0) != (shape_q, dtype_q):
            return (f"parameter {i} ({name}) is {shape_q} {np.dtype(dtype_q).name} on process {q} "
                    f"where process 0 has {shape_0} {np.dtype(dtype_0).name}")
    return None
