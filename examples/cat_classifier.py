"""The course's cat / non-cat classifier: the 4-layer network [12288, 20, 7, 5, 1] on 64x64 RGB images.

Needs the course's data set as one .npz file with ``train_x`` (209, 64, 64, 3) uint8, ``train_y`` (1, 209)
or (209,), ``test_x`` (50, 64, 64, 3), ``test_y``; npblocks does not ship it. Give its path:

    python examples/cat_classifier.py path/to/catvnoncat.npz              # 2,500 steps, lr 0.0075
    python examples/cat_classifier.py path/to/catvnoncat.npz --quick      # 5 steps, for CI
"""
import argparse

import numpy as np

from blocks import Layer, ReLU, Sequential, Sigmoid
from losses import BinaryCrossEntropy
from optim import SGD


def load_images(path):
    """X (12288, m) of pixels in [0, 1], one flattened image per column, and Y (1, m), for train and test."""
    try:
        archive = np.load(path, allow_pickle=False)
    except OSError as exc:
        raise SystemExit(f"{path}: {exc.strerror or exc}; give the path of your copy of the course's catvnoncat.npz "
                         "(npblocks does not ship it)") from None
    except ValueError as exc:
        raise SystemExit(f"{path} is not an .npz archive of the course's catvnoncat arrays ({exc})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise SystemExit(f"{path} holds a single array, not the .npz archive of the course's catvnoncat arrays")
    with archive as data:
        missing = {"train_x", "train_y", "test_x", "test_y"} - set(data.files)
        if missing:
            raise SystemExit(f"{path} lacks {', '.join(sorted(missing))}; expected the course's catvnoncat arrays")
        return [(data[f"{part}_x"].reshape(len(data[f"{part}_x"]), -1).T / 255.0,
                 np.asarray(data[f"{part}_y"], dtype=np.float64).reshape(1, -1)) for part in ("train", "test")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the course's catvnoncat.npz")
    parser.add_argument("--iterations", type=int, default=2500, help="gradient steps (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="5 steps only")
    args = parser.parse_args(argv)
    (X_train, Y_train), (X_test, Y_test) = load_images(args.data)   # X_train: (12288, 209)

    model = Sequential(
        Layer(12288, 20, activation=ReLU(), init="lecun", rng=1),     # W1: (20, 12288)
        Layer(20, 7, activation=ReLU(), init="lecun", rng=2),
        Layer(7, 5, activation=ReLU(), init="lecun", rng=3),
        Layer(5, 1, activation=Sigmoid(), init="lecun", rng=4),
    )
    loss, opt = BinaryCrossEntropy(), SGD(model.parameters(), lr=0.0075)
    iterations = 5 if args.quick else args.iterations
    for i in range(iterations):
        AL = model.forward(X_train)
        J = loss.forward(AL, Y_train)
        model.backward(loss.backward(AL, Y_train))
        opt.step()
        if i % 100 == 0 or i == iterations - 1:
            print(f"iteration {i:4d}   cost {J:.6f}")
    train = ((model.predict(X_train) > 0.5) == Y_train).mean()
    test = ((model.predict(X_test) > 0.5) == Y_test).mean()
    print(f"train accuracy {train:.1%}   test accuracy {test:.1%}")
    return test


if __name__ == "__main__":
    main()
