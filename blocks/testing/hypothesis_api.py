"""Hypothesis, imported in one place (its public API only): if it is missing, an ImportError saying how
to install it."""
try:
    from hypothesis import HealthCheck, Phase, example, given, settings
    from hypothesis import seed as fixed_seed
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp
except ImportError as exc:
    raise ImportError(
        'check_activation, check_loss and blocks.testing.strategies need Hypothesis: pip install "npblocks[testing]"'
    ) from exc

__all__ = ["HealthCheck", "Phase", "example", "fixed_seed", "given", "hnp", "settings", "st"]
