"""No hidden state: two models trained in two threads at once give the results of one after the other."""
import threading

import numpy as np
import pytest

import blocks
from blocks import Layer, Sequential
from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from optim import Adam


def problem(kind, seed):
    """A model whose output saturates now and then (x10 weights), its data, loss and optimizer."""
    rng = np.random.default_rng(seed)
    n = 1 if kind == "sigmoid" else 3
    output = blocks.Sigmoid() if kind == "sigmoid" else blocks.Softmax()
    model = Sequential(Layer(5, 8, activation=blocks.ReLU(), rng=seed), Layer(8, n, activation=output, rng=seed + 1))
    for layer in model:
        layer.W = layer.W * 10
    X = rng.standard_normal((5, 64))
    Y = (rng.random((1, 64)) < 0.5).astype(float) if n == 1 else np.eye(n)[:, rng.integers(0, n, 64)]
    loss = BinaryCrossEntropy() if n == 1 else CategoricalCrossEntropy()
    return model, X, Y, loss, Adam(model.parameters(), lr=0.01)


def train(model, X, Y, loss, opt, steps, barrier=None):
    costs = []
    for _ in range(steps):
        if barrier is not None:
            barrier.wait()  # both threads inside the same step, again and again
        AL = model.forward(X)
        costs.append(loss.forward(AL, Y))
        dAL = loss.backward(AL, Y)
        if barrier is not None:
            barrier.wait()  # both losses have returned their dAL before either model's backward starts
        model.backward(dAL)
        opt.step()
    return costs, [layer.W.copy() for layer in model]


@pytest.mark.parametrize("kinds", [("sigmoid", "sigmoid"), ("softmax", "softmax"), ("sigmoid", "softmax")])
def test_two_models_in_two_threads_match_one_after_the_other(kinds):
    steps = 30
    expected = [train(*problem(kind, seed), steps) for seed, kind in enumerate(kinds)]
    problems = [problem(kind, seed) for seed, kind in enumerate(kinds)]
    barrier, results = threading.Barrier(2), [None, None]

    def run(i):
        results[i] = train(*problems[i], steps, barrier)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for (costs, weights), (expected_costs, expected_weights) in zip(results, expected, strict=True):
        assert costs == expected_costs
        assert all(np.array_equal(W, E) for W, E in zip(weights, expected_weights, strict=True))
