"""Acceptance beyond the seeds: facts proposed for the two development sets we wrote, scored against their gold.

``tests/data/genre`` holds 37 articles written in the genre (agencies, datelines, planned and held
meetings, summits, calls, trade figures, and distractors: other officials' meetings, other leaders'
calls, exports, loans, gas prices), a ``metadata.csv`` with their publication dates, and a gold file
written before the extractor was run on them (g*: the first batch; h* and i*: two later batches
scored blind before the rules were extended for them). Its floors are what the extractor reaches, with a
little room for changes elsewhere (model spans, normalisation).

``tests/data/genre2`` holds fifteen long, noisy pages as scraped (HTML with scripts and menus, cookie
notices, "Read also" and related-headline lists with their own dates, photo captions, tags), kremlin.ru
transcripts and press conferences, multilateral summits where "the presidents" are other leaders,
Belarusian spellings, trade figures in dollars, Russian and Belarusian rubles next to other countries' and
blocs' trade. Its gold was committed before the extractor was first run on them. Blind score: meetings
0.79 / 0.85, calls 0.78 / 0.78, trade 0.96 / 0.61; after the general rules this batch motivated: 0.98 / 1.00,
1.00 / 1.00, 1.00 / 1.00. Its floors are the product goal (0.9 / 0.85).

Both sets were written here and the rules were tuned on them: they guard against regressions, they do
not measure quality on real articles (that is the blind batches', outside the repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import store
from tests.gold_sets import assert_floors, assert_metadata_dates, ingest_gold_set

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parent / "data"
SETS = {  # name: (folder, {kind: (recall, precision)})
    "genre": (DATA / "genre", {"meeting": (0.95, 0.95), "trade": (0.95, 0.95), "call": (0.9, 0.9)}),  # reached 1.00
    "genre2": (DATA / "genre2", {"meeting": (0.9, 0.85), "trade": (0.9, 0.85), "call": (0.9, 0.85)}),
}
KINDS = ["meeting", "trade", "call"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """``ingested(name)``: that set (with its metadata.csv) ingested once with the trained pipeline."""
    done: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in done:
            done[name] = ingest_gold_set(tmp_path_factory, SETS[name][0])
        return done[name]

    yield get
    for db, _articles, _gold in done.values():
        db.close()


@pytest.mark.parametrize("name", list(SETS))
def test_every_article_is_read_with_its_metadata_date(ingested, name):
    db, articles, _ = ingested(name)
    assert_metadata_dates(db, articles)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(SETS))
def test_scores_meet_the_floors(ingested, name, kind):
    db, _, gold = ingested(name)
    assert_floors(db, gold, kind, SETS[name][1])


def test_distractors_give_no_facts(ingested):
    """An article about the prime ministers' gas and loan talks states no leaders' meeting and no turnover."""
    db, _, _ = ingested("genre")
    doc = store.document_by_path(db, "g19_interfax_pms_2020.txt")
    facts = store.facts_for_document(db, doc["id"])
    assert [f["kind"] for f in facts] == ["meeting"]  # only the presidents' Sochi meeting it mentions
    assert (facts[0]["date_start"], facts[0]["date_end"]) == ("2020-09-01", "2020-09-30")


def test_other_countries_trade_is_not_proposed(ingested):
    """The SCO page states Russia's trade with China, Kazakhstan and the SCO, and Belarus's with China.

    Russia's trade with Belarus "is about $50 billion a year" is the pair's own present level, of the year of
    publication (the gold's alternative period)."""
    db, _, _ = ingested("genre2")
    doc = store.document_by_path(db, "k09_interfax_sco_astana_2024.txt")
    trade = [f for f in store.facts_for_document(db, doc["id"]) if f["kind"] == "trade"]
    assert [(f["period_start"], f["period_end"], f["value"], f["currency"], f["change_pct"]) for f in trade] == [
        ("2024-01-01", "2024-12-31", 50e9, "USD", None), ("2024-01-01", "2024-04-30", None, None, 5.5)]
