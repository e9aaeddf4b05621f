"""``npblocks export MODEL OUT.onnx``: a saved model as an ONNX file, for runtimes without npblocks."""
from __future__ import annotations

import argparse

from ..onnx.export import DEFAULT_OPSET, export
from ..saving import load, load_metadata
from .common import check_out

DESCRIPTION = """\
Write a model saved by npblocks train (or by model.save) as an ONNX file that any ONNX runtime can run. The
graph computes what npblocks predict does (eval mode), batch first as runtimes expect: its input X is
(batch, n^[0]), one sample per row (npblocks' X transposed), its output AL is (batch, n^[L]). The model's
metadata (a model from npblocks train: its feature names, label and class names) is kept as the ONNX
model's metadata_props, each value as JSON text. Needs the onnx package: pip install -e ".[onnx]"."""


def add_parser(commands) -> None:
    p = commands.add_parser("export", help="write a saved model as an ONNX file, for other runtimes",
                            description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog="example: npblocks export iris.npz iris.onnx")
    p.add_argument("model", metavar="MODEL", help="a model file written by npblocks train or model.save")
    p.add_argument("out", metavar="OUT", help="the ONNX file to write (an existing one is replaced atomically)")
    p.add_argument("--opset", type=int, default=DEFAULT_OPSET,
                   help="the ONNX opset version of the graph (default: %(default)s)")
    p.add_argument("--dtype", choices=("float32", "float64"),
                   help="the graph's element type (default: the model's); float32 rounds a float64 model's values, "
                        "for runtimes that compute in float32 only")
    p.set_defaults(run=run)


def run(args) -> int:
    check_out(args.out, "OUT")
    model = load(args.model)
    metadata = load_metadata(args.model)
    try:
        export(model, args.out, opset=args.opset, metadata=metadata, dtype=args.dtype)
    except ImportError as exc:
        raise ValueError(str(exc)) from None
    X, AL = (_shape(model.input_shape), _shape(model.output_shape(model.input_shape)))
    kept = f"; metadata kept: {', '.join(metadata)}" if metadata else ""
    dtype = f", {args.dtype}" if args.dtype else ""
    print(f"wrote {args.out} (ONNX opset {args.opset}{dtype}): input X {X}, output AL {AL}, as npblocks predict "
          f"computes them, batch first{kept}")
    return 0


def _shape(shape) -> str:
    return "(" + ", ".join("batch" if s == "m" else str(s) for s in (shape[-1], *shape[:-1])) + ")"
