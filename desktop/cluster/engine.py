"""What runs the per-document step on chunks of articles: this process, a process pool, or Dask.

>>> with executor("dask", workers=2, model="blank:en", profile=profile, context=context) as submit:  # doctest: +SKIP
...     info, results = submit([(0, "Putin met Lukashenko.", "2021-05-01", True)]).get()

Every engine runs :func:`desktop.ingest.run_chunk` on a :class:`desktop.analysis.Analyser`:
one code path whether ingest runs in this process, in its worker pool, or on a cluster. A
submitted chunk is a task with ``ready()``, ``wait(seconds)`` and ``get()``, what
:func:`desktop.ingest.run_tasks` drives. Without a scheduler address the Dask engine starts a
``LocalCluster`` of ``workers`` single-threaded processes; dask is imported only here.

The per-document time limit holds on every engine: the Analyser gives a document up past it (a
:class:`~desktop.analysis.DocumentFailed`, skipped with its reason). On a Dask worker a task runs
off the main thread, so the limit is checked between the pieces of a text and after its facts; the
local pool (:class:`desktop.worker_pool.WorkerPool`) also kills a process stuck inside one call.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.cluster import ClusterError

log = logging.getLogger(__name__)

DASK_MISSING = ("the dask engine needs dask, distributed and pyarrow, which the desktop build leaves out: "
                "pip install -r requirements/cluster.lock")


@dataclass(frozen=True)
class AnalyserSpec:
    """What a worker needs to build the Analyser (sent once to each worker, not with every task)."""

    model: str | None
    profile: Any  # a desktop.profile.Profile: a remote worker need not find the file
    context: Any
    key: str
    time_limit: float | None = None  # seconds a document may take (desktop.analysis.limit_for); None: no limit
    code: str = ""  # the client's code_digest(): a worker running other code refuses the task


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The version and a digest of this package's Python sources: what a worker must run to give the same results.

    A cluster whose workers have another version installed (or an older checkout) would extract with other rules
    and profile code than the client sent, or fail on every document; the first task says so instead.
    """
    import desktop

    root = Path(desktop.__file__).resolve().parent
    digest = hashlib.sha256(desktop.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{desktop.__version__}+{digest.hexdigest()[:12]}"


def check_code(spec: AnalyserSpec) -> None:
    """ClusterError when this worker runs other code than the client that sent ``spec``."""
    mine = code_digest()
    if spec.code and spec.code != mine:
        import socket

        raise ClusterError(f"the Dask worker on {socket.gethostname()} runs Article Review {mine}, the client "
                           f"{spec.code}: install the same version on every worker (pip install the same "
                           f"commit or wheel) and restart the workers")


def spec_for(model: str | None, profile: Any, context: Any, time_limit: float | None = None) -> AnalyserSpec:
    """The spec of an Analyser; ``key`` tells workers whether the one they hold will do."""
    from desktop.analysis import context_digest

    key = hashlib.sha256(repr((model, str(profile.path), context_digest(profile, context))).encode()).hexdigest()
    return AnalyserSpec(model, profile, context, key, time_limit or None, code_digest())


_ANALYSERS: dict[str, Any] = {}  # per worker process: the Analyser of the spec it last ran


def analyse_chunk(items: list[tuple[int, str, str | None, bool]], spec: AnalyserSpec) -> tuple[dict, list[tuple]]:
    """A Dask task: ingest's :func:`~desktop.ingest.run_chunk` with this worker's Analyser."""
    from desktop.analysis import Analyser
    from desktop.ingest import run_chunk

    check_code(spec)  # every task: a worker restarted on another version keeps its address
    analyser = _ANALYSERS.get(spec.key)
    if analyser is None:
        _ANALYSERS.clear()  # one pipeline a worker: a new spec replaces the old one
        analyser = _ANALYSERS[spec.key] = Analyser(spec.model, spec.profile, spec.context)
    return run_chunk(analyser, items, spec.time_limit)


class _DaskTask:
    """A Dask future as :func:`desktop.ingest.run_tasks` drives a task."""

    def __init__(self, future):
        self.future = future

    def ready(self) -> bool:
        return self.future.done()

    def wait(self, seconds: float) -> None:
        from distributed import TimeoutError as DaskTimeout
        from distributed import wait

        try:
            wait([self.future], timeout=seconds)
        except (DaskTimeout, TimeoutError):
            pass

    def get(self):
        return self.future.result()


class _DoneTask:
    """A chunk run in this process at submission."""

    def __init__(self, result):
        self.result = result

    def ready(self) -> bool:
        return True

    def wait(self, seconds: float) -> None:  # pragma: no cover - always ready
        return None

    def get(self):
        return self.result


def import_dask():
    """``distributed``, or ClusterError saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(DASK_MISSING) from None
    return distributed


# No dashboard, and the scheduler's HTTP routes on a free local port: with dashboard_address=None distributed
# still binds 8787 and warns when another cluster (a second run, a test) holds it.
QUIET_SCHEDULER = {"dashboard_address": None, "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"}}


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers`` processes."""
    distributed = import_dask()
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout="30s")
        else:
            # One single-threaded process a worker: spaCy holds the GIL, threads would not help.
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               silence_logs=logging.ERROR, **QUIET_SCHEDULER)
            client = distributed.Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def worker_count(client) -> int:
    """How many workers the client's cluster has now (at least one)."""
    return max(1, len(client.scheduler_info().get("workers", {})))


@contextmanager
def executor(engine: str, *, workers: int, model: str | None, profile: Any, context: Any,
             scheduler: str | None = None, time_limit: float | None = None
             ) -> Iterator[tuple[Callable[[list], Any], int]]:
    """``(submit, window)``: ``submit(chunk)`` gives a task; ``window`` tasks in flight keep workers busy."""
    if engine == "dask":
        with dask_client(scheduler, workers) as client:
            if scheduler:
                client.wait_for_workers(1, timeout=60)
            spec = client.scatter(spec_for(model, profile, context, time_limit))  # sent once, held by the workers

            def submit(chunk):
                return _DaskTask(client.submit(analyse_chunk, chunk, spec, pure=False))

            yield submit, 2 * worker_count(client) + 1
        return
    if engine != "local":
        raise ClusterError(f"unknown engine {engine!r} (local or dask)")
    if scheduler:
        raise ClusterError("a scheduler address needs --engine dask")
    if workers == 1:
        from desktop.analysis import Analyser
        from desktop.ingest import run_chunk

        analyser = Analyser(model, profile, context)
        yield (lambda chunk: _DoneTask(run_chunk(analyser, chunk, time_limit))), 1
        return
    from desktop.worker_pool import WorkerPool

    # Ingest's own pool: spawned processes, a stuck one killed and its document given up.
    pool = WorkerPool(workers, model=model, profile_path=str(profile.path), context=context, time_limit=time_limit)
    try:
        yield pool.submit, 2 * workers + 1
    finally:
        pool.close()


def dask_runner(scheduler: str | None):
    """The runner :func:`desktop.ingest.ingest` takes for ``engine="dask"``: its task loop on a cluster."""
    from desktop.ingest import IngestError, Progress, run_tasks

    def runner(db, folder, todo, metadata, model, profile, workers, cancel, run, context, doc_timeout):
        yield Progress(0, len(todo), None, f"Connecting to {scheduler}" if scheduler
                       else f"Starting a Dask cluster of {workers} workers")
        try:
            with executor("dask", workers=workers, model=model, profile=profile, context=context,
                          scheduler=scheduler, time_limit=doc_timeout) as (submit, window):
                return (yield from run_tasks(db, folder, todo, metadata, submit, window, cancel, run))
        except ClusterError as exc:
            raise IngestError(str(exc)) from None

    return runner


__all__ = ["AnalyserSpec", "analyse_chunk", "check_code", "code_digest", "dask_client", "dask_runner", "executor", "import_dask", "spec_for"]
