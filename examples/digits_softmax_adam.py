"""The 8x8 handwritten digits with a Softmax output, categorical cross-entropy and mini-batch Adam via fit.

    python examples/digits_softmax_adam.py                 # 40 epochs, prints the test accuracy
    python examples/digits_softmax_adam.py --quick         # 3 epochs, for CI
    python examples/digits_softmax_adam.py --plot cost.png # also the cost curves (matplotlib)
"""
import argparse

from blocks import Layer, ReLU, Sequential, Softmax
from blocks.datasets import load
from losses import CategoricalCrossEntropy
from optim import Adam


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=40, help="passes over the training digits (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="3 epochs only")
    parser.add_argument("--plot", metavar="PNG", help="write the training and validation cost to this file")
    args = parser.parse_args(argv)

    X_train, Y_train, X_test, Y_test = load("digits", test_fraction=0.2, rng=0)   # X: (64, m), Y one-hot: (10, m)
    model = Sequential(
        Layer(64, 64, activation=ReLU(), rng=1),
        Layer(64, 32, activation=ReLU(), rng=2),
        Layer(32, 10, activation=Softmax(), rng=3),    # the columns of AL sum to 1
    )
    history = model.fit(
        X_train, Y_train, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.003),
        epochs=3 if args.quick else args.epochs, batch_size=64, rng=0,
        validation_data=(X_test, Y_test), metrics=["accuracy"],
    )
    result = model.evaluate(X_test, Y_test, CategoricalCrossEntropy(), ["accuracy"])
    print(f"test cost {result['loss']:.4f}   test accuracy {result['accuracy']:.1%}")
    if args.plot:
        print("wrote", history.plot(args.plot, title="digits: cost per epoch"))
    return result["accuracy"]


if __name__ == "__main__":
    main()
