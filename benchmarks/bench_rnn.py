"""npblocks' LSTM against PyTorch's nn.LSTM on the CPU: one training step, interleaved, with peak memory.

    python benchmarks/bench_rnn.py              # n_x = 32, n_a = 128, T_x = 50, m = 64, float32 and float64
    python benchmarks/bench_rnn.py --quick      # a smoke run: seconds, numbers only indicative

A training step is, for both: A = LSTM(X) over all T_x steps (every a<t> returned), J = the mean squared
error of A against a fixed random target, backpropagation through time, and one SGD update of every
weight. npblocks: ``A = lstm.forward(X); lstm.backward(loss.backward(A, Y)); opt.step()``; PyTorch:
``nn.LSTM`` (its fused CPU kernel), ``MSELoss``, ``torch.optim.SGD``. Same sizes, dtype and threads (the
BLAS of both is limited to ``--threads``, default 1: on a shared machine more threads only spin).

Both run in one process, in rounds, each contender a block of steps after an untimed warm-up step, with a
short sleep between blocks; printed: the median time per step, and the ratio npblocks/PyTorch as the median
of the per-round ratios (so machine noise hits both alike). Peak memory: in a fresh subprocess per
contender, the peak resident memory above the resident memory just before the first timed step
(/proc/self/clear_refs resets the kernel's peak), i.e. what training adds: caches, gradients, temporaries.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = {"n_x": 32, "n_a": 128, "T": 50, "m": 64}
LR = 0.01


def build(contender, dtype, sizes, seed=0):
    """A function that runs one training step of ``contender`` ("npblocks" or "torch")."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n_x, n_a, T, m = (sizes[k] for k in ("n_x", "n_a", "T", "m"))
    X = rng.standard_normal((n_x, m, T)).astype(dtype)
    Y = rng.standard_normal((n_a, m, T)).astype(dtype)
    if contender == "npblocks":
        sys.path.insert(0, ROOT)
        from blocks import LSTM
        from losses import MeanSquaredError
        from optim import SGD

        lstm, loss = LSTM(n_x, n_a, rng=seed, dtype=dtype), MeanSquaredError()
        opt = SGD(lstm.parameters(), lr=LR)

        def step():
            A = lstm.forward(X)
            lstm.backward(loss.backward(A, Y), need_dA_prev=False)
            opt.step()

        return step
    import torch

    torch_dtype = torch.float32 if np.dtype(dtype) == np.float32 else torch.float64
    lstm = torch.nn.LSTM(n_x, n_a).to(torch_dtype)
    Xt = torch.tensor(X.transpose(2, 1, 0).copy())  # (T, m, n_x): PyTorch's sequence-first layout
    Yt = torch.tensor(Y.transpose(2, 1, 0).copy())
    loss, opt = torch.nn.MSELoss(), torch.optim.SGD(lstm.parameters(), lr=LR)

    def step():
        opt.zero_grad(set_to_none=True)
        out, _ = lstm(Xt)
        loss(out, Yt).backward()
        opt.step()

    return step


def time_rounds(steps, rounds, block):
    """Median seconds per step of each contender, and the median over rounds of the ratio of the first two."""
    times = {name: [] for name in steps}
    for step in steps.values():
        step()  # warm-up: allocations, threads
    for _ in range(rounds):
        for name, step in steps.items():
            time.sleep(0.1)
            start = time.perf_counter()
            for _ in range(block):
                step()
            times[name].append((time.perf_counter() - start) / block)
    names = list(steps)
    ratio = statistics.median(a / b for a, b in zip(times[names[0]], times[names[1]], strict=True))
    return {name: statistics.median(t) for name, t in times.items()}, ratio


def rss_kib():
    values = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                values[key] = int(value.split()[0])
    return values["VmRSS"], values["VmHWM"]


def memory_child(spec):
    """In the subprocess: build, one warm-up step, reset the peak, a few steps, print the peak above baseline."""
    _threads(spec["threads"])
    step = build(spec["contender"], spec["dtype"], spec["sizes"])
    step()
    with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM to the current RSS (Linux >= 4.0)
        f.write("5")
    baseline, _ = rss_kib()
    for _ in range(3):
        step()
    _, peak = rss_kib()
    print(json.dumps({"MiB": (peak - baseline) / 1024}))


def peak_memory(contender, dtype, sizes, threads):
    spec = {"contender": contender, "dtype": dtype, "sizes": sizes, "threads": threads}
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child", json.dumps(spec)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])["MiB"]


def _threads(threads):
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:
        pass


def busy_fraction(seconds=1.0):
    """The fraction of the machine's CPU time others used while this process slept (from /proc/stat)."""
    def read():
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]

    total0, idle0 = read()
    time.sleep(seconds)
    total1, idle1 = read()
    return 1 - (idle1 - idle0) / max(total1 - total0, 1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes, one round")
    parser.add_argument("--threads", type=int, default=1, help="BLAS and PyTorch threads (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    parser.add_argument("--no-torch", action="store_true", help="time npblocks alone")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(json.loads(args.memory_child))
    _threads(args.threads)
    import numpy as np

    sizes = {"n_x": 8, "n_a": 16, "T": 5, "m": 4} if args.quick else SIZES
    rounds, block = (1, 2) if args.quick else (args.rounds, 5)
    contenders = ["npblocks"]
    if not args.no_torch:
        try:
            import torch  # noqa: F401
            contenders.append("torch")
        except ImportError:
            print("PyTorch is not installed (pip install 'npblocks[bench]'): npblocks alone")
    print(f"LSTM training step, n_x = {sizes['n_x']}, n_a = {sizes['n_a']}, T_x = {sizes['T']}, m = {sizes['m']}, "
          f"{args.threads} thread(s), numpy {np.__version__}; {os.cpu_count()} CPUs, "
          f"{busy_fraction():.0%} busy with other work before the run")
    dtypes = ["float32", "float64"] if args.dtype == "both" else [args.dtype]
    for dtype in dtypes:
        steps = {name: build(name, dtype, sizes) for name in contenders}
        if len(steps) == 1:
            steps["again"] = steps["npblocks"]
        medians, ratio = time_rounds(steps, rounds, block)
        memory = {name: peak_memory(name, dtype, sizes, args.threads) for name in contenders}
        line = f"{dtype}: npblocks {medians['npblocks'] * 1e3:8.2f} ms/step, peak +{memory['npblocks']:.1f} MiB"
        if "torch" in steps:
            line += (f"   torch {medians['torch'] * 1e3:8.2f} ms/step, peak +{memory['torch']:.1f} MiB"
                     f"   ratio npblocks/torch {ratio:.2f}x (target <= 2.5x)")
        print(line)
    print(f"{busy_fraction():.0%} busy with other work after the run")


if __name__ == "__main__":
    sys.exit(main())
