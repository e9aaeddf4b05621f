"""Exploding gradients, the usual RNN failure, and what clip_norm does about it.

A ReLU RNN whose recurrent weights start a little too large (Waa = 1.2 I: a<t> can grow as 1.2^t) learns
the sign of a running sum over T_x = 40 steps. Backpropagation through time multiplies by Waa^T once per
step, so the first gradients are huge: plain SGD jumps so far that every ReLU dies and the cost sticks at
log 2 = 0.693, a coin toss, for good. The same run with ``clip_norm=1.0`` (the global norm of all gradients
scaled down to at most 1, PyTorch's clip_grad_norm_) takes bounded steps and learns (measured: about 90%
after 20 epochs, against 47% without).

    python examples/exploding_gradients.py            # 20 epochs
    python examples/exploding_gradients.py --quick    # 5 epochs, for CI
"""
import argparse

import numpy as np

from blocks import RNN, Layer, ReLU, Sequential, Sigmoid
from losses import BinaryCrossEntropy
from optim import SGD


def running_sum_sign(m, T, rng):
    """X (1, m, T) of normal steps; Y (1, m): 1 where the sum of all T steps is positive."""
    X = rng.standard_normal((1, m, T))
    return X, (X.sum(axis=(0, 2)) > 0).astype(float)[None]


def train(clip_norm, epochs, X, Y):
    model = Sequential(RNN(1, 16, return_sequences=False, activation=ReLU(), rng=0),
                       Layer(16, 1, activation=Sigmoid(), rng=1))
    model[0].Waa = 1.2 * np.eye(16)
    opt = SGD(model.parameters(), lr=0.05, clip_norm=clip_norm)
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=opt, epochs=epochs, batch_size=32, rng=0,
                        verbose=0, metrics=["accuracy"])
    return history


def main(argv=None):
    parser = argparse.ArgumentParser(description="exploding gradients in a ReLU RNN, with and without clip_norm")
    parser.add_argument("--quick", action="store_true", help="5 epochs instead of 20, for CI")
    args = parser.parse_args(argv)
    epochs = 5 if args.quick else 20
    X, Y = running_sum_sign(512, 40, np.random.default_rng(0))
    for clip_norm in (None, 1.0):
        history = train(clip_norm, epochs, X, Y)
        costs = " ".join(f"{J:.3g}" for J in history["loss"])
        print(f"clip_norm={clip_norm}: cost per epoch {costs}; accuracy {history['accuracy'][-1]:.1%}"
              + (f" (stopped: {history.stop_reason})" if history.stop_reason else ""))


if __name__ == "__main__":
    main()
