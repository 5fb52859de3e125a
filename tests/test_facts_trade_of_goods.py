"""Whose turnover "the turnover of goods between X and Y" is: the partners after an "of ..." complement (issue 10).

The class: a trade term with an "of" complement before its partners ("the turnover of goods between Kazakhstan and
Russia", "the volume of trade with China", "turnover of commodities between ...") was read as the profile's pair
whenever the article named both sides elsewhere, so another pair's figures were proposed. Every sentence is ours;
both profiles, several complements and prepositions. Controls: the pair itself, "our countries", the term without
a complement.
"""

from __future__ import annotations

import itertools

import pytest

LEAD = {"belarus": "Putin met Lukashenko in Minsk on Monday, and the leaders of Belarus, Kazakhstan and Russia "
                   "signed a treaty in May.",
        "kazakhstan": "Putin met Tokayev in Astana on Monday, and the leaders of Belarus, Kazakhstan and Russia "
                      "signed a treaty in May."}
OTHERS = {"belarus": ["Belarus and China", "Kazakhstan and Russia", "China"],
          "kazakhstan": ["Belarus and Russia", "Kazakhstan and China", "China"]}
PAIR = {"belarus": "Russia and Belarus", "kazakhstan": "Kazakhstan and Russia"}
COMPLEMENTS = ["turnover of goods", "volume of trade", "turnover of commodities", "turnover of goods and services"]


def _figures(extractor, text):
    return sorted((f["value"], f["period_start"]) for f in extractor.facts(text, "2014-07-03") if f["kind"] == "trade")


def _sentence(term, partners):
    prep = "with" if " and " not in partners else "between"
    return f"Last year the {term} {prep} {partners} amounted to $36.1 billion."


@pytest.mark.parametrize(("profile", "term", "other"), [
    (p, t, o) for p in LEAD for t, o in itertools.product(COMPLEMENTS, OTHERS[p])])
def test_an_of_complement_keeps_the_partners_after_it(request, profile, term, other):
    extractor = request.getfixturevalue(profile)
    text = f"{LEAD[profile]} {_sentence(term, other)}"
    assert _figures(extractor, text) == [], text


@pytest.mark.parametrize(("profile", "term"), list(itertools.product(LEAD, COMPLEMENTS)))
def test_the_pairs_own_turnover_of_goods_is_proposed(request, profile, term):
    extractor = request.getfixturevalue(profile)
    for partners in (PAIR[profile], "our countries", "the two countries"):
        text = f"{LEAD[profile]} {_sentence(term, partners)}"
        assert _figures(extractor, text) == [(36.1e9, "2013-01-01")], text


def test_an_earlier_year_in_brackets_follows_its_sentences_partners(belarus, kazakhstan):
    text = ("{lead} In the past year the turnover of goods between {pair} amounted to $36.1 billion (in 2012 - $41.2 "
            "billion, in 2011 - $35.4 billion).")
    for extractor, profile, pair, owned in ((belarus, "belarus", "Belarus and Russia", True),
                                            (kazakhstan, "kazakhstan", "Belarus and Russia", False),
                                            (kazakhstan, "kazakhstan", "Russia and Kazakhstan", True)):
        found = _figures(extractor, text.format(lead=LEAD[profile], pair=pair))
        assert (len(found) == 3) is owned and (found == []) is not owned, (profile, pair, found)
