"""The cheap currency pre-check before the money grammar (issue 15: facts on a 19 MB article).

``_may_name_money`` must say yes wherever the hint regex matches (it only saves the regex's cost), so
every form of every currency word, code and sign is checked against it, in several casings.
"""

from __future__ import annotations

import itertools
import random

import pytest

from desktop import normalise
from desktop.normalise import _CODES, _CURRENCY_WORDS, _MONEY_HINT, _SYMBOLS, _may_name_money, money_mentions

try:
    from re import _constants as sre_constants, _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse


def _forms(parsed) -> list[str]:
    """Every string a finite pattern matches, ``\\s+`` read as one space (the pattern's optional parts both ways)."""
    out = [""]
    for op, arg in parsed:
        if op is sre_constants.LITERAL:
            options = [chr(arg)]
        elif op is sre_constants.IN:
            options = [chr(a) for o, a in arg if o is sre_constants.LITERAL] or [" "]
        elif op is sre_constants.CATEGORY:
            options = [" "]
        elif op is sre_constants.SUBPATTERN:
            options = _forms(arg[-1])
        elif op is sre_constants.BRANCH:
            options = [form for branch in arg[1] for form in _forms(branch)]
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, item = arg
            once = _forms(item)
            options = ([""] if low == 0 else []) + once
        elif op is sre_constants.AT:
            options = [""]
        else:  # pragma: no cover - a construct this expander does not know: extend it
            raise AssertionError(f"unexpected regex construct {op}")
        out = [a + b for a, b in itertools.product(out, options)]
    return out


def _every_currency_form() -> list[str]:
    forms = [form for pattern, _ in _CURRENCY_WORDS for form in _forms(sre_parse.parse(pattern))]
    return [*forms, *_CODES, *_SYMBOLS, "br"]


def test_every_currency_form_passes_the_pre_check():
    forms = _every_currency_form()
    assert len(forms) > 60  # the expander saw the alternatives, not one string
    for form in forms:
        for cased in {form, form.upper(), form.title(), form.capitalize()}:
            text = f"Trade reached 5 {cased} last year."
            assert _MONEY_HINT.search(text), text  # the form is one the hint knows
            assert _may_name_money(text), text


@pytest.mark.parametrize("text", [
    "Trade reached 5 HRYVNıAS",  # a dotless i: re.IGNORECASE matches it to "i", casefold() does not
    "Trade reached 5 uſd",  # the long s folds to "s" both ways
    "worth 7 Belarusian\u00a0roubles",
    "costs US$ 4",
], ids=["dotless-i", "long-s", "nbsp", "us-dollar-sign"])
def test_unicode_case_folds_agree_with_the_regex(text):
    assert bool(_MONEY_HINT.search(text)) == _may_name_money(text)


def test_pre_check_agrees_with_the_hint_on_mixed_text():
    """Random sentences of words, near-misses ("country" holds "try", "brown" holds "br") and currencies."""
    rng = random.Random(15)
    words = ["Putin", "met", "Lukashenko", "country", "industry", "brown", "Bruges", "rubric", "euphoria", "yenta",
             "francophone", "trade", "reached", "5", "billion", "TRY", "try", "in", "Minsk", "of", "rubles",
             "Belarusian", "dollars", "$", "€", "US", "u.s.", "bucks", "pounds", "sterling", "yuan", "ı"]
    seen = {True: 0, False: 0}
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        expected = _MONEY_HINT.search(text) is not None
        assert _may_name_money(text) is expected, text
        seen[expected] += 1
    assert seen[True] and seen[False]


def test_money_mentions_unchanged_without_a_currency(monkeypatch):
    """The pre-check changes no result: the full scan with the hint alone gives the same mentions."""
    sentences = ["Trade reached $35.5 billion, or 2.9 trillion Russian rubles; 5% more.",
                 "The country's industry grew 5 percent in 2019.", "Exports of 3 million tonnes of potash.",
                 "Turnover was 1.2 bln BYN in January-May.", "A try for 7 TRY."]
    fast = [money_mentions(s) for s in sentences]
    monkeypatch.setattr(normalise, "_may_name_money", lambda text: _MONEY_HINT.search(text) is not None)
    assert [money_mentions(s) for s in sentences] == fast
    assert fast[0] and fast[3] and not fast[1]
