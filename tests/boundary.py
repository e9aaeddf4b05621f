"""What the error tests and the fuzz test call a deliberate error of npblocks, and how they call the API.

An error is deliberate when it is a TypeError, ValueError or RuntimeError (the documented kinds) and the
innermost frame of its traceback is a ``raise`` statement in the source of ``blocks``, ``losses`` or
``optim``. The raise statement is what tells our own message from a NumPy or Python error that merely
passes through our code: a C function such as ``np.asarray`` or ``@`` adds no frame of its own, so its
ValueError would otherwise look as if it came from the line of ours that called it.
"""
from __future__ import annotations

import ast
import functools
import os
import warnings

import blocks
import losses
import optim

DOCUMENTED = (TypeError, ValueError, RuntimeError)
PACKAGES = tuple(os.path.dirname(os.path.abspath(package.__file__)) + os.sep for package in (blocks, losses, optim))


def innermost(exc: BaseException):
    """(file name, line number) of the frame where ``exc`` was raised."""
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return os.path.abspath(tb.tb_frame.f_code.co_filename), tb.tb_lineno


@functools.cache
def _statements(filename: str) -> list:
    with open(filename, encoding="utf-8") as file:
        tree = ast.parse(file.read(), filename)
    return [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]


def raise_statement_at(filename: str, lineno: int) -> bool:
    """True when the innermost statement that spans ``lineno`` of ``filename`` is a ``raise``."""
    spanning = [s for s in _statements(filename) if s.lineno <= lineno <= (s.end_lineno or s.lineno)]
    if not spanning:
        return False
    innermost_statement = min(spanning, key=lambda s: (s.end_lineno or s.lineno) - s.lineno)
    return isinstance(innermost_statement, ast.Raise)


def assert_deliberate(exc: BaseException, also=()) -> None:
    """Fail unless ``exc`` is a documented error raised by a raise statement of npblocks itself.

    ``also``: further exception types accepted as they are (the OSErrors of the file system for paths).
    """
    if also and isinstance(exc, also):
        return
    filename, lineno = innermost(exc)
    where = f"{filename}:{lineno}"
    assert isinstance(exc, DOCUMENTED), f"{type(exc).__name__} is not a documented error ({where}): {exc}"
    assert filename.startswith(PACKAGES), f"{type(exc).__name__} escaped from outside npblocks ({where}): {exc}"
    assert raise_statement_at(filename, lineno), f"{type(exc).__name__} was not raised deliberately ({where}): {exc}"


def attempt(call, *, strict: bool = True, also=()):
    """``(result, None)`` if ``call()`` returns, ``(None, exc)`` if it raises a deliberate error (else fail).

    ``strict``: every warning is an error (finite, moderate input). Otherwise NumPy's overflow, invalid
    value and division warnings are let through: they are its documented answer to NaN, inf and 1e300.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if not strict:
            warnings.filterwarnings("ignore", "(overflow|invalid value|divide by zero)", RuntimeWarning)
        try:
            return call(), None
        except Exception as exc:  # any exception is judged by assert_deliberate
            assert_deliberate(exc, also)
            return None, exc
