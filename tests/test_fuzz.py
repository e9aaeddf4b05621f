"""Fuzzing the public API: randomly shaped, typed and valued input, and one oracle for every call.

Hypothesis throws arrays of 0 to 3 dimensions (empty ones too) of bool, int, float16/32/64, complex,
object and str, nested lists, ragged lists, None, scalars and text, with finite values up to 1e3 and
sprinkled NaN, inf and 1e300, at the constructors, forward, backward, predict, the losses, the
optimizers, the schedules, fit and save/load. Every call must either

- raise a documented error (TypeError, ValueError, RuntimeError) from a raise statement of npblocks
  itself (tests/boundary.py), or for a path the usual OSError of the file system, and do so whenever the
  input is wrong (wrong type, shape or range): nothing wrong is silently accepted; or
- return a result of the right shape, which for valid, finite, moderate input (|x| <= 1e3) is finite,
  in the model's dtype, with no NumPy warning at all.
"""
from __future__ import annotations

import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import blocks
from blocks import BatchNorm, Dropout, Layer, Sequential, Standardize
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from optim import SGD, Adam, AdamW, CosineDecay, ExponentialDecay, InverseTimeDecay, Momentum, RMSProp, StepDecay
from tests.boundary import assert_deliberate, attempt

#: Five times the profile's examples: each is a millisecond or two, and the rare mistakes need the draws.
FUZZ = settings(max_examples=5 * settings().max_examples)
MODERATE = 1e3
SPECIAL = (np.nan, np.inf, -np.inf, 1e300, -1e300)
NUMERIC = (np.bool_, np.int64, np.float16, np.float32, np.float64)
NOT_NUMERIC = (np.complex128, object, "U4")
FLOATS = (np.float32, np.float64)


@st.composite
def anything(draw, shape=None):
    """What a user might pass where an array is expected; ``shape`` is drawn often, so that valid input is too."""
    kind = draw(st.sampled_from(["array"] * 8 + ["list", "ragged", "none", "text", "scalar"]))
    if kind == "none":
        return None
    if kind == "text":
        return draw(st.text(max_size=3))
    if kind == "scalar":
        return draw(st.one_of(st.integers(-3, 3), st.booleans(), st.floats(allow_nan=True, allow_infinity=True)))
    if kind == "ragged":
        return [[1.0] * draw(st.integers(1, 3)), [2.0] * draw(st.integers(4, 5))]
    if shape is None or draw(st.integers(0, 3)) == 0:
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    else:  # the right shape, or one of the usual mistakes: transposed, no sample, 1-D, a row too many, 3-D
        n, m = shape
        shape = draw(st.sampled_from([shape] * 4 + [(m, n), (n, 0), (n * m,), (n + 1, m), (n, m, 1)]))
    base = draw(hnp.arrays(np.float64, shape, elements=st.floats(-MODERATE, MODERATE)))
    if base.size and draw(st.integers(0, 3)) == 0:
        spots = draw(st.lists(st.integers(0, base.size - 1), min_size=1, max_size=3))
        base.flat[spots] = draw(st.sampled_from(SPECIAL))
    array = _as(base, draw(st.sampled_from(NUMERIC * 2 + NOT_NUMERIC)))
    return array.tolist() if kind == "list" else array


def _as(base, dtype):
    with np.errstate(over="ignore", invalid="ignore"):
        if dtype is np.bool_:
            return base > 0
        if dtype is np.int64:
            return np.nan_to_num(base, posinf=9e18, neginf=-9e18).astype(np.int64)
        if dtype is np.complex128:
            return base + 1j
        return base.astype(dtype)


def numeric(value):
    """The array a correct npblocks sees in ``value``, or None when value is no numeric array."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.asarray(value)
    except (TypeError, ValueError):
        return None
    return array if array.dtype.kind in "biuf" else None


def moderate(array) -> bool:
    """Finite values no larger than 1e3 (an empty array is moderate)."""
    if array is None:
        return False
    values = array.astype(np.float64)
    return values.size == 0 or bool(np.isfinite(values).all() and np.abs(values).max() <= MODERATE)


def finite(array) -> bool:
    return bool(np.isfinite(np.asarray(array, dtype=np.float64)).all())


# Blocks that take n^[l-1] = 3 rows, with n^[l] and whether training needs m >= 1.
BLOCKS = {
    "Layer": (lambda dtype: Layer(3, 2, blocks.Tanh(), rng=0, dtype=dtype), 2, False),
    "Sequential": (lambda dtype: Sequential(Layer(3, 4, blocks.ReLU(), rng=0, dtype=dtype),
                                            Dropout(keep_prob=0.8, rng=1),
                                            Layer(4, 1, blocks.Sigmoid(), rng=2, dtype=dtype)), 1, False),
    "Sequential with BatchNorm": (lambda dtype: Sequential(Layer(3, 4, rng=0, dtype=dtype),
                                                           BatchNorm(4, blocks.GELU(), dtype=dtype),
                                                           Layer(4, 3, blocks.Softmax(), rng=1, dtype=dtype)), 3, True),
    "BatchNorm": (lambda dtype: BatchNorm(3, blocks.ELU(), dtype=dtype), 3, True),
    "Dropout": (lambda dtype: Dropout(keep_prob=0.5, rng=0), 3, False),
    "Standardize": (lambda dtype: Standardize(3, dtype=dtype), 3, False),
}


@FUZZ
@given(name=st.sampled_from(list(BLOCKS)), dtype=st.sampled_from(FLOATS), eval_mode=st.booleans(),
       predict=st.booleans(), value=anything(shape=(3, 4)))
def test_forward_and_predict(name, dtype, eval_mode, predict, value):
    make, n_out, needs_samples = BLOCKS[name]
    block = make(dtype).train(not eval_mode)
    A_prev = numeric(value)
    predict = predict and isinstance(block, Sequential)
    run = block.predict if predict else block.forward
    A, error = attempt(lambda: run(value), strict=moderate(A_prev))
    valid = A_prev is not None and A_prev.ndim == 2 and (A_prev.shape[0] == 3 or name == "Dropout")
    valid = valid and not (needs_samples and not eval_mode and not predict and A_prev.shape[1] == 0)
    event("valid" if valid else "refused")
    if not valid:
        assert error is not None, f"{name}.forward silently accepted {type(value).__name__} {np.shape(value)}"
        return
    if moderate(A_prev):
        assert error is None, error
    if A is not None:
        assert A.shape == (A_prev.shape[0] if name == "Dropout" else n_out, A_prev.shape[1])
        if moderate(A_prev):
            assert finite(A) and (name == "Dropout" or A.dtype == dtype)


@FUZZ
@given(name=st.sampled_from(list(BLOCKS)), dtype=st.sampled_from(FLOATS), eval_mode=st.booleans(),
       before_forward=st.integers(0, 4).map(lambda k: k == 0), data=st.data())
def test_backward(name, dtype, eval_mode, before_forward, data):
    make, n_out, _ = BLOCKS[name]
    value = data.draw(anything(shape=(n_out, 4)), label="dA")
    block = make(dtype).train(not eval_mode)
    X = np.linspace(-2, 2, 12).reshape(3, 4).astype(dtype)
    if not before_forward:
        block.forward(X)
    dA = numeric(value)
    dA_prev, error = attempt(lambda: block.backward(value, need_dA_prev=True), strict=moderate(dA))
    if before_forward:
        assert isinstance(error, RuntimeError) and "before forward" in str(error), error
        return
    event("valid" if dA is not None and dA.shape == (n_out, 4) else "refused")
    if dA is None or dA.shape != (n_out, 4):
        assert error is not None, f"{name}.backward silently accepted {type(value).__name__} {np.shape(value)}"
        return
    assert error is None, error
    assert dA_prev.shape == X.shape
    if moderate(dA):
        grads = [getattr(p.block, p.grad_name) for p in block.parameters()]
        assert finite(dA_prev) and all(finite(g) for g in grads)
        assert dA_prev.dtype == dtype or name == "Dropout"


LOSSES = {"BinaryCrossEntropy": BinaryCrossEntropy, "CategoricalCrossEntropy": CategoricalCrossEntropy,
          "MeanSquaredError": MeanSquaredError}


@st.composite
def outputs(draw):
    """AL as a network gives it, (n^[L], m) probabilities, or anything at all (3-D sequences are valid too)."""
    if draw(st.booleans()):
        return draw(anything(shape=(2, 3)))
    dtype = draw(st.sampled_from(FLOATS))
    return draw(hnp.arrays(dtype, (2, 3), elements=st.floats(0, 1, width=32)))


@FUZZ
@given(name=st.sampled_from(list(LOSSES)), backward=st.booleans(), AL=outputs(), Y=outputs())
def test_losses(name, backward, AL, Y):
    loss = LOSSES[name]()
    AL_, Y_ = numeric(AL), numeric(Y)
    call = (lambda: loss.backward(AL, Y)) if backward else (lambda: loss.forward(AL, Y))
    result, error = attempt(call, strict=moderate(AL_) and moderate(Y_))
    valid = AL_ is not None and Y_ is not None and AL_.ndim in (2, 3) and AL_.size > 0 and Y_.shape == AL_.shape
    if valid and loss.output is not None:
        low = float(np.min(AL_.astype(np.float64)))
        valid = math.isnan(low) or (low >= 0 and float(np.max(AL_.astype(np.float64))) <= 1)
    event("valid" if valid else "refused")
    if not valid:
        assert error is not None, f"{loss!r} silently accepted AL {np.shape(AL)}, Y {np.shape(Y)}"
        return
    assert error is None, error
    if backward:
        assert result.shape == AL_.shape and result.dtype in FLOATS
    else:
        assert isinstance(result, float)
    if moderate(AL_) and moderate(Y_):
        assert finite(result)


def hyperparameters():
    """Reals in and out of every range, and the wrong types."""
    return st.one_of(st.floats(-2, 2), st.floats(allow_nan=True, allow_infinity=True), st.integers(-2, 3),
                     st.booleans(), st.none(), st.text(max_size=2), st.just(np.float32(0.5)), st.just(np.ones(1)))


RANGES = {  # name: (low, high, low_open, high_open), as documented
    "lr": (0.0, math.inf, True, True), "beta": (0.0, 1.0, False, True), "beta1": (0.0, 1.0, False, True),
    "beta2": (0.0, 1.0, False, True), "eps": (0.0, math.inf, True, True), "weight_decay": (0.0, math.inf, False, True),
    "clip_norm": (0.0, math.inf, True, True),
}
OPTIMIZERS = {
    SGD: ("lr", "weight_decay", "clip_norm"), Momentum: ("lr", "beta"), RMSProp: ("lr", "beta", "eps"),
    Adam: ("lr", "beta1", "beta2", "eps", "clip_norm"), AdamW: ("lr", "beta1", "beta2", "weight_decay"),
}


def in_range(name, value) -> bool:
    if name == "clip_norm" and value is None:  # the default: no clipping
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not math.isfinite(value):
        return False
    low, high, low_open, high_open = RANGES[name]
    return (value > low if low_open else value >= low) and (value < high if high_open else value <= high)


@FUZZ
@given(cls=st.sampled_from(list(OPTIMIZERS)), data=st.data())
def test_optimizers(cls, data):
    name = data.draw(st.sampled_from(OPTIMIZERS[cls]), label="hyperparameter")
    value = data.draw(hyperparameters(), label=name)
    model = BLOCKS["Sequential"][0](np.float64)
    arguments = {"lr": 0.01} if name != "lr" else {}
    opt, error = attempt(lambda: cls(model.parameters(), **arguments, **{name: value}))
    event("valid" if in_range(name, value) else "refused")
    if not in_range(name, value):
        assert error is not None, f"{cls.__name__} silently accepted {name}={value!r}"
        return
    assert error is None, error
    _, error = attempt(opt.step)
    assert isinstance(error, RuntimeError) and "no gradient dW yet" in str(error)
    X = np.linspace(-1, 1, 12).reshape(3, 4)
    model.backward(model.forward(X) - 0.5)
    small = value is None or (abs(value) <= MODERATE and not (name == "lr" and value > 1))
    _, error = attempt(opt.step, strict=small)
    assert error is None, error
    if small:
        assert all(finite(p.value) for p in model.parameters())


SCHEDULES = {InverseTimeDecay: ("lr0", "decay_rate"), ExponentialDecay: ("lr0", "decay_rate"),
             StepDecay: ("lr0", "step_size"), CosineDecay: ("lr0", "epochs")}


@FUZZ
@given(cls=st.sampled_from(list(SCHEDULES)), first=hyperparameters(), second=hyperparameters(),
       epoch=st.one_of(st.integers(-2, 50), st.floats(0, 3), st.text(max_size=1)))
def test_schedules(cls, first, second, epoch):
    schedule, error = attempt(lambda: cls(first, second))
    if error is not None:
        return
    lr, error = attempt(lambda: schedule(epoch))
    if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
        assert error is not None, f"{schedule!r} silently accepted epoch={epoch!r}"
    else:
        assert error is None and isinstance(lr, float) and math.isfinite(lr) and lr >= 0, (error, lr)


@FUZZ
@given(n_in=st.one_of(st.integers(-2, 4), st.floats(0, 4), st.booleans(), st.none(), st.text(max_size=1),
                      st.just(np.int64(3))),
       activation=st.one_of(st.none(), st.sampled_from([blocks.ReLU(), blocks.ReLU, "relu", np.tanh, 3])),
       dtype=st.sampled_from([np.float32, np.float64, np.float16, np.int32, "float64", "nonsense", None]))
def test_layer_constructor(n_in, activation, dtype):
    layer, error = attempt(lambda: Layer(n_in, 2, activation, dtype=dtype, rng=0))
    size = not isinstance(n_in, bool) and isinstance(n_in, (int, np.integer)) and n_in > 0
    kind = activation is None or isinstance(activation, blocks.Activation)
    if not (size and kind and np.dtype(dtype if dtype != "nonsense" else "V") in FLOATS):
        assert error is not None, f"Layer({n_in!r}, 2, {activation!r}, dtype={dtype!r}) was built"
        return
    assert error is None, error
    assert layer.W.shape == (2, n_in) and layer.b.shape == (2, 1) and finite(layer.W)


@FUZZ
@given(name=st.sampled_from(["W", "b"]), data=st.data())
def test_reassigning_W_and_b(name, data):
    layer = Layer(3, 2, rng=0)
    shape = {"W": (2, 3), "b": (2, 1)}[name]
    value = data.draw(anything(shape=shape), label=name)
    array = numeric(value)
    _, error = attempt(lambda: setattr(layer, name, value), strict=moderate(array))
    event("valid" if array is not None and array.shape == shape else "refused")
    if array is None or array.shape != shape:
        assert error is not None, f"layer.{name} = {type(value).__name__} {np.shape(value)} was accepted"
        return
    assert error is None, error
    assert getattr(layer, name).shape == shape and getattr(layer, name).dtype == np.float64


@FUZZ
@given(X=anything(shape=(3, 5)),
       Y=st.one_of(anything(shape=(1, 5)), hnp.arrays(st.sampled_from([np.bool_, np.float64]), (1, 5),
                                                       elements=st.sampled_from([0, 1]))),
       batch_size=st.one_of(st.integers(-1, 6), st.integers(1, 6), st.floats(0, 4), st.none()))
def test_fit(X, Y, batch_size):
    model = BLOCKS["Sequential"][0](np.float64)
    X_, Y_ = numeric(X), numeric(Y)
    call = lambda: model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), 0.1),  # noqa: E731
                             batch_size=batch_size, epochs=1, verbose=0, rng=0)
    history, error = attempt(call, strict=moderate(X_) and moderate(Y_))
    valid = (X_ is not None and Y_ is not None and X_.ndim == Y_.ndim == 2 and X_.shape[0] == 3 and Y_.shape[0] == 1
             and X_.shape[1] == Y_.shape[1] > 0 and finite(X_) and finite(Y_)
             and 0 <= Y_.astype(float).min() and Y_.astype(float).max() <= 1
             and isinstance(batch_size, int) and not isinstance(batch_size, bool) and batch_size > 0)
    event("valid" if valid else "refused")
    if not valid:
        assert error is not None, f"fit silently accepted X {np.shape(X)}, Y {np.shape(Y)}, batch_size {batch_size!r}"
        return
    assert error is None, error
    assert len(history["loss"]) == 1
    if moderate(X_):
        assert math.isfinite(history["loss"][0])


PATHS = ["", ".", "/", "{tmp}", "{tmp}/", "{tmp}/sub/", "{tmp}/missing/m.npz", "{tmp}/m.npz", "{tmp}/m", "a\0b",
         "{tmp}/" + "x" * 300, "{tmp}/é ü.npz", None, 3, b"m.npz", ["m.npz"]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz_paths")


@FUZZ
@given(path=st.sampled_from(PATHS), pathlike=st.booleans())
def test_save_and_load_with_odd_paths(folder, path, pathlike):
    if isinstance(path, str):
        path = path.replace("{tmp}", str(folder))
        if pathlike and path:
            import pathlib

            path = pathlib.Path(path)
    model = BLOCKS["Sequential with BatchNorm"][0](np.float64)
    X = np.linspace(-1, 1, 12).reshape(3, 4)
    _, error = attempt(lambda: model.save(path), also=OSError)
    if error is None:
        loaded, error = attempt(lambda: Sequential.load(path), also=OSError)
        assert error is None, error
        assert np.array_equal(loaded.predict(X), model.predict(X))
        os.remove(path)
    else:
        _, error = attempt(lambda: Sequential.load(path), also=OSError)
        assert error is not None
    assert not [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_the_oracle_tells_a_numpy_error_from_npblocks_own():
    """What would make the fuzz tests fail: a NumPy error on a line of npblocks, or one from elsewhere."""
    layer = Layer(3, 2, rng=0)
    layer._W = np.ones((2, 7))  # around the checked setter, as a bug in npblocks might
    with pytest.raises(ValueError) as numpy_error:
        layer.forward(np.ones((3, 4)))  # matmul fails on the line Z = W @ A_prev + b of layer.py
    with pytest.raises(AssertionError, match="ValueError was not raised deliberately .*layer.py"):
        assert_deliberate(numpy_error.value)
    with pytest.raises(ValueError) as elsewhere:
        np.ones(2) @ np.ones(3)
    with pytest.raises(AssertionError, match="ValueError escaped from outside npblocks .*test_fuzz.py"):
        assert_deliberate(elsewhere.value)
    with pytest.raises(AssertionError, match="RuntimeWarning is not a documented error"):
        attempt(lambda: blocks.checks.numeric_array("x", np.ones(1)) / 0)
    with pytest.raises(RuntimeError) as ours:
        Layer(3, 2).backward(np.ones((2, 4)))
    assert_deliberate(ours.value)
