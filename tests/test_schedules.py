"""Learning-rate schedules: each against its formula, usable from a plain loop."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocks import Layer
from optim import SGD, CosineDecay, ExponentialDecay, InverseTimeDecay, StepDecay, WarmUp

epochs = st.integers(0, 500)
rates = st.floats(1e-4, 1.0)


@given(epoch=epochs, lr0=rates, decay_rate=st.floats(0.0, 5.0), interval=st.integers(1, 50))
def test_inverse_time_decay_is_the_course_formula(epoch, lr0, decay_rate, interval):
    expected = lr0 / (1 + decay_rate * math.floor(epoch / interval))
    assert InverseTimeDecay(lr0, decay_rate, interval)(epoch) == pytest.approx(expected, rel=1e-12)


def test_the_course_example_values():
    assert InverseTimeDecay(0.5, 1.0)(2) == pytest.approx(0.5 / 3)
    assert InverseTimeDecay(0.5, 0.3, interval=100)(250) == pytest.approx(0.5 / 1.6)
    assert ExponentialDecay(0.2, 0.95)(3) == pytest.approx(0.2 * 0.95**3)


@given(epoch=epochs, lr0=rates, decay_rate=st.floats(0.5, 1.0))
def test_exponential_decay(epoch, lr0, decay_rate):
    assert ExponentialDecay(lr0, decay_rate)(epoch) == pytest.approx(lr0 * decay_rate**epoch, rel=1e-12)


@given(epoch=epochs, lr0=rates, step=st.integers(1, 100), gamma=st.floats(0.01, 1.0))
def test_step_decay(epoch, lr0, step, gamma):
    assert StepDecay(lr0, step, gamma)(epoch) == pytest.approx(lr0 * gamma ** (epoch // step), rel=1e-12)


@given(lr0=rates, T=st.integers(1, 100), fraction=st.floats(0.0, 1.0))
def test_cosine_decay_goes_from_lr0_to_lr_min_and_stays(lr0, T, fraction):
    schedule = CosineDecay(lr0, T, lr_min=lr0 / 10)
    lrs = [schedule(e) for e in range(T + 3)]
    assert lrs[0] == pytest.approx(lr0) and lrs[T] == lrs[T + 2] == pytest.approx(lr0 / 10)
    assert all(a >= b for a, b in zip(lrs, lrs[1:], strict=False)), "not decreasing"
    e = int(fraction * T)
    assert lrs[e] == pytest.approx(lr0 / 10 + 0.9 * lr0 * (1 + math.cos(math.pi * e / T)) / 2)


def test_warm_up_rises_linearly_then_hands_over():
    schedule = WarmUp(StepDecay(0.4, 2, gamma=0.5), epochs=4)
    assert [schedule(e) for e in range(8)] == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.4, 0.4, 0.2, 0.2])
    assert [WarmUp(0.3, 3)(e) for e in range(5)] == pytest.approx([0.1, 0.2, 0.3, 0.3, 0.3])
    assert WarmUp(lambda epoch: 1.0 / (epoch + 1), 2)(3) == pytest.approx(0.5)


def test_a_plain_loop_sets_the_optimizer_rate():
    layer = Layer(2, 1, rng=0)
    layer.dW, layer.db = np.ones((1, 2)), np.zeros((1, 1))
    opt, schedule = SGD(layer.parameters(), lr=1.0), InverseTimeDecay(1.0, 1.0)
    W0 = layer.W.copy()
    for epoch in range(3):
        assert schedule.apply(opt, epoch) == opt.lr == 1.0 / (1 + epoch)
        opt.step()
    np.testing.assert_allclose(layer.W, W0 - (1 + 1 / 2 + 1 / 3))


def test_repr_names_the_hyperparameters():
    assert repr(StepDecay(0.1, 10)) == "StepDecay(lr0=0.1, step_size=10, gamma=0.1)"


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: InverseTimeDecay(0.0, 1.0), ValueError, r"lr0 must be in \(0.0, inf\]. Received: lr0=0.0"),
        (lambda: InverseTimeDecay(0.1, -1.0), ValueError, r"decay_rate must be in \[0.0, inf\]"),
        (lambda: InverseTimeDecay(0.1, 1.0, interval=0), ValueError, "interval must be a positive int"),
        (lambda: ExponentialDecay(0.1, 1.5), ValueError, r"decay_rate must be in \(0.0, 1.0\]"),
        (lambda: StepDecay(0.1, 2.5), TypeError, "step_size must be a positive int"),
        (lambda: CosineDecay(0.1, 10, lr_min=0.2), ValueError, r"lr_min must be in \[0.0, 0.1\]"),
        (lambda: WarmUp("fast", 3), TypeError, "after must be a schedule"),
        (lambda: StepDecay(0.1, 2)(-1), ValueError, r"counted from 0\). Received: epoch=-1"),
        (lambda: StepDecay(0.1, 2)(1.5), TypeError, "epoch must be an int >= 0"),
    ],
)
def test_bad_schedule_settings_are_named(make, error, match):
    with pytest.raises(error, match=match):
        make()
