"""Integer class labels through fit, evaluate and the metrics, for SparseCategoricalCrossEntropy (a loss with
``targets = "labels"``), and its exact output gradient: dZ = AL - onehot(Y) at a Softmax output layer."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import blocks
from blocks import Layer, ReLU, Sequential, Softmax
from blocks.testing import check_loss
from blocks.testing.strategies import class_labels, matrices, probabilities, sizes
from blocks.training import confusion_matrix, f1, precision, recall
from blocks.training.metrics import accuracy
from losses import CategoricalCrossEntropy, Loss, SparseCategoricalCrossEntropy
from optim import Adam

N_CLASSES = 3


def model(dtype=np.float64):
    return Sequential([Layer(4, 5, activation=ReLU(), rng=1, dtype=dtype),
                       Layer(5, N_CLASSES, activation=Softmax(), rng=2, dtype=dtype)])


def data(m=40, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((4, m)), rng.integers(0, N_CLASSES, m)


def one_hot(labels):
    return np.eye(N_CLASSES)[np.ravel(labels)].T


def train(Y, loss, dtype=np.float64, **options):
    net = model(dtype)
    X = data()[0].astype(dtype)
    history = net.fit(X, Y, loss=loss, optimizer=Adam(net.parameters(), lr=0.05), epochs=3, batch_size=8, rng=3,
                      verbose=0, metrics=["accuracy", "precision", "recall", "f1"], **options)
    return net, history


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", ["(m,)", "(1, m)"])
@pytest.mark.parametrize("split", [None, 0.25])
def test_fit_on_labels_equals_fit_on_one_hot_with_categorical_cross_entropy_to_the_bit(dtype, shape, split):
    labels = data()[1]
    sparse, history = train(labels if shape == "(m,)" else labels.reshape(1, -1), SparseCategoricalCrossEntropy(),
                            dtype, validation_split=split)
    dense, expected = train(one_hot(labels), CategoricalCrossEntropy(), dtype, validation_split=split)
    for p, q in zip(sparse.parameters(), dense.parameters(), strict=True):
        assert p.value.dtype == dtype and np.array_equal(p.value, q.value), p
    assert history.history == expected.history  # costs and metrics, train and validation, every epoch
    assert ("val_loss" in history.history) == (split is not None)


def test_validation_data_as_labels():
    X, labels = data(20, seed=5)
    _, history = train(data()[1], SparseCategoricalCrossEntropy(), validation_data=(X, labels))
    _, expected = train(one_hot(data()[1]), CategoricalCrossEntropy(), validation_data=(X, one_hot(labels)))
    assert history.history["val_loss"] == expected.history["val_loss"]
    assert history.history["val_accuracy"] == expected.history["val_accuracy"]


def test_evaluate_and_the_metrics_read_labels_as_classes():
    net, _ = train(data()[1], SparseCategoricalCrossEntropy())
    X, labels = data(30, seed=7)
    results = net.evaluate(X, labels, loss=SparseCategoricalCrossEntropy(),
                           metrics=["accuracy", "precision", "recall", "f1"])
    assert results == net.evaluate(X, one_hot(labels), loss=CategoricalCrossEntropy(),
                                   metrics=["accuracy", "precision", "recall", "f1"])
    AL = net.predict(X)
    assert results["accuracy"] == np.mean(AL.argmax(axis=0) == labels)
    assert net.evaluate(X, labels.reshape(1, -1), loss=SparseCategoricalCrossEntropy()) == {
        "loss": results["loss"]}


@given(data=st.data(), n=sizes(2, 4), m=sizes())
def test_metrics_on_labels_equal_the_metrics_on_one_hot(data, n, m):
    AL, Y = data.draw(probabilities(n, m)), data.draw(class_labels(n, m))
    Y_hot = np.eye(n)[Y.ravel()].T
    for metric in (accuracy, precision, recall, f1):
        assert metric(AL, Y) == metric(AL, Y.ravel()) == metric(AL, Y_hot), metric
    assert np.array_equal(confusion_matrix(AL, Y), confusion_matrix(AL, Y_hot))


def test_accuracy_on_sequence_labels():
    AL = np.random.default_rng(0).random((3, 2, 4))
    labels = AL.argmax(axis=0)
    labels[0, 0] = (labels[0, 0] + 1) % 3
    assert accuracy(AL, labels) == accuracy(AL, labels[None]) == 7 / 8


@pytest.mark.parametrize(("Y", "message"), [
    (np.array([[0.0, 3.0]]), r"accuracy expects Y as one-hot columns \(n\^\[L\], m\) or class labels \(1, m\), "
                             r"whole numbers in 0..2 \(n\^\[L\] = 3\); sample 1 has 3.0"),
    (np.array([1.5, 0.0]), r"accuracy expects Y .* sample 0 has 1.5"),
    (np.array([[0, 1, 2]]), r"accuracy expects AL and Y of one shape \(n\^\[L\], m\) with m >= 1; got AL \(3, 2\) "
                            r"and Y \(1, 3\)"),
])
def test_metrics_name_bad_labels(Y, message):
    with pytest.raises(ValueError, match=message):
        accuracy(np.full((3, 2), 1 / 3), Y)


@pytest.mark.parametrize(("labels", "message"), [
    ([0, 3, 1, 2], r"fit: SparseCategoricalCrossEntropy\(\) expects Y as class labels, whole numbers in 0..2 "
                   r"\(n\^\[L\] = 3 classes\); sample 1 has 3, which is out of range"),
    ([0, 1, -1, 2], r"whole numbers in 0..2 .*; sample 2 has -1, which is out of range"),
    ([0.0, 1.0, 2.5, 2.0], r"whole numbers in 0..2 .*; sample 2 has 2.5, which is not a whole number"),
    ([0.0, np.nan, 1.0, 2.0], r"whole numbers in 0..2 .*; sample 1 has nan, which is not a whole number"),
    ([[0, 1, 2, 1]] * 3, r"fit: SparseCategoricalCrossEntropy\(\) expects Y as class labels of shape \(1, m\) or "
                         r"\(m,\), one per sample; got shape \(3, 4\). It looks one-hot: pass the labels "
                         r"Y.argmax\(axis=0\)"),
    ([[0, 1], [2, 1]], r"expects Y as class labels of shape \(1, m\) or \(m,\), one per sample; got shape \(2, 2\)$"),
    ([0, 1, 2], r"fit expects X and Y with the same m, one column per sample; got m = 4 in X \(4, 4\) and m = 3 "
                r"in Y \(1, 3\)"),
])
def test_fit_names_bad_labels(labels, message):
    net = model()
    with pytest.raises(ValueError, match=message):
        net.fit(data(4)[0], np.array(labels), loss=SparseCategoricalCrossEntropy(),
                optimizer=Adam(net.parameters()), verbose=0)


def test_validation_and_evaluate_labels_are_checked_too():
    net, (X, labels) = model(), data(4)
    with pytest.raises(ValueError, match=r"fit: SparseCategoricalCrossEntropy\(\) expects Y_val as class labels, "
                                         r"whole numbers in 0..2 .*; sample 0 has 7"):
        net.fit(X, labels, loss=SparseCategoricalCrossEntropy(), optimizer=Adam(net.parameters()), verbose=0,
                validation_data=(X, [7, 0, 0, 0]))
    with pytest.raises(ValueError, match=r"evaluate: SparseCategoricalCrossEntropy\(\) expects Y as class labels, "
                                         r"whole numbers in 0..2 .*; sample 3 has 3"):
        net.evaluate(X, [0, 1, 2, 3], loss=SparseCategoricalCrossEntropy())


def test_a_users_loss_declares_labels_with_targets():
    """Duck-typed: any loss with ``targets = "labels"`` gets labels; Loss defaults to Y shaped like AL."""
    class LabelsLoss(Loss):
        targets = "labels"

        def forward(self, AL, Y):
            assert Y.shape == (1, AL.shape[1]) and Y.dtype.kind == "i"
            return float(-np.log(AL[Y[0], np.arange(AL.shape[1])]).mean())

        def backward(self, AL, Y):
            return SparseCategoricalCrossEntropy().backward(AL, Y)

    assert Loss.targets == "same shape as AL" and CategoricalCrossEntropy.targets == "same shape as AL"
    net, (X, labels) = model(), data(8)
    history = net.fit(X, labels, loss=LabelsLoss(), optimizer=Adam(net.parameters()), verbose=0, epochs=2)
    assert np.isfinite(history.history["loss"]).all()


def test_the_loss_is_categorical_cross_entropy_of_the_one_hot_to_the_bit():
    AL = np.random.default_rng(2).dirichlet(np.ones(N_CLASSES), size=300).T
    labels = np.random.default_rng(3).integers(0, N_CLASSES, 300)
    sparse, dense = SparseCategoricalCrossEntropy(), CategoricalCrossEntropy()
    assert sparse.forward(AL, labels) == dense.forward(AL, one_hot(labels))
    assert np.array_equal(sparse.backward(AL, labels), dense.backward(AL, one_hot(labels)))


def test_check_loss_still_passes():
    check_loss(SparseCategoricalCrossEntropy(), n=sizes(2, 4), Y=lambda n, m: class_labels(n, m), max_examples=10)


def output_layer():
    return Layer(3, N_CLASSES, activation=Softmax(), rng=0)


@given(data=st.data(), m=sizes())
def test_softmax_dZ_is_AL_minus_the_one_hot_exactly(data, m):
    layer = output_layer()
    AL = layer.forward(data.draw(matrices(3, m, -2, 2)))
    labels = data.draw(class_labels(N_CLASSES, m))
    layer.backward(SparseCategoricalCrossEntropy().backward(AL, labels))
    assert np.array_equal(layer.dZ, AL - one_hot(labels))


def test_a_saturated_softmax_keeps_its_gradient():
    """Column 0 saturates: AL = 1 exactly at class 0, labelled 1. The fused dZ there is AL - onehot(Y) = 1,
    the product of the clipped dAL and the softmax Jacobian 0, so the two paths cannot be mistaken."""
    layer = output_layer()
    layer.W, layer.b = np.eye(N_CLASSES, 3), np.zeros((N_CLASSES, 1))
    AL = layer.forward(np.array([[1e3, 0.3, -0.5], [0.0, 0.7, 0.1], [0.0, 0.0, 0.0]]))
    labels = np.array([1, 0, 2])
    assert AL[0, 0] == 1.0
    dAL = SparseCategoricalCrossEntropy().backward(AL, labels)
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, AL - one_hot(labels)) and layer.dZ[0, 0] == 1.0
    plain = np.asarray(dAL)
    assert (AL * (plain - (plain * AL).sum(axis=0, keepdims=True)))[0, 0] == 0.0
    layer.backward(dAL * 1)  # a derived array is a plain gradient: the product, 0 at the saturated entry
    assert layer.dZ[0, 0] == 0.0


def test_dAL_given_to_another_activation_is_not_fused():
    layer = Layer(3, N_CLASSES, activation=blocks.Sigmoid(), rng=0)
    AL = layer.forward(np.random.default_rng(4).standard_normal((3, 4)))
    dAL = SparseCategoricalCrossEntropy().backward(AL / AL.sum(axis=0), [0, 1, 2, 0])
    layer.backward(dAL)
    assert np.array_equal(layer.dZ, np.asarray(dAL) * layer.activation.derivative(layer.Z, AL))


def test_sequence_labels_m_by_T_x_fit_as_their_one_hot():
    """A TimeDistributed softmax over T_x steps: labels (m, T_x), one per (sample, step)."""
    def sequence_model():
        return Sequential(blocks.RNN(2, 5, rng=0), blocks.TimeDistributed(Layer(5, 3, activation=Softmax(), rng=1)))

    rng = np.random.default_rng(0)
    X, labels = rng.standard_normal((2, 6, 4)), rng.integers(0, 3, (6, 4))
    histories = []
    for Y, loss in ((labels, SparseCategoricalCrossEntropy()),
                    (np.eye(3)[labels].transpose(2, 0, 1), CategoricalCrossEntropy())):
        net = sequence_model()
        histories.append(net.fit(X, Y, loss=loss, optimizer=Adam(net.parameters()), epochs=2, batch_size=2, rng=1,
                                 verbose=0, metrics=["accuracy"], validation_split=0.34).history)
    assert histories[0] == histories[1] and "val_accuracy" in histories[0]
    with pytest.raises(ValueError, match=r"expects Y as class labels of shape \(1, m, T_x\) or \(m, T_x\), one per "
                                         r"sample; got shape \(6,\)"):
        sequence_model().evaluate(X, labels[:, 0], loss=SparseCategoricalCrossEntropy())
