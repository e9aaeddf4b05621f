"""evaluate and the accuracy metric: binary (threshold 0.5) and one-hot (argmax) targets, in eval mode."""
import numpy as np
import pytest

from blocks.training import accuracy
from blocks.training.metrics import get_metrics
from losses import BinaryCrossEntropy
from tests.fitting import separable, small_model


def test_binary_accuracy_thresholds_at_one_half():
    AL = np.array([[0.2, 0.7, 0.5, 0.51]])
    assert accuracy(AL, np.array([[0.0, 1.0, 1.0, 1.0]])) == 0.75


def test_one_hot_accuracy_compares_the_argmax_of_each_column():
    AL = np.array([[0.7, 0.1, 0.3], [0.2, 0.8, 0.3], [0.1, 0.1, 0.4]])
    Y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    assert accuracy(AL, Y) == pytest.approx(2 / 3)


def test_evaluate_gives_the_cost_and_metrics_in_eval_mode():
    X, Y = separable(m=30)
    model = small_model(dropout=0.5)
    results = model.evaluate(X, Y, BinaryCrossEntropy(), ["accuracy"])
    AL = model.predict(X)
    assert results == {"loss": BinaryCrossEntropy()(AL, Y), "accuracy": accuracy(AL, Y)}
    assert model.training and model[1].training
    assert model.evaluate(X, Y) == {"accuracy": accuracy(AL, Y)}


def test_a_metric_may_be_any_named_function():
    def error_rate(AL, Y):
        return 1 - accuracy(AL, Y)

    X, Y = separable(m=10)
    results = small_model().evaluate(X, Y, metrics=[error_rate, "acc"])
    assert results["error_rate"] == pytest.approx(1 - results["accuracy"])


@pytest.mark.parametrize(
    ("metrics", "error", "match"),
    [
        ("precison", ValueError, r"unknown metric 'precison'; use one of \['acc', 'accuracy', 'f1', 'mae', "
                                 r"'precision', 'r2', 'recall', 'rmse'\] or a callable"),
        ([3], TypeError, "metrics must be names such as 'accuracy' or callables"),
    ],
)
def test_bad_metrics_are_named(metrics, error, match):
    with pytest.raises(error, match=match):
        get_metrics(metrics)


def test_evaluate_checks_its_input():
    X, Y = separable(m=10)
    with pytest.raises(ValueError, match=r"evaluate expects X with n\^\[0\] = 2 rows .* It looks transposed"):
        small_model().evaluate(np.ones((10, 2)), Y)
    with pytest.raises(TypeError, match=r"loss must be a Loss such as BinaryCrossEntropy\(\) \(write it with paren"):
        small_model().evaluate(X, Y, BinaryCrossEntropy)
