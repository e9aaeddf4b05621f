"""``npblocks demo``: the main job, a deep network learning an embedded data set (see ``blocks.demo``);
``--model cnn`` a convolutional network on the digits as images."""
from __future__ import annotations

from .common import positive_float, positive_int


def add_parser(commands) -> None:
    from ..datasets import NAMES

    p = commands.add_parser(
        "demo", help="train a deep network on an embedded data set (the 8x8 digits by default) and draw it",
        description="Train a deep network with mini-batch Adam on an embedded data set, print the cost and the "
                    "train and test accuracy, and write the cost curve (and, for 2-D data, the decision boundary) "
                    "as PNG files. Budgets not given take the data set's defaults.",
    )
    p.add_argument("--dataset", choices=["digits", *(n for n in NAMES if n != "digits")], default="digits",
                   help="digits: 1,797 8x8 handwritten digits, 10 classes; the others are 2-D points generated "
                        "from the seed (default: %(default)s)")
    p.add_argument("--model", choices=["dense", "cnn"], default="dense",
                   help="dense: fully connected layers on the pixels as columns (64, m); cnn: a small convolutional "
                        "network on the digits as images (1, 8, 8, m) (default: %(default)s)")
    p.add_argument("--epochs", type=positive_int, help="passes over the training data (default: the data set's)")
    p.add_argument("--lr", type=positive_float, help="Adam's learning rate (default: the data set's)")
    p.add_argument("--batch-size", type=positive_int, help="samples per mini-batch (default: the data set's)")
    p.add_argument("--seed", type=int, default=0,
                   help="seed of the data, the split, the weights and the shuffling (default: %(default)s)")
    p.add_argument("--out-dir", default="npblocks-demo",
                   help="the folder the PNG files are written to, made if needed (default: %(default)s)")
    p.add_argument("--no-plots", action="store_true", help="write no pictures")
    p.add_argument("--quiet", action="store_true", help="no model table and no progress, only the results")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..demo import run as demo

    say = print
    if args.quiet:
        def say(line):
            if isinstance(line, str) and line.startswith(("cost", "wrote", "no pictures")):
                print(line)
    demo(args.dataset, model=args.model, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, seed=args.seed,
         out_dir=args.out_dir, plots=not args.no_plots, verbose=0 if args.quiet else 1, out=say)
    return 0
