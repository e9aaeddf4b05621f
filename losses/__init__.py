"""npblocks' losses: the cost J and the per-sample gradient dA^[L] a Sequential's backward starts from."""
from .cross_entropy import BinaryCrossEntropy, CategoricalCrossEntropy
from .loss import Loss
from .mse import MeanSquaredError

__all__ = ["Loss", "BinaryCrossEntropy", "CategoricalCrossEntropy", "MeanSquaredError"]
