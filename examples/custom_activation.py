"""Add your own activation: Softsign in six lines, its property-based gradient test, and a network using it.

``check_activation`` (blocks.testing, needs hypothesis: ``pip install -e ".[testing]"`` in a clone) draws shapes
and values and compares ``derivative`` with central finite differences; it is silent when they agree and
raises AssertionError, with the worst error and where, when they do not. The same check from a shell:
``npblocks check examples.custom_activation:Softsign`` (run from the project root).

    python examples/custom_activation.py            # check, then train [2, 8, 8, 1] on the flower
    python examples/custom_activation.py --quick    # fewer steps, for CI
"""
import argparse

import numpy as np

from blocks import Activation, Layer, Sequential, Sigmoid
from blocks.datasets import planar_flower
from losses import BinaryCrossEntropy
from optim import Adam


class Softsign(Activation):
    """A = Z / (1 + |Z|), elementwise; g'(Z) = 1 / (1 + |Z|)^2 = (1 - |A|)^2."""

    def forward(self, Z):
        return Z / (1 + np.abs(Z))

    def derivative(self, Z, A):
        return (1 - np.abs(A)) ** 2


class BrokenSoftsign(Softsign):
    """The same with a classic slip, the square forgotten: the check must reject it."""

    def derivative(self, Z, A):
        return 1 - np.abs(A)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 training steps instead of 2,000")
    args = parser.parse_args(argv)
    from blocks.testing import check_activation

    check_activation(Softsign())                      # silent: the derivative is right
    print("Softsign: check_activation passed")
    try:
        check_activation(BrokenSoftsign())
    except AssertionError as exc:
        print("BrokenSoftsign: check_activation failed, as it should:", str(exc).splitlines()[0])
    else:
        raise SystemExit("BrokenSoftsign passed the check: the checker missed a wrong derivative")

    X, Y = planar_flower(400, rng=1)
    model = Sequential(Layer(2, 8, activation=Softsign(), rng=1), Layer(8, 8, activation=Softsign(), rng=2),
                       Layer(8, 1, activation=Sigmoid(), rng=3))
    loss, opt = BinaryCrossEntropy(), Adam(model.parameters(), lr=0.01)
    for _ in range(200 if args.quick else 2000):
        AL = model.forward(X)
        model.backward(loss.backward(AL, Y))
        opt.step()
    AL = model.predict(X)
    print(f"cost {loss.forward(AL, Y):.4f}   accuracy {((AL > 0.5) == Y).mean():.1%} with Softsign hidden layers")


if __name__ == "__main__":
    main()
