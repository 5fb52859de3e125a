"""The domain profile: labels, gazetteer, validation errors."""

from __future__ import annotations

import re

import pytest

from desktop.profile import ProfileError, load_profile

REQUIRED_IDS = [
    "putin", "lukashenko", "union-state", "supreme-state-council", "cis", "eaeu", "belta", "tass",
    "russia", "belarus", "moscow", "minsk", "st-petersburg",
]


def test_default_profile_labels_in_key_order():
    profile = load_profile()
    assert profile.name == "russia_belarus"
    assert [label.name for label in profile.labels] == [
        "PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY", "EVENT", "FAC"
    ]
    assert [label.key for label in profile.labels] == list(range(1, 10))
    colors = [label.color for label in profile.labels]
    assert len(set(colors)) == len(colors)
    assert profile.color("ORG") == profile.labels[1].color
    assert profile.color("NO_SUCH_LABEL") == "#cccccc"


def test_default_profile_gazetteer():
    profile = load_profile("russia_belarus")
    ids = {entity["id"] for entity in profile.entities}
    assert set(REQUIRED_IDS) <= ids
    luka = profile.entity("lukashenko")
    for spelling in ["Lukashenka", "Aleksandr Lukashenko", "Alyaksandr Lukashenka", "Alexander Lukashenko",
                     "Aleksandr Lukashenka", "Lukashenko"]:
        assert spelling in luka["aliases"]
    assert profile.entity("belta")["label"] == "ORG"
    assert isinstance(profile.facts, dict)


def test_profile_by_path(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(
        '[profile]\nname = "mini"\n[[labels]]\nname = "PERSON"\nkey = 1\ncolor = "#FF0000"\n'
        '[[entities]]\nid = "x"\nname = "X Y"\nlabel = "PERSON"\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.name == "mini"
    assert profile.labels[0].color == "#ff0000"
    assert profile.entities == [{"id": "x", "name": "X Y", "label": "PERSON", "aliases": ["X Y"]}]
    assert profile.facts == {}
    assert load_profile(str(path)).name == "mini"


LABEL = '[[labels]]\nname = "{name}"\nkey = {key}\ncolor = "#112233"\n'
ENTITY = '[[entities]]\nid = "{id}"\nname = "N"\nlabel = "{label}"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[[labels]\nname=", "not valid TOML", id="bad-toml"),
        pytest.param(LABEL.format(name="A", key=1) + LABEL.format(name="B", key=1), "key 1 is used by two", id="dup-key"),
        pytest.param(LABEL.format(name="A", key=10), "key from 1 to 9", id="key-range"),
        pytest.param(LABEL.format(name="A", key=1) + LABEL.format(name="A", key=2), "appears twice", id="dup-label"),
        pytest.param(
            LABEL.format(name="A", key=1) + ENTITY.format(id="x", label="A") + ENTITY.format(id="x", label="A"),
            "entity id 'x' appears twice", id="dup-id",
        ),
        pytest.param(LABEL.format(name="A", key=1) + ENTITY.format(id="x", label="B"), "has label 'B'", id="bad-label"),
        pytest.param(LABEL.format(name="A", key=1).replace("#112233", "red"), "use #rrggbb", id="bad-color"),
        pytest.param("", "at least one [[labels]]", id="no-labels"),
        # The [facts] table is checked against its schema: nothing is switched off silently.
        pytest.param(LABEL.format(name="A", key=1) + '[facts]\nparticipant = ["x"]\n',
                     "bad.toml: unknown key [facts] participant (did you mean participants?)", id="facts-misspelt"),
        pytest.param(LABEL.format(name="A", key=1) + '[facts.phrases]\nmeeting = "met"\n',
                     "bad.toml: [facts.phrases] meeting must be a list of strings", id="facts-not-a-list"),
        pytest.param(LABEL.format(name="A", key=1) + '[facts]\nmax_event_days = "long"\n',
                     "[facts] max_event_days must be a whole number", id="facts-not-a-number"),
        pytest.param(LABEL.format(name="A", key=1) + '[facts.trade.qualifiers]\naprox = ["about"]\n',
                     "unknown key [facts.trade.qualifiers] aprox (did you mean approx?)", id="facts-qualifier"),
        pytest.param(LABEL.format(name="A", key=1) + '[facts.roles]\nx = [1]\n',
                     "[facts.roles] x must be a list of strings", id="facts-role"),
    ],
)
def test_profile_errors(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(path)


def test_unknown_profile_names_the_bundled_ones():
    with pytest.raises(ProfileError, match="no profile 'nope'.*russia_belarus"):
        load_profile("nope")
