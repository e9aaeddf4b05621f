"""A learning rate far too large: fit stops at the update that overflowed, restores finite weights, and no raw
NumPy RuntimeWarning reaches the user (pyproject turns any into an error here)."""
import re

import numpy as np
import pytest

from blocks import Block, Layer, ReLU, Sequential, Sigmoid
from losses import BinaryCrossEntropy
from optim import SGD, Adam, Momentum
from tests.fitting import separable, small_model

X, Y = separable(m=40)


def relu_model():
    """ReLU lets a huge W through to Z (tanh would saturate it to a finite, useless model)."""
    return Sequential(Layer(2, 8, activation=ReLU(), rng=0), Layer(8, 8, activation=ReLU(), rng=1),
                      Layer(8, 1, activation=Sigmoid(), rng=2))


@pytest.mark.parametrize("make", [lambda p: SGD(p, lr=1e300), lambda p: Momentum(p, lr=1e300)])
def test_an_update_that_overflows_stops_training_and_restores_the_last_finite_weights(make):
    model = relu_model()
    before = [p.value.copy() for p in model.parameters()]
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=make(model.parameters()), epochs=5, batch_size=8,
                        verbose=0)
    assert history.stopped_by == "non-finite" and len(history) == 1
    # SGD's update overflows to inf; Momentum's reaches 1e299, whose outputs are NaN: both stop in epoch 1
    assert re.match(r"the update of epoch 1, batch \d+ made Parameter\(.*\) non-finite \(overflow|"
                    r"the cost became nan in epoch 1", history.stop_reason)
    assert history.stop_reason.endswith("; restored the weights and optimizer state of the start of epoch 1, the "
                                        "last known to be finite")
    for p, value in zip(model.parameters(), before, strict=True):
        assert np.array_equal(p.value, value)


def test_a_later_epoch_restores_that_epochs_weights():
    model = relu_model()
    opt = SGD(model.parameters(), lr=0.1)

    def explode(epoch, logs):
        if epoch == 1:
            opt.lr = 1e300

    start_of_third = []
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=opt, epochs=5, batch_size=8, verbose=0,
                        callbacks=[explode, lambda epoch, logs: start_of_third.append(
                            [p.value.copy() for p in model.parameters()])])
    assert len(history) == 3 and "start of epoch 3" in history.stop_reason
    for p, value in zip(model.parameters(), start_of_third[1], strict=True):
        assert np.array_equal(p.value, value)


class Overflowing(Block):
    """The identity, after an intermediate result that overflows and is thrown away."""

    def forward(self, A_prev):
        np.exp(np.full(1, 1000.0))
        return A_prev

    def backward(self, dA, *, need_dA_prev=True):
        return dA


def test_a_numpy_error_that_leaves_everything_finite_is_still_reported():
    model = Sequential(Overflowing(), Layer(2, 1, activation=Sigmoid(), rng=0))
    with pytest.warns(RuntimeWarning, match=r"overflow encountered in epoch 1, batch 1 of fit \(the parameters "
                                            r"stayed finite\)"):
        history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters()), epochs=1,
                            batch_size=40, verbose=0)
    assert history.stop_reason is None


def test_weights_that_were_never_finite_are_not_restored():
    model = small_model()
    model[1].W[0, 0] = np.inf
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=SGD(model.parameters(), lr=0.1), epochs=2,
                        verbose=0)
    assert history.stop_reason.endswith("; no finite weights to restore (they were not finite when training began)")
