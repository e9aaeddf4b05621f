"""A chain of blocks: the seed's forward pass from A^[0] = X to A^[L], and backward from dA^[L]."""
from __future__ import annotations

import numbers

from .block import Block
from .layer import Layer


class Sequential(Block):
    """Blocks in order: A^[l] = block_l.forward(A^[l-1]); backward runs them in reverse.

    ``Sequential(b1, b2, ...)`` or ``Sequential([b1, b2, ...])``. Consecutive blocks must chain:
    the rows one gives are the rows the next expects.

    Shapes:
        X = A^[0], dA0: (n^[0], m)      AL, dAL: (n^[L], m)
    """

    def __init__(self, *blocks):
        if len(blocks) == 1 and isinstance(blocks[0], (list, tuple)):
            blocks = tuple(blocks[0])
        if not blocks:
            raise ValueError("Sequential needs at least one block, e.g. Sequential(Layer(2, 1, activation=Sigmoid()))")
        for i, block in enumerate(blocks):
            _check_block(i, block)
        _check_distinct(blocks)
        self.blocks = list(blocks)
        self.n_in = next((b.n_in for b in self.blocks if b.n_in is not None), None)
        self.n_out = self._chain(self.n_in)

    def _chain(self, n):
        """n^[L] from n^[0], or a ValueError naming the two blocks whose sizes do not chain."""
        for i, block in enumerate(self.blocks):
            try:
                n = block.output_size(n)
            except ValueError as exc:
                raise ValueError(
                    f"blocks {i - 1} and {i} of the Sequential do not chain: block {i - 1} gives "
                    f"n^[l-1] = {n} rows but block {i}, {block!r}, expects {block.n_in}"
                ) from exc
        return n

    def forward(self, X):
        """AL = A^[L], each block caching what its backward needs."""
        A = X
        for i, block in enumerate(self.blocks):
            try:
                A = block.forward(A)
            except (TypeError, ValueError) as exc:
                _prefix(exc, i)
                raise
        return A

    def backward(self, dAL, *, need_dA0=True):
        """Fills every block's gradients from dA^[L] and returns dA^[0].

        ``need_dA0=False`` returns None instead: training needs no gradient for the data X, and when
        block 0 is a Layer this skips its product W^T dZ, which for a wide input (n^[0] = 12288, say)
        is as costly as the whole forward pass of that layer.
        """
        dA = dAL
        for i in range(len(self.blocks) - 1, -1, -1):
            block = self.blocks[i]
            try:
                if i == 0 and not need_dA0 and isinstance(block, Layer):
                    return block.backward(dA, need_dA_prev=False)
                dA = block.backward(dA)
            except (ValueError, RuntimeError) as exc:
                _prefix(exc, i)
                raise
        return dA if need_dA0 else None

    def predict(self, X):
        """AL in eval mode (Dropout off, BatchNorm on running statistics); the mode is restored after."""
        modes = [block.training for block in self.blocks]
        self.eval()
        try:
            return self.forward(X)
        finally:
            for block, mode in zip(self.blocks, modes, strict=True):
                block.train(mode)
            self.training = any(modes)

    def fit(self, X, Y, **options):
        """Train on mini-batches of the columns of X and Y; returns a History (``history["loss"]``).

        ``model.fit(X, Y, loss=..., optimizer=..., epochs=1, batch_size=64, shuffle=True, rng=None,
        validation_data=None, callbacks=None, verbose=1, metrics=None)``: see ``blocks.training.fit``.
        """
        from .training import fit

        return fit(self, X, Y, **options)

    def evaluate(self, X, Y, loss=None, metrics=None) -> dict:
        """``{"loss": J, "accuracy": ...}`` on X, Y in eval mode: see ``blocks.training.evaluate``."""
        from .training import evaluate

        return evaluate(self, X, Y, loss, metrics)

    def parameters(self):
        return [p for block in self.blocks for p in block.parameters()]

    def train(self, mode: bool = True):
        for block in self.blocks:
            block.train(mode)
        return super().train(mode)

    def output_size(self, n_in):
        return Block.output_size(self, n_in) if n_in is None else self._chain(n_in)

    def __len__(self):
        return len(self.blocks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(self.blocks[index])
        if isinstance(index, bool) or not isinstance(index, numbers.Integral):
            raise TypeError(f"a Sequential is indexed by int or slice, model[i] for block i. Received: {index!r}")
        if not -len(self.blocks) <= index < len(self.blocks):
            raise IndexError(f"block index {index} is out of range: this Sequential has {len(self.blocks)} blocks, "
                             f"0 to {len(self.blocks) - 1}")
        return self.blocks[index]

    def __iter__(self):
        return iter(self.blocks)

    def get_config(self):
        return {"blocks": list(self.blocks)}

    def save(self, path, *, optimizer=None, metadata=None) -> None:
        """Write the model to one ``.npz`` file at exactly ``path``: the architecture as JSON, the arrays as
        arrays, never pickle; atomically (a failed save leaves an existing file untouched). With
        ``optimizer``, also its state: a checkpoint for ``blocks.saving.load_checkpoint``. ``metadata``:
        a dict of JSON data kept beside the model (``blocks.saving.load_metadata``)."""
        from .saving import save

        save(self, path, optimizer=optimizer, metadata=metadata)

    @classmethod
    def load(cls, path, *, custom_objects=None):
        """The model saved at ``path``, rebuilt: the same blocks, hyperparameters and arrays, so the same
        predictions to the last bit. ``custom_objects={"Name": cls}`` for classes not found where saved."""
        from .saving import load

        model = load(path, custom_objects=custom_objects)
        if not isinstance(model, cls):
            raise ValueError(f"cannot load {path} as a {cls.__name__}: it holds a {type(model).__name__}; "
                             "use blocks.saving.load(path)")
        return model

    def __repr__(self):
        inner = ",\n".join(f"    {block!r}" for block in self.blocks)
        return f"Sequential(\n{inner}\n)"

    def __str__(self):
        return self.summary_table()

    def summary_table(self) -> str:
        """The blocks, their output shapes (n^[l], m) and parameter counts, as a text table."""
        rows, n = [], self.n_in
        for i, block in enumerate(self.blocks):
            n = block.output_size(n)
            rows.append((str(i), repr(block), f"({n}, m)", f"{block.num_parameters():,}"))
        head = ("#", "block", "output", "parameters")
        widths = [max(len(r[k]) for r in [head, *rows]) for k in range(4)]
        line = "  ".join("-" * w for w in widths)
        fmt = lambda r: f"{r[0]:>{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:>{widths[3]}}"  # noqa: E731
        total = f"Total parameters: {self.num_parameters():,}   input: ({self.n_in}, m)"
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
        blocks = [*self.blocks, block]
        _check_block(len(self.blocks), block)
        _check_distinct(blocks)
        previous, self.blocks = self.blocks, blocks
        try:
            n_in = next((b.n_in for b in blocks if b.n_in is not None), None)
            self.n_out, self.n_in = self._chain(n_in), n_in
        except ValueError:
            self.blocks = previous
            raise
        return self


def _check_block(i, block):
    if isinstance(block, Block):
        return
    from .activation import Activation

    if isinstance(block, Activation):
        raise TypeError(
            f"block {i} of the Sequential is the activation {block!r}, not a Block: give it to a layer, "
            f"Layer(n_in, n_out, activation={block!r})"
        )
    raise TypeError(
        f"every block of a Sequential must be a Block (Layer, Dropout, ...); "
        f"block {i} is a {type(block).__name__}: {block!r}"
    )


def _check_distinct(blocks):
    """A block caches its input for backward, so one object cannot stand at two places of a network."""
    seen = {}
    for where, block in _walk(blocks, ""):
        if id(block) in seen:
            raise ValueError(
                f"block {where} of the Sequential is the same object as block {seen[id(block)]}, {block!r}: a block "
                "caches its input for backward, so each place needs its own; build another one"
            )
        seen[id(block)] = where


def _walk(blocks, prefix):
    for i, block in enumerate(blocks):
        yield f"{prefix}{i}", block
        inner = getattr(block, "blocks", None)
        if isinstance(block, Sequential) and isinstance(inner, list):
            yield from _walk(inner, f"{prefix}{i}.")


def _prefix(exc, i):
    """Name the block's index in the message, keeping the exception's type and traceback."""
    if exc.args and isinstance(exc.args[0], str) and not exc.args[0].startswith("block "):
        message = exc.args[0]
        if i == 0 and "A_prev" in message and "backward" not in message:
            message += " (the A_prev of block 0 is the X given to the model)"
        exc.args = (f"block {i} of the Sequential: {message}", *exc.args[1:])
