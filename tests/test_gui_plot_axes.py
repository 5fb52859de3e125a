"""Plots say why they are empty (over years, not milliseconds) and count meetings in whole numbers (issue 14)."""

from __future__ import annotations

import pytest

from desktop import store
from desktop.gui.plot_dock import DAY, CountAxis, PlotDock


def open_dock(qtbot, db_path) -> PlotDock:
    store.open_db(db_path).close()
    dock = PlotDock(db_path)
    qtbot.addWidget(dock)
    dock.resize(900, 400)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def test_an_empty_project_says_so_over_a_span_of_years(qtbot, db_path):
    dock = open_dock(qtbot, db_path)
    for plot, message in ((dock.trade_plot, "No confirmed or proposed trade figures yet"),
                          (dock.meetings_plot, "No confirmed or proposed meetings yet")):
        assert not plot.empty_label.isHidden() and plot.empty_label.text() == message
        (x0, x1), _ = plot.plotItem.vb.viewRange()
        assert x1 - x0 > 5 * 365 * DAY  # years on the date axis, not "00.100 … 00.900"
        assert not plot.getAxis("left").style["showValues"]


def test_the_message_follows_the_status_filter_and_goes_when_there_is_data(qtbot, db_path):
    db = store.open_db(db_path)
    doc = store.insert_document(db, path="a.txt", hash="a", text="Trade reached $35.5 billion in 2021.")
    db["facts"].insert(store.encode("facts", {
        "doc_id": doc, "kind": "trade", "status": "proposed", "source": "rule", "period_start": "2021-01-01",
        "period_end": "2021-12-31", "value": 35.5e9, "currency": "USD", "start": 0, "end": 10}))
    db.close()
    dock = open_dock(qtbot, db_path)
    assert dock.trade_plot.empty_label.isHidden()
    assert dock.trade_plot.getAxis("left").style["showValues"]
    dock.trade_status_combo.setCurrentIndex(dock.trade_status_combo.findText("Verified only"))
    assert dock.trade_plot.empty_label.text() == "No confirmed trade figures yet"
    dock.trade_status_combo.setCurrentIndex(0)
    assert dock.trade_plot.empty_label.isHidden()


@pytest.mark.parametrize("low, high, size", [pytest.param(0, 2.2, 200, id="two meetings"),
                                             pytest.param(0, 1, 600, id="one meeting, tall plot"),
                                             pytest.param(0, 47, 150, id="many")])
def test_meeting_counts_get_whole_number_ticks(qtbot, low, high, size):
    axis = CountAxis(orientation="left")
    levels = axis.tickSpacing(low, high, size)
    assert levels and all(spacing >= 1 and float(spacing).is_integer() for spacing, _offset in levels)
    values = [v for spacing, offset in levels for v in axis.tickValues(low, high, size)[0][1]]
    assert all(float(v).is_integer() for v in values)
    assert axis.tickStrings([0.0, 1.0, 2.0], 1.0, 1.0) == ["0", "1", "2"]
