"""The review session: which project, article, span and filters are current; Qt-free.

>>> session = Session(open_db(":memory:"))                      # doctest: +SKIP
>>> session.events.document.connect(lambda e: print(e.doc))    # doctest: +SKIP
>>> session.open_document(1)                                    # doctest: +SKIP

Widgets subscribe to :attr:`Session.events` (as napari's Qt layer listens to a
layer's ``events``) and draw what the event says; the main window only
assembles them. Every event is a plain-Python :class:`Event`, so this module
and its tests need no Qt.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

import sqlite_utils

from desktop import history, project_file, review, store

log = logging.getLogger(__name__)

# Used when the profile module or file cannot be loaded: spaCy's labels in a readable palette.
FALLBACK_LABELS = {
    "PERSON": "#f4a261", "ORG": "#8ecae6", "GPE": "#90be6d", "LOC": "#b5e48c", "DATE": "#ffd166",
    "MONEY": "#c77dff", "EVENT": "#ff8fab", "NORP": "#adb5bd", "FAC": "#a3c4f3",
}


class Refused(Exception):
    """An operation the session would not (or could not) do; the message is for the analyst."""


class Event:
    """What happened: its ``type``, the session it came from, and the event's fields as attributes."""

    def __init__(self, type: str, source: Any, **fields: Any):  # noqa: A002 - napari's name
        self.type = type
        self.source = source
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k not in ("type", "source"))
        return f"Event({self.type!r}, {fields})"


class EventEmitter:
    """One kind of event: ``connect(callback)``, then ``emitter(**fields)`` calls each with an :class:`Event`.

    A callback that raises is logged and the others still run: one widget's bug
    must not stop the rest of the window from showing the change.
    """

    def __init__(self, source: Any, type: str):  # noqa: A002
        self.source = source
        self.type = type
        self._callbacks: list[Callable[[Event], Any]] = []

    def connect(self, callback: Callable[[Event], Any]) -> Callable[[Event], Any]:
        """Call ``callback(event)`` on every emission (returns it, so it works as a decorator)."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[Event], Any] | None = None) -> None:
        """Stop calling ``callback`` (or every callback when None)."""
        if callback is None:
            self._callbacks.clear()
        elif callback in self._callbacks:
            self._callbacks.remove(callback)

    def __call__(self, **fields: Any) -> Event:
        event = Event(self.type, self.source, **fields)
        for callback in list(self._callbacks):
            try:
                callback(event)
            except Exception as exc:  # noqa: BLE001 - see the class docstring
                log.exception("a %r listener failed", self.type)
                failed = getattr(self.source, "database_failed", None)
                if isinstance(exc, sqlite3.DatabaseError) and self.type != "database" and failed is not None:
                    failed(exc)  # the project's file, not the widget: the analyst is told (``database``)
        return event


class SessionEvents:
    """The session's emitters, one attribute each (``session.events.document.connect(...)``).

    - ``document(doc, spans, same_text)``: another article (or the same one re-read) is current.
    - ``spans(spans, changed)``: the current article's spans changed; ``changed`` names the span ids
      patched in place, empty when the whole list was re-read.
    - ``current_span(span_id)``: the span the keys act on.
    - ``show_rejected(value)``, ``char_precision(value)``: review options.
    - ``labels(labels, colors)``: the profile's labels and their colours (hex).
    - ``filters(status, search)``: what the article list shows.
    - ``reviewed(doc, counts, origin)``: this session wrote to the current article; ``doc`` is its
      fresh row and ``counts`` its proposed/accepted spans.
    - ``corpus(origin, in_progress)``: anything in the project may have changed (an ingest batch, an
      import, undo, a dock's bulk action): re-read what you show. ``origin`` (a dock that caused it) may
      skip it; ``in_progress`` says a job's batch landed and more follow.
    - ``database(message)``: reading the project failed under the session (a page gone bad, the file made
      read-only or held): ``message`` is the commands' one line (:func:`desktop.project_file.database_error`).
    """

    NAMES = ("document", "spans", "current_span", "show_rejected", "char_precision", "labels", "filters",
             "reviewed", "corpus", "database")

    def __init__(self, source: Any):
        for name in self.NAMES:
            setattr(self, name, EventEmitter(source, name))


class Session:
    """The analyst's place in one project database: the open article, its spans, the current span.

    Reads go through :mod:`desktop.store` and edits through :meth:`run` (a
    :mod:`desktop.review` operation), on the caller's connection ``db``.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.events = SessionEvents(self)
        self.doc: dict[str, Any] | None = None
        self.spans: list[dict[str, Any]] = []
        self.current_span_id: int | None = None
        self.show_rejected = False
        self.char_precision = False
        self.filters: dict[str, Any] = {"status": None, "search": ""}
        self.labels: list[str] = []
        self.label_colors: dict[str, str] = {}
        self.profile_name = "(none)"
        self._profile_meta: str | None = None
        self._data_version = store.data_version(db)
        self.load_profile()

    # ------------------------------------------------------------ profile

    def load_profile(self) -> None:
        """Read the project's profile (its labels, in key order, and colours); emits ``labels``."""
        name = store.get_meta(self.db, "profile")  # a bundled profile's name or the path of one's own
        self.profile_name = name or "(none)"
        self._profile_meta = name
        try:
            from desktop.profile import load_profile

            profile = load_profile(name)
            self.labels = [label.name for label in sorted(profile.labels, key=lambda l: l.key)][:9]
            self.label_colors = {label.name: label.color for label in profile.labels}
            self.profile_name = profile.name
        except Exception as exc:  # noqa: BLE001 - a broken or missing profile must not stop the review
            log.warning("profile %r not loaded (%s); using the default labels", name, exc)
            self.labels = list(FALLBACK_LABELS)
            self.label_colors = dict(FALLBACK_LABELS)
        self.events.labels(labels=self.labels, colors=self.label_colors)

    def load_profile_if_new(self) -> bool:
        """Pick up the profile the first ingest recorded; True if it changed."""
        name = store.get_meta(self.db, "profile")
        if not name or name == self._profile_meta:
            return False
        self.load_profile()
        return True

    # ------------------------------------------------------------ the current article

    def open_document(self, doc_id: int | None, *, span_id: int | None = None) -> None:
        """Make ``doc_id`` (None: no article) current, with ``span_id`` as its current span if it has it."""
        doc = store.get_document(self.db, doc_id) if doc_id is not None else None
        same_text = doc is not None and self.doc is not None and self.doc["id"] == doc["id"] \
            and self.doc["text"] == doc["text"]
        self.doc = doc
        self.spans = store.spans_for_document(self.db, doc["id"]) if doc else []
        self.current_span_id = span_id if span_id is not None and self.span(span_id) else None
        self.events.document(doc=doc, spans=self.spans, same_text=same_text, current_span=self.current_span_id)

    def reopen(self) -> None:
        """Re-read the current article (or the first to review when it is gone), keeping the current span."""
        if self.doc is not None:
            fresh = store.get_document(self.db, self.doc["id"])
            self.open_document(fresh["id"] if fresh else store.first_unverified_document(self.db),
                               span_id=self.current_span_id)
        else:
            self.open_document(store.first_unverified_document(self.db))

    @property
    def doc_id(self) -> int | None:
        return self.doc["id"] if self.doc is not None else None

    def span(self, span_id: int | None) -> dict[str, Any] | None:
        """The current article's span ``span_id`` (None when it has none by that id)."""
        return next((s for s in self.spans if s["id"] == span_id), None) if span_id is not None else None

    def current_span(self) -> dict[str, Any] | None:
        return self.span(self.current_span_id)

    def set_current_span(self, span_id: int | None) -> None:
        """The span the keys act on (None: none); emits ``current_span``."""
        self.current_span_id = span_id
        self.events.current_span(span_id=span_id)

    def visible_spans(self) -> list[dict[str, Any]]:
        """The spans shown in text order (rejected ones only when :attr:`show_rejected`)."""
        if self.show_rejected:
            return self.spans
        return [s for s in self.spans if s["status"] != "rejected"]

    def step_span(self, step: int) -> bool:
        """Make the next (``step`` 1) or previous (-1) visible span current; False when there is none."""
        ids = [s["id"] for s in self.visible_spans()]
        if not ids:
            return False
        if self.current_span_id in ids:
            i = max(0, min(len(ids) - 1, ids.index(self.current_span_id) + step))
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.set_current_span(ids[i])
        return True

    def next_after(self, span_id: int) -> int | None:
        """The visible span after ``span_id`` (where a review decision moves on to)."""
        visible = [s["id"] for s in self.visible_spans()]
        if span_id not in visible:
            return None
        i = visible.index(span_id)
        return visible[i + 1] if i + 1 < len(visible) else None

    # ------------------------------------------------------------ options and filters

    def set_show_rejected(self, value: bool) -> None:
        self.show_rejected = bool(value)
        self.events.show_rejected(value=self.show_rejected)

    def set_char_precision(self, value: bool) -> None:
        self.char_precision = bool(value)
        self.events.char_precision(value=self.char_precision)

    def set_filters(self, **filters: Any) -> None:
        """Change what the article list shows (``status``: a document status or None, ``search``: text)."""
        unknown = set(filters) - set(self.filters)
        if unknown:
            raise TypeError(f"unknown filter {sorted(unknown)[0]!r}; known: {', '.join(self.filters)}")
        changed = {k: v for k, v in filters.items() if self.filters.get(k) != v}
        if not changed:
            return
        self.filters.update(changed)
        self.events.filters(**self.filters)

    # ------------------------------------------------------------ writes

    def run(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``operation(db, *args)``; a refusal raises :class:`Refused` with a message for the analyst.

        The store's writes take SQLite's lock first (``BEGIN IMMEDIATE``) and wait for the
        busy timeout, so a worker's commit never needs a retry loop here.
        """
        try:
            result = operation(self.db, *args, **kwargs)
        except (review.ReviewError, history.HistoryError, store.StoreError) as exc:
            raise Refused(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            store.end_stray_transaction(self.db)
            if "locked" in str(exc) or "busy" in str(exc):
                raise Refused(f"the database is busy ({exc}); try again in a moment") from exc
            # Damaged, read-only, full: the one line the commands print, with how to recover.
            raise Refused(self._database_line(exc)) from exc
        except ImportError as exc:
            raise Refused(f"this needs a part of the app that is missing: {exc.name}") from exc
        return True if result is None else result

    def patch_span(self, row: dict[str, Any]) -> None:
        """Update the current article's copy of a span from the row a review operation returned."""
        old = self.span(row["id"])
        if old is not None:
            old.update({k: v for k, v in row.items() if k in old})

    def after_write(self, *, reload: bool, changed: tuple[int, ...] = (), origin: Any = None) -> None:
        """Tell the widgets what this session just wrote to the current article.

        ``reload`` re-reads its spans; otherwise only the ``changed`` ones (patched
        with :meth:`patch_span`) are redrawn. Emits ``spans`` then ``reviewed``.
        """
        if self.doc is not None:
            if reload:
                self._read_spans()
            self.events.spans(spans=self.spans, changed=() if reload else tuple(changed))
            doc = store.get_document(self.db, self.doc["id"])
            if doc is not None:
                self.doc = doc
        counts = {"proposed": 0, "accepted": 0}
        for span in self.spans:
            if span["status"] in counts:
                counts[span["status"]] += 1
        self._data_version = store.data_version(self.db)
        self.events.reviewed(doc=self.doc, counts=counts, origin=origin)

    def reload_spans(self) -> None:
        """Re-read the current article's spans (someone else changed them); emits ``spans``."""
        if self.doc is None:
            return
        self._read_spans()
        self.events.spans(spans=self.spans, changed=())

    def _read_spans(self) -> None:
        self.spans = store.spans_for_document(self.db, self.doc["id"])
        if self.span(self.current_span_id) is None:
            self.current_span_id = None

    # ------------------------------------------------------------ changes from elsewhere

    def _database_line(self, exc: sqlite3.DatabaseError) -> str:
        try:
            where = project_file.database_file(self.db) or "the project database"
        except sqlite3.DatabaseError:
            where = "the project database"
        return str(store.database_error(exc, where))

    def database_failed(self, exc: sqlite3.DatabaseError) -> str:
        """Reading the project failed: end the transaction the failed read may have left open (a later write
        would otherwise join it and never be committed), emit ``database`` with the one line, and return it."""
        store.end_stray_transaction(self.db)
        message = self._database_line(exc)
        log.warning("the project database failed: %s", message)
        self.events.database(message=message)
        return message

    def corpus_changed(self, *, origin: Any = None, reopen: bool = True, facts_only: bool = False) -> None:
        """Anything may have changed: emit ``corpus``, then re-read the current article (``reopen``).

        ``facts_only``: only facts were written (the event says so: the article list has nothing to re-read).
        A database that fails meanwhile is said through ``database``, never raised: the callers are refreshes.
        """
        try:
            self._data_version = store.data_version(self.db)
            self.events.corpus(origin=origin, in_progress=False, facts_only=facts_only)
            if reopen:
                self.reopen()
        except sqlite3.DatabaseError as exc:
            self.database_failed(exc)

    def catch_up(self, *, in_progress: bool = False) -> None:
        """Show what a background job committed: the corpus, and the article if its text or spans changed.

        ``in_progress``: more batches follow (listeners that are costly to refresh may wait for the end).
        A database that fails meanwhile is said through ``database``, never raised.
        """
        try:
            self._catch_up(in_progress)
        except sqlite3.DatabaseError as exc:
            self.database_failed(exc)

    def _catch_up(self, in_progress: bool) -> None:
        self._data_version = store.data_version(self.db)
        self.events.corpus(origin=None, in_progress=in_progress)
        if self.doc is None:
            first = store.first_unverified_document(self.db)
            if first is not None:
                self.open_document(first)
            return
        fresh = store.get_document(self.db, self.doc["id"])
        if fresh is None or fresh["hash"] != self.doc["hash"] or fresh["text"] != self.doc["text"]:
            self.open_document(fresh["id"] if fresh else store.first_unverified_document(self.db))
        elif len(store.spans_for_document(self.db, self.doc["id"])) != len(self.spans):
            self.open_document(self.doc["id"], span_id=self.current_span_id)

    def changed_elsewhere(self) -> bool:
        """True when another connection (a worker, a second window) committed since this session looked."""
        return store.data_version(self.db) != self._data_version
