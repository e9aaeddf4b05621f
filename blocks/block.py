"""The Block protocol: forward, backward, parameters, children. Everything else is derived here."""
from __future__ import annotations

import inspect

from .parameter import Parameter
from .shapes import format_shape, rows_shape


class Block:
    """A step of a network: ``A = block.forward(A_prev)`` and ``dA_prev = block.backward(dA)``.

    The whole protocol a block follows:

    - ``forward(A_prev) -> A`` caches what ``backward`` needs;
    - ``backward(dA, *, need_dA_prev=True) -> dA_prev`` overwrites the gradients of the block's parameters
      (never accumulates) and returns the gradient with respect to its input, or None when
      ``need_dA_prev=False`` (the first block of a network: nobody needs ``dA^[0]``);
    - ``parameters()``: its own trainable arrays (named in ``parameter_names``, each with its gradient
      ``"d" + name``), then those of its children;
    - ``children()``: the blocks it holds, in order (none by default).

    A container (a block that holds blocks) writes ``forward``, ``backward`` and ``children()``; from
    ``children()`` it gets ``parameters()``, ``train()``/``eval()``, the duplicate check, the nested rows of
    the summary table, the names of the gradient check and save/load. When it calls a child's ``backward``
    it passes ``need_dA_prev`` explicitly: True exactly when it needs that child's ``dA_prev``.

    Shapes:
        A_prev, dA_prev: (n_in, m)      A, dA: (n_out, m)      (images and sequences: see ``output_shape``)
    """

    training = True
    #: Rows the block expects in ``A_prev`` and gives in ``A``; None means "the same as its input".
    n_in: int | None = None
    n_out: int | None = None
    #: Names of the block's own trainable arrays (``"W"``, ``"b"``); the gradient of each is ``"d" + name``.
    parameter_names: tuple[str, ...] = ()
    #: Names of arrays that are state but not parameters (BatchNorm's running statistics): saved and
    #: loaded with the model, never updated by an optimizer.
    buffers: tuple[str, ...] = ()

    def forward(self, A_prev):
        raise NotImplementedError(f"{type(self).__name__} must implement forward(A_prev) -> A")

    def backward(self, dA, *, need_dA_prev=True):
        raise NotImplementedError(
            f"{type(self).__name__} must implement backward(dA, *, need_dA_prev=True) -> dA_prev"
        )

    def children(self) -> list:
        """The blocks this block holds, in order; none for a block that holds none."""
        return []

    def parameters(self) -> list:
        """The block's own Parameters, then its children's, in order, for an optimizer."""
        own = [Parameter(self, name) for name in self.parameter_names]
        return own + [p for child in self.children() for p in child.parameters()]

    def train(self, mode: bool = True):
        """Switch this block and every block inside it to training mode (``mode=False``: eval mode); returns self."""
        self.training = bool(mode)
        for child in self.children():
            child.train(mode)
        return self

    def eval(self):
        """Switch to evaluation mode (Dropout off, BatchNorm on running statistics), nested blocks too; returns self."""
        return self.train(False)

    def named_blocks(self, prefix: str = ""):
        """``(name, block)`` for every block inside this one, depth first: ``"1"``, then ``"1.0"`` for block 0 of
        block 1, and so on (this block itself is not listed)."""
        for i, child in enumerate(self.children()):
            name = f"{prefix}{i}"
            yield name, child
            yield from child.named_blocks(f"{name}.")

    def check_distinct(self) -> None:
        """A ValueError when one block object stands at two places inside this one.

        A block caches its input for backward, so each place in a network needs its own object.
        """
        seen = {}
        for name, block in self.named_blocks():
            if id(block) in seen:
                raise ValueError(
                    f"block {name} of the {type(self).__name__} is the same object as block {seen[id(block)]}, "
                    f"{block!r}: a block caches its input for backward, so each place needs its own; build another one"
                )
            seen[id(block)] = name

    @property
    def input_shape(self):
        """The shape of the ``A_prev`` this block takes, with ``"m"`` for the samples; None when any shape will do."""
        return None if self.n_in is None else (self.n_in, "m")

    def output_shape(self, shape):
        """The shape of A given the shape of A_prev (None: unknown), or a ValueError saying what was expected.

        A shape is a tuple of sizes with the string ``"m"`` standing for the samples and None for a size
        not known before data flows: ``(n^[l], "m")`` for columns, ``(n_C, n_H, n_W, "m")`` for images,
        ``(n_x, "m", None)`` for sequences. The default suits a block of ``n_in`` rows to ``n_out`` rows
        (a Layer), or, with ``n_in`` None, one that keeps its input's shape (Dropout); a container that
        does not override it gives an unknown shape (None), checked when data flows.
        """
        if self.n_in is None:
            return None if self.children() else shape
        if shape is not None:
            rows_shape(self, shape, self.n_in)
        return (self.n_out, "m")

    def num_parameters(self) -> int:
        return sum(p.value.size for p in self.parameters())

    def summary_rows(self, shape, name: str = "", depth: int = 0) -> list:
        """Rows ``(name, description, output shape, parameters)`` of the summary table: one for this block, then
        its children's, indented under it. A container whose children chain one after another
        (Sequential) or all take its input (Residual) says so by overriding ``child_shapes``."""
        children = self.children()
        label = self.summary_label() if children else repr(self)
        rows = [(name, "  " * depth + label, format_shape(self.output_shape(shape)), f"{self.num_parameters():,}")]
        shapes = self.child_shapes(shape) or [None] * len(children)
        for i, (child, child_shape) in enumerate(zip(children, shapes, strict=True)):
            rows += child.summary_rows(child_shape, f"{name}.{i}" if name else str(i), depth + 1)
        return rows

    def summary_label(self) -> str:
        """A container's one-line description in the summary table (its children get rows of their own)."""
        return type(self).__name__

    def child_shapes(self, shape) -> list | None:
        """The input shape of each child given this block's input shape, where the container knows them."""
        return None

    def get_config(self) -> dict:
        """The constructor's arguments as plain data (used by repr and by save/load).

        The default reads each ``__init__`` argument back from the attribute of the same name; a block
        whose constructor takes something that is not plain data (an ``rng``, say) overrides it.
        """
        return config_from_init(self)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def check_block(block, where: str) -> None:
    """A TypeError unless ``block`` is a Block whose ``backward`` takes the keyword ``need_dA_prev``.

    ``where`` names its place ("block 2 of the Sequential"). Checked when a container is built, so that a
    block written for the old protocol, ``backward(self, dA)``, is named before any data flows.
    """
    if not isinstance(block, Block):
        raise TypeError(f"{where} must be a Block (Layer, Dropout, ...); it is a {type(block).__name__}: {block!r}")
    try:
        parameters = inspect.signature(block.backward).parameters
    except (TypeError, ValueError):
        return
    takes = "need_dA_prev" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    if not takes:
        raise TypeError(
            f"{where}, {block!r}, has a backward without the keyword need_dA_prev: write "
            f"def backward(self, dA, *, need_dA_prev=True) and return None when it is False"
        )


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


__all__ = ["Block", "check_block", "config_from_init", "format_shape"]
