"""Fused output gradients: sigmoid + binary cross-entropy and softmax + categorical give dZ = AL - Y
exactly, only for an unchanged dAL the loss returned for that very AL, and equal to the unfused product."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import Layer, Sequential
from blocks.testing.strategies import matrices, one_hot, sizes
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError

PAIRS = [(blocks.Sigmoid(), BinaryCrossEntropy()), (blocks.Softmax(), CategoricalCrossEntropy())]


def output_layer(g, n_out, dtype=np.float64):
    return Layer(3, n_out, activation=g, rng=0, dtype=dtype)


def labels(loss, n, m, seed=0):
    rng = np.random.default_rng(seed)
    if isinstance(loss, CategoricalCrossEntropy):
        return np.eye(n)[:, rng.integers(0, n, m)]
    return (rng.random((n, m)) < 0.5).astype(float)


def unfused_dZ(g, dA, Z, A):
    """The product dA * g'(Z) as the base class computes it (softmax: its Jacobian-vector product)."""
    if isinstance(g, blocks.Softmax):
        return A * (dA - (dA * A).sum(axis=0, keepdims=True))
    return dA * g.derivative(Z, A)


@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
@given(data=st.data(), m=sizes())
def test_fused_dZ_is_AL_minus_Y_and_equals_the_unfused_product(g, loss, data, m):
    n = 1 if isinstance(g, blocks.Sigmoid) else data.draw(st.integers(2, 4))
    layer = output_layer(g, n)
    AL = layer.forward(data.draw(matrices(3, m, -2, 2)))
    Y = data.draw(one_hot(n, m)) if isinstance(g, blocks.Softmax) else data.draw(matrices(n, m, 0, 1)).round()
    dAL = loss.backward(AL, Y)
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, AL - Y)
    assert_allclose(layer.dZ, unfused_dZ(g, dAL, layer.Z, AL), rtol=1e-10, atol=1e-14, err_msg="fused vs unfused")


def test_soft_labels_use_the_general_softmax_form():
    """Columns of Y that do not sum to 1 (soft or missing labels): dZ = AL sum_rows(Y) - Y, still exact."""
    layer = output_layer(blocks.Softmax(), 3)
    AL = layer.forward(np.random.default_rng(1).standard_normal((3, 4)))
    Y = np.array([[0.5, 0.0, 0.2, 0.0], [0.5, 0.0, 0.2, 0.0], [0.0, 0.0, 0.2, 2.0]])
    dAL = CategoricalCrossEntropy().backward(AL, Y)
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, AL * Y.sum(axis=0) - Y)
    assert_allclose(layer.dZ, unfused_dZ(blocks.Softmax(), dAL, layer.Z, AL), rtol=1e-10, atol=1e-14)


def saturated(g):
    """An output layer, its AL and Y, where column 0 saturates: AL = 1 exactly where Y = 0. There the
    fused dZ is AL - Y = 1 and the unfused product 0, so the two paths cannot be mistaken."""
    n = 1 if isinstance(g, blocks.Sigmoid) else 2
    layer = output_layer(g, n)
    layer.W = np.eye(n, 3)
    layer.b = np.zeros((n, 1))
    X = np.array([[1e3, 0.3, -0.5, 1.2], [0.0, 0.7, 0.1, -0.4], [0.0, 0.0, 0.0, 0.0]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0]]) if n == 1 else np.array([[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0]])
    AL = layer.forward(X)
    assert AL[0, 0] == 1.0
    return layer, AL, Y


@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
def test_saturated_output_keeps_its_gradient(g, loss):
    layer, AL, Y = saturated(g)
    dAL = loss.backward(AL, Y)
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, AL - Y) and layer.dZ[0, 0] == 1.0
    assert unfused_dZ(g, dAL, layer.Z, AL)[0, 0] == 0.0


def modified(dAL, how):
    """dAL changed in one of the ways a user can change an array (each yields a plain gradient)."""
    if how == "in-place multiply":
        dAL *= 0.5
    elif how == "item assignment":
        dAL[:, 0] = dAL[:, 0] * 0.5
    elif how == "ufunc out=":
        np.multiply(dAL, 0.5, out=dAL)
    elif how == "write through a slice":
        dAL[:, :1] *= 0.5
    elif how == "write through a plain view":
        np.asarray(dAL)[...] *= 0.5  # a base-class view: no hook sees this write, the value check does
    elif how == "write through the transpose":
        dAL.T[...] *= 0.5
    elif how == "np.copyto":
        np.copyto(dAL, 0.5 * np.asarray(dAL))
    elif how == "fill":
        dAL.fill(0.25)
    else:
        raise AssertionError(how)
    return dAL


MODIFICATIONS = ["in-place multiply", "item assignment", "ufunc out=", "write through a slice",
                 "write through a plain view", "write through the transpose", "np.copyto", "fill"]


@pytest.mark.parametrize("how", MODIFICATIONS)
@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
def test_a_modified_dAL_gets_the_unfused_product_of_its_new_values(g, loss, how):
    layer, AL, Y = saturated(g)
    dAL = modified(loss.backward(AL, Y), how)
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, unfused_dZ(g, np.asarray(dAL), layer.Z, AL))
    assert layer.dZ[0, 0] == 0.0  # the saturated entry: the product, not AL - Y = 1


@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
def test_arrays_derived_from_dAL_are_plain_gradients(g, loss):
    """2 * dAL, a copy, a slice, a reduction or a dAL for a copy of AL: never the short form."""
    layer, AL, Y = saturated(g)
    dAL = loss.backward(AL, Y)
    candidates = {
        "2 * dAL": 2 * dAL,
        "dAL * 1": dAL * 1,
        "a copy": dAL.copy(),
        "a slice": dAL[:, :],
        "a reshape": dAL.reshape(dAL.shape),
        "dAL for a copy of AL": loss.backward(AL.copy(), Y),
    }
    for what, dA in candidates.items():
        assert what == "dAL for a copy of AL" or type(dA) is np.ndarray or dA.Y is None, what
        layer.backward(dA)
        assert np.array_equal(layer.dZ, unfused_dZ(g, np.asarray(dA), layer.Z, AL)), what
        assert layer.dZ[0, 0] != 1.0, what
    assert type(dAL.sum(axis=0)) is np.ndarray and type(dAL + 0) is np.ndarray
    layer.backward(dAL)  # the original is still untouched: fused
    assert np.array_equal(layer.dZ, AL - Y)


@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
def test_each_dAL_carries_its_own_labels(g, loss):
    """No state outside the arrays: an earlier dAL, or one for other labels, is exact for what it came from."""
    layer, AL, Y = saturated(g)
    other = Y[::-1] if len(Y) > 1 else 1 - Y
    earlier, for_other_labels = loss.backward(AL, Y), loss.backward(AL, other)
    loss.backward(AL, Y)
    layer.backward(earlier)
    assert np.array_equal(layer.dZ, AL - Y)
    layer.backward(for_other_labels)
    assert np.array_equal(layer.dZ, AL - other)


def test_a_new_forward_is_a_new_AL():
    """The same layer run again: its new A is another array, so the old dAL is not fused with it."""
    layer, AL, Y = saturated(blocks.Sigmoid())
    dAL = BinaryCrossEntropy().backward(AL, Y)
    AL2 = layer.forward(np.array([[1e3, 0.3, -0.5, 1.2], [0.0, 0.7, 0.1, -0.4], [0.0, 0.0, 0.0, 0.0]]))
    layer.backward(dAL)
    assert AL2 is not AL and layer.dZ[0, 0] == 0.0


def test_fused_only_for_its_own_pair_and_class():
    """A BCE dAL given to a Softmax, or a subclass of Sigmoid with another forward, is not fused."""
    X, Y = np.random.default_rng(3).standard_normal((3, 4)), np.array([[1.0, 0.0, 1.0, 0.0]] * 2)
    softmax = output_layer(blocks.Softmax(), 2)
    AL = softmax.forward(X)
    dAL = BinaryCrossEntropy().backward(AL, Y)
    softmax.backward(dAL)
    assert np.array_equal(softmax.dZ, unfused_dZ(blocks.Softmax(), dAL, softmax.Z, AL))

    class Steep(blocks.Sigmoid):
        def forward(self, Z):
            return super().forward(2 * Z)

        def derivative(self, Z, A):
            return 2 * A * (1 - A)

    steep = output_layer(Steep(), 1)
    AL = steep.forward(X)
    dAL = BinaryCrossEntropy().backward(AL, Y[:1])
    steep.backward(dAL)
    assert np.array_equal(steep.dZ, dAL * steep.activation.derivative(steep.Z, AL))
    assert_allclose(steep.dZ, 2 * (AL - Y[:1]), rtol=1e-10, atol=1e-7)


def test_labels_changed_after_loss_backward_do_not_change_dZ():
    layer = output_layer(blocks.Sigmoid(), 1)
    AL = layer.forward(np.random.default_rng(4).standard_normal((3, 4)))
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    expected = AL - Y
    dAL = BinaryCrossEntropy().backward(AL, Y)
    Y[...] = 0.5  # the caller reuses its label array before model.backward
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, expected)


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), CategoricalCrossEntropy()], ids=repr)
def test_dAL_is_writeable_and_still_the_seed_formula(loss):
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])
    dAL = loss.backward(AL, Y)
    seed = -(Y / AL) + (1 - Y) / (1 - AL) if isinstance(loss, BinaryCrossEntropy) else -Y / AL
    assert np.array_equal(dAL, seed) and isinstance(dAL, np.ndarray) and dAL.flags.writeable
    dAL *= 0.5
    assert np.array_equal(dAL, 0.5 * seed) and dAL.Y is None
    assert MeanSquaredError().backward(AL, Y).flags.writeable


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("g", "loss"), PAIRS, ids=["sigmoid+BCE", "softmax+CCE"])
def test_fused_network_stays_in_its_dtype(g, loss, dtype):
    n = 1 if isinstance(g, blocks.Sigmoid) else 3
    model = Sequential(Layer(4, 5, activation=blocks.ReLU(), rng=0, dtype=dtype), Layer(5, n, activation=g, rng=1,
                                                                                          dtype=dtype))
    X, Y = np.ones((4, 6), dtype=dtype), labels(loss, n, 6).astype(dtype)
    AL = model.forward(X)
    dAL = loss.backward(AL, Y)
    dA0 = model.backward(dAL, need_dA_prev=True)
    assert AL.dtype == dAL.dtype == dA0.dtype == model[1].dZ.dtype == dtype
    assert np.array_equal(model[1].dZ, AL - Y)
