"""Training a model: fit over mini-batches, evaluate, metrics, callbacks and the History they fill."""
from .callbacks import Callback, LambdaCallback, LearningRateScheduler
from .classification_metrics import confusion_matrix, confusion_text, f1, precision, recall
from .early_stopping import EarlyStopping
from .fit import TrainingRun, evaluate, fit
from .history import History
from .metrics import accuracy
from .progress import ProgressBar
from .regression_metrics import mean_absolute_error, r2_score, root_mean_squared_error
from .terminate_on_nan import TerminateOnNaN

__all__ = [
    "fit", "evaluate", "History", "TrainingRun", "accuracy", "precision", "recall", "f1", "confusion_matrix",
    "confusion_text", "mean_absolute_error", "root_mean_squared_error", "r2_score",
    "Callback", "LambdaCallback", "LearningRateScheduler", "EarlyStopping", "TerminateOnNaN", "ProgressBar",
]
