"""A chain of blocks: the seed's forward pass from A^[0] = X to A^[L], and backward from dA^[L]."""
from __future__ import annotations

import numbers

import numpy as np

from .activation import Activation
from .block import Block, check_block
from .saving import load, save
from .shapes import format_shape
from .training import evaluate, fit
from .windows import samples_first_hint


class Sequential(Block):
    """Blocks in order: A^[l] = block_l.forward(A^[l-1]); backward runs them in reverse.

    ``Sequential(b1, b2, ...)`` or ``Sequential([b1, b2, ...])``. Consecutive blocks must chain:
    the rows one gives are the rows the next expects (the channels, for images).

    ``input_shape``: the shape of one sample of X, without m, as Keras's ``input_shape``: ``(1, 28, 28)`` for
    28x28 images of one channel. Optional: without it a Conv2D does not know n_H and n_W before data flows,
    so the summary shows ``(6, ?, ?, m)`` and a kernel larger than the image is found at the first forward.
    With it the summary shows ``(6, 28, 28, m)``, every shape is checked when the model is built, and X is
    checked against it at each forward.

    Shapes:
        X = A^[0], dA0: (n^[0], m) or images (n_C, n_H, n_W, m)      AL, dAL: (n^[L], m)
    """

    def __init__(self, *blocks, input_shape=None):
        if len(blocks) == 1 and isinstance(blocks[0], (list, tuple)):
            blocks = tuple(blocks[0])
        if not blocks:
            raise ValueError("Sequential needs at least one block, e.g. Sequential(Layer(2, 1, activation=Sigmoid()))")
        for i, block in enumerate(blocks):
            _check_block(i, block)
        self.blocks = list(blocks)
        self.sample_shape = _sample_shape(input_shape)
        self._check_chain()

    def children(self):
        return list(self.blocks)

    def _check_chain(self):
        """Refuse a block at two places and blocks that do not chain; set n_in = n^[0] and n_out = n^[L]."""
        self.check_distinct()
        out = self._chain(self.input_shape)[-1]
        shape = self.input_shape  # n^[0]: the rows of X (n_C for images), if X has rows (an Embedding's ids (m, T_x)
        # have none)
        self.n_in = shape[0] if shape is not None and isinstance(shape[0], int) else None
        self.n_out = out[0] if out is not None and len(out) == 2 else None

    @property
    def input_shape(self):
        """The shape of X: ``(*input_shape, "m")`` when given, else that of the first block which names one
        (None when none does)."""
        if self.sample_shape is not None:
            return (*self.sample_shape, "m")
        return next((b.input_shape for b in self.blocks if b.input_shape is not None), None)

    def _chain(self, shape):
        """The shape of each block's output from the shape of X, or a ValueError naming the two blocks
        that do not chain and the shapes one gives and the other expects."""
        shapes = []
        for i, block in enumerate(self.blocks):
            try:
                shape = block.output_shape(shape)
            except ValueError as exc:
                if i == 0:
                    raise ValueError(f"block 0 of the Sequential, {block!r}, cannot take an input of shape "
                                     f"{format_shape(shape)}: {exc}") from exc
                raise ValueError(
                    f"blocks {i - 1} and {i} of the Sequential do not chain: block {i - 1}, {self.blocks[i - 1]!r}, "
                    f"gives {format_shape(shape)}, but block {i}: {exc}"
                ) from exc
            shapes.append(shape)
        return shapes

    def output_shape(self, shape):
        return self._chain(shape if shape is not None else self.input_shape)[-1]

    def child_shapes(self, shape):
        shape = shape if shape is not None else self.input_shape
        return [shape, *self._chain(shape)[:-1]]

    def forward(self, X):
        """AL = A^[L], each block caching what its backward needs."""
        if self.sample_shape is not None and np.shape(X)[:-1] != self.sample_shape:
            _wrong_input(self, X)
        A = X
        for i, block in enumerate(self.blocks):
            try:
                A = block.forward(A)
            except (TypeError, ValueError) as exc:
                _prefix(exc, i)
                raise
        return A

    def backward(self, dAL, *, need_dA_prev=False):
        """Fills every block's gradients from dA^[L], from the last block to the first.

        Like the seed's backward pass it stops at layer 1: block 0 computes its dW and db but no dA^[0],
        and None is returned. ``need_dA_prev=True`` returns dA^[0] too (a gradient check, or a Sequential
        nested in a block that needs it). Every other block is asked for its dA_prev, which the block
        before it needs.
        """
        dA = dAL
        for i in range(len(self.blocks) - 1, -1, -1):
            try:
                dA = self.blocks[i].backward(dA, need_dA_prev=need_dA_prev or i > 0)
            except (ValueError, RuntimeError) as exc:
                _prefix(exc, i)
                raise
        return dA if need_dA_prev else None

    def predict(self, X):
        """AL in eval mode (Dropout off, BatchNorm on running statistics); the mode is restored after."""
        blocks = [self, *(block for _, block in self.named_blocks())]
        modes = [block.training for block in blocks]
        self.eval()
        try:
            return self.forward(X)
        finally:
            for block, mode in zip(blocks, modes, strict=True):
                block.training = mode

    def fit(self, X, Y, **options):
        """Train on mini-batches of the columns of X and Y; returns a History (``history["loss"]``).

        ``model.fit(X, Y, loss=..., optimizer=..., epochs=1, batch_size=64, shuffle=True, rng=None,
        validation_data=None, callbacks=None, verbose=1, metrics=None)``: see ``blocks.training.fit``.
        """
        return fit(self, X, Y, **options)

    def evaluate(self, X, Y, loss=None, metrics=None) -> dict:
        """``{"loss": J, "accuracy": ...}`` on X, Y in eval mode: see ``blocks.training.evaluate``."""
        return evaluate(self, X, Y, loss, metrics)

    def __len__(self):
        return len(self.blocks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            keep = index.start in (None, 0) and self.sample_shape is not None
            return Sequential(self.blocks[index], input_shape=self.sample_shape if keep else None)
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise TypeError(f"a Sequential is indexed by int or slice, model[i] for block i. Received: {index!r}")
        if not -len(self.blocks) <= index < len(self.blocks):
            raise IndexError(f"block index {index} is out of range: this Sequential has {len(self.blocks)} blocks, "
                             f"0 to {len(self.blocks) - 1}")
        return self.blocks[index]

    def __iter__(self):
        return iter(self.blocks)

    def get_config(self):
        if self.sample_shape is None:
            return {"blocks": list(self.blocks)}
        return {"blocks": list(self.blocks), "input_shape": self.sample_shape}

    def save(self, path, *, optimizer=None, metadata=None) -> None:
        """Write the model to one ``.npz`` file at exactly ``path``: the architecture as JSON, the arrays as
        arrays, never pickle; atomically (a failed save leaves an existing file untouched). With
        ``optimizer``, also its state: a checkpoint for ``blocks.saving.load_checkpoint``. ``metadata``:
        a dict of JSON data kept beside the model (``blocks.saving.load_metadata``)."""
        save(self, path, optimizer=optimizer, metadata=metadata)

    @classmethod
    def load(cls, path, *, custom_objects=None):
        """The model saved at ``path``, rebuilt: the same blocks, hyperparameters and arrays, so the same
        predictions to the last bit. ``custom_objects={"Name": cls}`` for classes not found where saved."""
        model = load(path, custom_objects=custom_objects)
        if not isinstance(model, cls):
            raise ValueError(f"cannot load {path} as a {cls.__name__}: it holds a {type(model).__name__}; "
                             "use blocks.saving.load(path)")
        return model

    def __repr__(self):
        inner = ",\n".join(f"    {block!r}" for block in self.blocks)
        shape = "" if self.sample_shape is None else f",\n    input_shape={self.sample_shape!r}"
        return f"Sequential(\n{inner}{shape}\n)"

    def __str__(self):
        return self.summary_table()

    def summary_table(self) -> str:
        """The blocks (nested ones indented under their container), their output shapes and parameter counts."""
        rows = [row for i, (block, shape) in enumerate(zip(self.blocks, self.child_shapes(None), strict=True))
                for row in block.summary_rows(shape, str(i))]
        head = ("#", "block", "output", "parameters")
        widths = [max(len(r[k]) for r in [head, *rows]) for k in range(4)]
        line = "  ".join("-" * w for w in widths)
        fmt = lambda r: f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:>{widths[3]}}"  # noqa: E731
        total = f"Total parameters: {self.num_parameters():,}   input: {format_shape(self.input_shape)}"
        return "\n".join(["Sequential", line, fmt(head), line, *map(fmt, rows), line, total])

    def summary(self) -> None:
        """Print the summary table (also what ``print(model)`` shows)."""
        print(self.summary_table())

    def add(self, block) -> Sequential:
        """Append ``block`` after the last one, as Keras's ``model.add``; returns the model.

        It must chain onto the last block and not already stand in the model, as in the constructor; on a
        mistake the model is left as it was. An optimizer built before the call does not update the new
        block's parameters: build it after the last ``add``.
        """
        _check_block(len(self.blocks), block)
        previous, self.blocks = self.blocks, [*self.blocks, block]
        try:
            self._check_chain()
        except ValueError:
            self.blocks = previous
            raise
        return self


def _check_block(i, block):
    if isinstance(block, Activation):
        raise TypeError(
            f"block {i} of the Sequential is the activation {block!r}, not a Block: give it to a layer, "
            f"Layer(n_in, n_out, activation={block!r})"
        )
    check_block(block, f"block {i} of the Sequential")


def _sample_shape(input_shape):
    """The checked ``input_shape``: a tuple of positive ints, the shape of one sample (no m)."""
    if input_shape is None:
        return None
    items = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else None
    if not items or any(isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1 for n in items):
        raise ValueError(f"input_shape must be the shape of one sample without m, a tuple of positive ints such as "
                         f"(1, 28, 28) for images (n_C, n_H, n_W) or (784,) for columns. Received: "
                         f"input_shape={input_shape!r}")
    return tuple(int(n) for n in items)


def _wrong_input(model, X):
    shape = np.shape(X)
    expected = format_shape(model.input_shape)
    raise ValueError(f"the Sequential was built with input_shape={model.sample_shape}, so X must have shape "
                     f"{expected}; got X of shape {shape}{samples_first_hint('X', shape)}")


def _prefix(exc, i):
    """Name the block's index in the message, keeping the exception's type and traceback."""
    if exc.args and isinstance(exc.args[0], str) and not exc.args[0].startswith("block "):
        message = exc.args[0]
        if i == 0 and "A_prev" in message and "backward" not in message:
            message += " (the A_prev of block 0 is the X given to the model)"
        exc.args = (f"block {i} of the Sequential: {message}", *exc.args[1:])
