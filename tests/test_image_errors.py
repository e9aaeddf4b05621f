"""Every error message about images that the other test files do not already pin, each with its match."""
import numpy as np
import pytest

from blocks import BatchNorm, Conv2D, Dropout, Flatten, Layer, MaxPool2D, Sequential, Softmax
from losses import CategoricalCrossEntropy
from optim import Adam
from tests.cli_helpers import ROOT, command, run_all


def used(block, A_prev):
    block.forward(A_prev)
    return block


def fit(model, X, Y):
    return model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters()), verbose=0)


def nan_image():
    X = np.zeros((1, 4, 4, 3))
    X[0, 1, 2, 1] = np.nan
    return X


CNN = lambda: Sequential(Conv2D(1, 2, 3, rng=0), Flatten(), Layer(8, 2, activation=Softmax()))  # noqa: E731


@pytest.mark.parametrize("make, error, match", [
    (lambda: Conv2D(1, 2, 3, padding=1.5), TypeError, r'padding must be an int >= 0, a pair of them \(p_H, p_W\), '
                                                      r'or "same". Received: padding=1.5'),
    (lambda: Conv2D(1, 2, 3, padding=(1, 2, 3)), TypeError, r"padding must be an int >= 0, a pair"),
    (lambda: setattr(Conv2D(1, 2, 2), "W", np.full((2, 1, 2, 2), np.inf)), ValueError, r"W must be finite"),
    (lambda: used(Conv2D(1, 2, 2), np.zeros((1, 3, 3, 0))).backward(np.zeros((2, 2, 2, 0))), ValueError,
     r"backward needs at least one sample, m >= 1"),
    (lambda: used(MaxPool2D(2), np.zeros((1, 4, 4, 2))).backward(np.zeros((1, 2, 2, 3))), ValueError,
     r"MaxPool2D\(2\) expects dA shaped like its A, \(1, 2, 2, 2\); got \(1, 2, 2, 3\)"),
    (lambda: used(Flatten(), np.zeros((2, 3, 3, 4))).backward(np.zeros((18, 3))), ValueError,
     r"Flatten\(\) expects dA shaped like its A, \(18, 4\); got \(18, 3\)"),
    (lambda: Flatten().output_shape((3, "m", None)), ValueError,
     r"Flatten\(\) expects A_prev with the samples last, such as images \(n_C, n_H, n_W, m\); the block before it "
     r"gives \(3, m, \?\)"),
    (lambda: Dropout(keep_prob=0.5).forward(np.zeros(4)), ValueError,
     r"expects A_prev of shape \(n\^\[l\], m\), samples as columns \(or images \(n_C, n_H, n_W, m\)\); got shape"),
    (lambda: BatchNorm(2).output_shape((3, 4, 4, "m")), ValueError, r"n_C_prev = 2 channels.*gives 3 channels"),
    (lambda: fit(CNN(), nan_image(), np.eye(2)[:, [0, 1, 0]]), ValueError,
     r"fit expects finite X; it holds 1 NaN or inf value\(s\), the first at index \(0, 1, 2, 1\): nan"),
    (lambda: fit(CNN(), np.zeros((2, 5, 5, 3)), np.eye(2)[:, [0, 1, 0]]), ValueError,
     r"fit expects X of shape \(1, \?, \?, m\) for this model, samples last; got shape \(2, 5, 5, 3\)"),
])
def test_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_predict_refuses_an_npz_whose_X_is_neither_columns_nor_images(tmp_path):
    CNN().save(tmp_path / "cnn.npz")
    np.savez(tmp_path / "cube.npz", X=np.zeros((1, 4, 4)))
    result = run_all({0: command("predict", "cnn.npz", "cube.npz")}, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})[0]
    assert result.returncode != 0
    assert ("cube.npz: X must be images (n_C, n_H, n_W, m) or a 2-D array of numbers, (n^[0], m); it has shape "
            "(1, 4, 4)") in result.stderr
