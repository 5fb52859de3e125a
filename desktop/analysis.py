"""The per-document step of every ingest: spaCy with the profile, then the facts component.

>>> analyser = Analyser(None, load_profile("russia_belarus"), context)  # doctest: +SKIP
>>> for rows, facts, key in analyser.run([(text, "2021-05-01", True, "a.txt")]):  # doctest: +SKIP
...     print(key, len(rows), facts)

One code path for the three places that run it: ingest in this process,
ingest's worker processes, and the Dask workers of ``annotate`` /
``ingest --engine dask`` (:mod:`desktop.cluster`). ``rows`` are the span rows
:func:`desktop.nlp.spans_for_doc` gives; ``facts`` are :func:`extract_for_ingest`'s
(``span_ids`` are positions in ``rows``) for a new document, ``None`` otherwise
or when facts are off (no context). spaCy is imported when an Analyser is made.

Each document is guarded on its own: one whose spaCy or facts step raises, or whose analysis runs
past ``time_limit`` seconds (checked between the Docs of the pieces of a long text and after each
document's facts; on the main thread a SIGALRM interrupts Python code too), comes out as a
:class:`DocumentFailed` in place of its rows, with the stage and the reason, and the others go on.
A step stuck inside one C call cannot be stopped here; ingest's worker processes are killed for
that (``worker_pool``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from desktop.facts.propose import extract_for_ingest, fact_context
from desktop.profile import Profile

log = logging.getLogger(__name__)

PIPE_BATCH = 32  # nlp.pipe batch size
ALONE_CHARS = 100_000  # characters of one group of texts through spaCy; a longer text goes alone


@dataclass(frozen=True)
class DocumentFailed:
    """A document the analysis gave up on: ``stage`` (``nlp``, ...) and a sentence saying why."""

    stage: str
    reason: str

    def message(self) -> str:
        """The line ingest's summary and the problems list show."""
        return f"failed at the {self.stage} stage: {self.reason}"


class _TimeUp(BaseException):
    """The per-document time limit passed (a BaseException: no ``except Exception`` in spaCy or the
    facts extractor may take it for the document's own error)."""


def limit_for(seconds: float | None) -> float | None:
    """The time limit of every text, however long: ``seconds`` (None or 0: no limit).

    It is what one article may cost a run (issue 15: no file more than 30 s a case, its reading included). It
    once grew in proportion past 1,000,000 characters, since analysis is linear: with ``en_core_web_sm`` (~15 s
    a megabyte of NER on a loaded 2-core machine) that let a 5 MB file hold a run for 100 s. A long article the
    analyst wants analysed whole gets a higher ``--doc-timeout`` (or 0).
    """
    return seconds or None


def time_limit_reason(seconds: float) -> str:
    """Why a document over the per-document time limit was given up."""
    shown = f"{seconds:g}" if seconds < 10 else f"{seconds:.0f}"
    return (f"took longer than {shown} s, the per-document time limit "
            "(ingest --doc-timeout SECONDS raises it, 0 lifts it)")


class Analyser:
    """A loaded pipeline, the profile's index and the facts context: run it on texts."""

    def __init__(self, model: str | None, profile: Profile, context: Any):
        from desktop.nlp import ProfileIndex, load_pipeline

        self.nlp, self.info = load_pipeline(model, profile)
        self.index = ProfileIndex(profile)
        self.context = context

    def run(self, items: Iterable[tuple[str, str | None, bool, Any]], *, batch_size: int = PIPE_BATCH,
            time_limit: float | None = None
            ) -> Iterator[tuple[list[dict[str, Any]] | DocumentFailed, list[dict] | str | None, Any]]:
        """``(span rows, facts, key)`` for each ``(text, published, new, key)``, in order, streaming.

        ``facts`` only for ``new`` documents (a changed one's facts are proposed again from the
        database, where its decided spans are). ``text`` must be the text the Doc is made from.
        ``rows`` is a :class:`DocumentFailed` (and ``facts`` None) for a document whose spaCy step
        raised or ran past ``time_limit`` seconds.
        """
        # Groups of at most batch_size texts and ALONE_CHARS characters (a longer text alone): the time
        # limit holds for a group, and a group that fails is run again text by text to find which one.
        group: list[tuple[str, str | None, bool, Any]] = []
        chars = 0
        for item in items:
            if group and (len(group) >= batch_size or chars + len(item[0]) > ALONE_CHARS):
                yield from self._group(group, batch_size, time_limit)
                group, chars = [], 0
            group.append(item)
            chars += len(item[0])
        yield from self._group(group, batch_size, time_limit)

    def _group(self, group, batch_size: int, time_limit: float | None):
        if not group:
            return
        stage = "nlp"
        limit = limit_for(time_limit)
        try:
            with _deadline(limit) as check:
                found = self._spans(group, batch_size, check)
                check()  # the last Doc's spans count too
                stage = "facts"
                out = []
                for rows, (text, published, new, key) in zip(found, group):
                    facts = (None if self.context is None or not new
                             else extract_for_ingest(self.context, text, published, rows))
                    check()
                    out.append((rows, facts, key))
        except (Exception, _TimeUp) as exc:  # noqa: BLE001 - which document? each alone tells
            if len(group) == 1:
                failed = DocumentFailed(stage, time_limit_reason(limit) if isinstance(exc, _TimeUp)
                                        else f"{type(exc).__name__}: {exc}")
                log.info("%s", failed.message())
                yield failed, None, group[0][3]
                return
            for item in group:
                yield from self._group([item], 1, time_limit)
            return
        yield from out

    def _spans(self, group, batch_size: int, check: Callable[[], None]) -> list[list[dict[str, Any]]]:
        from desktop.nlp import pipe_spans

        info = self.info
        # pipe_spans, not nlp.pipe: a text longer than the model's max_length is read in pieces (spaCy's E088).
        return [rows for rows, _ in pipe_spans(self.nlp, ((t, p, None) for t, p, _, _ in group), self.index,
                                               model=info["model"], model_version=info["model_version"],
                                               batch_size=batch_size, after_doc=check)]


@contextmanager
def _deadline(seconds: float | None) -> Iterator[Callable[[], None]]:
    """A ``check()`` raising :class:`_TimeUp` once ``seconds`` have passed; on the main thread (the CLI,
    ingest's worker processes) SIGALRM raises it too, within Python code that never calls ``check``
    (facts on a huge text). Off the main thread (the window's ingest) ``check`` alone holds it."""
    if not seconds:
        yield lambda: None
        return
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > end:
            raise _TimeUp

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield check
        return
    armed = True

    def on_alarm(signum, frame) -> None:
        if armed:
            raise _TimeUp

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def profile_context(profile: Profile) -> Any:
    """The facts context of a new project with ``profile``: what the workers of ``annotate`` use.

    The same as a folder ingest computes for a project whose entities are the profile's (an
    in-memory database holding them), so facts extracted on a cluster equal a local ingest's.
    """
    from desktop import store
    from desktop.facts import FactRules
    from desktop.profile import profile_path

    db = store.open_db(":memory:")
    try:
        with store.write_transaction(db):
            for entity in profile.entities:
                store.upsert_entity(db, entity)
            bundled = profile_path(profile.name)
            store.set_meta(db, "profile", profile.name if bundled.resolve() == profile.path.resolve()
                           else str(profile.path))
        return fact_context(db, FactRules.from_dict(profile.facts))
    finally:
        db.close()


def context_digest(profile: Profile, context: Any) -> str | None:
    """A digest of what facts depend on besides the text: the profile's fact rules, names and places.

    ``ingest --from`` keeps the pre-extracted facts only when the project's digest is the same;
    otherwise they are extracted again from the stored spans.
    """
    if context is None:
        return None
    _rules, aliases, locations = context
    payload = json.dumps([profile.facts, aliases, locations], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


__all__ = ["Analyser", "DocumentFailed", "PIPE_BATCH", "context_digest", "limit_for",
           "profile_context", "time_limit_reason"]
