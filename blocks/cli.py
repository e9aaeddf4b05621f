"""The ``npblocks`` command (also ``python -m blocks``)."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="npblocks", description="Deep networks in pure NumPy, samples as columns.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="train a deep network on the course's planar flower and print its accuracy")
    demo.add_argument("--iterations", type=int, default=3000, help="gradient steps (default: %(default)s)")
    demo.add_argument("--lr", type=float, default=0.01, help="Adam's learning rate (default: %(default)s)")
    demo.add_argument("--seed", type=int, default=1, help="seed of the data and the weights (default: %(default)s)")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from .demo import run

        if args.iterations < 1:
            print("npblocks demo: --iterations must be a positive int", file=sys.stderr)
            return 2
        run(iterations=args.iterations, lr=args.lr, seed=args.seed, every=max(1, args.iterations // 10))
    return 0


if __name__ == "__main__":
    sys.exit(main())
