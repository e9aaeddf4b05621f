"""npblocks' losses: the cost J and the per-sample gradient dA^[L] a Sequential's backward starts from."""
from .cross_entropy import BinaryCrossEntropy, CategoricalCrossEntropy
from .huber import Huber
from .loss import Loss
from .mae import MeanAbsoluteError
from .mse import MeanSquaredError
from .sparse_cross_entropy import SparseCategoricalCrossEntropy

__all__ = [
    "Loss", "BinaryCrossEntropy", "CategoricalCrossEntropy", "MeanSquaredError", "MeanAbsoluteError", "Huber",
    "SparseCategoricalCrossEntropy",
]
