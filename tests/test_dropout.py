"""Inverted dropout: the course's mask, the same mask in backward, identity in eval mode."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import blocks
from blocks import Dropout, Layer, Sequential
from blocks.testing import check_gradients
from blocks.testing.strategies import matrices, sizes
from losses import BinaryCrossEntropy

keep_probs = st.floats(0.05, 1.0)


@given(data=st.data(), n=sizes(), m=sizes(), keep_prob=keep_probs, seed=st.integers(0, 2**16))
def test_forward_is_the_course_formula_and_backward_reuses_the_mask(data, n, m, keep_prob, seed):
    A_prev, dA = data.draw(matrices(n, m)), data.draw(matrices(n, m))
    block = Dropout(keep_prob=keep_prob, rng=seed)
    A = block.forward(A_prev)
    D = np.random.default_rng(seed).random((n, m)) < keep_prob  # the course: D = np.random.rand(...) < keep_prob
    if keep_prob == 1.0:
        D = np.ones((n, m), dtype=bool)
    else:
        assert np.array_equal(block.D, D)
    assert np.array_equal(A, A_prev * D / keep_prob)
    assert np.array_equal(block.backward(dA), dA * D / keep_prob)


def test_each_forward_draws_a_new_mask_and_backward_uses_the_last():
    block = Dropout(keep_prob=0.5, rng=0)
    X = np.ones((4, 50))
    first, second = block.forward(X), block.forward(X)
    assert not np.array_equal(first, second)
    assert np.array_equal(block.backward(np.ones((4, 50))), second)


def test_expected_value_is_unchanged():
    block = Dropout(keep_prob=0.8, rng=1)
    A = block.forward(np.full((100, 2000), 3.0))
    assert set(np.unique(A)) == {0.0, 3.0 / 0.8}
    assert A.mean() == pytest.approx(3.0, abs=0.02)  # std of the mean: 3 * 0.5 / sqrt(2e5) < 0.004
    assert (A == 0).mean() == pytest.approx(0.2, abs=0.005)


@given(X=matrices(3, 4))
def test_eval_mode_and_keep_prob_one_are_the_identity(X):
    block = Dropout(keep_prob=0.5, rng=0).eval()
    assert block.forward(X) is X and block.backward(X) is X
    assert Dropout(keep_prob=1.0).forward(X) is X
    model = Sequential(Layer(3, 2, rng=0), Dropout(keep_prob=0.5, rng=1))
    assert np.array_equal(model.predict(X), model[0].forward(X))
    assert model.training and model[1].training, "predict did not restore training mode"


def test_same_seed_same_masks_and_generators_are_accepted():
    X = np.ones((3, 10))
    assert np.array_equal(Dropout(keep_prob=0.5, rng=7).forward(X), Dropout(keep_prob=0.5, rng=7).forward(X))
    rng = np.random.default_rng(7)
    assert Dropout(keep_prob=0.5, rng=rng).rng is rng


def test_float32_stays_float32_and_there_are_no_parameters():
    block = Dropout(keep_prob=0.7, rng=0)
    A = block.forward(np.ones((2, 3), dtype=np.float32))
    assert A.dtype == block.backward(np.ones((2, 3), dtype=np.float32)).dtype == np.float32
    assert block.parameters() == [] and block.num_parameters() == 0


def test_config_is_plain_data_and_repr_reads_well():
    block = Dropout(keep_prob=0.8, rng=np.random.default_rng(0))
    assert block.get_config() == {"keep_prob": 0.8}
    assert repr(block) == "Dropout(keep_prob=0.8)"
    assert Sequential(Layer(4, 3), block).n_out == 3


def test_network_gradients_with_a_fixed_mask_match_central_differences():
    """With the mask held fixed (check_gradients restores the rng before each forward) it is smooth."""
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 6)), (rng.random((1, 6)) > 0.5).astype(float)
    drop = Dropout(keep_prob=0.6, rng=3)
    model = Sequential(
        Layer(3, 5, activation=blocks.Tanh(), rng=1), drop, Layer(5, 1, activation=blocks.Sigmoid(), rng=2)
    )
    report = check_gradients(model, X, Y, BinaryCrossEntropy())  # replays the same mask in every evaluation
    assert report.ok
    assert not np.all(drop.D), "the test needs some units dropped"


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: Dropout(keep_prob=0.0), ValueError, r"keep_prob must be in \(0.0, 1.0\]. Received: keep_prob=0.0"),
        (lambda: Dropout(keep_prob=1.5), ValueError, r"keep_prob must be in \(0.0, 1.0\]"),
        (lambda: Dropout(keep_prob="0.5"), TypeError, "keep_prob must be a real number"),
        (lambda: Dropout(keep_prob=0.5, rng="seed"), TypeError,
         "rng must be an int seed, a numpy.random.Generator or None"),
        (lambda: Dropout(keep_prob=0.5).backward(np.ones((2, 2))), RuntimeError,
         r"backward\(dA\) was called before forward"),
        (lambda: Dropout(keep_prob=0.5).forward(np.ones(3)), ValueError, r"expects A_prev of shape \(n\^\[l\], m\)"),
        (lambda: Dropout(keep_prob=0.5).forward(np.array([["a"]])), TypeError, "A_prev must be a numeric array"),
    ],
)
def test_bad_input_is_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_dA_of_another_shape_is_refused():
    block = Dropout(keep_prob=0.5, rng=0)
    block.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(2, 3\); got \(3, 2\)"):
        block.backward(np.ones((3, 2)))


@pytest.mark.parametrize("args", [(0.2,), (0.2, 0)])
def test_a_bare_number_is_refused_since_keras_and_pytorch_read_it_the_other_way(args):
    with pytest.raises(TypeError, match=r"Dropout takes exactly one of keep_prob= \(the course's: the probability of "
                                        r"keeping a unit\) or rate= \(PyTorch's and Keras's: the probability of "
                                        r"dropping one\), by name.*Received: Dropout\(0.2"):
        Dropout(*args)


@pytest.mark.parametrize("kwargs", [{}, {"keep_prob": 0.8, "rate": 0.2}])
def test_exactly_one_of_keep_prob_and_rate(kwargs):
    with pytest.raises(TypeError, match=r"exactly one of keep_prob= .* Received: keep_prob="):
        Dropout(**kwargs)


@given(rate=st.floats(0.0, 0.95), seed=st.integers(0, 2**16))
def test_rate_drops_that_fraction_as_pytorch_and_keras_do(rate, seed):
    block = Dropout(rate=rate, rng=seed)
    assert block.keep_prob == 1.0 - rate and repr(block) == f"Dropout(rate={rate!r})"
    X = np.ones((3, 7))
    D = np.random.default_rng(seed).random((3, 7)) < 1.0 - rate
    assert np.array_equal(block.forward(X), X * D / (1.0 - rate))


@pytest.mark.parametrize(("rate", "message"), [(1.0, r"rate must be in \[0.0, 1.0\)"), (-0.1, r"rate must be in")])
def test_rate_must_leave_something(rate, message):
    with pytest.raises(ValueError, match=message):
        Dropout(rate=rate)


def test_rate_is_saved_as_given(tmp_path):
    Sequential(Layer(2, 3, rng=0), Dropout(rate=0.25, rng=1)).save(tmp_path / "m.npz")
    assert repr(Sequential.load(tmp_path / "m.npz")[1]) == "Dropout(rate=0.25)"


def test_the_courses_masks_in_two_lines():
    """The course: np.random.seed(1); D1 = np.random.rand(*A1.shape) < keep_prob; ... D2 likewise."""
    A1, A2, keep_prob = np.ones((20, 5)), np.ones((3, 5)), 0.7
    np.random.seed(1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob  # noqa: NPY002 (the course's own code)
    D2 = np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob  # noqa: NPY002
    state = np.random.RandomState(1)
    first, second = Dropout(keep_prob=keep_prob, rng=state), Dropout(keep_prob=keep_prob, rng=state)
    assert np.array_equal(first.forward(A1), A1 * D1 / keep_prob)
    assert np.array_equal(second.forward(A2), A2 * D2 / keep_prob)


def test_a_mask_hook_draws_the_mask():
    D = np.array([[1, 0, 1], [0, 1, 1]])
    block = Dropout(keep_prob=0.5, mask=lambda shape: D)
    assert np.array_equal(block.forward(np.ones((2, 3))), D / 0.5)
    assert np.array_equal(block.backward(np.full((2, 3), 3.0)), 3.0 * D / 0.5)
    assert block.backward(np.ones((2, 3)), need_dA_prev=False) is None


@pytest.mark.parametrize(("mask", "error", "message"), [
    ("ones", TypeError, r"mask must be a function mask\(shape\) -> D of 0s and 1s, or None. Received: mask='ones'"),
    (lambda shape: np.full(shape, 0.5), ValueError, r"mask\(shape\) must return 0s and 1s of shape \(2, 3\); got"),
    (lambda shape: np.ones((3, 2)), ValueError, r"of shape \(2, 3\); got float64 of shape \(3, 2\)"),
])
def test_a_bad_mask_hook_is_named(mask, error, message):
    with pytest.raises(error, match=message):
        Dropout(keep_prob=0.5, mask=mask).forward(np.ones((2, 3)))
