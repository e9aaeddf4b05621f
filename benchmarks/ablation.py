"""Which speed devices earn their place: each removed in turn, timed against the full npblocks.

    python benchmarks/ablation.py                 # every device, the four networks, float32 and float64
    python benchmarks/ablation.py --only tiny     # one network
    python benchmarks/ablation.py --quick         # a smoke run: seconds, numbers only indicative

A speed device is a named helper below the seed's math (blocks/layer.py, blocks/activations.py,
losses/cross_entropy.py, optim/optimizer.py) whose docstring gives its plain form. For each network and
dtype this times, in one process and interleaved in rounds (rotating who goes first, so that a burst of
load from elsewhere hits every variant alike), the canonical training step of benchmarks/bench.py with
the full npblocks and with each device replaced by its plain form, one at a time. Printed per variant:
the median over the rounds of (time without the device) / (time with it), so 1.10 means the device saves
10% of the step. A device stays only if that gain is >= 1.05 on some network (issue 12). The placebo
variant removes nothing: how far its ratio strays from 1.00 is the noise of the run, and so are the
ratios of devices a network never uses (the one-unit product on a softmax network, say).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time

if "--cpu-time" in sys.argv:  # one BLAS thread, set before numpy loads: all the work in the timed thread
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = "1"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
from bench import CONFIGS, npblocks_step, run_block  # noqa: E402

import blocks.layer  # noqa: E402
import optim.optimizer  # noqa: E402

#: device name -> [(object, attribute, plain replacement)]: the devices in the code now. Those the ablation
#: removed (README "Speed": Z transposed for a wide input, b added in place, dW and db into out= buffers,
#: the 1/m on the smaller array, db as a matrix-vector product, ReLU against a zeros row, the 4-pass
#: sigmoid, vdot costs) are in this file's history.
VARIANTS = {
    "(placebo: nothing removed)": [],  # the noise of the measurement: its ratio should be 1.00
    "one-unit outer product": [(blocks.layer, "input_gradient", lambda W, dZ: W.T @ dZ)],
    "optimizer row blocks (CHUNK)": [(optim.optimizer, "CHUNK", 1 << 62)],
}


@contextlib.contextmanager
def without(patches):
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, value in patches:
        setattr(obj, name, value)
    try:
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


def timed(step, patches, n, clock):
    with without(patches):
        return run_block(step, n, clock)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="comma-separated network names: " + ",".join(c.name for c in CONFIGS))
    parser.add_argument("--dtypes", default="float32,float64")
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "adam"],
                        help="the update of the step (bench.py's is SGD; Adam keeps state, where row blocks matter)")
    parser.add_argument("--devices", help="comma-separated words: only the devices whose name holds one of them")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--block", type=float, default=0.08, help="seconds per block of steps")
    parser.add_argument("--cpu-time", action="store_true",
                        help="time by this thread's CPU time (run with OPENBLAS_NUM_THREADS=1): for a loaded machine")
    args = parser.parse_args(argv)
    clock = time.thread_time if args.cpu_time else time.perf_counter
    rounds, block = (1, 0.005) if args.quick else (args.rounds, args.block)
    wanted = args.devices.split(",") if args.devices else [""]
    variants = {"full": [], **{name: patches for name, patches in VARIANTS.items()
                               if all(hasattr(obj, attr) for obj, attr, _ in patches)
                               and (not patches or any(word in name for word in wanted))}}
    configs = [c for c in CONFIGS if not args.only or c.name in args.only.split(",")]
    table = {}
    for cfg in configs:
        for dtype in args.dtypes.split(","):
            step = npblocks_step(cfg, cfg.m, np.dtype(dtype).type, optimizer=args.optimizer)
            n = {}
            for name, patches in variants.items():  # warm up, then size the blocks
                n[name] = max(1, round(block / max(timed(step, patches, 2, clock), 1e-7)))
            n_all = max(n.values())
            times = {name: [] for name in variants}
            names = list(variants)
            for r in range(rounds):
                for name in names[r % len(names):] + names[: r % len(names)]:
                    times[name].append(timed(step, variants[name], n_all, clock))
            full = statistics.median(times["full"])
            gains = {name: statistics.median(t / f for t, f in zip(times[name], times["full"], strict=True))
                     for name in variants if name != "full"}
            table[(cfg.name, dtype)] = (full, gains)
            print(f"{cfg.label()} {dtype}: full step {full * 1e6:.0f} us; without each device / full: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in gains.items()), flush=True)
    print_markdown(table, [name for name in variants if name != "full"])


def print_markdown(table, names):
    keys = list(table)
    print("\n| device removed | " + " | ".join(f"{net} {dtype[5:]}" for net, dtype in keys) + " | best |")
    print("| --- |" + " ---: |" * (len(keys) + 1))
    print("| (full step, us) | " + " | ".join(f"{table[k][0] * 1e6:.0f}" for k in keys) + " | |")
    for name in names:
        gains = [table[k][1][name] for k in keys]
        print(f"| {name} | " + " | ".join(f"{g:.2f}" for g in gains) + f" | {max(gains):.2f} |")


if __name__ == "__main__":
    start = time.time()
    main()
    print(f"\n({time.time() - start:.0f} s; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f})")
