"""SparseCategoricalCrossEntropy: categorical cross-entropy from integer labels (1, m) or (m,)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from blocks.testing import check_loss
from blocks.testing.strategies import class_labels, probabilities, sizes
from losses import CategoricalCrossEntropy, SparseCategoricalCrossEntropy

AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])


@given(data=st.data(), n=sizes(2, 4), m=sizes())
def test_it_equals_categorical_cross_entropy_on_the_one_hot_labels(data, n, m):
    AL, Y = data.draw(probabilities(n, m)), data.draw(class_labels(n, m))
    one_hot = np.eye(n)[Y.ravel()].T
    sparse, dense = SparseCategoricalCrossEntropy(), CategoricalCrossEntropy()
    assert_allclose(sparse.forward(AL, Y), dense.forward(AL, one_hot), rtol=1e-14)
    assert_allclose(sparse.forward(AL, Y.ravel()), dense.forward(AL, one_hot), rtol=1e-14)
    assert_allclose(sparse.backward(AL, Y), dense.backward(AL, one_hot), rtol=1e-15)


def test_hand_computed():
    assert SparseCategoricalCrossEntropy().forward(AL, [0, 1]) == -(np.log(0.7) + np.log(0.5)) / 2


def test_backward_is_m_times_the_gradient_of_the_cost():
    check_loss(SparseCategoricalCrossEntropy(), n=sizes(2, 4), Y=lambda n, m: class_labels(n, m))


@pytest.mark.parametrize(("Y", "error", "message"), [
    (np.array([[0, 3]]), ValueError,
     r"expects labels in 0..2, one per class row of AL \(n_classes = 3\); sample 1 has 3"),
    (np.array([0.5, 1.0]), ValueError, r"labels in 0..2.*sample 0 has 0.5"),
    (np.array([0, 1, 2]), ValueError, r"expects Y as integer class labels of shape \(1, m\) or \(m,\), with m = 2 the "
                                      r"columns of AL; got shape \(3,\)"),
    (np.eye(3)[:, :2], ValueError, r"got shape \(3, 2\). Y looks one-hot: use CategoricalCrossEntropy\(\), or labels "
                                   r"Y.argmax\(axis=0\)"),
    (np.array(["a", "b"]), TypeError, r"expects Y as integer class labels, one per sample. Received: <U1"),
])
def test_bad_labels_are_named(Y, error, message):
    with pytest.raises(error, match=message):
        SparseCategoricalCrossEntropy().forward(AL, Y)


def test_AL_must_be_probabilities():
    with pytest.raises(ValueError, match=r"expects AL in \[0, 1\], probabilities such as the output of Softmax"):
        SparseCategoricalCrossEntropy().backward(AL * 3, [0, 1])
