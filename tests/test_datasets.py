"""Data sets: the column convention, reproducibility from a seed, splits, and the shipped digits."""
import numpy as np
import pytest

from blocks import datasets


@pytest.mark.parametrize("name", list(datasets.GENERATORS))
def test_generated_sets_are_columns_and_reproducible(name):
    make = datasets.GENERATORS[name]
    X, Y = make(m=90, rng=3)
    assert X.shape == (2, 90) and Y.shape[1] == 90 and np.isfinite(X).all()
    assert np.array_equal(make(m=90, rng=3)[0], X) and not np.array_equal(make(m=90, rng=4)[0], X)
    if Y.shape[0] == 1:
        assert set(np.unique(Y)) == {0.0, 1.0}
    else:
        assert (Y.sum(axis=0) == 1).all()


def test_flower_has_equal_classes():
    X, Y = datasets.planar_flower(400)
    assert Y.sum() == 200


def test_spirals_are_one_hot_with_balanced_classes():
    X, Y = datasets.spirals(m=301, n_classes=3)
    assert Y.shape == (3, 301) and list(Y.sum(axis=1)) == [101, 100, 100]


def test_digits_are_the_uci_set():
    X, Y = datasets.digits()
    assert X.shape == (64, 1797) and Y.shape == (10, 1797)
    assert X.min() == 0.0 and X.max() == 1.0
    assert list(Y.sum(axis=1).astype(int)) == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    _, labels = datasets.digits(one_hot_labels=False)
    assert labels.shape == (1, 1797) and np.array_equal(Y.argmax(axis=0), labels[0])


def test_split_keeps_every_column_once():
    X = np.arange(20.0).reshape(2, 10)
    split = datasets.train_test_split(X, X[:1], 0.3, rng=0)
    assert split.X_train.shape == (2, 7) and split.X_test.shape == (2, 3)
    assert sorted(np.concatenate([split.X_train[0], split.X_test[0]])) == list(X[0])
    assert np.array_equal(split.Y_test, split.X_test[:1])


def test_load_by_name_and_unknown_name():
    split = datasets.load("digits", test_fraction=0.25)
    assert split.X_train.shape[1] + split.X_test.shape[1] == 1797
    with pytest.raises(ValueError, match="unknown data set 'mnist'; expected one of flower, moons"):
        datasets.load("mnist")
    with pytest.raises(ValueError, match=r"test_fraction must be in \(0, 1\)"):
        datasets.train_test_split(np.ones((1, 4)), np.ones((1, 4)), 1.5)
