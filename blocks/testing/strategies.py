"""Hypothesis strategies in the column convention (n, m): sizes, matrices, labels, activations, layers, networks;
sequence batches (n_x, m, T_x), recurrent blocks and sequence models; image batches (n_C, n_H, n_W, m) and
convolution and pooling hyperparameters that fit.

Every size argument takes an int or a strategy of ints; every element is bounded and finite.

    from hypothesis import given, strategies as st
    from blocks.testing.strategies import matrices, networks, sizes

    @given(data=st.data(), m=sizes())
    def test_predict_is_in_0_1(data, m):
        model = data.draw(networks(n_out=1, output=Sigmoid()))
        X = data.draw(matrices(model.n_in, m))
        ...
"""
from __future__ import annotations

import numpy as np

import blocks

from .hypothesis_api import hnp, st

#: One instance of each built-in activation.
ACTIVATIONS = [
    blocks.Identity(), blocks.Sigmoid(), blocks.Tanh(), blocks.ReLU(), blocks.LeakyReLU(0.1),
    blocks.ELU(1.0), blocks.GELU(), blocks.SiLU(), blocks.Softplus(), blocks.Softmax(),
]
#: The built-ins that are differentiable everywhere (no kink at Z = 0).
SMOOTH_ACTIVATIONS = [g for g in ACTIVATIONS if not isinstance(g, (blocks.ReLU, blocks.LeakyReLU))]


def _strategy(value):
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


def sizes(min_value: int = 1, max_value: int = 5):
    """Layer sizes n^[l] and batch sizes m."""
    return st.integers(min_value, max_value)


def matrices(n=None, m=None, low: float = -3.0, high: float = 3.0, *, avoid=(), gap: float = 1e-2,
             dtype=np.float64):
    """(n, m) arrays of finite floats in [low, high], none within ``gap`` of a point of ``avoid``.

    ``n`` and ``m`` are ints or strategies (default: ``sizes()``). ``avoid=(0.0,)`` keeps entries away
    from a kink such as ReLU's: a value that falls within ``gap`` of it is pushed out to distance ``gap``.
    """
    shape = st.tuples(_strategy(sizes() if n is None else n), _strategy(sizes() if m is None else m))
    low, high = _representable(low, high, np.dtype(dtype))
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False,
                         width=8 * np.dtype(dtype).itemsize)
    arrays = hnp.arrays(dtype, shape, elements=elements)
    return arrays.map(lambda A: _push_away(A, avoid, gap)) if avoid else arrays


def _representable(low, high, dtype):
    """The bounds rounded inward to values the dtype holds exactly (float32 has no 0.02)."""
    lo, hi = dtype.type(low), dtype.type(high)
    lo = lo if lo >= low else np.nextafter(lo, dtype.type(np.inf))
    hi = hi if hi <= high else np.nextafter(hi, dtype.type(-np.inf))
    return float(lo), float(hi)


def _push_away(A, points, gap):
    A = A.copy()
    for point in points:
        near = np.abs(A - point) < gap
        A[near] = point + np.where(A[near] < point, -gap, gap)
    return A


def probabilities(n=None, m=None, low: float = 0.02, high: float = 0.98):
    """(n, m) arrays inside (0, 1), such as a sigmoid's AL."""
    return matrices(n, m, low, high)


def binary_labels(n=1, m=None):
    """(n, m) arrays of 0.0 and 1.0, the labels Y of binary cross-entropy."""
    shape = st.tuples(_strategy(n), _strategy(sizes() if m is None else m))
    return hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0]))


@st.composite
def one_hot(draw, n_classes=None, m=None):
    """(n_classes, m) one-hot label matrices: each column has a single 1."""
    n = draw(_strategy(sizes(2, 5) if n_classes is None else n_classes))
    k = draw(_strategy(sizes() if m is None else m))
    labels = draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k))
    return np.eye(n)[labels].T


@st.composite
def class_labels(draw, n_classes, m=None):
    """(1, m) integer class labels in 0..n_classes-1, the Y of SparseCategoricalCrossEntropy."""
    n = draw(_strategy(n_classes))
    k = draw(_strategy(sizes() if m is None else m))
    return np.array([draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k))])


def activations(smooth: bool = False):
    """The built-in activations (only those without a kink with ``smooth=True``)."""
    return st.sampled_from(SMOOTH_ACTIVATIONS if smooth else ACTIVATIONS)


@st.composite
def layers(draw, n_in=None, n_out=None, activation=None, dtype=np.float64):
    """A Layer with drawn sizes, activation (an Activation or a strategy) and seed."""
    n_in = draw(_strategy(sizes() if n_in is None else n_in))
    n_out = draw(_strategy(sizes() if n_out is None else n_out))
    g = draw(_strategy(activations() if activation is None else activation))
    return blocks.Layer(n_in, n_out, activation=g, rng=draw(st.integers(0, 2**16)), dtype=dtype)


@st.composite
def networks(draw, n_in=None, n_out=None, max_depth: int = 3, hidden=None, output=None, dtype=np.float64):
    """A Sequential of 1 to ``max_depth`` Layers whose sizes chain.

    ``hidden`` gives the activations of the hidden layers and ``output`` the last layer's (each an
    Activation or a strategy; default: any built-in, ``activations()``).
    """
    depth = draw(st.integers(1, max_depth))
    dims = [draw(_strategy(sizes() if n_in is None else n_in))]
    dims += [draw(sizes()) for _ in range(depth - 1)]
    dims += [draw(_strategy(sizes() if n_out is None else n_out))]
    hidden = activations() if hidden is None else hidden
    chosen = [draw(_strategy(hidden)) for _ in range(depth - 1)]
    chosen.append(draw(_strategy(hidden if output is None else output)))
    return blocks.Sequential([
        draw(layers(dims[i], dims[i + 1], activation=chosen[i], dtype=dtype)) for i in range(depth)
    ])


def tuned_activations():
    """The built-in activations, those with hyperparameters (LeakyReLU's and ELU's alpha) drawn."""
    fixed = [g for g in ACTIVATIONS if not isinstance(g, (blocks.LeakyReLU, blocks.ELU))]
    return st.one_of(
        st.sampled_from(fixed), st.floats(0.0, 0.5).map(blocks.LeakyReLU), st.floats(0.1, 3.0).map(blocks.ELU)
    )


def dropouts(n=None, dtype=np.float64):
    """Dropout blocks with a drawn keep_prob and seed (they take any number of rows)."""
    return st.builds(blocks.Dropout, keep_prob=st.floats(0.5, 1.0), rng=st.integers(0, 2**16))


@st.composite
def batchnorms(draw, n, dtype=np.float64):
    """BatchNorm over n rows with drawn activation, momentum and eps, and drawn gamma, beta and statistics."""
    norm = blocks.BatchNorm(
        n, activation=draw(tuned_activations()), momentum=draw(st.floats(0.0, 0.99)),
        eps=draw(st.floats(1e-6, 1e-2)), dtype=dtype,
    )
    for name in ("gamma", "beta", "running_mean"):
        setattr(norm, name, draw(matrices(n, 1, -2.0, 2.0)))
    norm.running_var = draw(matrices(n, 1, 0.1, 3.0))
    return norm


@st.composite
def standardizes(draw, n, dtype=np.float64):
    """Standardize blocks over n rows, either way (``inverse``), with drawn means and positive stds."""
    block = blocks.Standardize(n, inverse=draw(st.booleans()), dtype=dtype)
    block.mean, block.std = draw(matrices(n, 1, -2.0, 2.0)), draw(matrices(n, 1, 0.1, 3.0))
    return block


@st.composite
def architectures(draw, extras=(dropouts, batchnorms), activations=None, max_layers: int = 3,
                  nested: bool = True):
    """A Sequential of 1 to ``max_layers`` Layers in a drawn dtype (float32 or float64).

    ``activations`` is a strategy (default: ``tuned_activations()``). ``extras`` are functions
    ``extra(n, dtype) -> strategy of a Block`` that takes and gives n rows (Dropout, BatchNorm, your own);
    each Layer may be followed by one of them. With ``nested``, a run of blocks may be wrapped in an
    inner Sequential. For save/load round trips and other properties of whole architectures.
    """
    activations = tuned_activations() if activations is None else activations
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    L = draw(st.integers(1, max_layers))
    dims = [draw(sizes()) for _ in range(L + 1)]
    model = []
    for i in range(L):
        model.append(draw(layers(dims[i], dims[i + 1], activation=activations, dtype=dtype)))
        if extras and draw(st.booleans()):
            model.append(draw(draw(st.sampled_from(list(extras)))(dims[i + 1], dtype)))
    if nested and draw(st.booleans()):
        i = draw(st.integers(0, len(model) - 1))
        j = draw(st.integers(i + 1, len(model)))
        model[i:j] = [blocks.Sequential(model[i:j])]
    return blocks.Sequential(model)


def sequence_batches(n=None, m=None, T=None, low: float = -2.0, high: float = 2.0, dtype=np.float64):
    """Sequence batches (n, m, T_x) of finite floats in [low, high]: features, samples, time steps.

    ``n``, ``m`` and ``T`` are ints or strategies (default: ``sizes()``, which includes m = 1 and T_x = 1).
    """
    shape = st.tuples(*(_strategy(sizes() if k is None else k) for k in (n, m, T)))
    low, high = _representable(low, high, np.dtype(dtype))
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False,
                         width=8 * np.dtype(dtype).itemsize)
    return hnp.arrays(dtype, shape, elements=elements)


@st.composite
def one_hot_sequences(draw, n_classes, m, T):
    """(n_classes, m, T_x) labels: at each (sample, step) a single 1, for CategoricalCrossEntropy."""
    labels = draw(hnp.arrays(np.intp, (m, T), elements=st.integers(0, n_classes - 1)))
    return np.eye(n_classes)[labels].transpose(2, 0, 1)


@st.composite
def recurrent_blocks(draw, n_x=None, n_a=None, return_sequences=None, dtype=np.float64):
    """An RNN (with a drawn smooth activation), an LSTM or a GRU, with drawn sizes, return_sequences and seed."""
    n_x = draw(_strategy(sizes() if n_x is None else n_x))
    n_a = draw(_strategy(sizes() if n_a is None else n_a))
    every = draw(_strategy(st.booleans() if return_sequences is None else return_sequences))
    seed = draw(st.integers(0, 2**16))
    kind = draw(st.sampled_from(["RNN", "LSTM", "GRU"]))
    if kind == "RNN":
        g = draw(st.sampled_from([blocks.Tanh(), blocks.Sigmoid(), blocks.Identity(), blocks.SiLU()]))
        return blocks.RNN(n_x, n_a, return_sequences=every, activation=g, rng=seed, dtype=dtype)
    if kind == "GRU":
        return blocks.GRU(n_x, n_a, return_sequences=every, rng=seed, dtype=dtype)
    return blocks.LSTM(n_x, n_a, return_sequences=every, forget_bias=draw(st.sampled_from([0.0, 1.0])),
                       rng=seed, dtype=dtype)


@st.composite
def sequence_models(draw, n_x=None, n_y=None, embedding=None, output=None, dtype=np.float64):
    """A Sequential of [Embedding], one or two recurrent blocks, then a Layer: TimeDistributed when the last
    recurrent block returns every step (a many-to-many model), plain when it returns the last (many-to-one).

    ``n_x`` is the Embedding's n_vocab when there is one (``embedding``: a bool or a strategy, default drawn);
    ``output`` the Layer's activation (default Softmax for n_y > 1, else Sigmoid).
    """
    n_x = draw(_strategy(sizes() if n_x is None else n_x))
    n_y = draw(_strategy(sizes() if n_y is None else n_y))
    model = []
    if draw(_strategy(st.booleans() if embedding is None else embedding)):
        model.append(blocks.Embedding(n_x, n_e := draw(sizes()), rng=draw(st.integers(0, 2**16)), dtype=dtype))
        n_x = n_e
    depth = draw(st.integers(1, 2))
    for k in range(depth):
        every = True if k < depth - 1 else None
        model.append(draw(recurrent_blocks(n_x, return_sequences=every, dtype=dtype)))
        n_x = model[-1].n_a
    g = output if output is not None else (blocks.Softmax() if n_y > 1 else blocks.Sigmoid())
    layer = blocks.Layer(n_x, n_y, activation=g, rng=draw(st.integers(0, 2**16)), dtype=dtype)
    return blocks.Sequential(*model, blocks.TimeDistributed(layer) if model[-1].return_sequences else layer)


def images(n_C=None, n_H=None, n_W=None, m=None, low: float = -3.0, high: float = 3.0, *, dtype=np.float64):
    """Image batches (n_C, n_H, n_W, m), samples last, of finite floats in [low, high]; each size an int or a
    strategy (default: ``sizes()``)."""
    shape = st.tuples(*(_strategy(sizes() if n is None else n) for n in (n_C, n_H, n_W, m)))
    low, high = _representable(low, high, np.dtype(dtype))
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False,
                         width=8 * np.dtype(dtype).itemsize)
    return hnp.arrays(dtype, shape, elements=elements)


@st.composite
def distinct_images(draw, n_C=None, n_H=None, n_W=None, m=None, gap: float = 0.05):
    """Image batches whose entries all differ by at least ``gap``: a drawn order of the values gap * k, centred.

    A max pooling's gradient jumps where two entries of a window tie; with no two entries closer than
    ``gap``, central differences with steps far below it never cross a tie.
    """
    shape = tuple(draw(_strategy(sizes() if n is None else n)) for n in (n_C, n_H, n_W, m))
    size = int(np.prod(shape))
    order = np.array(draw(st.permutations(range(size))), dtype=np.float64)
    return ((order - (size - 1) / 2) * gap).reshape(shape)


@st.composite
def conv_geometries(draw, max_size: int = 7, same: bool = True):
    """``{"n_H_prev", "n_W_prev", "f", "stride", "padding"}`` that fit: each of f, stride and padding an int or a
    pair (H, W), padding sometimes ``"same"`` (at stride 1), and the kernel never larger than the padded input."""
    f = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    stride = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    choices = [st.integers(0, 2), st.tuples(st.integers(0, 2), st.integers(0, 2))]
    if same:
        choices.append(st.just("same"))
    padding = draw(st.one_of(*choices))
    if padding == "same":
        stride = 1
    f_H, f_W = f if isinstance(f, tuple) else (f, f)
    p_H, p_W = (0, 0) if padding == "same" else padding if isinstance(padding, tuple) else (padding, padding)
    n_H = draw(st.integers(max(1, f_H - 2 * p_H), max(max_size, f_H)))
    n_W = draw(st.integers(max(1, f_W - 2 * p_W), max(max_size, f_W)))
    return {"n_H_prev": n_H, "n_W_prev": n_W, "f": f, "stride": stride, "padding": padding}


@st.composite
def pool_geometries(draw, max_size: int = 7):
    """``{"n_H_prev", "n_W_prev", "f", "stride"}`` for a pooling that fits: f and stride (None: f) ints or pairs."""
    f = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    stride = draw(st.one_of(st.none(), st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    f_H, f_W = f if isinstance(f, tuple) else (f, f)
    n_H, n_W = draw(st.integers(f_H, max(max_size, f_H))), draw(st.integers(f_W, max(max_size, f_W)))
    return {"n_H_prev": n_H, "n_W_prev": n_W, "f": f, "stride": stride}


@st.composite
def conv2ds(draw, n_C_prev=None, n_C=None, geometry=None, activation=None, dtype=np.float64):
    """A Conv2D with drawn channels, geometry (a ``conv_geometries()`` dict or a strategy of one), activation,
    seed and b; returns ``(conv, (n_H_prev, n_W_prev))``, the input size it was drawn for."""
    g = draw(_strategy(conv_geometries() if geometry is None else geometry))
    conv = blocks.Conv2D(draw(_strategy(sizes(1, 3) if n_C_prev is None else n_C_prev)),
                         draw(_strategy(sizes(1, 3) if n_C is None else n_C)), g["f"], stride=g["stride"],
                         padding=g["padding"], activation=draw(_strategy(activations() if activation is None
                                                                          else activation)),
                         rng=draw(st.integers(0, 2**16)), dtype=dtype)
    conv.b = draw(matrices(conv.n_C, 1, -1.0, 1.0))
    return conv, (g["n_H_prev"], g["n_W_prev"])
