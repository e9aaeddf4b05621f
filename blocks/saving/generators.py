"""numpy Generators as plain data: the state of a block's ``rng`` (Dropout's), so masks continue on load."""
from __future__ import annotations

import numpy as np

#: The bit generators a file may name; anything else is refused both ways.
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


def generator_state(rng: np.random.Generator, where: str) -> dict:
    """rng's bit generator state as JSON data (arrays as lists)."""
    name = type(rng.bit_generator).__name__
    if name not in BIT_GENERATORS:
        raise TypeError(f"cannot save {where}: its Generator uses the bit generator {name}; "
                        f"only numpy's {', '.join(BIT_GENERATORS)} can be saved")
    return _plain(rng.bit_generator.state)


def restore_generator(state, where: str) -> np.random.Generator:
    """A Generator in the saved state; a ValueError if the state is not one numpy accepts."""
    name = state.get("bit_generator") if isinstance(state, dict) else None
    if name not in BIT_GENERATORS:
        raise ValueError(f"{where}: a saved Generator names the bit generator {name!r}; "
                         f"expected one of {', '.join(BIT_GENERATORS)}")
    bit_generator = getattr(np.random, name)()
    try:
        bit_generator.state = state
    except Exception as exc:  # whatever numpy says of a malformed state
        reason = f"{type(exc).__name__}: {exc}"
        raise ValueError(f"{where}: a saved {name} Generator state is malformed ({reason})") from None
    return np.random.Generator(bit_generator)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value
