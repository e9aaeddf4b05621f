"""Ctrl-C during fit: finish the current step, then stop cleanly and return the History.

While fit runs in the main thread, the first SIGINT only asks it to stop: the step under way completes
(forward, backward and the whole update, never half of it), fit records the epoch so far and returns, with
``history.stop_reason`` saying so. A second Ctrl-C interrupts at once, as usual. A KeyboardInterrupt that
reaches fit anyway (raised by a callback, or fit running outside the main thread) stops it the same way.
"""
from __future__ import annotations

import contextlib
import signal
import threading


class Interrupt:
    """Whether Ctrl-C was pressed since ``listen()`` began; ``requested`` is checked after each step."""

    def __init__(self):
        self.requested = False

    def _handle(self, signum, frame):
        if self.requested:  # the second Ctrl-C: stop now
            raise KeyboardInterrupt
        self.requested = True

    @contextlib.contextmanager
    def listen(self):
        """Catch SIGINT into ``requested`` for the duration (main thread only; elsewhere, a no-op)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self._handle)
        try:
            yield self
        finally:  # a handler installed from C reads as None: put Python's default back then
            signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def reason(epoch: int, batch: int, steps: int) -> str:
    """The stop reason of an interrupted fit; batch is the last complete one (-1: none in this epoch)."""
    where = f"after batch {batch + 1} of {steps}" if batch >= 0 else "before its first batch"
    return f"interrupted (Ctrl-C) in epoch {epoch + 1}, {where}; the model holds the weights of the last complete step"
