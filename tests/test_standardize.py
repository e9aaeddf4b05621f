"""Standardize: a fixed per-row affine map (inputs standardised, or outputs put back in their units)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from blocks import Layer, Sequential, Sigmoid, Standardize, Tanh
from blocks.testing import check_gradients, numerical_gradient
from blocks.testing.strategies import matrices, sizes, standardizes
from losses import BinaryCrossEntropy


@given(data=st.data(), n=sizes(), m=sizes())
def test_backward_matches_central_differences(data, n, m):
    block = data.draw(standardizes(n))
    A_prev, dA = data.draw(matrices(n, m)), data.draw(matrices(n, m))
    block.forward(A_prev)
    dA_prev = block.backward(dA)
    assert_allclose(dA_prev, numerical_gradient(lambda A: float((dA * block.forward(A)).sum()), A_prev),
                    rtol=1e-7, atol=1e-9)


@given(X=matrices(3, 8, -50.0, 50.0))
def test_adapt_gives_rows_of_mean_0_and_std_1_and_inverse_undoes_it(X):
    block = Standardize(3).adapt(X)
    A = block.forward(X)
    spread = X.std(axis=1) > 0
    assert np.allclose(A.mean(axis=1), 0, atol=1e-9)
    assert np.allclose(A.std(axis=1)[spread], 1) and np.all(block.std[~spread] == 1)
    back = Standardize(3, inverse=True)
    back.mean, back.std = block.mean, block.std
    assert np.allclose(back.forward(A), X, atol=1e-9)


def test_in_a_network_the_gradients_are_right_and_it_has_no_parameters():
    rng = np.random.default_rng(0)
    X, Y = 100 * rng.standard_normal((3, 7)) + 50, (rng.random((1, 7)) > 0.5).astype(float)
    scale = Standardize(3).adapt(X)
    model = Sequential(scale, Layer(3, 4, activation=Tanh(), rng=1), Layer(4, 1, activation=Sigmoid(), rng=2))
    check_gradients(model, X, Y, BinaryCrossEntropy())  # every dW, db and dA0, through the Standardize
    assert scale.parameters() == [] and scale.buffers == ("mean", "std")
    assert model.parameters() == [p for block in model.blocks[1:] for p in block.parameters()]


def test_config_repr_and_dtype():
    block = Standardize(2, inverse=True, dtype=np.float32)
    assert block.get_config() == {"n": 2, "inverse": True, "dtype": "float32"}
    assert repr(block) == "Standardize(2, inverse=True, dtype=float32)" and repr(Standardize(4)) == "Standardize(4)"
    assert block.forward(np.ones((2, 3), np.float32)).dtype == np.float32
    block.adapt(np.arange(6.0).reshape(2, 3))
    assert block.mean.dtype == block.std.dtype == np.float32 and block.mean.shape == (2, 1)


def test_bad_input_is_named():
    block = Standardize(2)
    with pytest.raises(RuntimeError, match=r"Standardize\(2\): backward\(dA\) was called before forward"):
        block.backward(np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"expects A_prev with n = 2 rows.*It looks transposed"):
        block.forward(np.ones((3, 2)))
    block.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Standardize\(2\) expects dA shaped like its A, \(2, 3\); got \(3, 3\)"):
        block.backward(np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"expects dA shaped like its A, \(2, 3\); got \(2, 4\)"):
        block.backward(np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"std must be finite and > 0 in every row"):
        block.std = np.array([[1.0], [0.0]])
    with pytest.raises(ValueError, match=r"adapt needs at least one sample \(m >= 1\)"):
        block.adapt(np.ones((2, 0)))
    with pytest.raises(ValueError, match="X holds NaN or inf; cannot standardise it"):
        block.adapt(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ValueError, match=r"std must have shape \(2, 1\), got \(2,\)"):
        block.std = np.ones(2)
    with pytest.raises(TypeError, match="inverse must be True or False. Received: inverse=1"):
        Standardize(2, inverse=1)
