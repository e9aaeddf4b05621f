"""The course's L-layer model on the planar flower: [2, 20, 7, 5, 1], ReLU then sigmoid, the canonical loop.

The deep-network recipe of the course: weights randn / sqrt(n^[l-1]) ("lecun"), plain gradient descent.

    python examples/l_layer_flower.py            # 5,000 steps
    python examples/l_layer_flower.py --quick    # a few hundred, for CI
"""
import argparse

from blocks import Layer, ReLU, Sequential, Sigmoid
from blocks.datasets import planar_flower, train_test_split
from losses import BinaryCrossEntropy
from optim import SGD


def L_layer_model(layers_dims, seed=1):
    """ReLU in the L-1 hidden layers, sigmoid in layer L, as in the course's L_model_forward."""
    L = len(layers_dims) - 1
    return Sequential([
        Layer(layers_dims[l - 1], layers_dims[l], activation=ReLU() if l < L else Sigmoid(), init="lecun", rng=seed + l)
        for l in range(1, L + 1)  # noqa: E741  (the course's l)
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5000, help="gradient steps (default: %(default)s)")
    parser.add_argument("--lr", type=float, default=0.3, help="learning rate (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="300 steps only")
    args = parser.parse_args(argv)
    iterations = 300 if args.quick else args.iterations

    X_train, Y_train, X_test, Y_test = train_test_split(*planar_flower(400, rng=1), 0.2, rng=1)
    model = L_layer_model([2, 20, 7, 5, 1])
    print(model)
    loss, opt = BinaryCrossEntropy(), SGD(model.parameters(), lr=args.lr)
    for i in range(iterations):
        AL = model.forward(X_train)
        J = loss.forward(AL, Y_train)
        model.backward(loss.backward(AL, Y_train))
        opt.step()
        if i % 500 == 0:
            print(f"iteration {i:5d}   cost {J:.6f}")
    train = ((model.predict(X_train) > 0.5) == Y_train).mean()
    test = ((model.predict(X_test) > 0.5) == Y_test).mean()
    print(f"train accuracy {train:.1%}   test accuracy {test:.1%}")
    return test


if __name__ == "__main__":
    main()
