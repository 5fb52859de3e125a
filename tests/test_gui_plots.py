"""The plot dock: draws the facts, follows the analyst, opens evidence, exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop import history, store
from desktop.gui.plot_dock import PlotDock

TEXT = "Putin and Lukashenko met in Minsk. Trade reached $35.5 billion in 2021. They will meet again."


def confirm(db, fact_id):
    """C's confirm_fact when it is there (it also re-merges events), else the same history write."""
    try:
        from desktop.facts import confirm_fact
    except ImportError:
        confirm_fact = None
    if confirm_fact is not None:
        confirm_fact(db, fact_id)
        return
    with history.action(db, "confirm fact") as act:
        act.update("facts", fact_id, status="confirmed")


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path)
    for entity in ({"id": "putin", "name": "Vladimir Putin"}, {"id": "lukashenko", "name": "Alexander Lukashenko"},
                   {"id": "tokayev", "name": "Kassym-Jomart Tokayev"}):
        store.upsert_entity(db, entity)
    doc = store.insert_document(db, path="a.txt", hash="a", text=TEXT, source="BelTA", title="Trade up")
    other = store.insert_document(db, path="b.txt", hash="b", text=TEXT, source="TASS", title="Summit")
    ids = {"doc": doc, "other": other}

    def fact(key, doc_id, kind, **fields):
        row = {"doc_id": doc_id, "kind": kind, "status": "proposed", "source": "rule", **fields}
        ids[key] = db["facts"].insert(store.encode("facts", row)).last_pk

    trade = TEXT.index("Trade reached")
    fact("trade_2021", doc, "trade", period_start="2021-01-01", period_end="2021-12-31", value=35.5e9, currency="USD",
         evidence="Trade reached $35.5 billion in 2021.", start=trade, end=trade + 37)
    fact("trade_2019", other, "trade", period_start="2019-01-01", period_end="2019-12-31", value=30.1e9,
         currency="USD", status="confirmed", evidence="Trade was $30.1 billion.", start=3, end=20)
    fact("trade_rejected", other, "trade", period_start="2018-01-01", period_end="2018-12-31", value=1e9,
         currency="USD", status="rejected", start=0, end=5)
    fact("meeting_jan", doc, "meeting", date_start="2021-01-15", date_end="2021-01-15", held="held",
         participants=["putin", "lukashenko"], evidence="Putin and Lukashenko met in Minsk.", start=0, end=34)
    fact("meeting_jun", other, "meeting", date_start="2021-06-03", date_end="2021-06-03", held="planned",
         participants=["putin", "lukashenko", "tokayev"], evidence="They will meet again.", start=72, end=93)
    db.close()
    return ids


@pytest.fixture
def dock(qtbot, db_path, project):
    widget = PlotDock(db_path)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def marker_ids(dock, country, verified):
    item = dock.trade_plot._markers.get((country, verified))
    if item is None:  # the series' items are made when it is first drawn
        return []
    marker = item.data
    data = marker["data"][marker["visible"]]  # a point that left the series is hidden, not removed
    return sorted(int(d) for d in data)


def bar_heights(dock, held, verified):
    item = dock.meetings_plot._bars[held, verified][0]
    return dict(zip(item.opts["x"].tolist(), item.opts["height"].tolist()))


def test_dock_draws_the_facts(dock, project):
    assert marker_ids(dock, "Belarus", False) == [project["trade_2021"]]
    assert marker_ids(dock, "Russia", True) == [project["trade_2019"]]
    assert project["trade_rejected"] not in marker_ids(dock, "Russia", False)
    segment_x, segment_y = dock.trade_plot._segments["Belarus", False].getData()
    assert segment_y.tolist() == [35.5, 35.5]  # billions, over the whole of 2021
    assert segment_x[1] - segment_x[0] == 365 * 86400
    assert "billion USD" in dock.trade_plot.getAxis("left").labelText
    dock.by_combo.setCurrentIndex(dock.by_combo.findData("quarter"))
    assert sum(bar_heights(dock, "held", False).values()) == 1
    assert sum(bar_heights(dock, "planned", False).values()) == 1
    assert len(bar_heights(dock, "held", False)) == 1  # empty cells draw nothing


def test_confirming_a_fact_changes_the_plot_after_refresh(dock, project, db_path):
    db = store.open_db(db_path)
    confirm(db, project["trade_2021"])
    confirm(db, project["meeting_jan"])
    db.close()
    assert marker_ids(dock, "Belarus", True) == []  # nothing moves before refresh
    dock.refresh()
    assert marker_ids(dock, "Belarus", True) == [project["trade_2021"]]
    assert marker_ids(dock, "Belarus", False) == []
    dock.tabs.setCurrentIndex(1)  # the hidden tab catches up when shown
    assert sum(bar_heights(dock, "held", True).values()) == 1
    assert sum(bar_heights(dock, "held", False).values()) == 0
    db = store.open_db(db_path)
    history.undo(db)
    history.undo(db)
    db.close()
    dock.refresh()
    assert sum(bar_heights(dock, "held", True).values()) == 0
    dock.tabs.setCurrentIndex(0)
    assert marker_ids(dock, "Belarus", False) == [project["trade_2021"]]


def test_rejected_fact_disappears_and_filters_apply(dock, project, db_path):
    db = store.open_db(db_path)
    with history.action(db, "reject fact") as act:
        act.update("facts", project["trade_2019"], status="rejected")
    db.close()
    dock.refresh()
    assert marker_ids(dock, "Russia", True) == []
    dock.tabs.setCurrentIndex(1)
    dock.participant_combo.setCurrentIndex(dock.participant_combo.findData("tokayev"))
    assert dock.participant_combo.currentText() == "Kassym-Jomart Tokayev"
    assert sum(bar_heights(dock, "planned", False).values()) == 1
    assert sum(bar_heights(dock, "held", False).values()) == 0
    dock.tabs.setCurrentIndex(0)
    dock.trade_status_combo.setCurrentIndex(1)  # verified only
    assert marker_ids(dock, "Belarus", False) == []


def test_clicking_a_point_opens_its_evidence(dock, project, qtbot):
    pos = dock.trade_plot.marker_position(project["trade_2021"])
    assert pos is not None
    with qtbot.waitSignal(dock.evidence_requested, timeout=2000) as blocker:
        qtbot.mouseClick(dock.trade_plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    start = TEXT.index("Trade reached")
    assert blocker.args == [project["doc"], start, start + 37]


def test_clicking_a_bar_lists_its_events_then_opens_one(dock, project, qtbot):
    dock.tabs.setCurrentIndex(1)
    view = dock.meetings_plot.plotItem.vb
    # The view ranges itself on its first paint after the tab shows.
    qtbot.waitUntil(lambda: dock.meetings_plot.isVisible() and view.viewRange()[0][1] > 1e9)
    pos = dock.meetings_plot.bar_position("2021-06")
    assert pos is not None
    qtbot.mouseClick(dock.meetings_plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: dock.events_menu is not None and dock.events_menu.isVisible())
    actions = dock.events_menu.actions()
    assert len(actions) == 1 and "2021-06-03" in actions[0].text() and "planned" in actions[0].text()
    with qtbot.waitSignal(dock.evidence_requested, timeout=2000) as blocker:
        actions[0].trigger()
    assert blocker.args == [project["other"], 72, 93]
    dock.events_menu.close()


def test_refresh_without_changes_is_cheap_and_idempotent(dock, project):
    before = marker_ids(dock, "Belarus", False)
    versions = (dock.trade.version, dock.meetings.version)
    dock.refresh()
    assert (dock.trade.version, dock.meetings.version) == versions
    assert marker_ids(dock, "Belarus", False) == before


def test_closed_dock_still_refreshes_when_shown_again(dock, project, db_path):
    dock.close()
    db = store.open_db(db_path)
    confirm(db, project["trade_2021"])
    db.close()
    dock.show()
    dock.refresh()
    assert marker_ids(dock, "Belarus", True) == [project["trade_2021"]]


def test_set_document_rings_its_reports(dock, project):
    dock.set_document(project["doc"])
    x, y = dock.trade_plot._current.getData()
    assert np.allclose(y, [35.5])
    dock.set_document(None)
    assert len(dock.trade_plot._current.getData()[0]) == 0


@pytest.mark.parametrize("tab", [0, 1], ids=["trade", "meetings"])
def test_export_png_and_svg(dock, tab, tmp_path):
    dock.tabs.setCurrentIndex(tab)
    png = dock.export(tmp_path / "plot.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 600
    svg = dock.export(tmp_path / "plot.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    with pytest.raises(ValueError, match=".png or .svg"):
        dock.export(tmp_path / "plot.gif")


@pytest.mark.model
def test_dock_draws_the_seed_articles_facts(qtbot, samples, db_path):
    from desktop.ingest import ingest

    for _progress in ingest(samples, db_path):
        pass
    db = store.open_db(db_path)
    trade = [f for f in store.list_facts(db, kind="trade") if f["period_start"] and f["value"] is not None]
    meetings = [f for f in store.list_facts(db, kind="meeting") if f["date_start"]]
    db.close()
    assert trade and meetings, "the seeds state trade figures and meetings"
    widget = PlotDock(db_path)
    qtbot.addWidget(widget)
    currency = widget.currency_combo.currentData()
    drawn = sum(len(item.data) for item in widget.trade_plot._markers.values())
    assert drawn == sum(1 for f in trade if f["currency"].upper() == currency)
    bars = sum(sum(item[0].opts["height"]) for item in widget.meetings_plot._bars.values())
    assert 0 < bars <= len(meetings)  # merged events counted once


@pytest.mark.parametrize("name", ["plot.png", "plot.svg"])
def test_export_is_atomic(dock, tmp_path, monkeypatch, name):
    from desktop.gui import plot_dock as module

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    dock.export(target)
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no temporary left beside it
    before = target.read_bytes()

    def broken(plot, path):
        Path(path).write_bytes(b"half")
        raise OSError("disk full")
    monkeypatch.setattr(module, "_export_svg", broken)
    monkeypatch.setattr(module.pg.exporters.ImageExporter, "export", lambda self, path: broken(None, path))
    with pytest.raises(OSError, match="disk full"):
        dock.export(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [name]


def hold_plot_reading(monkeypatch):
    """Every project counts as large (its plots' facts read on a worker), and that reading waits for the gate
    returned (``gate.set()`` lets it go)."""
    import threading

    from desktop import aggregate

    monkeypatch.setattr(aggregate, "QUICK_PLOT_FACTS", 0)
    gate = threading.Event()
    real = aggregate.load_plots_steps

    def held(path, cancelled):
        gate.wait()
        yield from real(path, cancelled)

    monkeypatch.setattr(aggregate, "load_plots_steps", held)
    return gate


def test_a_large_projects_facts_are_read_on_a_worker_and_catch_up_on_what_was_written_meanwhile(
        qtbot, db_path, project, monkeypatch):
    """Issue 16: at 100,000 articles reading the plots' facts took half a second of the GUI thread."""
    gate = hold_plot_reading(monkeypatch)
    widget = PlotDock(db_path)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.is_loaded and marker_ids(widget, "Belarus", False) == []
    assert widget.trade_plot.empty_label.text() == "Reading the trade figures…"  # not "no figures yet"
    widget.by_combo.setCurrentIndex(widget.by_combo.findData("quarter"))  # chosen while the facts are read
    widget.refresh()  # a change followed meanwhile: nothing to follow yet, no error
    gate.set()
    assert widget.loader.wait(30)  # read, not yet handed to the dock
    db = store.open_db(db_path)
    confirm(db, project["trade_2021"])  # written after the worker read the facts
    db.close()
    with qtbot.waitSignal(widget.loaded):
        pass
    assert widget.is_loaded and widget.trade_plot.empty_label.text() == ""
    assert marker_ids(widget, "Belarus", True) == [project["trade_2021"]]  # caught up from the change feed
    assert marker_ids(widget, "Russia", True) == [project["trade_2019"]]
    assert widget.meetings.by == "quarter"
    widget.tabs.setCurrentIndex(1)
    assert sum(bar_heights(widget, "held", False).values()) == 1
    assert len(bar_heights(widget, "held", False)) == 1


def test_the_window_is_ready_once_the_plots_read_on_a_worker_are_drawn(qtbot, db_path, project, monkeypatch):
    """docks_ready (and so the damage check's start, the background ingest, screenshots) waits for the plots' data."""
    from tests.gui_support import open_window

    gate = hold_plot_reading(monkeypatch)
    window = open_window(qtbot, db_path)
    window.late_init()
    qtbot.waitUntil(lambda: any(d.objectName() == "PlotDock" for d in window.docks))
    plots = next(d for d in window.docks if d.objectName() == "PlotDock")
    from PySide6.QtCore import SIGNAL

    qtbot.waitUntil(lambda: plots.receivers(SIGNAL("loaded()")) > 0)  # every dock built: the window waits for it
    assert not plots.is_loaded and not window.docks_ready
    with qtbot.waitSignal(window.docks_created, timeout=30_000):
        gate.set()
    assert plots.is_loaded and window.docks_ready
    assert marker_ids(plots, "Russia", True) == [project["trade_2019"]]
