"""The course's 4-layer network [12288, 20, 7, 5, 1] with the canonical loop of API.md."""
import numpy as np

import blocks
from blocks import Layer, Sequential
from blocks.testing import check_gradients
from losses import BinaryCrossEntropy
from optim import SGD


def course_model():
    return Sequential(
        Layer(12288, 20, activation=blocks.ReLU(), init="lecun", rng=1),
        Layer(20, 7, activation=blocks.ReLU(), init="lecun", rng=2),
        Layer(7, 5, activation=blocks.ReLU(), init="lecun", rng=3),
        Layer(5, 1, activation=blocks.Sigmoid(), init="lecun", rng=4),
    )


def images(m=24, seed=0):
    """Stand-ins for the cat images: flattened 64x64x3 pixels scaled to [0, 1], with learnable labels."""
    rng = np.random.default_rng(seed)
    X = rng.random((12288, m))
    Y = (X[:100].mean(axis=0, keepdims=True) > 0.5).astype(float)
    return X, Y


def test_cost_falls_with_the_canonical_loop():
    model, (X, Y) = course_model(), images()
    loss, opt = BinaryCrossEntropy(), SGD(model.parameters(), lr=0.0075)
    costs = []
    for _ in range(100):
        AL = model.forward(X)
        costs.append(loss.forward(AL, Y))
        model.backward(loss.backward(AL, Y))
        opt.step()
    assert costs[0] > 0.6 and costs[-1] < 0.1 * costs[0], costs[::10]


def test_gradients_agree_with_central_differences_on_sampled_entries():
    model, (X, Y) = course_model(), images(m=8, seed=1)
    report = check_gradients(model, X, Y, BinaryCrossEntropy(), max_entries=6)  # the largest and 5 drawn per array
    assert [a.comparison.compared for a in report.arrays] == [6, 6, 6, 6, 6, 5, 5, 1, 6]
