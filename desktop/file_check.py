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

The module also keeps what this process knows of each file's check (:func:`start`, :func:`failed`,
:func:`running`, :func:`mark_sound`), so the window's many connections to one file share one check, and a
file found damaged is refused at once on its next open.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

# A file as it was when checked: (device, inode, size, modification time).
Identity = tuple[int, int, int, int]

# A check run beside an open starts when its caller begins it (the window, once its docks are up), when a write
# waits for it, or after this many seconds.
CHECK_START_WITHIN = 10.0


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


# Files this process found sound, by path: their identity when checked. The check reads the whole file (half a
# second at 100,000 articles) and the window opens one connection per dock: an unchanged file is not read
# again. A file changed since (copied over, written, checkpointed) is.
_checked: dict[str, Identity] = {}
# Checks running beside an open (store.open_db's check_later), or failed, by path: (the file's identity, the check).
_pending: dict[str, tuple[Identity, PendingCheck]] = {}
_pending_lock = threading.Lock()


class CheckLater:
    """An open's verdict when the check may run beside it; ``immutable``: the file had no ``-wal``."""

    def __init__(self, immutable: bool):
        self.immutable = immutable


def file_identity(path: Path) -> Identity:
    """``path``'s (device, inode, size, modification time): a file changed since a check has another."""
    info = path.stat()
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _key(path: Path) -> str:
    return str(path.resolve())


def is_sound(path: Path, identity: Identity) -> bool:
    """Whether this process found ``path`` sound when it was as ``identity`` says."""
    return _checked.get(_key(path)) == identity


def mark_sound(path: Path, identity: Identity) -> None:
    """Remember that ``path``, as ``identity`` says, passed its check (checked on open)."""
    _checked[_key(path)] = identity


def running(path: Path) -> PendingCheck | None:
    """The check of ``path`` still running beside an open, or None."""
    with _pending_lock:
        check = _pending.get(_key(path), (None, None))[1]
    return check if check is not None and not check.done else None


def failed(path: Path, identity: Identity | None = None) -> BaseException | None:
    """The error of the check that found ``path`` damaged, if the file is still as it was then (else None).

    ``identity``: the file's, when the caller has just read it."""
    with _pending_lock:
        started_on, check = _pending.get(_key(path), (None, None))
    if check is None or not check.done or check.error is None:
        return None
    return check.error if started_on == (identity or file_identity(path)) else None


def start(path: Path, read: Callable[[bool], None], *, immutable: bool) -> PendingCheck:
    """Run the damage check ``read(immutable)`` of ``path`` on a thread; writers wait for it.

    ``read`` opens a read-only connection of its own and raises the error writers get when the file is
    damaged. The check starts when :meth:`PendingCheck.begin` is called (the window is complete: on a busy
    machine the check took the CPU the window's start needed), when a write waits for it, or after
    :data:`CHECK_START_WITHIN` seconds.

    ``immutable``: the file had no ``-wal`` when opened, so the file is all there is (this process writes
    nothing before the check passed). Read so, the check takes no part in the WAL, and the last of the
    process's connections to close removes the ``-wal`` and ``-shm`` they made, even beside a damaged file.
    """
    key, identity = _key(path), file_identity(path)

    def check() -> None:
        try:
            try:
                read(immutable)
            except Exception:
                if not immutable or file_identity(path) == identity:
                    raise
                # Another process checkpointed into the file while it was read as immutable: look again.
                read(False)
        except Exception:
            tidy_beside(path)
            raise
        _checked[key] = identity

    pending = PendingCheck(check, name=f"quick_check {path.name}", start_within=CHECK_START_WITHIN)
    with _pending_lock:
        _pending[key] = (identity, pending)

    def forget(error: BaseException | None) -> None:
        if error is None:  # a failure stays, so the next open of the same file is refused at once
            with _pending_lock:
                if _pending.get(key, (None, None))[1] is pending:
                    del _pending[key]

    pending.add_done_callback(forget)
    return pending


def tidy_beside(path: Path) -> None:
    """Remove the empty ``-wal`` and ``-shm`` this process's connections made beside a file found damaged.

    SQLite's last connection to close removes them; one that closed while the check still read the file
    may have left them. A connection opened and closed now is that last one (or another still open is):
    its checkpoint has nothing to write, since nothing was written. A ``-wal`` holding frames is left alone.
    """
    wal = Path(f"{path}-wal")
    try:
        if not wal.exists() or wal.stat().st_size:
            return
        conn = sqlite3.connect(str(path), timeout=0)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # a read opens the WAL, so closing removes it
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        log.debug("could not tidy beside %s", path, exc_info=True)
