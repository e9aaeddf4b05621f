"""The course's 2-layer network on the planar flower: [2, 4, 1], tanh then sigmoid, the canonical loop.

    python examples/two_layer_flower.py            # 10,000 steps of W -= 1.2 * dW, as in the course
    python examples/two_layer_flower.py --quick    # a few hundred, for CI
"""
import argparse

from blocks import Layer, Sequential, Sigmoid, Tanh
from blocks.datasets import planar_flower
from losses import BinaryCrossEntropy
from optim import SGD


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10000, help="gradient steps (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="300 steps only")
    parser.add_argument("--plot", metavar="PNG", help="also draw the decision boundary to this file (matplotlib)")
    args = parser.parse_args(argv)
    iterations = 300 if args.quick else args.iterations

    X, Y = planar_flower(400, rng=1)                  # X: (2, 400), Y: (1, 400)
    model = Sequential(
        Layer(2, 4, activation=Tanh(), init="small", rng=2),      # the course's 0.01 * randn
        Layer(4, 1, activation=Sigmoid(), init="small", rng=3),
    )
    loss, opt = BinaryCrossEntropy(), SGD(model.parameters(), lr=1.2)
    for i in range(iterations):
        AL = model.forward(X)                          # forward propagation
        J = loss.forward(AL, Y)                        # J = -(1/m) sum(Y log AL + (1-Y) log(1-AL))
        model.backward(loss.backward(AL, Y))           # dW, db of both layers
        opt.step()                                     # W -= lr * dW, b -= lr * db
        if i % 1000 == 0:
            print(f"iteration {i:5d}   cost {J:.6f}")
    accuracy = ((model.predict(X) > 0.5) == Y).mean()
    print(f"accuracy {accuracy:.1%} after {iterations} iterations")
    if args.plot:
        from blocks.plots import plot_decision_boundary

        print("wrote", plot_decision_boundary(model, X, Y, args.plot, title="2-layer network, n_h = 4"))
    return accuracy


if __name__ == "__main__":
    main()
