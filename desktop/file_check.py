"""A check of a whole file run on a thread of its own, with every writer held until it has passed.

>>> check = PendingCheck(lambda: None)
>>> check.wait()  # returns once the check passed; raises what the check raised, every time
>>> check.passed
True

The window opens a project before it knows the file is sound: ``PRAGMA quick_check`` reads all of it (about
half a second at 100,000 articles, more under load), and the window can be on screen meanwhile, reading.
Nothing may be written to a damaged file, so each connection of the project calls :meth:`PendingCheck.wait`
before its first write (:func:`desktop.store.open_db` hooks it into ``before_write``): a write asked for
meanwhile waits for the verdict, then goes ahead or is refused with the check's message. Qt-free: the window
learns of the verdict through :meth:`PendingCheck.add_done_callback`. The check may wait to start until the
caller is ready (:meth:`PendingCheck.begin`): on a busy machine reading the file beside the window's start took
the CPU the start needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class PendingCheck:
    """``check()`` running on a daemon thread; :meth:`wait` blocks until it ends and re-raises its error."""

    def __init__(self, check: Callable[[], None], *, name: str = "file check", start_within: float | None = None):
        """``start_within``: the check waits up to that many seconds for :meth:`begin` (None: it starts at once)."""
        self._go = threading.Event()
        if start_within is None:
            self._go.set()
        self._start_within = start_within
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[BaseException | None], None]] = []
        self.error: BaseException | None = None
        self.waiting = 0  # writers held right now (tests wait for one to be held)
        self._thread = threading.Thread(target=self._run, args=(check,), name=name, daemon=True)
        self._thread.start()

    def _run(self, check: Callable[[], None]) -> None:
        self._go.wait(self._start_within)
        try:
            check()
        except BaseException as exc:  # noqa: BLE001 - handed to every writer and callback
            self.error = exc
        with self._lock:
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self.error)

    @property
    def done(self) -> bool:
        """Whether the check has ended (passed or not)."""
        return self._done.is_set()

    @property
    def passed(self) -> bool:
        """Whether the check has ended and found nothing wrong."""
        return self._done.is_set() and self.error is None

    def begin(self) -> None:
        """Start the check now if it is waiting (the window is on screen: the CPU is free for it)."""
        self._go.set()

    def wait(self) -> None:
        """Block until the check ends; raise its error if it failed (on every call, for every writer).

        A writer that waits starts the check at once."""
        self._go.set()
        if not self._done.is_set():
            with self._lock:
                self.waiting += 1
            try:
                self._done.wait()
            finally:
                with self._lock:
                    self.waiting -= 1
        if self.error is not None:
            raise self.error

    def add_done_callback(self, callback: Callable[[BaseException | None], None]) -> None:
        """Call ``callback(error or None)`` when the check ends: on its thread, or at once if it has ended."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback(self.error)
