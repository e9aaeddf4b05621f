"""npblocks against the matrix products it cannot avoid, and against PyTorch on the CPU.

    python benchmarks/bench.py            # the full run: about four minutes on 2 cores
    python benchmarks/bench.py --quick    # a smoke run: seconds, numbers only indicative

For each network, batch size m and dtype it times, in one process and interleaved in rounds (so that
machine noise hits every contender alike), one training step of:

  floor     only the matrix products a training step needs, into preallocated ``out=`` arrays:
            Z = W A_prev for each layer, then dW = dZ A_prev^T for each layer and dA_prev = W^T dZ
            for layers 2..L, each in the faster of its two forms, P Q or (Q^T P^T)^T, timed at set-up.
            No bias, no activation, no loss, no update: the physical limit.
  npblocks  the canonical loop of API.md, no flags: AL = model.forward(X); J = loss.forward(AL, Y);
            model.backward(loss.backward(AL, Y)); opt.step() (SGD, W -= lr dW).
  +dA0      the same with model.backward(dAL, need_dA_prev=True), which also returns dA0 = W^[1]T dZ^[1]:
            one more product, as large as the first layer's forward one, that training does not need.
  hand      the careful hand-written NumPy step (benchmarks/hand.py): the same equations without
            classes or checks, every array preallocated, SGD in place. npblocks/hand is what the
            abstraction costs.
  torch     the same network (Linear + ReLU, then BCEWithLogitsLoss or CrossEntropyLoss, the fused
            losses a PyTorch user picks), torch.optim.SGD, same dtype, same thread count; if installed.

Each contender runs a block of steps, after one untimed step that wakes its own worker threads;
between numpy and torch blocks the process sleeps 0.25 s (BLAS and OpenMP threads spin for up to
~0.1 s after their last product and would steal the cores of whoever runs next). Printed: the
median time per step over the rounds, and each ratio as the median of the per-round ratios.

Peak memory of a training run is measured per contender in a fresh subprocess, the same way for
all: the model, optimizer and data are built, the kernel's peak-RSS counter is reset
(/proc/self/clear_refs), a few training steps run, and the peak resident memory above the resident
memory just before the first step is reported. So it counts what training adds (gradients, cached
activations, temporaries, autograd graph, library scratch), not the weights or the data.
"""
# ruff: noqa: E741  (l is the seed's layer index, as in W^[l])
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LR = 0.01


@dataclass(frozen=True)
class Config:
    name: str
    dims: tuple
    m: int
    output: str  # "sigmoid" (+ binary cross-entropy) or "softmax" (+ categorical cross-entropy)

    def label(self):
        return f"{list(self.dims)} m={self.m} {self.output}"


CONFIGS = [
    Config("mlp", (784, 256, 128, 10), 128, "softmax"),
    Config("course", (12288, 20, 7, 5, 1), 209, "sigmoid"),
    Config("tiny", (2, 16, 16, 1), 400, "sigmoid"),
    Config("wide", (1024, 2048, 2048, 10), 256, "softmax"),
]
GROWTH = CONFIGS[0]  # the network whose time and memory are measured against the batch size


# ----------------------------------------------------------------------------------------------
# The contenders: each builder returns a function that runs one training step.


def make_data(cfg, m, dtype, seed=0):
    """X (n^[0], m) and Y (n^[L], m): 0/1 labels for a sigmoid, one-hot columns for a softmax."""
    import numpy as np

    rng = np.random.default_rng(seed)
    X = rng.standard_normal((cfg.dims[0], m)).astype(dtype)
    if cfg.output == "softmax":
        Y = np.eye(cfg.dims[-1], dtype=dtype)[:, rng.integers(0, cfg.dims[-1], m)]
    else:
        Y = (rng.random((cfg.dims[-1], m)) < 0.5).astype(dtype)
    return X, Y


def faster_product(P, Q, dtype, trials=5):
    """A function computing P @ Q into a fixed array, in whichever of its two forms is faster here:
    as it reads, or as (Q^T @ P^T)^T (BLAS speed depends on which side of the result is its rows)."""
    import numpy as np

    plain, swapped = np.empty((P.shape[0], Q.shape[1]), dtype), np.empty((Q.shape[1], P.shape[0]), dtype)
    forms = [lambda: np.matmul(P, Q, out=plain), lambda: np.matmul(Q.T, P.T, out=swapped)]

    def seconds(form):
        form()
        times = []
        for _ in range(trials):
            start = time.perf_counter()
            form()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return min(forms, key=seconds)


def floor_step(cfg, m, dtype):
    """Only the products: forward W A_prev, backward dZ A_prev^T and W^T dZ, into fixed arrays, each
    in the faster of its two forms (so that the floor is a floor, whatever form npblocks uses)."""
    import numpy as np

    rng = np.random.default_rng(1)
    n, L = cfg.dims, len(cfg.dims) - 1
    W = [None] + [(rng.standard_normal((n[l], n[l - 1])) / math.sqrt(n[l - 1])).astype(dtype) for l in range(1, L + 1)]
    A = [rng.standard_normal((n[l], m)).astype(dtype) for l in range(L + 1)]  # A[0] is X
    dZ = [None] + [rng.standard_normal((n[l], m)).astype(dtype) for l in range(1, L + 1)]
    products = [faster_product(W[l], A[l - 1], dtype) for l in range(1, L + 1)]
    for l in range(L, 0, -1):
        products.append(faster_product(dZ[l], A[l - 1].T, dtype))
        if l > 1:
            products.append(faster_product(W[l].T, dZ[l], dtype))

    def step():
        for product in products:
            product()

    return step


def npblocks_model(cfg, dtype):
    from blocks import Layer, ReLU, Sequential, Sigmoid, Softmax

    L = len(cfg.dims) - 1
    output = Softmax() if cfg.output == "softmax" else Sigmoid()
    return Sequential([
        Layer(cfg.dims[l], cfg.dims[l + 1], activation=ReLU() if l < L - 1 else output, rng=l, dtype=dtype)
        for l in range(L)
    ])


def npblocks_step(cfg, m, dtype, need_dA_prev=False, model=None, optimizer="sgd"):
    """The canonical loop of API.md, one iteration, exactly as written there (``need_dA_prev``: the +dA0 variant)."""
    from losses import BinaryCrossEntropy, CategoricalCrossEntropy
    from optim import SGD, Adam

    X, Y = make_data(cfg, m, dtype)
    model = model or npblocks_model(cfg, dtype)
    loss = CategoricalCrossEntropy() if cfg.output == "softmax" else BinaryCrossEntropy()
    opt = SGD(model.parameters(), lr=LR) if optimizer == "sgd" else Adam(model.parameters(), lr=LR / 10)

    def step():
        AL = model.forward(X)
        loss.forward(AL, Y)
        if need_dA_prev:
            model.backward(loss.backward(AL, Y), need_dA_prev=True)
        else:
            model.backward(loss.backward(AL, Y))
        opt.step()

    step.parts = (model, loss, opt, X, Y)
    return step


def torch_step(cfg, m, dtype, model=None):
    """The same step in PyTorch: samples are rows there, so X is given transposed (a setup copy)."""
    import numpy as np
    import torch

    tdtype = torch.float32 if np.dtype(dtype) == np.float32 else torch.float64
    X, Y = make_data(cfg, m, dtype)
    if model is None:
        layers = []
        for l in range(len(cfg.dims) - 1):
            layers += [torch.nn.Linear(cfg.dims[l], cfg.dims[l + 1], dtype=tdtype), torch.nn.ReLU()]
        model = torch.nn.Sequential(*layers[:-1])
    Xt = torch.from_numpy(np.ascontiguousarray(X.T))
    if cfg.output == "softmax":
        Yt, loss = torch.from_numpy(Y.argmax(axis=0)), torch.nn.CrossEntropyLoss()
    else:
        Yt, loss = torch.from_numpy(np.ascontiguousarray(Y.T)), torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.SGD(model.parameters(), lr=LR)

    def step():
        opt.zero_grad()
        J = loss(model(Xt), Yt)
        J.backward()
        opt.step()

    step.parts = (model, loss, opt, Xt, Yt)
    return step


def hand(cfg, m, dtype, model=None):
    """The hand-written step of benchmarks/hand.py, from the weights of ``model`` when given."""
    from hand import hand_step

    X, Y = make_data(cfg, m, dtype)
    weights = None if model is None else [(layer.W, layer.b) for layer in model]
    return hand_step(cfg, m, dtype, LR, X, Y, weights)


def build(contender, cfg, m, dtype):
    if contender == "floor":
        return floor_step(cfg, m, dtype)
    if contender == "hand":
        return hand(cfg, m, dtype)
    if contender == "npblocks":
        return npblocks_step(cfg, m, dtype)
    if contender == "+dA0":
        return npblocks_step(cfg, m, dtype, need_dA_prev=True)
    if contender == "torch":
        return torch_step(cfg, m, dtype)
    raise ValueError(contender)


def same_hand_error(cfg):
    """Max |W_npblocks - W_hand| after one step from the same weights, in float64."""
    import numpy as np

    model = npblocks_model(cfg, np.float64)
    step = hand(cfg, cfg.m, np.float64, model=model)
    step()
    npblocks_step(cfg, cfg.m, np.float64, model=model)()
    W = step.parts[0]
    return float(max(np.abs(layer.W - W[l]).max() for l, layer in enumerate(model, start=1)))


def same_step_error(cfg):
    """Max |W_npblocks - W_torch| after one step from the same weights, in float64: they compute alike."""
    import numpy as np
    import torch

    model = npblocks_model(cfg, np.float64)
    layers = []
    for layer in model:
        linear = torch.nn.Linear(layer.n_in, layer.n_out, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.W))
            linear.bias.copy_(torch.from_numpy(layer.b[:, 0]))
        layers += [linear, torch.nn.ReLU()]
    tmodel = torch.nn.Sequential(*layers[:-1])
    npblocks_step(cfg, cfg.m, np.float64, model=model)()
    torch_step(cfg, cfg.m, np.float64, model=tmodel)()
    linears = [t for t in tmodel if isinstance(t, torch.nn.Linear)]
    errors = [np.abs(layer.W - t.weight.detach().numpy()).max() for layer, t in zip(model, linears, strict=True)]
    return float(max(errors))


# ----------------------------------------------------------------------------------------------
# Timing: rounds of blocks of steps, each block after a pause.


def run_block(step, n, clock=time.perf_counter):
    """Seconds per step over n steps, by ``clock``: wall time, or with ``time.thread_time`` the CPU time
    of this thread alone (with one BLAS thread, all the work; time spent descheduled by the load of other
    processes is not counted)."""
    step()  # wakes this contender's worker threads, untimed
    start = clock()
    for _ in range(n):
        step()
    return (clock() - start) / n


def time_interleaved(steps: dict, rounds, pause, block_seconds, clock=time.perf_counter):
    """{name: [seconds per step, one per round]}: blocks of steps interleaved, rotating who goes first.

    Before a block of another library than the previous block's (numpy after torch or the reverse)
    the process sleeps ``pause`` seconds, so that the other library's spinning threads go to sleep.
    """
    names = list(steps)
    library = {name: "torch" if name.startswith("torch") else "numpy" for name in names}
    n, last = {}, None
    for name in names:  # warm up (first-step allocations), then size the blocks
        time.sleep(pause)
        steps[name]()
        n[name] = max(1, round(block_seconds / max(run_block(steps[name], 1, clock), 1e-7)))
        last = library[name]
    times = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[: r % len(names)]:
            if library[name] != last:
                time.sleep(pause)
            times[name].append(run_block(steps[name], n[name], clock))
            last = library[name]
    return times


class Timings:
    """Per-round times of the contenders: medians, and ratios as the median of the per-round ratios
    (a burst of load from elsewhere slows a whole round, and cancels out of that round's ratio)."""

    def __init__(self, times):
        self.times = times

    def __getitem__(self, name):
        return statistics.median(self.times[name])

    def __contains__(self, name):
        return name in self.times

    def ratio(self, a, b):
        return statistics.median(x / y for x, y in zip(self.times[a], self.times[b], strict=True))


def phases(step, n):
    """Where npblocks' step goes: seconds per step in forward, loss, backward and the SGD step."""
    model, loss, opt, X, Y = step.parts
    total = dict.fromkeys(("forward", "loss", "backward", "SGD step"), 0.0)
    clock = time.perf_counter
    for _ in range(n):
        t0 = clock()
        AL = model.forward(X)
        t1 = clock()
        loss.forward(AL, Y)
        dAL = loss.backward(AL, Y)
        t2 = clock()
        model.backward(dAL)
        t3 = clock()
        opt.step()
        t4 = clock()
        for key, dt in zip(total, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            total[key] += dt
    return {key: t / n for key, t in total.items()}


# ----------------------------------------------------------------------------------------------
# Memory: a fresh subprocess per contender.


def rss_kib():
    """(current, peak) resident set size of this process in KiB, from /proc/self/status."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                values[key] = int(value.split()[0])
    return values["VmRSS"], values["VmHWM"]


def memory_child(spec):
    """Runs in the subprocess: build, reset the peak, train a few steps, print the peak above baseline."""
    import gc

    import numpy as np

    cfg = next(c for c in CONFIGS if c.name == spec["config"])
    step = build(spec["contender"], cfg, spec["m"], np.dtype(spec["dtype"]).type)
    if spec["contender"] == "torch":
        import torch

        torch.set_num_threads(spec["threads"])
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM to the current RSS (Linux >= 4.0)
        f.write("5")
    baseline, _ = rss_kib()
    for _ in range(spec["steps"]):
        step()
    _, peak = rss_kib()
    print(json.dumps({"MiB": (peak - baseline) / 1024}))


def peak_memory(contender, cfg, m, dtype, threads, steps):
    spec = {"contender": contender, "config": cfg.name, "m": m, "dtype": dtype, "threads": threads, "steps": steps}
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--memory-child", json.dumps(spec)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["MiB"]


def needed_mib(cfg, m, dtype):
    """What any training step must hold beyond weights and data: the gradients dW, db, and one
    (n^[l], m) activation per layer kept for backward."""
    import numpy as np

    size = np.dtype(dtype).itemsize
    params = sum(cfg.dims[l + 1] * (cfg.dims[l] + 1) for l in range(len(cfg.dims) - 1))
    return (params + m * sum(cfg.dims[1:])) * size / 2**20


# ----------------------------------------------------------------------------------------------
# The machine.


def torch_with_threads(threads, wanted=True):
    """PyTorch set to ``threads`` threads, or None when it is not wanted or not installed."""
    if not wanted:
        return None
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    return torch


def blas_threads():
    """The thread count of the OpenBLAS that numpy loaded, asked of the library itself, or None."""
    import ctypes

    import numpy  # noqa: F401  (loads the library)

    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return None
    for path in paths:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_", "openblas_get_num_threads"):
            if hasattr(lib, name):
                return int(getattr(lib, name)())
    return None


def machine(threads, torch_version):
    import numpy as np

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    return [
        f"machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; load average "
        f"{os.getloadavg()[0]:.2f} at the start",
        f"numpy {np.__version__} with {blas.get('name')} {blas.get('version')}, {threads} BLAS threads; "
        + (f"torch {torch_version}, {threads} threads" if torch_version else "torch not used"),
    ]


# ----------------------------------------------------------------------------------------------


def fmt_time(seconds):
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.2f} s"


def linear_fit(xs, ys):
    """Least squares y = a + b x, and the largest residual relative to y."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    return a, b, max(abs(y - (a + b * x)) / y for x, y in zip(xs, ys, strict=True))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: one round, short blocks")
    parser.add_argument("--no-torch", action="store_true", help="leave PyTorch out even if it is installed")
    parser.add_argument("--threads", type=int, help="BLAS (and torch) threads; default: what numpy uses")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--only", help="comma-separated network names to run: " + ",".join(c.name for c in CONFIGS))
    parser.add_argument("--no-growth", action="store_true", help="skip the growth with the batch size")
    parser.add_argument("--cpu-time", action="store_true",
                        help="one thread, timed by its CPU time (time.thread_time): for a loaded machine")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cpu_time:
        args.threads = 1
    if args.threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    sys.path.insert(0, ROOT)
    if args.memory_child:
        return memory_child(json.loads(args.memory_child))

    threads = blas_threads() or args.threads or os.cpu_count()
    torch = torch_with_threads(threads, wanted=not args.no_torch)
    quick = args.quick
    clock = time.thread_time if args.cpu_time else time.perf_counter
    rounds, pause, block = (1, 0.25, 0.005) if quick else (15, 0.25, 0.05)
    mem_steps = 2 if quick else 5
    dtypes = ["float32", "float64"]
    contenders = ["floor", "npblocks", "+dA0", "hand"] + (["torch"] if torch else [])
    for line in machine(threads, torch and torch.__version__):
        print(line)
    warn_if_busy()
    what = "CPU seconds of the one thread" if args.cpu_time else "seconds"
    print(f"{'quick smoke run' if quick else 'full run'}: {rounds} round(s), median {what} per training step\n")

    configs = [c for c in CONFIGS if not args.only or c.name in args.only.split(",")]
    rows = []
    for cfg in configs:
        for dtype in dtypes:
            import numpy as np

            steps = {c: build(c, cfg, cfg.m, np.dtype(dtype).type) for c in contenders}
            med = Timings(time_interleaved(steps, rounds, pause, block, clock))
            where = phases(steps["npblocks"], max(1, round(block / med["npblocks"])))
            mem = {c: peak_memory(c, cfg, cfg.m, dtype, threads, mem_steps) for c in contenders if c != "floor"}
            rows.append((cfg, dtype, med, where, mem))
            print_row(cfg, dtype, med, where, mem)
            del steps

    print("\nsame step: max |W_npblocks - W_hand| after one float64 step from the same weights:")
    print("  " + ", ".join(f"{cfg.name} {same_hand_error(cfg):.1e}" for cfg in configs))
    if torch:
        print("same step: max |W_npblocks - W_torch| after one float64 step from the same weights:")
        print("  " + ", ".join(f"{cfg.name} {same_step_error(cfg):.1e}" for cfg in configs))

    print_summary(rows, torch is not None)
    if not args.no_growth:
        growth(threads, torch is not None, quick, rounds, pause, block, mem_steps)
    if args.markdown:
        print_markdown(rows, torch is not None)


def warn_if_busy():
    """Other processes on the cores make multithreaded BLAS stall (a step waits for a descheduled
    worker thread, tens of milliseconds): measure how busy the cores are while this process sleeps
    for a second, and say so if others use more than a tenth of them."""
    def ticks():
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        return sum(values), values[3] + values[4]  # all, idle + iowait

    try:
        total0, idle0 = ticks()
        time.sleep(1)
        total1, idle1 = ticks()
    except OSError:
        return
    busy = 1 - (idle1 - idle0) / max(total1 - total0, 1)
    print(f"cores busy with other processes before the run: {100 * busy:.0f}%")
    if busy > 0.1:
        print("WARNING: other processes are using the cores, so these timings are unreliable; "
              "run again on a quiet machine")


def print_row(cfg, dtype, med, where, mem):
    print(f"{cfg.label()} {dtype}")
    ratio = med.ratio("npblocks", "floor")
    line = f"  floor {fmt_time(med['floor'])}   npblocks {fmt_time(med['npblocks'])} ({ratio:.2f}x floor)"
    line += f"   +dA0 {fmt_time(med['+dA0'])} ({med.ratio('+dA0', 'floor'):.2f}x floor)"
    line += f"\n  hand {fmt_time(med['hand'])} ({med.ratio('hand', 'floor'):.2f}x floor, npblocks/hand "
    line += f"{med.ratio('npblocks', 'hand'):.2f})"
    if "torch" in med:
        line += f"   torch {fmt_time(med['torch'])} (npblocks/torch {med.ratio('npblocks', 'torch'):.2f})"
    print(line)
    total = sum(where.values())
    print("  npblocks' step: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in where.items()))
    needed = needed_mib(cfg, cfg.m, dtype)
    print("  peak memory above the built model: " + ", ".join(f"{k} {v:.2f} MiB" for k, v in mem.items())
          + f"   (gradients + one activation per layer: {needed:.2f} MiB)")


def print_summary(rows, with_torch):
    print("\nsummary: median step time ratios (lower is better for npblocks)")
    head = f"  {'network':<36}{'dtype':<9}{'npblocks/floor':>15}{'+dA0/floor':>12}{'hand/floor':>12}"
    head += f"{'npblocks/torch':>16}{'memory npb/torch':>18}" if with_torch else ""
    print(head)
    for cfg, dtype, med, _, mem in rows:
        line = f"  {cfg.label():<36}{dtype:<9}"
        line += f"{med.ratio('npblocks', 'floor'):>15.2f}{med.ratio('+dA0', 'floor'):>12.2f}"
        line += f"{med.ratio('hand', 'floor'):>12.2f}"
        if with_torch:
            line += f"{med.ratio('npblocks', 'torch'):>16.2f}{mem['npblocks'] / max(mem['torch'], 1e-9):>18.2f}"
        print(line)


def print_markdown(rows, with_torch):
    print("\n| network, batch | dtype | floor | npblocks | npblocks/floor | +dA0/floor | hand/floor"
          + (" | torch | npblocks/torch | peak MiB npblocks / torch |" if with_torch else " |"))
    print("| --- | --- | ---: | ---: | ---: | ---: | ---:" + (" | ---: | ---: | ---: |" if with_torch else " |"))
    for cfg, dtype, med, _, mem in rows:
        line = (f"| {list(cfg.dims)} m={cfg.m} | {dtype} | {fmt_time(med['floor'])} | {fmt_time(med['npblocks'])} | "
                f"{med.ratio('npblocks', 'floor'):.2f} | {med.ratio('+dA0', 'floor'):.2f} | "
                f"{med.ratio('hand', 'floor'):.2f}")
        if with_torch:
            line += (f" | {fmt_time(med['torch'])} | {med.ratio('npblocks', 'torch'):.2f} | "
                     f"{mem['npblocks']:.2f} / {mem['torch']:.2f} |")
        print(line + ("" if with_torch else " |"))


def growth(threads, with_torch, quick, rounds, pause, block, mem_steps):
    """Time and peak memory of one network against the batch size, with a straight line fitted."""
    import numpy as np

    cfg = GROWTH
    batches = [64, 128, 256] if quick else [64, 128, 256, 512, 1024, 2048]
    contenders = ["npblocks"] + (["torch"] if with_torch else [])
    print(f"\ngrowth with the batch size m: {list(cfg.dims)} float32, time per step and peak memory")
    steps = {f"{c} m={m}": build(c, cfg, m, np.float32) for c in contenders for m in batches}
    med = Timings(time_interleaved(steps, max(1, rounds // 2), pause, block))  # all batches in each round
    results = {c: {"time": [med[f"{c} m={m}"] for m in batches], "mem": []} for c in contenders}
    for c in contenders:
        results[c]["mem"] = [peak_memory(c, cfg, m, "float32", threads, mem_steps) for m in batches]
    print(f"  {'m':>6}" + "".join(f"{c + ' time':>16}{c + ' MiB':>14}" for c in contenders))
    for i, m in enumerate(batches):
        print(f"  {m:>6}" + "".join(f"{fmt_time(results[c]['time'][i]):>16}{results[c]['mem'][i]:>14.2f}"
                                      for c in contenders))
    for c in contenders:
        for what, unit, scale in (("time", "us", 1e6), ("mem", "KiB", 1024)):
            a, b, worst = linear_fit(batches, results[c][what])
            print(f"  {c} {what}: {a * scale:.1f} {unit} + {b * scale:.3f} {unit} per sample; "
                  f"largest deviation from that line {100 * worst:.1f}%")


if __name__ == "__main__":
    main()
