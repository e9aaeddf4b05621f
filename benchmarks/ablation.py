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
# ruff: noqa: E731  (the plain forms are lambdas, each one line)
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
from bench import CONFIGS, npblocks_step, run_block  # noqa: E402

import blocks.activations  # noqa: E402
import blocks.layer  # noqa: E402
import losses.cross_entropy  # noqa: E402
import optim.optimizer  # noqa: E402


def plain_linear(W, A_prev, b):
    return W @ A_prev + b


def linear_without_transpose(W, A_prev, b):
    Z = W @ A_prev
    Z += b
    return Z


def linear_without_in_place_b(W, A_prev, b):
    wide = blocks.layer.wide_input(*W.shape, A_prev.shape[1])
    Z = (A_prev.T @ W.T).T if wide else W @ A_prev
    return Z + b


def weight_gradient_new_array(dZ, A_prev, m, out=None):
    return blocks.layer.DEVICES["weight_gradient"](dZ, A_prev, m, out=None)


def weight_gradient_1_over_m_after(dZ, A_prev, m, out=None):
    dW = blocks.layer.reuse(out, (dZ.shape[0], A_prev.shape[0]), dZ.dtype)
    np.matmul(dZ, A_prev.T, out=dW)
    dW *= 1 / m
    return dW


def bias_gradient_new_array(dZ, m, out=None):
    return blocks.layer.DEVICES["bias_gradient"](dZ, m, out=None)


def bias_gradient_by_sum(dZ, m, out=None):
    db = blocks.layer.reuse(out, (dZ.shape[0], 1), dZ.dtype)
    np.sum(dZ, axis=1, keepdims=True, out=db)
    db *= 1 / m
    return db


def plain_sigmoid(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


#: device name -> [(object, attribute, plain replacement)]
VARIANTS = {
    "(placebo: nothing removed)": [],  # the noise of the measurement: its ratio should be 1.00
    "Z transposed for a wide input": [(blocks.layer, "wide_input", lambda n_out, n_in, m: False)],
    "b added to Z in place": [(blocks.layer, "linear", linear_without_in_place_b)],
    "dW written into out=": [(blocks.layer, "weight_gradient", weight_gradient_new_array)],
    "1/m on the smaller of dZ, dW": [(blocks.layer, "weight_gradient", weight_gradient_1_over_m_after)],
    "db as dZ @ column(1/m)": [(blocks.layer, "bias_gradient", bias_gradient_by_sum)],
    "db written into out=": [(blocks.layer, "bias_gradient", bias_gradient_new_array)],
    "one-unit outer product": [(blocks.layer, "input_gradient", lambda W, dZ: W.T @ dZ)],
    "ReLU against a zeros row": [(blocks.activations, "relu", lambda Z: np.maximum(Z, 0))],
    "4-pass sigmoid": [(blocks.activations, "sigmoid", plain_sigmoid)],
    "vdot costs": [(losses.cross_entropy, "total", lambda Y, L: np.sum(Y * L))],
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


def timed(step, patches, n):
    with without(patches):
        return run_block(step, n)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="comma-separated network names: " + ",".join(c.name for c in CONFIGS))
    parser.add_argument("--dtypes", default="float32,float64")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--block", type=float, default=0.08, help="seconds per block of steps")
    args = parser.parse_args(argv)
    rounds, block = (1, 0.005) if args.quick else (args.rounds, args.block)
    blocks.layer.DEVICES = {"weight_gradient": blocks.layer.weight_gradient,
                            "bias_gradient": blocks.layer.bias_gradient}
    variants = {"full": [], **{name: patches for name, patches in VARIANTS.items()
                               if all(hasattr(obj, attr) for obj, attr, _ in patches)}}
    configs = [c for c in CONFIGS if not args.only or c.name in args.only.split(",")]
    table = {}
    for cfg in configs:
        for dtype in args.dtypes.split(","):
            step = npblocks_step(cfg, cfg.m, np.dtype(dtype).type)
            n = {}
            for name, patches in variants.items():  # warm up, then size the blocks
                n[name] = max(1, round(block / max(timed(step, patches, 2), 1e-7)))
            n_all = max(n.values())
            times = {name: [] for name in variants}
            names = list(variants)
            for r in range(rounds):
                for name in names[r % len(names):] + names[: r % len(names)]:
                    times[name].append(timed(step, variants[name], n_all))
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
