"""Weight initialisers: W^[l] of shape (n^[l], n^[l-1]) drawn from a numpy Generator.

Each is ``init(n_in, n_out, rng) -> W`` with ``n_in = n^[l-1]`` and ``n_out = n^[l]``; a Layer takes
one of these functions, its name, or any callable of the same form.
"""
from __future__ import annotations

import numbers

import numpy as np


def as_generator(rng) -> np.random.Generator:
    """A numpy Generator from a seed (int), a Generator, or None (fresh entropy, no global state)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"rng must be a seed >= 0, a numpy.random.Generator or None. Received: rng={rng!r}")
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be an int seed, a numpy.random.Generator or None. Received: rng={rng!r}")


def he(n_in, n_out, rng):
    """He et al. (2015), for ReLU layers: randn * sqrt(2 / n^[l-1])."""
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)


def xavier(n_in, n_out, rng):
    """Glorot and Bengio (2010), for tanh and sigmoid layers: randn * sqrt(2 / (n^[l-1] + n^[l]))."""
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / (n_in + n_out))


def lecun(n_in, n_out, rng):
    """The course's deep-network initialisation: randn / sqrt(n^[l-1])."""
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def small(n_in, n_out, rng):
    """The course's shallow-network initialisation: 0.01 * randn."""
    return 0.01 * rng.standard_normal((n_out, n_in))


INITIALISERS = {"he": he, "xavier": xavier, "lecun": lecun, "small": small}


def get_initialiser(init):
    """The initialiser for a name in INITIALISERS, or a callable init(n_in, n_out, rng) as it is."""
    if callable(init):
        return init
    if isinstance(init, str) and init in INITIALISERS:
        return INITIALISERS[init]
    raise ValueError(
        f"init must be one of {sorted(INITIALISERS)} or a callable init(n_in, n_out, rng) -> W. "
        f"Received: init={init!r}"
    )
