"""fit checks its input up front: each mistake named in the seed's symbols, before any training."""
import numpy as np
import pytest

from losses import BinaryCrossEntropy
from optim import SGD, Adam
from tests.fitting import separable, small_model

X, Y = separable(m=10)


def fit(X=X, Y=Y, model=None, **options):
    model = model or small_model()
    options.setdefault("loss", BinaryCrossEntropy())
    options.setdefault("optimizer", SGD(model.parameters(), lr=0.1))
    options.setdefault("verbose", 0)
    return model.fit(X, Y, **options)


def with_nan(array, row, column, value=np.nan):
    array = array.copy()
    array[row, column] = value
    return array


@pytest.mark.parametrize(
    ("arguments", "error", "match"),
    [
        ({"X": X.T}, ValueError, r"fit expects X with n\^\[0\] = 2 rows for this model, shape \(2, m\); got 10 rows, "
                                 r"shape \(10, 2\). It looks transposed: samples are columns, pass X.T"),
        ({"X": X[0]}, ValueError, r"fit expects X of shape \(n\^\[0\], m\), samples as columns; got shape \(10,\)"),
        ({"Y": Y[0]}, ValueError, r"got shape \(10,\). For 10 samples of one row use Y.reshape\(1, -1\)"),
        ({"Y": np.zeros((2, 10))}, ValueError, r"fit expects Y with n\^\[L\] = 1 rows for this model"),
        ({"Y": Y[:, :9]}, ValueError, r"fit expects X and Y with the same m, one column per sample; got m = 10 in X "
                                      r"\(2, 10\) and m = 9 in Y \(1, 9\)"),
        ({"X": X[:, :0], "Y": Y[:, :0]}, ValueError, r"fit needs at least one sample; X has shape \(2, 0\)"),
        ({"X": with_nan(X, 1, 4)}, ValueError, r"fit expects finite X; it holds 1 NaN or inf value\(s\), the first at "
                                               r"row 1, column \(sample\) 4: nan"),
        ({"Y": with_nan(Y, 0, 2, np.inf)}, ValueError, r"fit expects finite Y; .* column \(sample\) 2: inf"),
        ({"X": np.array([["a", "b"]] * 2)}, TypeError, "X must be a numeric array of real numbers"),
        ({"epochs": 0}, ValueError, r"epochs must be a positive int. Received: epochs=0"),
        ({"epochs": 2.0}, TypeError, r"epochs must be a positive int. Received: epochs=2.0"),
        ({"batch_size": -4}, ValueError, r"batch_size must be a positive int. Received: batch_size=-4"),
        ({"batch_size": True}, TypeError, r"batch_size must be a positive int"),
        ({"loss": BinaryCrossEntropy}, TypeError, r"loss must be an instance: write loss=BinaryCrossEntropy\(...\)"),
        ({"loss": "bce"}, TypeError, r"loss must be a Loss such as loss=BinaryCrossEntropy\(\). Received: 'bce'"),
        ({"optimizer": Adam}, TypeError, r"optimizer must be an instance: write optimizer=Adam\(...\)"),
        ({"optimizer": SGD(small_model(seed=9).parameters(), lr=0.1)}, ValueError,
         r"the optimizer updates 4 parameter\(s\) that are not this model's, such as Parameter\(Layer.W, "
         r"shape=\(4, 2\)\): build it from this model, optimizer=SGD\(model.parameters\(\), ...\)"),
        ({"validation_data": X}, TypeError, r"validation_data must be a pair \(X_val, Y_val\). Received: ndarray"),
        ({"validation_data": (X, Y.T)}, ValueError, r"fit expects Y_val with n\^\[L\] = 1 rows .* looks transposed"),
        ({"verbose": 3}, ValueError, r"verbose must be 0 \(silent\), 1 \(progress bar\) or 2 \(a line per epoch\)"),
        ({"shuffle": "yes"}, TypeError, r"shuffle must be True or False. Received: shuffle='yes'"),
        ({"rng": "seed"}, TypeError, r"rng must be an int seed, a numpy.random.Generator or None"),
        ({"callbacks": [3]}, TypeError, r"callbacks must be Callbacks or functions f\(epoch, logs\). Received: 3"),
        ({"callbacks": 3}, TypeError, r"callbacks must be a list of Callbacks or functions"),
        ({"metrics": ["f2"]}, ValueError, r"unknown metric 'f2'"),
    ],
)
def test_bad_input_is_refused_before_training(arguments, error, match):
    model = small_model()
    before = [p.value.copy() for p in model.parameters()]
    with pytest.raises(error, match=match):
        fit(model=model, **arguments)
    assert all(np.array_equal(p.value, b) for p, b in zip(model.parameters(), before, strict=True))


def test_class_labels_for_a_softmax_model_get_the_one_hot_hint():
    from blocks import Layer, Sequential, Softmax
    from losses import CategoricalCrossEntropy

    model = Sequential(Layer(2, 3, activation=Softmax(), rng=0))
    with pytest.raises(ValueError, match=r"For class labels use one-hot Y = np.eye\(3\)\[labels.ravel\(\)\].T, or a "
                                         r"loss that takes labels: loss=SparseCategoricalCrossEntropy\(\)"):
        fit(model=model, Y=np.zeros((1, 10)), loss=CategoricalCrossEntropy())


def test_a_callback_class_without_parentheses_is_named():
    from blocks.training import EarlyStopping

    with pytest.raises(TypeError, match=r"write EarlyStopping\(...\), with parentheses"):
        fit(callbacks=[EarlyStopping])


def test_validation_split_holds_out_the_last_columns_as_keras_does():
    X, Y = separable(m=50)
    a, b = small_model(), small_model()
    options = {"loss": BinaryCrossEntropy(), "epochs": 3, "batch_size": 8, "rng": 0, "verbose": 0}
    split = a.fit(X, Y, optimizer=SGD(a.parameters(), lr=0.1), validation_split=0.2, **options)
    given = b.fit(X[:, :40], Y[:, :40], optimizer=SGD(b.parameters(), lr=0.1), validation_data=(X[:, 40:], Y[:, 40:]),
                  **options)
    assert split.history == given.history and "val_loss" in split


@pytest.mark.parametrize(("options", "error", "message"), [
    ({"validation_split": 1.0}, ValueError, r"validation_split must be in \(0, 1\), the share of the columns held out. "
                                            r"Received: validation_split=1.0"),
    ({"validation_split": "0.2"}, TypeError, r"validation_split must be a fraction such as 0.2"),
    ({"validation_split": 0.99}, ValueError, r"validation_split=0.99 of m = 50 samples leaves 0 to train on and 50 "
                                             r"to validate; each needs at least one"),
    ({"validation_split": 0.2, "validation_data": (np.ones((2, 3)), np.ones((1, 3)))}, ValueError,
     r"give validation_data or validation_split, not both"),
])
def test_bad_validation_splits_are_named(options, error, message):
    X, Y = separable(m=50)
    model = small_model()
    with pytest.raises(error, match=message):
        model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1), verbose=0, **options)
