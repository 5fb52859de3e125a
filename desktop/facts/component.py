"""The fact extractor as a spaCy pipeline component: ``nlp.add_pipe("article_facts")``.

>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> from desktop.nlp import add_gazetteer
>>> add_gazetteer(nlp)
>>> _ = nlp.add_pipe("article_facts")
>>> doc = nlp.make_doc("Putin and Lukashenko met in Sochi on 7 December.")
>>> doc._.published = "2021-12-10"
>>> doc = nlp(doc)
>>> [(f["kind"], f["date_start"], f["place"]) for f in doc._.facts]
[('meeting', '2021-12-07', 'Sochi')]

The component reads ``doc.ents`` (labelled and linked by the pipeline before
it, e.g. the gazetteer ruler of :func:`desktop.nlp.add_gazetteer`) and
``doc._.published`` (ISO date or None), and writes ``doc._.facts``: fact rows
as :func:`desktop.facts.extract_facts` returns them, whose ``span_ids`` are
indexes into the rows of :func:`desktop.nlp.spans_for_doc` for that doc.
A document whose extraction raises gets ``doc._.facts = []`` and the error in
``doc._.facts_error``; the pipeline goes on with the next one.

Its rules are the profile, saved with the pipeline (``nlp.to_disk`` writes the
profile's TOML into the component's folder, as ``span_ruler`` writes its
patterns), so a saved pipeline extracts the same facts on another machine.
The factory is registered on import of this module and through the
``spacy_factories`` entry point, so any spaCy pipeline can add it by name.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from desktop.facts.propose import add_profile_names, extract_for_ingest
from desktop.facts.rules import FactRules
from desktop.profile import Profile, load_profile

log = logging.getLogger(__name__)
PROFILE_FILE = "profile.toml"

for _name in ("published", "facts", "facts_error"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("article_facts", default_config={"profile": None})
def make_article_facts(nlp: Language, name: str, profile: str | None) -> ArticleFacts:
    """``profile``: a bundled profile's name or a TOML path (default: the default profile)."""
    return ArticleFacts(name, profile)


class ArticleFacts:
    """Proposes facts on each doc from its entities and publication date."""

    def __init__(self, name: str = "article_facts", profile: str | Path | Profile | None = None):
        self.name = name
        # Loaded on first use: a saved pipeline's own profile (from_disk) replaces the configured one,
        # which need not exist on the machine that loads it.
        self._configured = profile
        self._loaded: tuple | None = None

    def set_profile(self, profile: Profile) -> None:
        """Use ``profile``'s rules and gazetteer (also what loading a saved pipeline does)."""
        from desktop.nlp import ProfileIndex

        rules = FactRules.from_dict(profile.facts)
        aliases: dict[str, list[str]] = {}
        locations: dict[str, str] = {}
        add_profile_names(profile, rules, aliases, locations)
        self._loaded = (profile.path.read_text(encoding="utf-8"), rules, ProfileIndex(profile), aliases, locations)

    def _state(self) -> tuple:
        if self._loaded is None:
            self.set_profile(load_profile(self._configured))
        return self._loaded

    @property
    def rules(self) -> FactRules:
        """The compiled ``[facts]`` table in use."""
        return self._state()[1]

    def __call__(self, doc: Doc) -> Doc:
        from desktop.nlp import spans_for_doc

        _, rules, index, aliases, locations = self._state()
        published = doc._.published
        try:
            rows = spans_for_doc(doc, published, index)
        except Exception as exc:  # noqa: BLE001 - one document's failure must not cost the others theirs
            result: list | str = f"{type(exc).__name__}: {exc}"
        else:
            result = extract_for_ingest((rules, aliases, locations), doc.text, published, rows)
        if isinstance(result, str):
            log.warning("facts not extracted from a %d-character document: %s", len(doc.text), result)
            doc._.facts, doc._.facts_error = [], result
        else:
            doc._.facts, doc._.facts_error = result, None
        return doc

    # ------------------------------------------------------------ serialisation (the profile goes along)

    def to_bytes(self, *, exclude: tuple = ()) -> bytes:
        return self._state()[0].encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: tuple = ()) -> ArticleFacts:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / PROFILE_FILE
            path.write_bytes(data)
            self.set_profile(load_profile(path))
        return self

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / PROFILE_FILE).write_text(self._state()[0], encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> ArticleFacts:
        self.set_profile(load_profile(Path(path) / PROFILE_FILE))
        return self


__all__ = ["ArticleFacts", "make_article_facts"]
