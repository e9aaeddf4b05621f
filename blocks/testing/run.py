"""Run a check on cases drawn by Hypothesis: a seeded search of its own, or cases of the running test.

Outside a Hypothesis test, ``run`` is a small @given property of its own: reproducible (a fixed seed,
no example database, nothing written to disk), shrinking a failure to a minimal case whose
AssertionError is the one raised. Inside a running @given test it does not nest a second @given
(Hypothesis forbids it: quadratic generation and shrinking); it draws its case from that test, so the
outer test's shrinking and its "Falsifying example" cover the check's inputs too. In an explicit
@example of the outer test there is nothing to draw from, so the check's pinned cases are used.
"""
from __future__ import annotations

from . import _hypothesis as hy


def run(check, cases, *, name: str, pinned=(), max_examples: int = 50, seed=0) -> None:
    """``check(case)`` for cases drawn from the strategy ``cases`` (and each case of ``pinned`` first)."""
    if hy.currently_in_test_context():
        _run_inside(check, cases, name, pinned)
        return

    def property_(case):
        check(case)

    property_.__name__ = property_.__qualname__ = name
    test = hy.given(cases)(property_)
    for case in reversed(pinned):
        test = hy.example(case)(test)
    test = hy.settings(
        max_examples=max_examples, deadline=None, database=None, derandomize=False, print_blob=False,
        report_multiple_bugs=False, suppress_health_check=list(hy.HealthCheck),
        phases=(hy.Phase.explicit, hy.Phase.generate, hy.Phase.shrink),
    )(test)
    if seed is not None:
        test = hy.fixed_seed(seed)(test)
    test()


def _run_inside(check, cases, name, pinned):
    data = hy.current_build_context().data
    if getattr(data, "max_choices", getattr(data, "max_length", None)) == 0:  # an explicit @example: empty data
        if not pinned:
            raise RuntimeError(f"{name} has no pinned case to check inside an explicit @example of a Hypothesis "
                               "test; call it from the @given examples (or outside the test)")
        for case in pinned:
            check(case)
        return
    check(data.draw(hy.st.data()).draw(cases, label=name))
