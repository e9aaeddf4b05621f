"""Property-based gradient checks for the pieces you add to npblocks (and the built-in ones).

    from blocks.testing import check_activation, check_loss, check_gradients
    check_activation(Softsign())                  # Hypothesis draws shapes and values
    check_loss(MyLoss())                          # backward(AL, Y) == m dJ/dAL
    check_gradients(model, X, Y, loss)            # every dW, db and dA0 of a whole model

Each raises AssertionError with the worst relative error and where it is when a derivative is wrong,
and passes silently (check_gradients returns a report) when it is right. ``blocks.testing.strategies``
holds the Hypothesis strategies (sizes, matrices, labels, activations, layers, networks) for your own
properties. check_activation, check_loss and the strategies need Hypothesis: pip install "npblocks[testing]";
check_gradients, LinearLoss and numerical_gradient need only NumPy.
"""
from importlib import import_module

from .differences import numerical_gradient
from .linear_loss import LinearLoss
from .model_check import check_gradients
from .report import GradientReport

_NEED_HYPOTHESIS = {
    "check_activation": ".activation_check",
    "check_loss": ".loss_check",
    "strategies": ".strategies",
}

__all__ = ["check_activation", "check_loss", "check_gradients", "strategies", "GradientReport", "LinearLoss",
           "numerical_gradient"]


def __getattr__(name):
    """Import the parts that need Hypothesis only when asked for, with a clear message if it is missing."""
    if name not in _NEED_HYPOTHESIS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(_NEED_HYPOTHESIS[name], __name__)
    return module if name == "strategies" else getattr(module, name)


def __dir__():
    return sorted(set(globals()) | set(__all__))
