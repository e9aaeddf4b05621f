"""Metrics beside the cost: precision, recall, F1 (macro), the confusion matrix, MAE, RMSE and R^2."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from blocks import Layer, Sequential, Softmax
from blocks.testing.strategies import matrices, one_hot, probabilities, sizes
from blocks.training import (
    accuracy,
    confusion_matrix,
    confusion_text,
    f1,
    mean_absolute_error,
    precision,
    r2_score,
    recall,
    root_mean_squared_error,
)
from losses import CategoricalCrossEntropy
from optim import SGD

# Three classes; true 0, 0, 1, 2, 2, 2; predicted 0, 1, 1, 2, 2, 0.
Y = np.eye(3)[[0, 0, 1, 2, 2, 2]].T
AL = np.eye(3)[[0, 1, 1, 2, 2, 0]].T * 0.8 + 0.2 / 3


def test_confusion_matrix_rows_are_true_classes_columns_predicted():
    assert confusion_matrix(AL, Y).tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]


def test_macro_scores_by_hand():
    assert_allclose(precision(AL, Y), (1 / 2 + 1 / 2 + 2 / 2) / 3)
    assert_allclose(recall(AL, Y), (1 / 2 + 1 / 1 + 2 / 3) / 3)
    assert_allclose(f1(AL, Y), (2 / 4 + 2 / 3 + 4 / 5) / 3)


def test_binary_reads_one_row_at_one_half():
    AL1, Y1 = np.array([[0.9, 0.2, 0.6, 0.4]]), np.array([[1.0, 0.0, 0.0, 1.0]])
    assert confusion_matrix(AL1, Y1).tolist() == [[1, 1], [1, 1]]
    assert precision(AL1, Y1) == recall(AL1, Y1) == f1(AL1, Y1) == 0.5


@given(data=st.data(), n=sizes(2, 4), m=sizes(1, 8))
def test_the_confusion_matrix_counts_every_sample_and_its_diagonal_is_accuracy(data, n, m):
    AL_, Y_ = data.draw(probabilities(n, m)), data.draw(one_hot(n, m))
    C = confusion_matrix(AL_, Y_)
    assert C.sum() == m and np.trace(C) / m == accuracy(AL_, Y_)
    assert 0 <= precision(AL_, Y_) <= 1 and 0 <= recall(AL_, Y_) <= 1 and 0 <= f1(AL_, Y_) <= 1


def test_confusion_text_names_the_classes():
    text = confusion_text(confusion_matrix(AL, Y), ["cat", "dog", "owl"])
    assert text.splitlines() == [
        "true \\ predicted  cat  dog  owl",
        "cat                 1    1    0",
        "dog                 0    1    0",
        "owl                 1    0    2",
    ]


def test_regression_metrics_by_hand():
    A, T = np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, 2.0, 5.0]])
    assert mean_absolute_error(A, T) == 2 / 3
    assert_allclose(root_mean_squared_error(A, T), np.sqrt(4 / 3))
    assert_allclose(r2_score(A, T), 1 - 4 / ((1 - 8 / 3) ** 2 + (2 - 8 / 3) ** 2 + (5 - 8 / 3) ** 2))
    assert r2_score(T, T) == 1.0 and r2_score(np.full((1, 3), 7.0), np.full((1, 3), 7.0)) == 1.0
    assert r2_score(np.zeros((1, 3)), np.full((1, 3), 7.0)) == 0.0


@given(data=st.data(), n=sizes(1, 3), m=sizes(2, 6))
def test_predicting_the_mean_scores_r2_zero(data, n, m):
    T = data.draw(matrices(n, m))
    assume((np.ptp(T, axis=1) > 1e-3).all())  # a constant row scores 1 (see above), as does a vanishing variance
    assert_allclose(r2_score(np.repeat(T.mean(axis=1, keepdims=True), m, axis=1), T), 0.0, atol=1e-12)


def test_fit_reports_them_by_name():
    X = np.random.default_rng(0).standard_normal((2, 30))
    Y3 = np.eye(3)[np.arange(30) % 3].T
    model = Sequential(Layer(2, 3, activation=Softmax(), rng=0))
    history = model.fit(X, Y3, loss=CategoricalCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1),
                        epochs=2, metrics=["precision", "recall", "f1"], verbose=0,
                        validation_data=(X, Y3))
    assert {"precision", "recall", "f1", "val_f1"} <= set(history.history)
    assert set(model.evaluate(X, Y3, metrics=["rmse", "mae", "r2"])) == {"rmse", "mae", "r2"}


@pytest.mark.parametrize("metric", [precision, recall, f1, confusion_matrix, r2_score, root_mean_squared_error,
                                    mean_absolute_error])
def test_shapes_that_do_not_match_are_named(metric):
    with pytest.raises(ValueError, match=rf"{metric.__name__} expects AL and Y of one shape \(n\^\[L\], m\) with "
                                         r"m >= 1; got AL \(3, 6\) and Y \(6, 3\)"):
        metric(AL, Y.T)
