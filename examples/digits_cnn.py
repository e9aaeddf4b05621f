"""A small convolutional network on the 8x8 digits as images (1, 8, 8, m), saved for ``npblocks predict``.

    python examples/digits_cnn.py                 # 30 epochs; writes digits-cnn.npz and digits-images.npz
    python examples/digits_cnn.py --quick         # 2 epochs, for CI
    npblocks predict digits-cnn.npz digits-images.npz --out predictions.csv

The images are the columns (64, m) of the digits reshaped to (1, 8, 8, m): samples last, as everywhere in
npblocks. ``npblocks predict`` reads images X (n_C, n_H, n_W, m) (and labels Y, to report the accuracy) from an
.npz file; with the metadata saved here it writes the predicted digit of each sample (``--probabilities``: and
the 10 class probabilities), one row per sample, and the accuracy against Y.
"""
import argparse

import numpy as np

from blocks import Conv2D, Flatten, Layer, MaxPool2D, ReLU, Sequential, Softmax
from blocks.datasets import load
from losses import CategoricalCrossEntropy
from optim import Adam


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30, help="passes over the training digits (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="2 epochs only")
    parser.add_argument("--model", default="digits-cnn.npz", help="where to save the model (default: %(default)s)")
    parser.add_argument("--images", default="digits-images.npz",
                        help="where to write the test images X and labels Y (default: %(default)s)")
    args = parser.parse_args(argv)

    X_train, Y_train, X_test, Y_test = load("digits", test_fraction=0.2, rng=0)  # X: (64, m), Y one-hot: (10, m)
    X_train, X_test = X_train.reshape(1, 8, 8, -1), X_test.reshape(1, 8, 8, -1)   # images (1, 8, 8, m)
    model = Sequential(
        Conv2D(1, 16, 3, padding="same", activation=ReLU(), rng=1), MaxPool2D(2),   # (16, 4, 4, m)
        Conv2D(16, 32, 3, padding="same", activation=ReLU(), rng=2), MaxPool2D(2),  # (32, 2, 2, m)
        Flatten(),                                                                    # (128, m)
        Layer(128, 10, activation=Softmax(), rng=3),
        input_shape=(1, 8, 8),
    )
    print(model)
    model.fit(X_train, Y_train, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.01),
              epochs=2 if args.quick else args.epochs, batch_size=64, rng=0, verbose=0)
    result = model.evaluate(X_test, Y_test, CategoricalCrossEntropy(), ["accuracy"])
    print(f"test cost {result['loss']:.4f}   test accuracy {result['accuracy']:.1%}")
    # The metadata tells npblocks predict to write each sample's digit (and to score it against Y).
    model.save(args.model, metadata={"task": "multiclass", "classes": [str(k) for k in range(10)], "label": "digit"})
    np.savez(args.images, X=X_test, Y=Y_test)
    print(f"wrote {args.model} and {args.images}; try: npblocks predict {args.model} {args.images}")
    return result["accuracy"]


if __name__ == "__main__":
    main()
