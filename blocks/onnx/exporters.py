"""Which function exports a block or an activation: its own ``export_onnx`` hook, or npblocks' for a built-in."""
from __future__ import annotations

import functools
import types

from .. import activations as g
from ..activation import Activation
from ..batchnorm import BatchNorm
from ..conv import Conv2D
from ..dropout import Dropout
from ..flatten import Flatten
from ..layer import Layer
from ..layernorm import LayerNorm
from ..pooling import AvgPool2D, MaxPool2D
from ..residual import Residual
from ..sequential import Sequential
from ..standardize import Standardize
from . import activation_exporters as act
from . import block_exporters as blk
from . import image_exporters as img

#: npblocks' exporter of each built-in class, ``f(block, graph, X) -> A`` like a hook method. Read-only.
BUILT_IN = types.MappingProxyType({
    Sequential: blk.sequential, Layer: blk.layer, Dropout: blk.dropout, Residual: blk.residual,
    BatchNorm: blk.batchnorm, Standardize: blk.standardize, LayerNorm: blk.layernorm,
    Conv2D: img.conv2d, MaxPool2D: img.maxpool2d, AvgPool2D: img.avgpool2d, Flatten: img.flatten,
    g.Identity: act.identity, g.Sigmoid: act.sigmoid, g.Tanh: act.tanh, g.ReLU: act.relu,
    g.LeakyReLU: act.leaky_relu, g.ELU: act.elu, g.GELU: act.gelu, g.SiLU: act.silu,
    g.Softplus: act.softplus, g.Softmax: act.softmax,
})

HOOK = "export_onnx"


def exporter_for(obj, where: str):
    """``f(graph, X) -> A`` for ``obj`` (a Block or an Activation), or a TypeError naming ``where`` it stands.

    Its own ``export_onnx(graph, X)`` method comes first (a user's block, or one that overrides a built-in's
    export). A subclass of a built-in that keeps the built-in's ``forward`` is exported as the built-in."""
    hook = getattr(obj, HOOK, None)
    if callable(hook):
        return hook
    for cls in type(obj).__mro__:
        if cls in BUILT_IN:
            if type(obj).forward is not cls.forward:
                reason = (f"it overrides the forward of the built-in {cls.__name__}, so npblocks cannot know its "
                          "ONNX form")
                break
            return functools.partial(BUILT_IN[cls], obj)
    else:
        reason = f"{type(obj).__name__} is none of the built-in blocks and activations npblocks can export"
    signature = "(self, graph, Z) -> A" if isinstance(obj, Activation) else "(self, graph, X) -> A"
    raise TypeError(
        f"cannot export {where} to ONNX: {reason}. Give {type(obj).__name__} a method {HOOK}{signature} that "
        f"adds its forward pass to the graph and returns the name of its output (see help(blocks.onnx.Graph))"
    )

