"""npblocks' blocks: layers, activations and the Sequential that chains them (samples are columns)."""
from .activation import Activation
from .activations import ELU, GELU, Identity, LeakyReLU, ReLU, Sigmoid, SiLU, Softmax, Softplus, Swish, Tanh
from .batchnorm import BatchNorm
from .block import Block
from .conv import Conv2D
from .dropout import Dropout
from .flatten import Flatten
from .layer import Layer
from .layernorm import LayerNorm
from .parameter import Parameter
from .pooling import AvgPool2D, MaxPool2D
from .residual import Residual
from .sequential import Sequential
from .standardize import Standardize

__all__ = [
    "Activation", "BatchNorm", "Block", "Dropout", "Layer", "LayerNorm", "Parameter", "Residual", "Sequential",
    "Standardize", "Conv2D", "MaxPool2D", "AvgPool2D", "Flatten",
    "ELU", "GELU", "Identity", "LeakyReLU", "ReLU", "SiLU", "Sigmoid", "Softmax", "Softplus", "Swish", "Tanh",
]
