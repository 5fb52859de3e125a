"""The per-document step of every ingest: spaCy with the profile, then the facts component.

>>> analyser = Analyser(None, load_profile("russia_belarus"), context)  # doctest: +SKIP
>>> for rows, facts, key in analyser.run([(text, "2021-05-01", True, "a.txt")]):  # doctest: +SKIP
...     print(key, len(rows), facts)

One code path for every place that runs it: ingest in this process and
ingest's worker processes (and, next, the workers of a cluster engine). ``rows`` are the span rows
:func:`desktop.nlp.spans_for_doc` gives; ``facts`` are :func:`extract_for_ingest`'s
(``span_ids`` are positions in ``rows``) for a new document, ``None`` otherwise
or when facts are off (no context). spaCy is imported when an Analyser is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from desktop.facts.propose import extract_for_ingest
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


__all__ = ["Analyser", "PIPE_BATCH"]
