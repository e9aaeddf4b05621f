"""The course's convolution assignment, step by step, rebuilt from npblocks blocks and checked against loops.

    python examples/conv_step_by_step.py

The course writes zero_pad, conv_single_step, conv_forward, pool_forward, conv_backward and pool_backward with
Python loops over samples and pixels, on images (m, n_H, n_W, n_C) and W (f, f, n_C_prev, n_C). npblocks keeps the
samples last, images (n_C, n_H, n_W, m), W (n_C, n_C_prev, f, f), b (n_C, 1), and runs each step as one block.
Each function below is the course's function in npblocks' layout; each is compared with a loop written the
course's way, so you can see that the block computes exactly what the loops do.

One difference on purpose: npblocks' dW and db are the gradients of the cost J = (1/m) sum of losses, with the
1/m inside, as Layer's are; the course's conv_backward sums over the samples. So course dW = m * conv.dW, and
dA_prev is the same in both.
"""
import numpy as np

from blocks import AvgPool2D, Conv2D, MaxPool2D
from blocks.im2col import pad


def zero_pad(X, p):
    """X (n_C, n_H, n_W, m) with p zeros around n_H and n_W: (n_C, n_H + 2p, n_W + 2p, m)."""
    return pad(X, ((p, p), (p, p)))


def conv_single_step(a_slice_prev, W, b):
    """Z = sum(a_slice_prev * W) + b for one window: a (n_C_prev, f, f) slice, one filter W (n_C_prev, f, f)."""
    n_C_prev, f, _ = W.shape
    conv = Conv2D(n_C_prev, 1, f)
    conv.W, conv.b = W[None], [[b]]
    return conv.forward(a_slice_prev[..., None])[0, 0, 0, 0]


def conv_forward(A_prev, W, b, hparameters):
    """Z (n_C, n_H, n_W, m) and the block (the course's cache): W (n_C, n_C_prev, f, f), b (n_C, 1)."""
    n_C, n_C_prev, f, _ = W.shape
    conv = Conv2D(n_C_prev, n_C, f, stride=hparameters["stride"], padding=hparameters["pad"])
    conv.W, conv.b = W, b
    return conv.forward(A_prev), conv


def pool_forward(A_prev, hparameters, mode="max"):
    """A (n_C, n_H, n_W, m): the max or average of each f x f window, and the block (the cache)."""
    pool = (MaxPool2D if mode == "max" else AvgPool2D)(hparameters["f"], stride=hparameters["stride"])
    return pool.forward(A_prev), pool


def conv_backward(dZ, conv):
    """dA_prev, dW, db as the course defines them (sums over the samples): m times npblocks' dW and db."""
    dA_prev = conv.backward(dZ)  # the activation is the identity, so dA = dZ
    m = dZ.shape[-1]
    return dA_prev, m * conv.dW, m * conv.db


def pool_backward(dA, pool):
    """dA_prev: each window's dA to its maximum (max) or spread evenly over it (average)."""
    return pool.backward(dA)


# ------------------------------------------------------------------------------------------------------------
# The course's loops, in npblocks' layout, to check the blocks against.


def conv_forward_loops(A_prev, W, b, stride, p):
    n_C, _, f, _ = W.shape
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    n_H = (A_pad.shape[1] - f) // stride + 1
    n_W = (A_pad.shape[2] - f) // stride + 1
    Z = np.zeros((n_C, n_H, n_W, A_prev.shape[3]))
    for i in range(A_prev.shape[3]):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    a_slice = A_pad[:, h * stride:h * stride + f, w * stride:w * stride + f, i]
                    Z[c, h, w, i] = np.sum(a_slice * W[c]) + b[c, 0]
    return Z


def conv_backward_loops(dZ, A_prev, W, stride, p):
    _, _, f, _ = W.shape
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    dA_pad, dW = np.zeros_like(A_pad), np.zeros_like(W)
    n_C, n_H, n_W, m = dZ.shape
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = (slice(None), slice(h * stride, h * stride + f), slice(w * stride, w * stride + f), i)
                    dA_pad[window] += W[c] * dZ[c, h, w, i]
                    dW[c] += A_pad[window] * dZ[c, h, w, i]
    db = dZ.sum(axis=(1, 2, 3)).reshape(n_C, 1)
    return dA_pad[:, p:dA_pad.shape[1] - p, p:dA_pad.shape[2] - p], dW, db


def pool_loops(A_prev, f, stride, mode):
    n_C, n_H_prev, n_W_prev, m = A_prev.shape
    n_H, n_W = (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
    A = np.zeros((n_C, n_H, n_W, m))
    reduce = np.max if mode == "max" else np.mean
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    A[c, h, w, i] = reduce(A_prev[c, h * stride:h * stride + f, w * stride:w * stride + f, i])
    return A


def main():
    rng = np.random.default_rng(1)
    A_prev = rng.standard_normal((3, 5, 7, 4))           # (n_C_prev, n_H_prev, n_W_prev, m)
    W, b = rng.standard_normal((8, 3, 3, 3)), rng.standard_normal((8, 1))
    hparameters = {"pad": 1, "stride": 2}

    print("zero_pad:", A_prev.shape, "->", zero_pad(A_prev, 2).shape)
    z = conv_single_step(A_prev[:, :3, :3, 0], W[0], b[0, 0])
    print(f"conv_single_step: Z = {z:.6f} (by hand {np.sum(A_prev[:, :3, :3, 0] * W[0]) + b[0, 0]:.6f})")

    Z, conv = conv_forward(A_prev, W, b, hparameters)
    print("conv_forward: Z", Z.shape, "mean", round(float(Z.mean()), 6), "equal to the loops:",
          np.allclose(Z, conv_forward_loops(A_prev, W, b, 2, 1)))

    for mode in ("max", "average"):
        A, _ = pool_forward(A_prev, {"f": 3, "stride": 2}, mode)
        print(f"pool_forward ({mode}): A", A.shape, "equal to the loops:",
              np.allclose(A, pool_loops(A_prev, 3, 2, mode)))

    dZ = rng.standard_normal(Z.shape)
    dA_prev, dW, db = conv_backward(dZ, conv)
    expected = conv_backward_loops(dZ, A_prev, W, 2, 1)
    print("conv_backward: dA_prev", dA_prev.shape, "dW", dW.shape, "db", db.shape, "equal to the loops:",
          all(np.allclose(x, y) for x, y in zip((dA_prev, dW, db), expected, strict=True)))

    A_prev = np.array([[1.0, 4.0], [3.0, 2.0]]).reshape(1, 2, 2, 1)
    A, pool = pool_forward(A_prev, {"f": 2, "stride": 2}, "max")
    print("pool_backward (max): the gradient goes to the maximum 4:",
          pool_backward(np.ones_like(A), pool)[0, :, :, 0].tolist())
    A, pool = pool_forward(A_prev, {"f": 2, "stride": 2}, "average")
    print("pool_backward (average): spread evenly:", pool_backward(np.ones_like(A), pool)[0, :, :, 0].tolist())


if __name__ == "__main__":
    main()
