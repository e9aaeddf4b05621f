"""What fit measured, epoch by epoch."""
from __future__ import annotations

from ..plots import plot_costs


class History:
    """The logs of every epoch: ``history["loss"][e]`` is the cost of epoch e (counted from 0).

    ``history.history`` is the same dict of lists (Keras's form); ``history.epoch`` lists the epochs
    run; ``len(history)`` is their number; ``stop_reason`` says why training stopped early (None when
    it ran every epoch), ``stopped_by`` what stopped it (``"interrupt"`` for Ctrl-C, ``"non-finite"``).
    Keys: ``"loss"``, each metric (``"accuracy"``), with validation data
    ``"val_loss"`` and ``"val_<metric>"``, and ``"lr"`` with a LearningRateScheduler.
    """

    def __init__(self):
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []
        self.stop_reason: str | None = None
        #: What stopped training early, for code that acts on it: "interrupt" (Ctrl-C), "non-finite", or None.
        self.stopped_by: str | None = None

    def append(self, epoch: int, logs: dict) -> None:
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)

    def __getitem__(self, key: str) -> list[float]:
        try:
            return self.history[key]
        except KeyError:
            raise KeyError(f"this History has no {key!r}; it has {sorted(self.history)}") from None

    def __contains__(self, key) -> bool:
        return key in self.history

    def keys(self):
        return self.history.keys()

    def __len__(self) -> int:
        return len(self.epoch)

    def plot(self, path="cost.png", title="cost"):
        """Write the cost per epoch (and the validation cost, if measured) to a PNG at ``path``; returns path.

        Needs matplotlib (``pip install -e ".[plot]"`` in a clone of npblocks); an ImportError says so.
        """
        return plot_costs(self["loss"], path, val_costs=self.history.get("val_loss"), title=title)

    def __repr__(self):
        if not self.epoch:
            return "History(no epochs)"
        shown = ", ".join(f"{k} {v[0]:.4g} -> {v[-1]:.4g}" for k, v in self.history.items())
        return f"History({len(self)} epoch{'' if len(self) == 1 else 's'}: {shown})"
