"""A hyperparameter given as a Python int too large for a float (10**400) is a ValueError, never an OverflowError."""
import pytest

from blocks import ELU, BatchNorm, Dropout, Layer, LeakyReLU
from losses import Huber
from optim import SGD, Adagrad, Adam, Momentum, Nadam, RMSProp, l2_weight_decay

HUGE = 10**400


def params():
    return Layer(2, 1, rng=0).parameters()


@pytest.mark.parametrize(("make", "message"), [
    (lambda: SGD(params(), lr=HUGE), r"lr must be in \(0.0, inf\]. Received: lr=inf"),
    (lambda: SGD(params(), lr=0.1, clip_norm=HUGE), r"clip_norm must be in"),
    (lambda: SGD(params(), lr=0.1, weight_decay=HUGE), r"weight_decay must be in"),
    (lambda: Momentum(params(), lr=0.1, beta=HUGE), r"beta must be in \[0.0, 1.0\)"),
    (lambda: RMSProp(params(), eps=-HUGE), r"eps must be in \(0.0, inf\]. Received: eps=-inf"),
    (lambda: Adam(params(), beta2=HUGE), r"beta2 must be in"),
    (lambda: Adagrad(params(), lr_decay=HUGE), r"lr_decay must be in"),
    (lambda: Nadam(params(), momentum_decay=HUGE), r"momentum_decay must be in"),
    (lambda: l2_weight_decay(HUGE, 10), r"lambd must be in"),
    (lambda: LeakyReLU(HUGE), r"alpha must be a finite real number. Received: alpha=1000000000"),
    (lambda: ELU(-HUGE), r"alpha must be a finite real number. Received: alpha=-1000000000"),
    (lambda: Dropout(keep_prob=HUGE), r"keep_prob must be in \(0.0, 1.0\]"),
    (lambda: BatchNorm(3, momentum=HUGE), r"momentum must be in"),
    (lambda: Huber(HUGE), r"delta must be a positive finite real number"),
])
def test_a_huge_int_is_a_value_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()
