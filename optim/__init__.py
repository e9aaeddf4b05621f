"""npblocks' optimizers: in-place updates of every parameter from its gradient."""
from .adam import Adam
from .momentum import Momentum
from .optimizer import Optimizer
from .rmsprop import RMSProp
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Momentum", "RMSProp", "Adam"]
