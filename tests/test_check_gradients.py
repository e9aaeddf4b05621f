"""check_gradients: right models pass, wrong ones are rejected by name, and the model is left as found."""
import numpy as np
import pytest

import blocks
from blocks import Activation, Block, Layer, Parameter, Sequential
from blocks.testing import GradientReport, LinearLoss, check_gradients
from blocks.testing.state import blocks_of
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from tests.custom_blocks import TooLarge


class BadTanh(Activation):
    def forward(self, Z):
        return np.tanh(Z)

    def derivative(self, Z, A):
        return 1 - A  # should be 1 - A**2


class Dropout(Block):
    """Inverted dropout drawing its mask from its own generator: A = A_prev * mask / keep."""

    def __init__(self, keep=0.6, rng=0):
        self.keep, self.rng = keep, np.random.default_rng(rng)

    def forward(self, A_prev):
        self.mask = self.rng.random(A_prev.shape) < self.keep if self.training else np.ones(A_prev.shape, bool)
        return A_prev * self.mask / (self.keep if self.training else 1.0)

    def backward(self, dA, *, need_dA_prev=True):
        return dA * self.mask / (self.keep if self.training else 1.0)


class DropoutForgettingItsMask(Dropout):
    def backward(self, dA, *, need_dA_prev=True):
        return dA / self.keep


class Normalize(Block):
    """BatchNorm's centring in train mode: A = gamma (A_prev - mean_batch(A_prev)) + beta, with a running mean
    buffer updated by every forward."""

    buffers = ("running_mean",)

    def __init__(self, n, rng=0):
        self.n = self.n_in = self.n_out = n
        self.rng = rng
        draw = np.random.default_rng(rng).standard_normal
        self.gamma, self.beta = 1 + 0.1 * draw((n, 1)), 0.1 * draw((n, 1))
        self.running_mean = np.zeros((n, 1))

    def forward(self, A_prev):
        mu = A_prev.mean(axis=1, keepdims=True)
        self.running_mean *= 0.9
        self.running_mean += 0.1 * mu
        self.centred = A_prev - mu
        return self.gamma * self.centred + self.beta

    def backward(self, dA, *, need_dA_prev=True):
        self.dgamma = (dA * self.centred).mean(axis=1, keepdims=True)
        self.dbeta = dA.mean(axis=1, keepdims=True)
        dcentred = dA * self.gamma
        return dcentred - dcentred.mean(axis=1, keepdims=True)

    def parameters(self):
        return [Parameter(self, "gamma"), Parameter(self, "beta")]


class NormalizeIgnoringTheBatchMean(Normalize):
    def backward(self, dA, *, need_dA_prev=True):
        super().backward(dA)
        return dA * self.gamma


class Drift(Block):
    """A block whose output depends on how often it ran: only a check that restores it can pass."""

    def __init__(self):
        self.calls = 0

    def forward(self, A_prev):
        self.calls += 1
        return A_prev + 0.01 * self.calls

    def backward(self, dA, *, need_dA_prev=True):
        return dA


class LayerWithoutOneOverM(Layer):
    def backward(self, dA, *, need_dA_prev=True):
        dA_prev = super().backward(dA)
        self.dW = self.dW * self.A_prev.shape[1]
        return dA_prev


class LayerWithWrongDAPrev(Layer):
    def backward(self, dA, *, need_dA_prev=True):
        return 1.001 * super().backward(dA)


def data(n0=4, m=7, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n0, m)), (rng.random((1, m)) > 0.5).astype(float)


def tanh_net(first=Layer):
    return Sequential(first(4, 3, activation=blocks.Tanh(), rng=0), Layer(3, 1, activation=blocks.Sigmoid(), rng=1))


def test_a_right_model_passes_and_returns_a_report():
    X, Y = data()
    report = check_gradients(tanh_net(), X, Y, BinaryCrossEntropy())
    assert isinstance(report, GradientReport) and report.ok
    assert [a.name for a in report.arrays] == ["0.W", "0.b", "1.W", "1.b", "dA0 / m"]
    assert report.worst.comparison.worst_rel < 1e-8
    assert "\n0.W      (3, 4)  12" in str(report) and "rtol = 1e-05" in str(report)


def test_a_wrong_derivative_is_rejected_naming_array_error_and_index():
    X, Y = data()
    model = Sequential(Layer(4, 3, activation=BadTanh(), rng=0), Layer(3, 1, activation=blocks.Sigmoid(), rng=1))
    with pytest.raises(AssertionError, match=r"0\.W: worst relative error [\d.]+ at \(\d, \d\), backprop"):
        check_gradients(model, X, Y, BinaryCrossEntropy())


@pytest.mark.parametrize("g", [blocks.Identity(), blocks.Sigmoid(), blocks.Tanh(), blocks.ReLU(), blocks.ELU(0.5),
                               blocks.GELU(), blocks.SiLU(), blocks.Softplus(), blocks.Softmax()], ids=repr)
def test_a_derivative_0_1_percent_too_large_is_rejected_and_its_twin_passes(g):
    X, Y = data(seed=3)
    for hidden, ok in ((g, True), (TooLarge(g), False)):
        model = Sequential(Layer(4, 5, activation=hidden, rng=2), Layer(5, 1, activation=blocks.Sigmoid(), rng=3))
        if ok:
            check_gradients(model, X, Y, BinaryCrossEntropy())
        else:
            with pytest.raises(AssertionError, match=r"0\.W: worst relative error 0\.00"):
                check_gradients(model, X, Y, BinaryCrossEntropy())


@pytest.mark.parametrize(("first", "name"), [(LayerWithoutOneOverM, r"0\.W"),
                                             (LayerWithWrongDAPrev, r"dA0 / m")])
def test_a_wrong_layer_backward_is_rejected_and_only_its_array_named(first, name):
    X, Y = data()
    with pytest.raises(AssertionError) as info:
        check_gradients(tanh_net(first), X, Y, BinaryCrossEntropy())
    failing = [line for line in str(info.value).splitlines() if "FAIL" in line]
    assert len(failing) == 1 and failing[0].startswith(name.replace("\\", ""))


def state_of(model):
    """Every attribute of every block, arrays as bytes and generators as their state."""
    def dump(value):
        if isinstance(value, np.ndarray):
            return ("array", id(value), value.dtype.str, value.shape, value.tobytes())
        if isinstance(value, np.random.Generator):
            return ("rng", id(value), repr(value.bit_generator.state))
        if isinstance(value, list):
            return [dump(v) for v in value]
        return ("value", id(value), repr(value))

    return [(id(b), {k: dump(v) for k, v in vars(b).items()}) for b in blocks_of(model)]


def busy_model(dtype=np.float64):
    return Sequential(
        Layer(4, 5, activation=blocks.ReLU(), rng=0, dtype=dtype), Dropout(0.6, rng=1), Normalize(5), Drift(),
        Layer(5, 3, activation=blocks.Softmax(), rng=2, dtype=dtype),
    )


@pytest.mark.parametrize("fresh", [True, False])
def test_leaves_the_model_and_the_callers_arrays_exactly_as_found(fresh):
    X, _ = data(m=6)
    Y = np.eye(3)[[0, 1, 2, 0, 1, 2]].T
    model = busy_model()
    if not fresh:  # caches and gradients from an earlier step must survive too
        model.backward(CategoricalCrossEntropy().backward(model.forward(X), Y))
    X.flags.writeable = Y.flags.writeable = False
    X0, Y0, before, global_rng = X.copy(), Y.copy(), state_of(model), np.random.get_state()[1].copy()
    check_gradients(model, X, Y, CategoricalCrossEntropy())
    assert state_of(model) == before
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)
    assert np.array_equal(np.random.get_state()[1], global_rng)


def test_dropout_sees_the_same_mask_in_every_evaluation():
    X, Y = data()
    model = Sequential(Layer(4, 5, activation=blocks.Tanh(), rng=0), Dropout(0.5, rng=7),
                       Layer(5, 1, activation=blocks.Sigmoid(), rng=1))
    check_gradients(model, X, Y, BinaryCrossEntropy())
    model.blocks[1] = DropoutForgettingItsMask(0.5, rng=7)
    with pytest.raises(AssertionError, match=r"0\.W: worst relative error"):
        check_gradients(model, X, Y, BinaryCrossEntropy())


def test_batch_statistics_in_train_mode_and_every_parameter_by_name():
    X, Y = data(m=5)
    model = Sequential(Layer(4, 3, activation=blocks.Tanh(), rng=0), Normalize(3), Drift(),
                       Layer(3, 1, activation=blocks.Sigmoid(), rng=1))
    report = check_gradients(model, X, Y, BinaryCrossEntropy())
    assert {"1.gamma", "1.beta"} <= {a.name for a in report.arrays}
    model.blocks[1] = NormalizeIgnoringTheBatchMean(3)
    with pytest.raises(AssertionError, match=r"0\.W: worst relative error"):
        check_gradients(model, X, Y, BinaryCrossEntropy())


def test_relu_kinks_are_stepped_around_and_reported_but_errors_elsewhere_are_not():
    rng = np.random.default_rng(10)
    X, Y = rng.standard_normal((4, 6)), (rng.random((1, 6)) > 0.5).astype(float)
    X[:, :3] = 0.0  # with b = 0, every first-layer Z of these samples sits exactly at ReLU's kink
    model = Sequential(Layer(4, 6, activation=blocks.ReLU(), rng=10), Layer(6, 4, activation=blocks.ReLU(), rng=110),
                       Layer(4, 1, activation=blocks.Sigmoid(), rng=210))
    # Moving X[3, 0] turns on some units for t > 0 and others for t < 0: J is nearly straight across the
    # kink, so only the units' own Z (not J) shows it; backprop's 0 and the differences' -0.027 both stand.
    report = check_gradients(model, X, Y, BinaryCrossEntropy())
    assert report.arrays[-1].comparison.kinks[3, 0]
    assert "moved across a kink" in str(report)
    model[0].activation = TooLarge(blocks.ReLU())
    with pytest.raises(AssertionError, match=r"0\.W: worst relative error 0\.00"):
        check_gradients(model, X, Y, BinaryCrossEntropy())


def test_a_float32_model_is_checked_in_float64_and_stays_float32():
    X, Y = data()
    model = tanh_net()
    model32 = Sequential(*(Layer(L.n_in, L.n_out, activation=L.activation, rng=i, dtype=np.float32)
                           for i, L in enumerate(model)))
    W = model32[0].W
    report = check_gradients(model32, X.astype(np.float32), Y, BinaryCrossEntropy())
    assert report.dtype == np.float64 and report.rtol == 1e-5
    assert model32[0].W is W and W.dtype == np.float32 and model32[0].dtype == np.float32
    model32[0].activation = TooLarge(blocks.Tanh())
    with pytest.raises(AssertionError, match=r"0\.W"):
        check_gradients(model32, X.astype(np.float32), Y, BinaryCrossEntropy())


def test_max_entries_checks_a_sample_including_the_largest_gradient():
    X, Y = data(n0=30, m=5)
    model = Sequential(Layer(30, 8, activation=blocks.Tanh(), rng=0), Layer(8, 2, activation=blocks.Sigmoid(), rng=1))
    report = check_gradients(model, X, np.vstack([Y, 1 - Y]), MeanSquaredError(), max_entries=4)
    assert [a.comparison.compared for a in report.arrays] == [4, 4, 4, 2, 4]


def test_one_block_in_isolation_with_a_random_upstream_gradient():
    rng = np.random.default_rng(0)
    layer = Layer(3, 2, activation=blocks.GELU(), rng=0)
    report = check_gradients(layer, rng.standard_normal((3, 4)), rng.standard_normal((2, 4)), LinearLoss())
    assert [a.name for a in report.arrays] == ["model.W", "model.b", "dA0 / m"]


def test_a_backward_that_sets_no_gradient_is_named():
    class Lazy(Layer):
        def backward(self, dA, *, need_dA_prev=True):
            dA_prev = super().backward(dA)
            self.db = None
            return dA_prev

    X, Y = data()
    with pytest.raises(AssertionError, match=r"Parameter\(Lazy.b, shape=\(3, 1\)\): backward did not set db"):
        check_gradients(tanh_net(Lazy), X, Y, BinaryCrossEntropy())


def test_gradients_of_the_wrong_shape_are_named():
    class Transposed(Layer):
        def backward(self, dA, *, need_dA_prev=True):
            dA_prev = super().backward(dA)
            self.dW = self.dW.T
            return dA_prev

    class Flat(Layer):
        def backward(self, dA, *, need_dA_prev=True):
            return super().backward(dA).ravel()

    X, Y = data()
    with pytest.raises(AssertionError, match=r"dW must have the shape of W, \(3, 4\); got \(4, 3\)"):
        check_gradients(tanh_net(Transposed), X, Y, BinaryCrossEntropy())
    with pytest.raises(AssertionError, match=r"must return dA0 shaped like X, \(4, 7\); got \(28,\)"):
        check_gradients(tanh_net(Flat), X, Y, BinaryCrossEntropy())


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((object(), "X", "Y", BinaryCrossEntropy()), {}, TypeError,
         r"model must have forward, backward, parameters; object has no forward, backward, parameters"),
        ((tanh_net(), "X", "Y", BinaryCrossEntropy), {}, TypeError,
         r"loss must be an instance, such as BinaryCrossEntropy\(\), not the class"),
        ((tanh_net(), [["a"]], [[1.0]], BinaryCrossEntropy()), {}, TypeError, r"X must be a numeric array"),
        ((tanh_net(), np.ones(4), [[1.0]], BinaryCrossEntropy()), {}, ValueError,
         r"X must be \(n, m\) with samples as columns"),
        ((tanh_net(), np.ones((4, 1)), [[1.0]], BinaryCrossEntropy()), {"max_entries": 0}, ValueError,
         r"max_entries must be a positive int or None. Received: max_entries=0"),
        ((tanh_net(), np.ones((4, 1)), [[1.0]], BinaryCrossEntropy()), {"rtol": 2}, ValueError,
         r"rtol must be a number in \(0, 1\). Received: rtol=2"),
    ],
)
def test_bad_arguments_are_named(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_gradients(*args, **kwargs)
