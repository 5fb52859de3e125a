"""The second blind batch: facts proposed for ``tests/data/genre2``, scored against its gold.

Fifteen long, noisy pages as scraped (HTML with scripts and menus, cookie notices, "Read also" and
related-headline lists with their own dates, photo captions, tags), kremlin.ru transcripts and press
conferences, multilateral summits where "the presidents" are other leaders, Belarusian spellings,
trade figures in dollars, Russian and Belarusian rubles next to other countries' and blocs' trade.
The gold was committed before the extractor was first run on them. Blind score: meetings 0.79 / 0.85,
calls 0.78 / 0.78, trade 0.96 / 0.61; after the general rules this batch motivated: 0.98 / 1.00,
1.00 / 1.00, 1.00 / 1.00. The floors are the product goal (0.9 / 0.85).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import store
from tests.gold_sets import assert_floors, assert_metadata_dates, ingest_gold_set

pytestmark = pytest.mark.model

GENRE2 = Path(__file__).resolve().parent / "data" / "genre2"
FLOORS = {"meeting": (0.9, 0.85), "trade": (0.9, 0.85), "call": (0.9, 0.85)}  # kind: (recall, precision)


@pytest.fixture(scope="module")
def genre2(tmp_path_factory):
    """The batch (with its metadata.csv) ingested once with the trained pipeline."""
    db, articles, gold = ingest_gold_set(tmp_path_factory, GENRE2)
    yield db, articles, gold
    db.close()


def test_every_page_is_read_with_its_metadata_date(genre2):
    db, articles, _ = genre2
    assert_metadata_dates(db, articles)


@pytest.mark.parametrize("kind", list(FLOORS))
def test_genre2_scores_meet_the_goal(genre2, kind):
    db, _, gold = genre2
    assert_floors(db, gold, kind, FLOORS)


def test_other_countries_trade_is_not_proposed(genre2):
    """The SCO page states Russia's trade with China, Kazakhstan and the SCO, and Belarus's with China."""
    db, _, _ = genre2
    doc = store.document_by_path(db, "k09_interfax_sco_astana_2024.txt")
    trade = [f for f in store.facts_for_document(db, doc["id"]) if f["kind"] == "trade"]
    assert [(f["period_start"], f["period_end"], f["value"], f["currency"], f["change_pct"]) for f in trade] == [
        ("2024-01-01", "2024-04-30", None, None, 5.5)]
