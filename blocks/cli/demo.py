"""``npblocks demo``: the main job, a deep network learning an embedded data set (see ``blocks.demo``);
``--model cnn`` a convolutional network on the digits as images."""
from __future__ import annotations

from ..datasets import NAMES
from ..demo import run as demo
from ..sequence_demo import SEQUENCE_DEMOS, run_memory, run_names
from .common import positive_float, positive_int


def add_parser(commands) -> None:
    p = commands.add_parser(
        "demo", help="train a deep network on an embedded data set (the 8x8 digits by default) and draw it",
        description="Train a deep network with mini-batch Adam on an embedded data set, print the cost and the "
                    "train and test accuracy, and write the cost curve (and, for 2-D data, the decision boundary) "
                    "as PNG files. Budgets not given take the data set's defaults.",
    )
    p.add_argument("--dataset", choices=["digits", *(n for n in NAMES if n != "digits"), *SEQUENCE_DEMOS],
                   default="digits",
                   help="digits: 1,797 8x8 handwritten digits, 10 classes; names: an LSTM learns to write first "
                        "names and samples new ones; memory: an LSTM against a plain RNN on long sequences; the "
                        "others are 2-D points generated from the seed (default: %(default)s)")
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
    say = print
    if args.quiet:
        def say(line):
            if isinstance(line, str) and line.startswith(("cost", "wrote", "no pictures", "after", "T_x")):
                print(line)
    if args.dataset in SEQUENCE_DEMOS:
        return _sequences(args, say)
    demo(args.dataset, model=args.model, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, seed=args.seed,
         out_dir=args.out_dir, plots=not args.no_plots, verbose=0 if args.quiet else 1, out=say)
    return 0


def _sequences(args, say) -> int:
    """The sequence demos (``blocks.sequence_demo``): they draw no pictures; --epochs, --lr, --batch-size apply."""
    budget = {k: v for k, v in (("epochs", args.epochs), ("lr", args.lr), ("batch_size", args.batch_size))
              if v is not None}
    if args.dataset == "names":
        run_names(**budget, seed=args.seed, verbose=0 if args.quiet else 1, out=say)
    else:
        run_memory(epochs=budget.get("epochs", 30), seed=args.seed, out=say)
    return 0
