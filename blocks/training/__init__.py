"""Training a model: fit over mini-batches, evaluate, metrics, callbacks and the History they fill."""
from .callbacks import Callback, LambdaCallback, LearningRateScheduler
from .early_stopping import EarlyStopping
from .fit import TrainingRun, evaluate, fit
from .history import History
from .metrics import accuracy
from .progress import ProgressBar
from .terminate_on_nan import TerminateOnNaN

__all__ = [
    "fit", "evaluate", "History", "TrainingRun", "accuracy",
    "Callback", "LambdaCallback", "LearningRateScheduler", "EarlyStopping", "TerminateOnNaN", "ProgressBar",
]
