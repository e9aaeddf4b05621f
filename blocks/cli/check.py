"""``npblocks check MODULE:CLASS``: the property-based gradient check of your own Activation or Loss.

Runs ``blocks.testing.check_activation`` or ``check_loss`` (Hypothesis draws shapes and values and the
derivative is compared with central finite differences) and prints the verdict: exit status 0 when it
passes, 1 with the checker's message when it fails.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

from losses import Loss

from ..activation import Activation
from .common import UsageError

EXAMPLE = """\
examples:
  npblocks check mylib.acts:Softsign       a class in an importable module (the current folder is searched)
  npblocks check my_acts.py:Softsign       a class in a file
  npblocks check my_acts.py:softsign       an instance, for a class whose constructor needs arguments"""


def add_parser(commands) -> None:
    p = commands.add_parser("check", help="check the derivative of your own Activation or Loss against finite "
                            "differences", description=__doc__.split("\n\n")[1].replace("\n", " "),
                            epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", metavar="MODULE:CLASS",
                   help="where your Activation or Loss subclass (or an instance of it) is: an importable module or "
                        "a .py file, a colon, and its name")
    p.set_defaults(run=run)


def run(args) -> int:
    name, obj = _instance(args.target, (Activation, Loss))
    try:
        from ..testing import check_activation, check_loss
    except ImportError as exc:
        raise ValueError('npblocks check needs blocks.testing and hypothesis: pip install -e ".[testing]" in a '
                         f"clone of npblocks (pip install hypothesis works too) ({exc})") from None
    checker = check_activation if isinstance(obj, Activation) else check_loss
    try:
        checker(obj)
    except Exception as exc:  # the verdict, whatever the user's code raised (AssertionError: a wrong derivative)
        why = str(exc).strip() or type(exc).__name__
        kind = "" if isinstance(exc, AssertionError) else f"{type(exc).__name__} in "
        print(f"FAIL {name}: {kind}{checker.__name__}({obj!r})\n{why}")
        return 1
    print(f"PASS {name}: {checker.__name__}({obj!r}) found its gradient equal to central finite differences")
    return 0


def _instance(target: str, bases):
    """(name, object) for MODULE:NAME; a class is built with no arguments."""
    where, _, attr = target.rpartition(":")
    if not where or not attr.isidentifier():
        raise UsageError(f"expected MODULE:CLASS, such as mylib.acts:Softsign or my_acts.py:Softsign; got {target!r}")
    module = _module(where)
    if not hasattr(module, attr):
        names = sorted(k for k, v in vars(module).items()
                       if isinstance(v, type) and issubclass(v, bases) and v not in bases)
        raise UsageError(f"{where} has no {attr!r}; the Activation and Loss classes it has: "
                         f"{', '.join(names) or 'none'}")
    obj = getattr(module, attr)
    if isinstance(obj, type):
        if not issubclass(obj, bases) or obj in bases:
            raise UsageError(f"{target} is not a subclass of blocks.Activation or losses.Loss")
        try:
            obj = obj()
        except TypeError as exc:
            raise UsageError(f"cannot build {attr}() without arguments ({exc}); put an instance in {where}, "
                             f"e.g. my_{attr.lower()} = {attr}(...), and check {where}:my_{attr.lower()}") from None
    elif not isinstance(obj, bases):
        raise UsageError(f"{target} is a {type(obj).__name__}, not an Activation or Loss (class or instance)")
    return target, obj


def _module(where: str):
    if where.endswith(".py"):
        if not os.path.isfile(where):
            raise UsageError(f"{where}: no such file")
        spec = importlib.util.spec_from_file_location(os.path.basename(where)[:-3], where)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        return _run_import(where, lambda: spec.loader.exec_module(module)) or module
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())  # as python -m does: modules of the current folder are found
    return _run_import(where, lambda: importlib.import_module(where))


def _run_import(where, load):
    try:
        return load()
    except ModuleNotFoundError as exc:
        raise UsageError(f"cannot import {where}: {exc} (run from the folder that holds it, or give its file, "
                         "such as path/to/my_acts.py:Softsign)") from None
    except Exception as exc:
        raise ValueError(f"importing {where} raised {type(exc).__name__}: {exc}") from None
