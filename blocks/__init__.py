"""npblocks' blocks: layers, activations and the Sequential that chains them (samples are columns)."""
from . import onnx  # blocks.onnx.export after a plain `import blocks`, as API.md writes it (onnx loads when it runs)
from .activation import Activation
from .activations import ELU, GELU, Identity, LeakyReLU, ReLU, Sigmoid, SiLU, Softmax, Softplus, Swish, Tanh
from .batchnorm import BatchNorm
from .block import Block
from .conv import Conv2D
from .dropout import Dropout
from .embedding import Embedding
from .flatten import Flatten
from .gru import GRU
from .layer import Layer
from .layernorm import LayerNorm
from .lstm import LSTM
from .parameter import Parameter
from .pooling import AvgPool2D, MaxPool2D
from .residual import Residual
from .rnn import RNN
from .sequential import Sequential
from .standardize import Standardize
from .time_distributed import TimeDistributed

__all__ = [
    "onnx",
    "Activation", "BatchNorm", "Block", "Dropout", "Embedding", "GRU", "Layer", "LayerNorm", "LSTM", "Parameter",
    "Residual", "RNN", "Sequential", "Standardize", "TimeDistributed", "Conv2D", "MaxPool2D", "AvgPool2D", "Flatten",
    "ELU", "GELU", "Identity", "LeakyReLU", "ReLU", "SiLU", "Sigmoid", "Softmax", "Softplus", "Swish", "Tanh",
]
