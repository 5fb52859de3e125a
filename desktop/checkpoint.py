"""WAL checkpoints beside the window, never inside a keystroke's commit.

SQLite in WAL mode copies the log back into the database file when a commit finds it past
``wal_autocheckpoint`` pages (1,000 by default): that commit then writes and syncs about 4 MB, and on a
project of 100,000 articles one accept in forty-odd took 100-200 ms instead of 1. A process that reviews
(the window) registers its project with :func:`beside`: every connection :func:`desktop.store.open_db`
makes to that file then has ``wal_autocheckpoint = 0``, and a thread of this module runs a ``PASSIVE``
checkpoint on a connection of its own every ``interval`` seconds while the log has frames. A passive
checkpoint waits for no one and blocks no writer; the last connection to close checkpoints as always.

The thread opens the file ``mode=rw`` (never creating one at a path the project was moved from), waits while
the damage check beside the window runs (:mod:`desktop.file_check`), and stops when the file at the path is
no longer the one it was started on (replaced, removed) or the check found it damaged.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from desktop import file_check

log = logging.getLogger(__name__)

INTERVAL_S = 20.0
_lock = threading.Lock()
_beside: dict[str, "Checkpointer"] = {}
_holders: dict[str, int] = {}  # windows of this process on each file


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


class Checkpointer:
    """A daemon thread checkpointing one project file's WAL every ``interval`` seconds (see the module)."""

    def __init__(self, path: str | Path, interval: float = INTERVAL_S):
        self.path = Path(path)
        self.interval = interval
        self.runs = 0  # checkpoints that copied frames back (tests read it)
        self._stop = threading.Event()
        self._identity = _identity(self.path)
        self._thread = threading.Thread(target=self._loop, name=f"checkpoint {self.path.name}", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            if not self.run_once():
                return

    def run_once(self) -> bool:
        """One passive checkpoint; False once the file is gone or replaced (the thread then ends)."""
        if _identity(self.path) != self._identity:
            return False
        if file_check.running(self.path) is not None:
            return True  # nothing is written before the damage check's verdict: no log to copy yet
        if file_check.failed(self.path) is not None:
            return False  # damaged: nothing more is written, and no -wal or -shm may be left beside it
        try:
            conn = sqlite3.connect(f"{self.path.as_uri()}?mode=rw", uri=True, timeout=0.1)
        except sqlite3.Error:
            return False
        try:
            busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if copied > 0:
                self.runs += 1
        except sqlite3.Error as error:  # busy or damaged: the window's own connections say so, not this one
            log.debug("checkpoint of %s skipped: %s", self.path, error)
        finally:
            conn.close()
        return True

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def beside(path: str | Path, interval: float = INTERVAL_S) -> Checkpointer:
    """Checkpoint ``path`` on a thread from now on, and its connections opened from now on never themselves."""
    with _lock:
        key = _key(path)
        if key not in _beside:
            _beside[key] = Checkpointer(path, interval)
        _holders[key] = _holders.get(key, 0) + 1
        return _beside[key]


def release(path: str | Path) -> None:
    """Stop checkpointing ``path`` beside (the window closed): its connections checkpoint as SQLite does."""
    with _lock:
        key = _key(path)
        _holders[key] = _holders.get(key, 1) - 1
        worker = _beside.pop(key, None) if _holders[key] <= 0 else None
        if worker is not None:
            del _holders[key]
    if worker is not None:
        worker.stop()


def is_beside(path: str | Path) -> bool:
    """Whether this process checkpoints ``path`` on a thread (``open_db`` then turns autocheckpoint off)."""
    return bool(_beside) and _key(path) in _beside
