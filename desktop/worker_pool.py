"""Ingest's worker processes: each analyses documents under a per-document time limit, and is replaced
when it exceeds it.

>>> pool = WorkerPool(2, model="blank:en", profile_path=path, context=None, time_limit=30)  # doctest: +SKIP
>>> future = pool.submit([(0, "Putin met Lukashenko.", None, True)])  # doctest: +SKIP
>>> info, results = future.get()  # doctest: +SKIP
>>> pool.close()  # doctest: +SKIP

``multiprocessing.Pool`` cannot stop one task, so a document stuck inside one call (a parser gone
quadratic, a hung extension) would hang the whole run. Here each worker is a "spawn" process with its
own pipe, and it sends each document's result as soon as it has it. The worker itself gives up a
document past the limit where it can (between the pieces of a long text: :class:`desktop.analysis.Analyser`);
a worker that holds a task and sends nothing for :data:`KILL_FACTOR` times the limit is killed and
replaced. If one document of its task was unfinished, that document is recorded as failed
(:class:`~desktop.analysis.DocumentFailed`); if several were, each is sent again alone, so the stuck one
is found and the others are analysed. A worker that dies (a crash, the out-of-memory killer) is treated
the same way. The futures are driven by whoever waits on them; the pool has no thread of its own.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from desktop.analysis import DocumentFailed, limit_for, time_limit_reason

log = logging.getLogger(__name__)

KILL_FACTOR = 2.0  # a worker silent this many times the time limit while it holds a task is killed
KILL_MIN_SECONDS = 5.0  # ...and never sooner than this (a short limit must not kill a busy worker)

Item = tuple[int, str, "str | None", bool]  # (key, text, published, new)


def _worker_main(conn, model: str | None, profile_path: str, context: Any, time_limit: float | None,
                 make_analyser: Any) -> None:
    """A worker process: load the pipeline once, then answer tasks document by document."""
    import signal

    from desktop.profile import load_profile

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the pool
    try:
        if make_analyser is None:
            from desktop.analysis import Analyser as make_analyser
        analyser = make_analyser(model, load_profile(profile_path), context)
    except Exception as exc:  # noqa: BLE001 - the parent reports it and ends the run
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", analyser.info))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        task_id, items = message
        for rows, facts, key in analyser.run(((text, published, new, key) for key, text, published, new in items),
                                             time_limit=time_limit):
            conn.send(("doc", task_id, key, rows, facts))
        conn.send(("done", task_id))


class Future:
    """The results of one submitted chunk: ``ready()``, ``wait(seconds)``, ``get()`` (as ``AsyncResult``)."""

    def __init__(self, pool: WorkerPool, keys: list[int]):
        self._pool = pool
        self._keys = keys
        self._results: dict[int, tuple[Any, Any]] = {}

    def _done(self) -> bool:
        return self._pool.error is not None or len(self._results) == len(self._keys)

    def ready(self) -> bool:
        """True when every document of the chunk has its result (or the pool failed)."""
        if not self._done():
            self._pool.poll(0)
        return self._done()

    def wait(self, seconds: float) -> None:
        """Drive the pool for up to ``seconds`` or until this chunk is ready."""
        end = time.monotonic() + seconds
        while not self._done() and time.monotonic() < end:
            self._pool.poll(max(0.0, end - time.monotonic()))

    def get(self) -> tuple[dict[str, Any], list[tuple[int, Any, Any]]]:
        """``(model info, [(key, rows, facts), ...])`` in the chunk's order; raises when the pool failed."""
        while not self._done():
            self._pool.poll(0.2)
        if self._pool.error is not None:
            raise RuntimeError(self._pool.error)
        return self._pool.info, [(key, *self._results[key]) for key in self._keys]


@dataclass
class _Task:
    id: int
    future: Future
    items: list[Item]
    pending: set[int] = field(default_factory=set)


@dataclass
class _Worker:
    process: Any
    conn: Any
    ready: bool = False
    task: _Task | None = None
    since: float = 0.0


class WorkerPool:
    """``workers`` spawned processes running :class:`~desktop.analysis.Analyser` with ``time_limit``.

    ``make_analyser`` (a module-level callable, as ``Analyser(model, profile, context)``; default the
    Analyser) is what each worker builds: the fault tests give one that hangs on a chosen text.
    """

    def __init__(self, workers: int, *, model: str | None, profile_path: str, context: Any,
                 time_limit: float | None, make_analyser: Any = None):
        # "spawn", never fork: forking a process that runs Qt (or holds SQLite handles) is unsafe.
        self._spawn = multiprocessing.get_context("spawn")
        self._args = (model, profile_path, context, time_limit, make_analyser)
        self.time_limit = time_limit or None
        self.info: dict[str, Any] = {}
        self.error: str | None = None
        self.killed = 0  # workers killed for the time limit (for the tests and the log)
        self._queue: deque[_Task] = deque()
        self._next_id = 0
        self._workers = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Worker:
        parent, child = self._spawn.Pipe()
        process = self._spawn.Process(target=_worker_main, args=(child, *self._args), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def submit(self, items: list[Item]) -> Future:
        """Queue a chunk of ``(key, text, published, new)``; its :class:`Future`."""
        future = Future(self, [item[0] for item in items])
        self._queue.append(self._task(future, items))
        self._dispatch()
        return future

    def _task(self, future: Future, items: list[Item]) -> _Task:
        self._next_id += 1
        return _Task(self._next_id, future, items, {item[0] for item in items})

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.task is None:
                task = self._queue.popleft()
                worker.task, worker.since = task, time.monotonic()
                worker.conn.send((task.id, task.items))

    def poll(self, timeout: float) -> None:
        """Read what the workers sent, replace the stuck and the dead, hand out queued tasks."""
        if self.error is not None:
            return
        ready = wait([w.conn for w in self._workers] + [w.process.sentinel for w in self._workers], timeout)
        for worker in list(self._workers):
            if worker.conn in ready:
                self._read(worker)
            if self.error is not None:
                return
        now = time.monotonic()
        for worker in list(self._workers):
            if not worker.process.is_alive():
                self._read(worker)  # what it sent before it ended (a pipe at its end stays readable: EOF)
                if self.error is not None:
                    return
                code = worker.process.exitcode
                if not worker.ready:
                    self.error = f"a worker process ended while loading the model (exit code {code})"
                    return
                self._replace(worker, f"the worker process ended (exit code {code})")
            elif worker.task is not None and self.time_limit and now - worker.since > self._kill_after(worker.task):
                log.info("killing a worker silent for %.0f s", now - worker.since)
                self.killed += 1
                worker.process.kill()
                worker.process.join()
                self._replace(worker, time_limit_reason(self._limit(worker.task)))
        self._dispatch()

    def _limit(self, task: _Task) -> float:
        """The time limit of the task's documents (the same for each, see :func:`desktop.analysis.limit_for`)."""
        return limit_for(self.time_limit) or 0.0

    def _kill_after(self, task: _Task) -> float:
        return max(KILL_MIN_SECONDS, KILL_FACTOR * self._limit(task))

    def _read(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                kind = message[0]
                if kind == "ready":
                    worker.ready, self.info = True, message[1]
                elif kind == "error":
                    self.error = message[1]
                    return
                elif kind == "doc" and worker.task is not None and message[1] == worker.task.id:
                    _, _, key, rows, facts = message
                    worker.task.future._results[key] = (rows, facts)
                    worker.task.pending.discard(key)
                    worker.since = time.monotonic()
                elif kind == "done":
                    worker.task = None
        except (EOFError, OSError):
            pass  # it died: poll() replaces it

    def _replace(self, worker: _Worker, reason: str) -> None:
        """Put a fresh worker in place of ``worker``; its unfinished documents fail (one) or go again alone."""
        task = worker.task
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()
        if task is None:
            return
        unfinished = [item for item in task.items if item[0] in task.pending]
        if len(unfinished) == 1:
            task.future._results[unfinished[0][0]] = (DocumentFailed("analysis", reason), None)
            return
        for item in reversed(unfinished):  # in front of the queue, in order
            self._queue.appendleft(self._task(task.future, [item]))

    def close(self) -> None:
        """Stop every worker at once (what is in flight is dropped)."""
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self._workers:
            worker.process.join()
            worker.conn.close()
        self._workers = []


__all__ = ["Future", "KILL_FACTOR", "WorkerPool"]
