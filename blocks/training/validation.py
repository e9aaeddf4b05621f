"""fit's and evaluate's input checks, made up front with messages in the seed's symbols."""
from __future__ import annotations

import numbers

import numpy as np

from ..checks import numeric_array, positive_int
from ..shapes import format_shape
from ..windows import samples_first_hint
from .class_labels import check_labels, takes_labels
from .samples import model_shapes, sample_axis, slice_samples


def check_data(X, Y, model, names=("X", "Y"), who="fit", loss=None):
    """X (n^[0], m) and Y (n^[L], m) as arrays, finite, of one m, in the model's dtype; else a clear error.

    Sequence batches (n, m, T_x) and an Embedding's ids (m, T_x) too: the model's input and output shapes
    say where the samples are (``sample_axis``); an Embedding's integer ids stay integers. For a ``loss``
    whose ``targets`` is ``"labels"``, Y is class labels (1, m) or (m,), returned as ints (1, m)
    (see ``class_labels``).
    """
    x, y = names
    in_shape, out_shape = model_shapes(model)
    n_out = getattr(model, "n_out", None)
    X = _samples(x, X, getattr(model, "n_in", None), "n^[0]", who, in_shape)
    if takes_labels(loss):
        n_classes = n_out if n_out is not None else _rows(out_shape)
        Y = check_labels(y, Y, out_shape, n_classes, who, loss)
    else:
        Y = _samples(y, Y, n_out, "n^[L]", who, out_shape)
    m_X, m_Y = X.shape[sample_axis(X, in_shape)], Y.shape[sample_axis(Y, out_shape)]
    if m_X != m_Y:
        hint = samples_first_hint(x, X.shape) if X.ndim == 4 and X.shape[0] == m_Y else ""
        raise ValueError(
            f"{who} expects {x} and {y} with the same m, one column per sample; got m = {m_X} in {x} "
            f"{X.shape} and m = {m_Y} in {y} {Y.shape}{hint}"
        )
    if m_X == 0:
        raise ValueError(f"{who} needs at least one sample; {x} has shape {X.shape}")
    for name, array in ((x, X), (y, Y)):
        _finite(name, array, who)
    dtype = _model_dtype(model)
    if dtype is not None:
        ids = in_shape is not None and in_shape[0] == "m" and X.dtype.kind in "iu"
        X = X if ids else X.astype(dtype, copy=False)
        Y = Y if takes_labels(loss) else Y.astype(dtype, copy=False)
    return X, Y


def _rows(shape):
    """n^[L], the first size of an output shape, when known."""
    return shape[0] if shape is not None and isinstance(shape[0], int) else None


def _images(name, value, shape, who):
    """X as images (n_C, n_H, n_W, m) of the sizes the model knows, else an error that says how to fix it."""
    array = numeric_array(name, value)
    if array.ndim != 4 or any(n is not None and array.shape[k] != n for k, n in enumerate(shape[:-1])):
        raise ValueError(f"{who} expects {name} of shape {format_shape(shape)} for this model, samples last; got shape "
                         f"{array.shape}{samples_first_hint(name, array.shape, shape[0])}")
    return array


def _samples(name, value, n, rows, who, shape=None):
    if shape is not None and len(shape) == 4 and shape[-1] == "m":
        return _images(name, value, shape, who)
    array = numeric_array(name, value)
    if shape is not None and len(shape) != 2:
        if array.ndim != len(shape):
            raise ValueError(f"{who} expects {name} of shape {format_shape(shape)} for this model (m samples, "
                             f"T_x steps); got shape {array.shape}")
        if isinstance(shape[0], int) and array.shape[0] != shape[0]:
            raise ValueError(f"{who} expects {name} with {shape[0]} rows for this model, shape "
                             f"{format_shape(shape)}; got shape {array.shape}")
        return array
    if array.ndim != 2:
        one = f". For {array.shape[0]} samples of one row use {name}.reshape(1, -1)" if array.ndim == 1 else ""
        raise ValueError(
            f"{who} expects {name} of shape ({rows}, m), samples as columns; got shape {array.shape}{one}"
        )
    if n is not None and array.shape[0] != n:
        if array.shape[1] == n:
            hint = f". It looks transposed: samples are columns, pass {name}.T"
        elif rows == "n^[L]" and array.shape[0] == 1 and n > 1:
            hint = (f". For class labels use one-hot {name} = np.eye({n})[labels.ravel()].T, or a loss that takes "
                    f"labels: loss=SparseCategoricalCrossEntropy()")
        else:
            hint = ""
        raise ValueError(
            f"{who} expects {name} with {rows} = {n} rows for this model, shape ({n}, m); got {array.shape[0]} rows, "
            f"shape {array.shape}{hint}"
        )
    return array


def check_targets(loss, name, Y, who="fit"):
    """Y in [0, 1] for a loss that takes probabilities (the cross-entropies), checked once per call.

    Class labels (a loss with ``targets = "labels"``) were checked by ``check_data``."""
    output = getattr(loss, "output", None)
    if output is None or Y is None or takes_labels(loss):
        return
    low, high = Y.min(), Y.max()
    if low < 0 or high > 1:
        kind = "labels 0 and 1" if output == "Sigmoid" else "one-hot columns"
        raise ValueError(f"{who}: {loss!r} expects {name} in [0, 1] ({kind}); got {name} from {low:g} to {high:g}")


def _finite(name, array, who):
    finite = np.isfinite(array)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        where = f"row {first[0]}, column (sample) {first[1]}" if array.ndim == 2 else f"index {first}"
        raise ValueError(
            f"{who} expects finite {name}; it holds {len(bad)} NaN or inf value(s), the first at {where}: "
            f"{array[tuple(bad[0])]}"
        )


def _model_dtype(model):
    params = model.parameters()
    return params[0].value.dtype if params else None


def check_options(model, loss, optimizer, epochs, batch_size, verbose):
    check_loss(loss)
    check_optimizer(optimizer)
    own = set(model.parameters())
    foreign = [p for p in optimizer.params if p not in own]
    if foreign:
        raise ValueError(
            f"the optimizer updates {len(foreign)} parameter(s) that are not this model's, such as {foreign[0]!r}: "
            f"build it from this model, optimizer={type(optimizer).__name__}(model.parameters(), ...)"
        )
    epochs, batch_size = positive_int("epochs", epochs), positive_int("batch_size", batch_size)
    if isinstance(verbose, bool):
        verbose = int(verbose)
    if not isinstance(verbose, numbers.Integral) or verbose not in (0, 1, 2):
        raise ValueError(f"verbose must be 0 (silent), 1 (progress bar) or 2 (a line per epoch). Received: {verbose!r}")
    return epochs, batch_size, int(verbose)


def check_validation_data(validation_data, model, loss=None):
    if validation_data is None:
        return None
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
        raise TypeError(
            f"validation_data must be a pair (X_val, Y_val). Received: {type(validation_data).__name__}"
        )
    return check_data(*validation_data, model, names=("X_val", "Y_val"), loss=loss)


def is_loss(loss) -> bool:
    """Whether ``loss`` is a loss object: an instance with forward(AL, Y) and backward(AL, Y), such as a
    ``losses.Loss`` (duck-typed, so that blocks need not import losses)."""
    return not isinstance(loss, type) and all(hasattr(loss, method) for method in ("forward", "backward"))


def check_loss(loss, who=""):
    """A loss object (see ``is_loss``), else a TypeError saying what to write."""
    _instance("loss", loss, ("forward", "backward"), "Loss", "BinaryCrossEntropy()", who)


def check_optimizer(optimizer):
    """An optimizer object: anything with step() and params, such as an ``optim.Optimizer``."""
    _instance("optimizer", optimizer, ("step", "params"), "Optimizer", "Adam(model.parameters())")


def _instance(name, value, methods, kind, example, who=""):
    """Duck-typed, so that blocks need not import losses or optim: an object with ``methods``."""
    if all(hasattr(value, method) for method in methods) and not isinstance(value, type):
        return
    if isinstance(value, type) and all(hasattr(value, method) for method in methods[:1]):
        raise TypeError(f"{who}{name} must be an instance: write {name}={value.__name__}(...), with parentheses")
    raise TypeError(f"{who}{name} must be a {kind} such as {name}={example}. Received: {value!r}")


def split_validation(X, Y, validation_split, validation_data, axes=(1, 1)):
    """(X, Y, validation_data) with the last ``validation_split`` of the columns held out, as Keras does:
    the first ``int(m * (1 - validation_split))`` columns train, the rest validate (before any shuffling).
    ``axes``: the sample axes of X and Y (axis 0 of an Embedding's ids)."""
    if validation_split is None or validation_split == 0:
        return X, Y, validation_data
    if isinstance(validation_split, bool) or not isinstance(validation_split, numbers.Real):
        raise TypeError("validation_split must be a fraction such as 0.2. Received: "
                        f"validation_split={validation_split!r}")
    if not 0 < validation_split < 1:
        raise ValueError(f"validation_split must be in (0, 1), the share of the columns held out. Received: "
                         f"validation_split={validation_split!r}")
    if validation_data is not None:
        raise ValueError("give validation_data or validation_split, not both")
    m = X.shape[axes[0]]
    split = int(m * (1 - validation_split))
    if not 0 < split < m:
        raise ValueError(f"validation_split={validation_split!r} of m = {m} samples leaves {split} to train on and "
                         f"{m - split} to validate; each needs at least one")
    (x, y), first, rest = axes, slice(None, split), slice(split, None)
    return (slice_samples(X, first, x), slice_samples(Y, first, y),
            (slice_samples(X, rest, x), slice_samples(Y, rest, y)))
