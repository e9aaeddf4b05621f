"""Hypothesis, imported in one place: if it is missing, an ImportError that says how to install it."""
try:
    from hypothesis import HealthCheck, Phase, example, given, settings
    from hypothesis import seed as fixed_seed
    from hypothesis import strategies as st
    from hypothesis.control import current_build_context, currently_in_test_context
    from hypothesis.extra import numpy as hnp
except ImportError as exc:
    raise ImportError(
        'check_activation, check_loss and blocks.testing.strategies need Hypothesis: pip install "npblocks[testing]"'
    ) from exc

__all__ = ["HealthCheck", "Phase", "current_build_context", "currently_in_test_context", "example", "fixed_seed",
           "given", "hnp", "settings", "st"]
