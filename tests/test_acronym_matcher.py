"""The gazetteer's one-token acronym patterns matched by a PhraseMatcher on ORTH (issue 15: a 19 MB article).

spaCy's Matcher was the costliest step of reading a long text with ``blank:en``; the stand-in must give
exactly its matches, in its order, and the pipeline exactly its entities.
"""

from __future__ import annotations

import dataclasses

import pytest
import spacy

from desktop.nlp import _OneTokenMatcher, add_gazetteer
from desktop.profile import load_profile

TEXT = ("The CIS and the EAEU (EEU) met; NATO, the EU and the U.S. watched. BelTA and TASS said the RF and the PRC "
        "agreed. cis, Eu, nato and usa are not acronyms; the USA, RIA Novosti and CSTO are. EU-EAEU talks, "
        "(CIS), 'EU', EU's budget, TASS/BELTA. ")


def _pipeline(profile):
    nlp = spacy.blank("en")
    add_gazetteer(nlp, profile)
    return nlp


def _shared_acronym_profile():
    """Two entities that share an acronym, listed both ways round: which one a token goes to depends on order."""
    base = load_profile("russia_belarus")
    extra = [{"id": "eu_a", "name": "Entity A", "label": "ORG", "aliases": ["EU", "EUA"]},
             {"id": "eu_b", "name": "Entity B", "label": "NORP", "aliases": ["EU"]}]
    return [dataclasses.replace(base, entities=[*extra, *base.entities]),
            dataclasses.replace(base, entities=[*base.entities, *reversed(extra)])]


@pytest.mark.parametrize("profile", [load_profile("russia_belarus"), *_shared_acronym_profile()],
                         ids=["russia_belarus", "shared-acronym", "shared-acronym-reversed"])
def test_same_matches_in_the_same_order_as_spacys_matcher(profile):
    nlp = _pipeline(profile)
    ruler = nlp.get_pipe("entity_ruler")
    assert isinstance(ruler.matcher, _OneTokenMatcher)
    doc = nlp.make_doc(TEXT * 3)
    fast = ruler.matcher(doc)
    assert len(fast) > 20
    assert fast == ruler.matcher._matcher(doc)


@pytest.mark.parametrize("profile", [load_profile("russia_belarus"), *_shared_acronym_profile()],
                         ids=["russia_belarus", "shared-acronym", "shared-acronym-reversed"])
def test_same_entities_as_with_spacys_matcher(profile):
    nlp = _pipeline(profile)
    text = TEXT + " Vladimir Putin and Alexander Lukashenko met in Minsk with the CIS leaders."
    fast = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]
    ruler = nlp.get_pipe("entity_ruler")
    ruler.matcher = ruler.matcher._matcher  # spaCy's own Matcher again
    assert fast == [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]
    assert any(label == "ORG" and text[a:b] == "CSTO" for a, b, label, _ in fast)


def test_patterns_added_later_go_to_spacys_matcher():
    nlp = _pipeline(load_profile("russia_belarus"))
    ruler = nlp.get_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"LOWER": "gazprom"}]}])
    assert any(e.text == "GAZPROM" for e in nlp("GAZPROM and the CIS.").ents)
    assert any(e.text == "CIS" for e in nlp("GAZPROM and the CIS.").ents)
