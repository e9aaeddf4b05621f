"""The base of everything a Sequential holds."""
from __future__ import annotations

import inspect


class Block:
    """A step of a network: ``A = block.forward(A_prev)`` and ``dA_prev = block.backward(dA)``.

    ``forward`` caches what ``backward`` needs; ``backward`` overwrites the gradients of the block's
    parameters (never accumulates) and returns the gradient with respect to its input. A block without
    parameters (Dropout, say) keeps the default ``parameters() -> []``.

    Shapes:
        A_prev, dA_prev: (n_in, m)      A, dA: (n_out, m)
    """

    training = True
    #: Rows the block expects in ``A_prev`` and gives in ``A``; None means "the same as its input".
    n_in: int | None = None
    n_out: int | None = None
    #: Names of arrays that are state but not parameters (BatchNorm's running statistics): saved and
    #: loaded with the model, never updated by an optimizer.
    buffers: tuple[str, ...] = ()

    def forward(self, A_prev):
        raise NotImplementedError(f"{type(self).__name__} must implement forward(A_prev) -> A")

    def backward(self, dA):
        raise NotImplementedError(f"{type(self).__name__} must implement backward(dA) -> dA_prev")

    def parameters(self) -> list:
        """The block's Parameters, in order, for an optimizer."""
        return []

    def train(self, mode: bool = True):
        """Switch to training mode (or eval mode with ``mode=False``); returns self."""
        self.training = bool(mode)
        return self

    def eval(self):
        """Switch to evaluation mode (Dropout off, BatchNorm on running statistics); returns self."""
        return self.train(False)

    def output_size(self, n_in: int | None) -> int | None:
        """n^[l] given n^[l-1] (None when unknown); a ValueError when the block cannot take n_in rows."""
        if self.n_in is not None and n_in is not None and n_in != self.n_in:
            raise ValueError(f"{self!r} expects n^[l-1] = {self.n_in} rows, but the block before it gives {n_in}")
        return self.n_out if self.n_out is not None else n_in

    def num_parameters(self) -> int:
        return sum(p.value.size for p in self.parameters())

    def get_config(self) -> dict:
        """The constructor's arguments as plain data (used by repr and by save/load).

        The default reads each ``__init__`` argument back from the attribute of the same name; a block
        whose constructor takes something that is not plain data (an ``rng``, say) overrides it.
        """
        return config_from_init(self)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def config_from_init(obj) -> dict:
    """Read each argument of ``type(obj).__init__`` back from the attribute of the same name.

    This is how a user's subclass gets a config (for repr and save/load) without writing one: keep each
    constructor argument as an attribute of the same name.
    """
    config = {}
    for name, param in inspect.signature(type(obj).__init__).parameters.items():
        if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if not hasattr(obj, name):
            raise TypeError(
                f"{type(obj).__name__} takes the argument {name!r} but keeps no attribute of that name; "
                f"store it as self.{name} or override get_config()"
            )
        config[name] = getattr(obj, name)
    return config
