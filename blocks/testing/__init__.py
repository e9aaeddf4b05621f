"""Gradient checks for the pieces you add to npblocks (and the built-in ones).

    from blocks.testing import check_gradients
    check_gradients(model, X, Y, loss)            # every dW, db and dA0 of a whole model

Raises AssertionError with the worst relative error and where it is when a derivative is wrong, and
returns a report when every gradient is right.
"""
from .differences import numerical_gradient
from .linear_loss import LinearLoss
from .model_check import check_gradients
from .report import GradientReport

__all__ = ["check_gradients", "GradientReport", "LinearLoss", "numerical_gradient"]
