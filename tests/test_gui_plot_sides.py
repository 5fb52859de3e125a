"""The trade plot draws a series per side of the project's profile, with its legend (not Belarus and Russia only)."""

from __future__ import annotations

import pytest

from desktop import store
from tests.test_gui_plot_currency import add_trade, open_dock


def drawn(dock) -> dict[str, int]:
    plot = dock.trade_plot
    counts: dict[str, int] = {}
    for (country, _verified), marker in plot._markers.items():
        data = marker.data
        counts[country] = counts.get(country, 0) + int(data["visible"].sum())
    return {c: n for c, n in counts.items() if n}


def legend_labels(dock) -> list[str]:
    return [label.text for _sample, label in dock.trade_plot.legend.items]


@pytest.mark.parametrize(("profile", "side", "source"), [
    ("russia_kazakhstan", "Kazakhstan", "Kazinform"),
    ("russia_belarus", "Belarus", "BelTA"),
])
def test_each_side_of_the_profile_is_a_series_of_its_own(qtbot, db_path, profile, side, source):
    db = store.open_db(db_path)
    store.set_meta(db, "profile", profile)
    ours = store.insert_document(db, path="a.txt", hash="a", text="Trade grew.", source=source)
    theirs = store.insert_document(db, path="b.txt", hash="b", text="Trade grew.", source="TASS")
    nobody = store.insert_document(db, path="c.txt", hash="c", text="Trade grew.", source="A blog")
    for doc, value in ((ours, 1e9), (theirs, 2e9), (nobody, 3e9)):
        add_trade(db, doc, value=value, currency="USD")
    db.close()
    dock = open_dock(qtbot, db_path)
    assert drawn(dock) == {side: 1, "Russia": 1, "unknown": 1}
    labels = legend_labels(dock)
    assert f"{side}'s statistics" in labels and "Russia's statistics" in labels and "statistics: unknown" in labels
    colours = {c: dock.trade_plot._markers[c, False].opts["pen"].color().name() for c in (side, "Russia", "unknown")}
    assert len(set(colours.values())) == 3, colours
