"""The trade plot never offers "%" as a currency, and an empty plot's axis speaks in years (issue 14)."""

from __future__ import annotations

from desktop import store
from desktop.gui.plot_dock import PlotDock


def add_trade(db, doc, *, value, currency, change=None, period="2021"):
    db["facts"].insert(store.encode("facts", {
        "doc_id": doc, "kind": "trade", "status": "proposed", "source": "rule", "period_start": f"{period}-01-01",
        "period_end": f"{period}-12-31", "value": value, "currency": currency, "change_pct": change,
        "start": 0, "end": 10}))


def open_dock(qtbot, db_path) -> PlotDock:
    dock = PlotDock(db_path)
    qtbot.addWidget(dock)
    dock.resize(900, 400)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def currencies(dock) -> list[str]:
    return [dock.currency_combo.itemText(i) for i in range(dock.currency_combo.count())]


def test_a_percentage_is_never_a_currency(qtbot, db_path):
    db = store.open_db(db_path)
    doc = store.insert_document(db, path="a.txt", hash="a", text="Trade grew by 12% to $35.5 billion in 2021.")
    add_trade(db, doc, value=12.0, currency="%")  # an old row, from before changes had their own field
    add_trade(db, doc, value=35.5e9, currency="USD", change=12.0)
    db.close()
    dock = open_dock(qtbot, db_path)
    assert currencies(dock) == ["USD"]
    assert "%" not in dock.trade_plot.getAxis("left").labelText
    assert dock.trade_plot.empty_label.isHidden()


def test_only_a_percentage_means_an_empty_plot_without_a_percent_currency(qtbot, db_path):
    db = store.open_db(db_path)
    doc = store.insert_document(db, path="a.txt", hash="a", text="Trade grew by 12% in 2021.")
    add_trade(db, doc, value=12.0, currency="%")
    db.close()
    dock = open_dock(qtbot, db_path)
    assert "%" not in currencies(dock)
    assert dock.trade_plot.empty_label.text() == "No confirmed or proposed trade figures yet"


def test_the_empty_plots_ticks_are_years_not_fractions_of_a_second(qtbot, db_path):
    store.open_db(db_path).close()
    dock = open_dock(qtbot, db_path)
    for tab, plot in enumerate((dock.trade_plot, dock.meetings_plot)):
        dock.tabs.setCurrentIndex(tab)
        axis = plot.getAxis("bottom")
        qtbot.waitUntil(lambda axis=axis: hasattr(axis, "fontMetrics"))  # the axis has drawn once
        (x0, x1), _ = plot.plotItem.vb.viewRange()
        levels = [axis.tickStrings(values, 1.0, spacing) for spacing, values in axis.tickValues(x0, x1, axis.width())]
        assert levels and levels[0] and all(s.isdigit() and len(s) == 4 for s in levels[0])  # years: "2019"
        assert not [s for level in levels for s in level if "." in s or ":" in s]  # never "00.100" or a time
