"""The main job: a deep network learns the course's planar flower with the canonical training loop."""
from __future__ import annotations

from .activations import ReLU, Sigmoid, Tanh
from .datasets import planar_flower, train_test_split
from .layer import Layer
from .sequential import Sequential


def accuracy(model, X, Y) -> float:
    """The fraction of columns whose predicted class (AL > 0.5) equals Y."""
    return float(((model.predict(X) > 0.5) == (Y > 0.5)).mean())


def run(iterations: int = 3000, lr: float = 0.01, seed: int = 1, every: int = 300, out=print) -> dict:
    """Train [2, 16, 16, 8, 1] on the flower with Adam; print the cost as it falls and the accuracy."""
    from losses import BinaryCrossEntropy
    from optim import Adam

    X_train, Y_train, X_test, Y_test = train_test_split(*planar_flower(400, rng=seed), 0.2, rng=seed)
    model = Sequential(
        Layer(2, 16, activation=Tanh(), rng=seed),
        Layer(16, 16, activation=ReLU(), rng=seed + 1),
        Layer(16, 8, activation=ReLU(), rng=seed + 2),
        Layer(8, 1, activation=Sigmoid(), rng=seed + 3),
    )
    out(model)
    loss, opt = BinaryCrossEntropy(), Adam(model.parameters(), lr=lr)
    for i in range(iterations + 1):
        AL = model.forward(X_train)
        J = loss.forward(AL, Y_train)
        if i % every == 0:
            out(f"iteration {i:5d}   cost {J:.6f}")
        if i < iterations:
            model.backward(loss.backward(AL, Y_train))
            opt.step()
    result = {"cost": J, "train_accuracy": accuracy(model, X_train, Y_train),
              "test_accuracy": accuracy(model, X_test, Y_test)}
    out(f"train accuracy {result['train_accuracy']:.1%}   test accuracy {result['test_accuracy']:.1%}")
    return result


if __name__ == "__main__":
    run()
