"""A LeNet-5-like training step in npblocks, against its matrix products and against PyTorch on the CPU.

    python benchmarks/bench_conv.py            # the full run: about a minute and a half on 2 cores
    python benchmarks/bench_conv.py --quick    # a smoke run: seconds, numbers only indicative

The network (issue 13): Conv2D(1, 6, 5, padding=2)+ReLU, MaxPool2D(2), Conv2D(6, 16, 5)+ReLU, MaxPool2D(2),
Flatten, Layer(400, 120)+ReLU, Layer(120, 84)+ReLU, Layer(84, 10)+Softmax with categorical cross-entropy,
float32, images (1, 28, 28, m) with m = 64. One training step (forward, loss, backward, SGD) of:

  floor     only the matrix products npblocks' step does, on preallocated arrays: per convolution
            Z = W columns, dW = dZ columns^T and (second one only) dcolumns = W^T dZ, per Layer its three
            products (none for dA^[0]). No im2col copy, no pooling, no activation, no loss, no update.
  npblocks  the public API: AL = model.forward(X); J = loss.forward(AL, Y);
            model.backward(loss.backward(AL, Y)); SGD step.
  torch     the same network in torch.nn (CrossEntropyLoss on the logits), torch.optim.SGD, same threads.

Timing is interleaved in rounds as in benchmarks/bench.py (whose helpers it uses): the median per step, and
ratios as the median of per-round ratios. Peak memory: in a fresh subprocess per contender, the peak resident
memory above the resident memory just before the first training step (what training adds). Then how time and
memory grow with m and with the image size n_H = n_W.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

import bench  # noqa: E402  (the interleaved timer, the machine line, the memory counter)

LR = 0.01


def flat_rows(size):
    """Rows after the second pooling for size x size images: same conv, pool 2, conv 5, pool 2."""
    return 16 * ((size // 2 - 4) // 2) ** 2


def lenet(size, dtype):
    from blocks import Conv2D, Flatten, Layer, MaxPool2D, ReLU, Sequential, Softmax

    return Sequential(
        Conv2D(1, 6, 5, padding=2, activation=ReLU(), rng=0, dtype=dtype), MaxPool2D(2),
        Conv2D(6, 16, 5, activation=ReLU(), rng=1, dtype=dtype), MaxPool2D(2), Flatten(),
        Layer(flat_rows(size), 120, activation=ReLU(), rng=2, dtype=dtype),
        Layer(120, 84, activation=ReLU(), rng=3, dtype=dtype),
        Layer(84, 10, activation=Softmax(), rng=4, dtype=dtype),
        input_shape=(1, size, size),
    )


def make_data(m, size, dtype, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    X = rng.random((1, size, size, m)).astype(dtype)
    return X, np.eye(10, dtype=dtype)[rng.integers(0, 10, m)].T


def npblocks_step(m, size, dtype):
    from losses import CategoricalCrossEntropy
    from optim import SGD

    model, (X, Y) = lenet(size, dtype), make_data(m, size, dtype)
    loss, optimizer = CategoricalCrossEntropy(), SGD(model.parameters(), lr=LR)

    def step():
        AL = model.forward(X)
        loss.forward(AL, Y)
        model.backward(loss.backward(AL, Y))
        optimizer.step()

    step.model = model
    return step


def floor_step(m, size, dtype):
    """The products of npblocks' step on preallocated arrays, with the shapes npblocks gives them."""
    import numpy as np

    model = lenet(size, dtype)
    rng = np.random.default_rng(0)
    shapes = [s for s in model.child_shapes(None)] + [model.output_shape(None)]
    products = []
    for i, block in enumerate(model.blocks):
        if hasattr(block, "kernel"):
            if not hasattr(block, "W"):
                continue
            n_H, n_W = shapes[i + 1][1:3]
            K, N = block.W[0].size, n_H * n_W * m
            W2, cols, dZ = (rng.random(s).astype(dtype) for s in ((block.n_C, K), (K, N), (block.n_C, N)))
            products += [(W2, cols, np.empty((block.n_C, N), dtype)), (dZ, cols.T, np.empty((block.n_C, K), dtype))]
            if i > 0:
                products.append((W2.T, dZ, np.empty((K, N), dtype)))
        elif hasattr(block, "W"):
            A_prev, dZ = rng.random((block.n_in, m)).astype(dtype), rng.random((block.n_out, m)).astype(dtype)
            products += [(block.W, A_prev, np.empty((block.n_out, m), dtype)),
                         (dZ, A_prev.T, np.empty(block.W.shape, dtype)), (block.W.T, dZ, np.empty_like(A_prev))]

    def step():
        for P, Q, out in products:
            np.matmul(P, Q, out=out)

    return step


def torch_net(size):
    import torch

    nn = torch.nn
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(flat_rows(size), 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


def torch_step(m, size, dtype):
    import numpy as np
    import torch

    X, Y = make_data(m, size, dtype)
    net = torch_net(size).to(getattr(torch, np.dtype(dtype).name))
    Xt, labels = torch.from_numpy(np.ascontiguousarray(np.moveaxis(X, -1, 0))), torch.from_numpy(Y.argmax(axis=0))
    optimizer, loss = torch.optim.SGD(net.parameters(), lr=LR), torch.nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss(net(Xt), labels).backward()
        optimizer.step()

    return step


BUILDERS = {"floor": floor_step, "npblocks": npblocks_step, "torch": torch_step}


def memory_child(spec):
    """In the subprocess: build, reset the peak, train a few steps, print the peak above the baseline."""
    import gc

    import numpy as np

    if spec["contender"] == "torch":
        import torch

        torch.set_num_threads(spec["threads"])
    step = BUILDERS[spec["contender"]](spec["m"], spec["size"], np.float32)
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM to the current RSS (Linux >= 4.0)
        f.write("5")
    baseline, _ = bench.rss_kib()
    for _ in range(spec["steps"]):
        step()
    _, peak = bench.rss_kib()
    print(json.dumps({"MiB": (peak - baseline) / 1024}))


def peak_memory(contender, m, size, threads, steps):
    spec = {"contender": contender, "m": m, "size": size, "threads": threads, "steps": steps}
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child", json.dumps(spec)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])["MiB"]


def measure(contenders, m, size, rounds, pause, block, threads, mem_steps):
    import numpy as np

    steps = {c: BUILDERS[c](m, size, np.float32) for c in contenders}
    timings = bench.Timings(bench.time_interleaved(steps, rounds, pause, block))
    memory = {c: peak_memory(c, m, size, threads, mem_steps) for c in contenders if c != "floor"}
    return timings, memory


def same_step_error():
    """max |W_npblocks - W_torch| after one float64 SGD step from the same weights and data (m = 8)."""
    import numpy as np
    import torch

    model, net = lenet(28, np.float64), torch_net(28).double()
    X, Y = make_data(8, 28, np.float64)
    torch_layers = [layer for layer in net if hasattr(layer, "weight")]
    ours = [block for block in model.blocks if hasattr(block, "W")]
    with torch.no_grad():
        for block, layer in zip(ours, torch_layers, strict=True):
            layer.weight.copy_(torch.from_numpy(block.W))
            layer.bias.copy_(torch.from_numpy(block.b.ravel()))
    npblocks_optimizer = __import__("optim").SGD(model.parameters(), lr=LR)
    loss = __import__("losses").CategoricalCrossEntropy()
    AL = model.forward(X)
    model.backward(loss.backward(AL, Y))
    npblocks_optimizer.step()
    torch_optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    out = net(torch.from_numpy(np.ascontiguousarray(np.moveaxis(X, -1, 0))))
    torch.nn.functional.cross_entropy(out, torch.from_numpy(Y.argmax(axis=0))).backward()
    torch_optimizer.step()
    return max(float(np.abs(block.W - layer.weight.detach().numpy()).max())
               for block, layer in zip(ours, torch_layers, strict=True))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: one round, short blocks")
    parser.add_argument("--no-torch", action="store_true", help="leave PyTorch out even if it is installed")
    parser.add_argument("--threads", type=int, help="BLAS (and torch) threads; default: what numpy uses")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth with m and the image size")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    if args.memory_child:
        return memory_child(json.loads(args.memory_child))

    threads = bench.blas_threads() or args.threads or os.cpu_count()
    torch = bench.torch_with_threads(threads, wanted=not args.no_torch)
    rounds, pause, block = (1, 0.25, 0.01) if args.quick else (15, 0.25, 0.1)
    mem_steps = 2 if args.quick else 5
    contenders = ["floor", "npblocks"] + (["torch"] if torch else [])
    for line in bench.machine(threads, torch and torch.__version__):
        print(line)
    bench.warn_if_busy()
    print(f"{'quick smoke run' if args.quick else 'full run'}: {rounds} round(s), median seconds per training step\n")

    t, mem = measure(contenders, 64, 28, rounds, pause, block, threads, mem_steps)
    print("LeNet-5-like step, float32, X (1, 28, 28, 64)")
    line = f"  floor {bench.fmt_time(t['floor'])}   npblocks {bench.fmt_time(t['npblocks'])} "
    line += f"({t.ratio('npblocks', 'floor'):.2f}x floor)"
    if torch:
        line += f"   torch {bench.fmt_time(t['torch'])} ({t.ratio('torch', 'floor'):.2f}x floor)"
        line += f"\n  npblocks/torch {t.ratio('npblocks', 'torch'):.2f}   (target: at most 2)"
    print(line)
    print("  peak memory above the built model: " + ", ".join(f"{k} {v:.2f} MiB" for k, v in mem.items()))
    if torch:
        print(f"  same step: max |W_npblocks - W_torch| after one float64 SGD step: {same_step_error():.1e}")
    if not args.no_growth:
        growth(contenders, threads, args.quick, rounds, pause, block, mem_steps)


def growth(contenders, threads, quick, rounds, pause, block, mem_steps):
    cases = [(m, 28) for m in ((16, 64) if quick else (16, 32, 64, 128))]
    cases += [(64, size) for size in ((56,) if quick else (56, 112))]
    print("\ngrowth with m and with the image size n_H = n_W (float32): time per step, peak memory")
    print(f"  {'m':>4} {'size':>5}" + "".join(f"{c + ' time':>16}" for c in contenders)
          + "".join(f"{c + ' MiB':>14}" for c in contenders if c != "floor") + f"{'npb/torch':>11}")
    for m, size in cases:
        t, mem = measure(contenders, m, size, max(1, rounds // 3), pause, block, threads, mem_steps)
        line = f"  {m:>4} {size:>5}" + "".join(f"{bench.fmt_time(t[c]):>16}" for c in contenders)
        line += "".join(f"{mem[c]:>14.2f}" for c in contenders if c != "floor")
        line += f"{t.ratio('npblocks', 'torch'):>11.2f}" if "torch" in contenders else ""
        print(line)


if __name__ == "__main__":
    sys.exit(main())
