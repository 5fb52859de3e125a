"""The trie-built phrase regex finds exactly what a length-sorted flat alternation finds, only faster."""

import re

import pytest

from desktop.facts import _phrase_regex
from desktop.profile import load_profile
from tests.conftest import SAMPLES


def reference(phrases, flags):
    items = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    parts = [
        (r"(?<![\w'])" if p[0].isalnum() else "") + r"\s+".join(map(re.escape, p.split()))
        + (r"(?!\w)" if p[-1].isalnum() else "")
        for p in items
    ]
    return re.compile("|".join(parts), flags)


def spans(pattern, text):
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("flags", [pytest.param(re.IGNORECASE, id="ignorecase"), pytest.param(0, id="exact")])
def test_same_matches_as_flat_alternation_on_profile_phrases(flags):
    profile = load_profile()
    phrases = [alias for entity in profile.entities for alias in [entity["name"], *entity.get("aliases", [])]]
    facts = profile.facts
    phrases += [p for value in facts.values() if isinstance(value, dict) for v in value.values()
                if isinstance(v, list) for p in v if isinstance(p, str)]
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt")))
    text += " ST. PETERSBURG  (BelTA) the  Belarusian leader's talks; xPutin Putinx Lukashenka's"
    expected = spans(reference(phrases, flags), text)
    assert len(expected) > 50
    assert spans(_phrase_regex(phrases, flags=flags), text) == expected


@pytest.mark.parametrize(
    "phrases, text, found",
    [
        pytest.param(["talk", "talks", "talks with"], "the talks with Putin", ["talks with"], id="longest-wins"),
        pytest.param(["St.", "St. Petersburg"], "in St. Petersburg today", ["St. Petersburg"], id="dot-inside"),
        pytest.param(["meet"], "meeting and meet, xmeet", ["meet"], id="word-boundaries"),
        pytest.param(["phone call"], "a phone \n  call", ["phone \n  call"], id="any-spaces"),
        pytest.param(["meet"], "meet at the start", ["meet"], id="start-of-text"),
        pytest.param([], "anything", [], id="no-phrases"),
    ],
)
def test_phrase_regex_cases(phrases, text, found):
    pattern = _phrase_regex(phrases)
    assert ([m.group() for m in pattern.finditer(text)] if pattern else []) == found
