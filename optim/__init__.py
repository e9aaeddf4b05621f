"""npblocks' optimizers: in-place updates of every parameter from its gradient, and their schedules."""
from .adagrad import Adagrad
from .adam import Adam
from .adamw import AdamW
from .clipping import clip_grad_norm, global_norm
from .data_parallel import DataParallel
from .momentum import Momentum
from .nadam import Nadam
from .optimizer import Optimizer
from .regularization import l2_penalty, l2_weight_decay
from .rmsprop import RMSProp
from .schedules import CosineDecay, ExponentialDecay, InverseTimeDecay, Schedule, StepDecay, WarmUp
from .sgd import SGD

__all__ = [
    "Optimizer", "SGD", "Momentum", "RMSProp", "Adam", "AdamW", "Adagrad", "Nadam", "DataParallel",
    "clip_grad_norm", "global_norm", "l2_penalty", "l2_weight_decay",
    "Schedule", "InverseTimeDecay", "ExponentialDecay", "StepDecay", "CosineDecay", "WarmUp",
]
