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
    block = Dropout(keep_prob, rng=seed)
    A = block.forward(A_prev)
    D = np.random.default_rng(seed).random((n, m)) < keep_prob  # the course: D = np.random.rand(...) < keep_prob
    if keep_prob == 1.0:
        D = np.ones((n, m), dtype=bool)
    else:
        assert np.array_equal(block.D, D)
    assert np.array_equal(A, A_prev * D / keep_prob)
    assert np.array_equal(block.backward(dA), dA * D / keep_prob)


def test_each_forward_draws_a_new_mask_and_backward_uses_the_last():
    block = Dropout(0.5, rng=0)
    X = np.ones((4, 50))
    first, second = block.forward(X), block.forward(X)
    assert not np.array_equal(first, second)
    assert np.array_equal(block.backward(np.ones((4, 50))), second)


def test_expected_value_is_unchanged():
    block = Dropout(0.8, rng=1)
    A = block.forward(np.full((100, 2000), 3.0))
    assert set(np.unique(A)) == {0.0, 3.0 / 0.8}
    assert A.mean() == pytest.approx(3.0, abs=0.02)  # std of the mean: 3 * 0.5 / sqrt(2e5) < 0.004
    assert (A == 0).mean() == pytest.approx(0.2, abs=0.005)


@given(X=matrices(3, 4))
def test_eval_mode_and_keep_prob_one_are_the_identity(X):
    block = Dropout(0.5, rng=0).eval()
    assert block.forward(X) is X and block.backward(X) is X
    assert Dropout(1.0).forward(X) is X
    model = Sequential(Layer(3, 2, rng=0), Dropout(0.5, rng=1))
    assert np.array_equal(model.predict(X), model[0].forward(X))
    assert model.training and model[1].training, "predict did not restore training mode"


def test_same_seed_same_masks_and_generators_are_accepted():
    X = np.ones((3, 10))
    assert np.array_equal(Dropout(0.5, rng=7).forward(X), Dropout(0.5, rng=7).forward(X))
    rng = np.random.default_rng(7)
    assert Dropout(0.5, rng=rng).rng is rng


def test_float32_stays_float32_and_there_are_no_parameters():
    block = Dropout(0.7, rng=0)
    A = block.forward(np.ones((2, 3), dtype=np.float32))
    assert A.dtype == block.backward(np.ones((2, 3), dtype=np.float32)).dtype == np.float32
    assert block.parameters() == [] and block.num_parameters() == 0


def test_config_is_plain_data_and_repr_reads_well():
    block = Dropout(0.8, rng=np.random.default_rng(0))
    assert block.get_config() == {"keep_prob": 0.8}
    assert repr(block) == "Dropout(keep_prob=0.8)"
    assert Sequential(Layer(4, 3), block).n_out == 3


def test_network_gradients_with_a_fixed_mask_match_central_differences():
    """With the mask held fixed (check_gradients restores the rng before each forward) it is smooth."""
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 6)), (rng.random((1, 6)) > 0.5).astype(float)
    drop = Dropout(0.6, rng=3)
    model = Sequential(
        Layer(3, 5, activation=blocks.Tanh(), rng=1), drop, Layer(5, 1, activation=blocks.Sigmoid(), rng=2)
    )
    report = check_gradients(model, X, Y, BinaryCrossEntropy())  # replays the same mask in every evaluation
    assert report.ok
    assert not np.all(drop.D), "the test needs some units dropped"


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: Dropout(0.0), ValueError, r"keep_prob must be in \(0.0, 1.0\]. Received: keep_prob=0.0"),
        (lambda: Dropout(1.5), ValueError, r"keep_prob must be in \(0.0, 1.0\]"),
        (lambda: Dropout("0.5"), TypeError, "keep_prob must be a real number"),
        (lambda: Dropout(0.5, rng="seed"), TypeError, "rng must be an int seed, a numpy.random.Generator or None"),
        (lambda: Dropout(0.5).backward(np.ones((2, 2))), RuntimeError, r"backward\(dA\) was called before forward"),
        (lambda: Dropout(0.5).forward(np.ones(3)), ValueError, r"expects A_prev of shape \(n\^\[l\], m\)"),
        (lambda: Dropout(0.5).forward(np.array([["a"]])), TypeError, "A_prev must be a numeric array"),
    ],
)
def test_bad_input_is_named(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_dA_of_another_shape_is_refused():
    block = Dropout(0.5, rng=0)
    block.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(2, 3\); got \(3, 2\)"):
        block.backward(np.ones((3, 2)))
