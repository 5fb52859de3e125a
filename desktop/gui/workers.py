"""Run a core generator on a worker thread (superqt-style: QRunnable + a signals QObject).

>>> worker = GeneratorWorker(lambda cancelled: count_to(10, cancel=cancelled))  # doctest: +SKIP
>>> worker.signals.progress.connect(show)                                      # doctest: +SKIP
>>> QThreadPool.globalInstance().start(worker)                                 # doctest: +SKIP

The factory receives a ``cancelled()`` callable and returns the generator, so
the generator (and every heavy import it does) is created on the worker
thread, never on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """Signals of a :class:`GeneratorWorker`, delivered on the GUI thread (queued)."""

    progress = Signal(object)  # each item the generator yields
    finished = Signal(object)  # the last item yielded (or None), after the generator ended
    failed = Signal(str)  # one-line message of an exception raised by the generator
    cancelled = Signal()


class GeneratorWorker(QRunnable):
    """Iterate ``factory(cancelled)`` on a pool thread; emit every item; stop when cancelled."""

    def __init__(self, factory: Callable[[Callable[[], bool]], Iterator[Any]]):
        super().__init__()
        self.setAutoDelete(False)  # the window keeps a reference and asks is_running()
        self.signals = WorkerSignals()
        self._factory = factory
        self._cancel = threading.Event()
        self._detached = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        """Ask the generator to stop at its next check (between documents)."""
        self._cancel.set()

    def detach(self) -> None:
        """Cancel and drop every later result: the view that wanted them is gone."""
        self._detached.set()
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the generator has ended (for shutdown and tests)."""
        return self._done.wait(timeout)

    def _emit(self, signal, *args) -> None:
        if self._detached.is_set():
            return
        try:
            signal.emit(*args)
        except RuntimeError:
            # The signals object was deleted with its view: nobody is listening any more.
            self._detached.set()

    def run(self) -> None:  # noqa: D401 - Qt's name
        last = None
        try:
            generator = self._factory(self.is_cancelled)
            for item in generator:
                last = item
                # The generator polls cancelled() itself and ends cleanly (a consistent DB).
                self._emit(self.signals.progress, item)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, never raised on a pool thread
            log.error("background job failed:\n%s", traceback.format_exc())
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self._emit(self.signals.failed, message)
        else:
            if self._cancel.is_set():
                self._emit(self.signals.cancelled)
            self._emit(self.signals.finished, last)
        finally:
            self._done.set()
