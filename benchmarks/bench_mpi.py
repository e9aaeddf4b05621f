"""Strong scaling of data-parallel training (optim.DataParallel over MPI) on this machine.

    python benchmarks/bench_mpi.py              # [1024, 2048, 2048, 10] at m = 256, 1024: a few minutes
    python benchmarks/bench_mpi.py --quick      # a smoke run on a small network: seconds

Needs ``pip install -e ".[mpi]"``. For each batch size m (the whole batch, split among the processes) it
times one training step of the network (ReLU, then softmax with categorical cross-entropy, SGD) in three
set-ups, each in fresh processes:

  1 x 1 thread    one process, OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1, the plain optimizer
  2 x 1 thread    mpiexec -n 2, one BLAS thread each, m/2 columns each, DataParallel
  1 x 2 threads   one process, two BLAS threads, the plain optimizer: what the 2 cores give without MPI

Per step it reports the median of: the whole step; forward + backward; the gradient averaging (packing
the m_p dW into one buffer, the Allreduce, unpacking), whose Allreduce includes waiting for the slower
process; and, apart, the Allreduce of the same buffer right after a Barrier: the cost of the exchange alone.
From these it estimates where 2 processes start to beat 1: once the compute saved, half of the forward
and backward, exceeds the averaging, which costs about the same at any m. Nothing is promised: on 2 cores,
2 processes compete with 2 BLAS threads for the same cores, and other work on the machine changes every
figure; the load average is printed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
WIDE, SMALL = [1024, 2048, 2048, 10], [64, 64, 10]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small network, few steps: a smoke run")
    parser.add_argument("--m", default=None, help="comma-separated batch sizes (default 256,1024; quick: 64)")
    parser.add_argument("--steps", type=int, default=None, help="timed steps per set-up (default 5; quick: 2)")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return work(json.loads(args.worker))
    sizes = SMALL if args.quick else WIDE
    ms = [int(m) for m in (args.m or ("64" if args.quick else "256,1024")).split(",")]
    steps = args.steps or (2 if args.quick else 5)
    print(f"data-parallel strong scaling of {sizes}, float64, SGD; {steps} timed steps per set-up")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}, numpy "
          f"{np.__version__}; load average before: {load()} (other work on the machine skews every figure)")
    for m in ms:
        report(m, {name: launch(name, sizes, m, steps) for name in ("1x1", "2x1", "1x2")})


def launch(setup, sizes, m, steps) -> dict:
    """One set-up in fresh processes; process 0's medians."""
    threads = "2" if setup == "1x2" else "1"
    env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    job = json.dumps({"sizes": sizes, "m": m, "steps": steps, "parallel": setup == "2x1"})
    command = [sys.executable, __file__, "--worker", job]
    if setup == "2x1":
        command = [mpiexec(), "-n", setup[0], *command]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def mpiexec() -> str:
    here = Path(sys.executable).parent / "mpiexec"
    return str(here) if here.exists() else "mpiexec"


def report(m, results):
    print(f"\nm = {m} (the whole batch; each of P processes takes m/P columns)")
    print(f"{'set-up':<16}{'step':>10}{'fwd+bwd':>10}{'averaging':>11}{'share':>7}{'Allreduce alone':>17}")
    for name, label in (("1x1", "1 x 1 thread"), ("2x1", "2 x 1 thread"), ("1x2", "1 x 2 threads")):
        r = results[name]
        share = f"{r['average'] / r['step']:6.0%}" if r["average"] is not None else "     -"
        average = f"{r['average'] * 1e3:9.1f}ms" if r["average"] is not None else f"{'-':>11}"
        alone = f"{r['allreduce'] * 1e3:15.1f}ms" if r["allreduce"] is not None else f"{'-':>17}"
        print(f"{label:<16}{r['step'] * 1e3:8.1f}ms{r['compute'] * 1e3:8.1f}ms{average}{share}{alone}")
    one, two, threads = results["1x1"], results["2x1"], results["1x2"]
    print(f"speed-up of 2 x 1 thread over 1 x 1 thread: {one['step'] / two['step']:.2f}; "
          f"over 1 x 2 threads: {threads['step'] / two['step']:.2f}")
    per_column = one["compute"] / m  # seconds of forward + backward per column, one thread
    if per_column > 0:
        print(f"crossover estimate: 2 processes beat 1 once the half of forward + backward they save "
              f"({per_column * 1e6:.0f} us per column / 2) exceeds the averaging ({two['average'] * 1e3:.0f} ms; "
              f"{two['allreduce'] * 1e3:.0f} ms with the Allreduce alone): m > {2 * two['average'] / per_column:.0f} "
              f"(m > {2 * two['allreduce'] / per_column:.0f}) on this machine now")


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def work(job):
    """One set-up's process: build, warm up, time ``steps`` steps; process 0 prints its medians as JSON."""
    from blocks import Layer, ReLU, Sequential, Softmax
    from losses import CategoricalCrossEntropy
    from optim import SGD, DataParallel

    sizes, m, steps = job["sizes"], job["m"], job["steps"]
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    model = Sequential(*(Layer(n_in, n_out, activation=ReLU() if k < len(pairs) - 1 else Softmax(), rng=k)
                         for k, (n_in, n_out) in enumerate(pairs)))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((sizes[0], m))
    Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], m)].T
    loss, rule = CategoricalCrossEntropy(), SGD(model.parameters(), lr=0.01)
    opt = DataParallel(rule) if job["parallel"] else None
    if opt is not None:
        mine = opt.shard(m)
        X, Y = X[:, mine], Y[:, mine]
    times = {"step": [], "compute": [], "average": [], "allreduce": []}
    for step in range(steps + 1):  # the first, untimed, wakes the BLAS threads and allocates
        start = time.perf_counter()
        AL = model.forward(X)
        loss.forward(AL, Y)
        model.backward(loss.backward(AL, Y))
        computed = time.perf_counter()
        if opt is not None:
            opt.average_gradients(X.shape[1])
        averaged = time.perf_counter()
        rule.step()
        end = time.perf_counter()
        if step:
            times["step"].append(end - start)
            times["compute"].append(computed - start)
            times["average"].append(averaged - computed)
            if opt is not None:
                times["allreduce"].append(allreduce_alone(opt))
    medians = {k: (statistics.median(v) if v else None) for k, v in times.items()}
    if opt is None:
        medians["average"] = None
    if opt is None or opt.rank == 0:
        print(json.dumps(medians), flush=True)


def allreduce_alone(opt) -> float:
    """The Allreduce of a step's buffer after a Barrier, so that no process waits for a slower one."""
    send = opt.pack(1)
    total = np.empty_like(send)
    opt.comm.Barrier()
    start = time.perf_counter()
    opt.comm.Allreduce(send, total)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
