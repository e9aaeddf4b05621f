"""Run a check on cases drawn by Hypothesis: a seeded search of its own, or one case of the caller's test.

``run`` is a small @given property of its own: reproducible (a fixed seed, no example database, nothing
written to disk), its pinned cases first, shrinking a failure to a minimal case whose AssertionError is
the one raised. Inside your own @given test pass ``data`` (the object ``st.data()`` gives the test): the
check then draws its one case from your test (``data.draw``), so your test's search and shrinking cover
the check's inputs too, and no @given is nested inside another (Hypothesis refuses that, with a health
check naming ``st.data()`` as the fix). Only Hypothesis's public API is used.
"""
from __future__ import annotations

from . import hypothesis_api as hy


def run(check, cases, *, name: str, pinned=(), max_examples: int = 50, seed=0, data=None) -> None:
    """``check(case)`` for cases drawn from the strategy ``cases`` (and each case of ``pinned`` first), or
    for one case drawn from ``data`` when the caller's own @given test passes its ``st.data()``."""
    if data is not None:
        if not callable(getattr(data, "draw", None)):
            raise TypeError(f"{name}: data must be the object st.data() gives your @given test, "
                            f"e.g. @given(data=st.data()). Received: {data!r}")
        check(data.draw(cases, label=name))
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
