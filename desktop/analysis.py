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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from desktop.facts.propose import extract_for_ingest, fact_context
from desktop.profile import Profile

PIPE_BATCH = 32  # nlp.pipe batch size


class Analyser:
    """A loaded pipeline, the profile's index and the facts context: run it on texts."""

    def __init__(self, model: str | None, profile: Profile, context: Any):
        from desktop.nlp import ProfileIndex, load_pipeline

        self.nlp, self.info = load_pipeline(model, profile)
        self.index = ProfileIndex(profile)
        self.context = context

    def run(self, items: Iterable[tuple[str, str | None, bool, Any]], *, batch_size: int = PIPE_BATCH
            ) -> Iterator[tuple[list[dict[str, Any]], list[dict] | str | None, Any]]:
        """``(span rows, facts, key)`` for each ``(text, published, new, key)``, in order, streaming.

        ``facts`` only for ``new`` documents (a changed one's facts are proposed again from the
        database, where its decided spans are). ``text`` must be the text the Doc is made from.
        """
        from desktop.nlp import pipe_spans

        info = self.info
        texts = ((text, published, (text, published, new, key)) for text, published, new, key in items)
        # pipe_spans, not nlp.pipe: a text longer than the model's max_length is read in pieces (spaCy's E088).
        for rows, (text, published, new, key) in pipe_spans(self.nlp, texts, self.index, model=info["model"],
                                                            model_version=info["model_version"],
                                                            batch_size=batch_size):
            facts = None if self.context is None or not new else extract_for_ingest(self.context, text, published, rows)
            yield rows, facts, key


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


__all__ = ["Analyser", "PIPE_BATCH", "context_digest", "profile_context"]
