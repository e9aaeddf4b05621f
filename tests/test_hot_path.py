"""The training step: every array handed out left alone, A_prev cached without a copy, need_dA_prev=False,
the speed devices that stayed (README "Speed") giving the seed's values, and float32 end to end."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import Block, Layer, Sequential
from blocks.testing.strategies import matrices, sizes
from losses import BinaryCrossEntropy, CategoricalCrossEntropy
from optim import SGD


def network(dtype=np.float64, n_out=1, output=None):
    return Sequential(
        Layer(6, 5, activation=blocks.ReLU(), rng=0, dtype=dtype),
        Layer(5, 4, activation=blocks.Tanh(), rng=1, dtype=dtype),
        Layer(4, n_out, activation=output or blocks.Sigmoid(), rng=2, dtype=dtype),
    )


def batch(m, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((6, m)).astype(dtype), (rng.random((1, m)) < 0.5).astype(dtype)


def seed_gradients(layer, dA):
    """dZ, dW, db and dA_prev written out as the seed does, from the layer's cache."""
    dZ = layer.activation.backward(dA, layer.Z, layer.A)
    m = dZ.shape[1]
    return dZ, dZ @ layer.A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m, layer.W.T @ dZ


@given(n_in=sizes(), n_out=sizes(), m1=st.integers(1, 12), m2=st.integers(1, 12), data=st.data())
def test_dW_db_hold_the_seed_formulas_step_after_step(n_in, n_out, m1, m2, data):
    """Both branches of the 1/m (m < n_in and m >= n_in), and a batch size that changes."""
    layer = Layer(n_in, n_out, activation=blocks.Tanh(), rng=0)
    for m in (m1, m2, m1):
        layer.forward(data.draw(matrices(n_in, m)))
        dA = data.draw(matrices(n_out, m))
        dZ, dW, db, dA_prev = seed_gradients(layer, dA)
        assert_allclose(layer.backward(dA), dA_prev, err_msg="dA_prev", rtol=1e-5, atol=1e-7)
        assert_allclose(layer.dZ, dZ, err_msg="dZ", rtol=1e-5, atol=1e-7)
        assert_allclose(layer.dW, dW, err_msg="dW", rtol=1e-5, atol=1e-7)
        assert_allclose(layer.db, db, err_msg="db", rtol=1e-5, atol=1e-7)


def test_arrays_handed_out_never_change_afterwards():
    """AL, dAL, dA0 and the cached Z, A, dZ, dW, db of one step are new arrays; the next step leaves them be."""
    model, loss, opt = network(), BinaryCrossEntropy(), None
    opt = SGD(model.parameters(), lr=0.1)
    X, Y = batch(8, 0)
    AL = model.forward(X)
    dAL = loss.backward(AL, Y)
    dA0 = model.backward(dAL, need_dA_prev=True)
    opt.step()
    held = {"AL": AL, "dAL": dAL, "dA0": dA0}
    for i, layer in enumerate(model):
        held.update({f"Z{i}": layer.Z, f"A{i}": layer.A, f"dZ{i}": layer.dZ, f"dW{i}": layer.dW, f"db{i}": layer.db})
    copies = {k: v.copy() for k, v in held.items()}
    X2, Y2 = batch(8, 1)
    AL2 = model.forward(X2)
    model.backward(loss.backward(AL2, Y2))
    opt.step()
    for name, array in held.items():
        assert np.array_equal(array, copies[name]), f"{name} changed under its holder"


def test_A_prev_is_cached_not_copied():
    model = network()
    X, _ = batch(5, 0)
    AL = model.forward(X)
    assert model[0].A_prev is X
    assert model[1].A_prev is model[0].A and model[2].A_prev is model[1].A and AL is model[2].A


def test_reassigned_weights_are_used():
    layer = Layer(3, 2, activation=blocks.Identity(), rng=0)
    X, dA = np.ones((3, 4)), np.ones((2, 4))
    layer.forward(X)
    layer.backward(dA)
    layer.W = np.full((2, 3), 2.0)
    layer.forward(X)
    dA_prev = layer.backward(dA)
    assert_allclose(dA_prev, layer.W.T @ dA, rtol=1e-5, atol=1e-7)
    assert_allclose(layer.dW, dA @ X.T / 4, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("output", [blocks.Sigmoid(), blocks.Tanh()], ids=repr)
def test_backward_stops_at_layer_1_with_the_same_gradients_as_when_dA0_is_asked_for(output):
    X, Y = batch(7, 3)
    full, fast = network(output=output), network(output=output)
    loss = BinaryCrossEntropy()
    dA0 = full.backward(loss.backward(full.forward(X), Y), need_dA_prev=True)
    assert dA0.shape == X.shape
    assert fast.backward(loss.backward(fast.forward(X), Y)) is None
    for p, q in zip(full.parameters(), fast.parameters(), strict=True):
        assert np.array_equal(p.grad, q.grad), p


def test_need_dA_prev_false_skips_the_product():
    layer = Layer(3, 2, rng=0)
    layer.forward(np.ones((3, 4)))
    assert layer.backward(np.ones((2, 4)), need_dA_prev=False) is None
    assert layer.dW.shape == (2, 3)


def test_backward_without_dA0_when_the_first_block_is_not_a_layer():
    class Double(Block):
        def forward(self, A_prev):
            return 2 * A_prev

        def backward(self, dA, *, need_dA_prev=True):
            return 2 * dA

    model = Sequential(Double(), Layer(6, 1, activation=blocks.Sigmoid(), rng=0))
    X, Y = batch(4, 0)
    loss = BinaryCrossEntropy()
    assert model.backward(loss.backward(model.forward(X), Y), need_dA_prev=False) is None
    assert model[1].dW.shape == (1, 6)


def test_shape_errors_still_name_the_block_when_no_dA0_is_asked_for():
    model = network()
    model.forward(np.ones((6, 3)))
    with pytest.raises(ValueError, match=r"block 2 of the Sequential: .*dA shaped like its A, \(1, 3\)"):
        model.backward(np.ones((3, 1)), need_dA_prev=False)


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), CategoricalCrossEntropy()], ids=repr)
def test_float32_end_to_end_over_several_steps(loss):
    n = 1 if isinstance(loss, BinaryCrossEntropy) else 3
    output = blocks.Sigmoid() if n == 1 else blocks.Softmax()
    model = network(np.float32, n, output)
    opt = SGD(model.parameters(), lr=0.1)
    X = np.random.default_rng(0).standard_normal((6, 9)).astype(np.float32)
    Y = np.eye(n, dtype=np.float32)[:, np.arange(9) % n] if n > 1 else (X[:1] > 0).astype(np.float32)
    for need_dA_prev in (True, False, True):
        AL = model.forward(X)
        dAL = loss.backward(AL, Y)
        dA0 = model.backward(dAL, need_dA_prev=need_dA_prev)
        opt.step()
        arrays = [AL, dAL] + ([dA0] if need_dA_prev else [])
        for layer in model:
            arrays += [layer.W, layer.b, layer.Z, layer.A, layer.dZ, layer.dW, layer.db]
        assert all(a.dtype == np.float32 for a in arrays), [a.dtype for a in arrays]


def test_relu_is_max_of_Z_and_0_in_its_dtype():
    Z = np.array([[-1.0, 0.0, 2.0], [np.inf, -np.inf, -0.5]])
    assert np.array_equal(blocks.ReLU().forward(Z), np.maximum(Z, 0))
    assert blocks.ReLU().forward(Z.astype(np.float32)).dtype == np.float32


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_unit_dA_prev_is_the_outer_product_W_T_dZ_exactly(dtype):
    """n_out = 1: dA_prev = W^T dZ is computed as (n_in, 1) * (1, m), the same values bit for bit."""
    layer = Layer(7, 1, activation=blocks.Tanh(), rng=0, dtype=dtype)
    rng = np.random.default_rng(1)
    layer.forward(rng.standard_normal((7, 9)).astype(dtype))
    dA_prev = layer.backward(rng.standard_normal((1, 9)).astype(dtype))
    assert dA_prev.dtype == dtype and dA_prev.shape == (7, 9)
    assert np.array_equal(dA_prev, layer.W.T @ layer.dZ)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_one_over_one_plus_e_to_the_minus_Z_and_never_warns(dtype):
    """The sigmoid: within 3 ulp of the exact value wherever that value is a normal number of
    dtype, exactly 0 or 1 at +-1e3, and no overflow warning (the suite turns warnings into errors)."""
    Z = np.linspace(-1e3, 1e3, 200_001).astype(dtype)[None]
    A = blocks.Sigmoid().forward(Z)
    assert A.dtype == dtype and A.shape == Z.shape
    exact = 1 / (1 + np.exp(-Z.astype(np.longdouble)))
    normal = exact >= np.finfo(dtype).tiny
    ulp = np.spacing(exact[normal].astype(dtype)).astype(np.longdouble)
    assert (np.abs(A[normal] - exact[normal]) <= 3 * ulp).all()  # the former e^-|Z| form: 2.4 ulp
    assert A[0, 0] == 0 and A[0, -1] == 1 and (A[~normal] < np.finfo(dtype).tiny).all()


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), CategoricalCrossEntropy()], ids=repr)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy_clips_AL_into_eps_and_1_minus_eps(loss, dtype):
    """AL inside [eps, 1 - eps] is unchanged by the clip; AL with an entry outside, exactly 0 or 1 or below
    eps, is clipped. J and dAL are the clipped formulas either way."""
    eps = np.finfo(dtype).eps
    Y = np.array([[1, 0, 0], [0, 1, 1]], dtype)
    for AL, clips in [([[eps, 0.5, 0.25], [1 - eps, 0.5, 0.75]], False),
                      ([[0.0, 0.5, 0.25], [1.0, 0.5, 0.75]], True),
                      ([[eps / 4, 0.5, 0.25], [1 - eps / 4, 0.5, 0.75]], True)]:
        AL = np.array(AL, dtype)
        clipped = np.minimum(np.maximum(AL, eps), 1 - eps)
        assert np.array_equal(clipped, AL) != clips
        J = loss.forward(AL, Y)
        assert np.array_equal(loss.clipped(AL), AL) != clips
        if isinstance(loss, BinaryCrossEntropy):
            expected_J = -(Y * np.log(clipped) + (1 - Y) * np.log1p(-clipped)).sum() / 3
            expected_dAL = -(Y / clipped) + (1 - Y) / (1 - clipped)
        else:
            expected_J, expected_dAL = -(Y * np.log(clipped)).sum() / 3, -Y / clipped
        assert_allclose(J, expected_J, rtol=4 * eps)
        assert_allclose(loss.backward(AL, Y), expected_dAL, rtol=4 * eps)
