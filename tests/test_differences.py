"""The toolkit's differences: Richardson accuracy, the kink signal, copies only, steps per dtype."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocks.testing import numerical_gradient
from blocks.testing.differences import derivative, precision

h = precision().h
points = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


@given(x=points)
def test_richardson_is_exact_to_1e_9_on_smooth_functions(x):
    for f, df in [(np.exp, np.exp), (np.sin, np.cos), (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
                  (lambda x: x**4 - 2 * x**3, lambda x: 4 * x**3 - 6 * x**2)]:
        d = derivative(lambda t, f=f: f(x + t), h)
        assert abs(d.value - df(x)) <= 1e-9 * max(1.0, abs(df(x)))
        assert d.kink < 1e-4  # about h^2 J''' / 8: tiny next to the jump in slope of a kink


@given(a=st.floats(-2, 2), b=st.floats(-2, 2), offset=st.floats(-1.5, 1.5))
def test_a_miss_at_a_kink_is_always_explained_by_the_kink_signal(a, b, offset):
    """J(t) = slope a left of the kink at offset * h, b right of it: where R misses, the signal says why."""
    kink = offset * h
    d = derivative(lambda t: a * (t - kink) if t < kink else b * (t - kink), h)
    truths = [a] if kink > 0 else [b] if kink < 0 else [a, b]
    miss = min(abs(d.value - truth) for truth in truths)
    assert miss <= 2 * d.kink + 1e-12


def test_kink_at_zero_gives_the_mean_slope_and_a_loud_signal():
    d = derivative(lambda t: max(t, 0.0), h)
    assert d.value == 0.5 and d.kink == 1.0


def test_numerical_gradient_only_ever_sees_copies():
    X = np.array([[1.0, -2.0], [0.5, 3.0]])
    X.flags.writeable = False
    seen = []

    def f(X_):
        seen.append(X_)
        X_ *= 1.0  # a careless function that writes into its input
        return float((X_**2).sum())

    np.testing.assert_allclose(numerical_gradient(f, X), 2 * X, rtol=1e-12)
    assert all(s is not X and not np.shares_memory(s, X) for s in seen)


def test_steps_and_tolerances_per_dtype():
    assert precision(np.float64) == (2.0**-10, 1e-5, np.finfo(np.float64).eps)
    assert precision(np.float32)[:2] == (2.0**-4, 2e-4)
    with pytest.raises(ValueError, match="need float32 or float64; got a cost computed in float16"):
        precision(np.float16)
