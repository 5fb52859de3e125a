"""Every editing action of the review window, driven by keys (and the main ones by mouse), checked in the DB."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desktop.settings import save_settings
from tests.gui_support import TEXT_A, build_project, document, open_window, point_of, spans_by_text


@pytest.fixture
def project(db_path):
    return db_path, build_project(db_path)


@pytest.fixture
def window(qtbot, project):
    return open_window(qtbot, project[0])


def key(window, k, modifier=Qt.NoModifier):
    QTest.keyClick(window.view, k, modifier)


def label_key(window, label):
    return getattr(Qt, f"Key_{window.session.labels.index(label) + 1}")


def test_opens_first_unverified_with_focus_in_article(window, project):
    assert window.session.doc["id"] == project[1]["a"]
    assert window.view.toPlainText() == TEXT_A
    assert window.focusWidget() is window.view
    assert len(window.view.extraSelections()) == 5


def test_j_k_move_and_sync_span_panel(window):
    key(window, Qt.Key_J)
    first = window.session.current_span_id
    assert window.session.current_span()["text"] == "Vladimir Putin"
    key(window, Qt.Key_J)
    assert window.session.current_span()["text"] == "Alexander Lukashenko"
    assert window.span_panel.currentIndex().data(Qt.UserRole) == window.session.current_span_id
    key(window, Qt.Key_K)
    assert window.session.current_span_id == first
    assert window.view.current_id == first


def test_span_panel_selection_selects_in_text(window):
    panel = window.span_panel
    index = panel.span_model.index(2, 0)
    panel.setCurrentIndex(index)
    assert window.session.current_span()["text"] == "Minsk"
    assert window.view.current_id == window.session.current_span_id


def test_accept_by_key_writes_db_and_moves_on(window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    key(window, Qt.Key_A)
    spans = spans_by_text(db_path, ids["a"])
    assert spans["Vladimir Putin"]["status"] == "accepted"
    assert spans["Alexander Lukashenko"]["status"] == "proposed"
    assert window.session.current_span()["text"] == "Alexander Lukashenko"
    assert document(db_path, ids["a"])["status"] == "in review"
    row = window.documents.model.row(window.documents.model.row_of(ids["a"]))
    assert (row["proposed"], row["accepted"], row["status"]) == (4, 1, "in review")


def test_reject_hides_span_and_toggle_shows_it_struck(window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    key(window, Qt.Key_X)
    assert spans_by_text(db_path, ids["a"])["Vladimir Putin"]["status"] == "rejected"
    assert len(window.view.extraSelections()) == 4
    key(window, Qt.Key_R)
    selections = window.view.extraSelections()
    assert len(selections) == 5
    assert selections[0].format.fontStrikeOut()


def test_number_key_relabels(window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    key(window, Qt.Key_J)
    key(window, Qt.Key_J)  # Minsk
    key(window, label_key(window, "LOC"))
    span = spans_by_text(db_path, ids["a"])["Minsk"]
    assert (span["label"], span["status"]) == ("LOC", "accepted")


def test_label_key_with_selection_adds_span_snapped_to_words(window, project):
    db_path, ids = project
    start = TEXT_A.index("Trade") + 1
    window.view.select_range(start, start + 2)  # "ra"
    key(window, label_key(window, "EVENT"))
    span = spans_by_text(db_path, ids["a"])["Trade"]
    assert (span["label"], span["source"], span["status"]) == ("EVENT", "analyst", "accepted")
    assert window.session.current_span_id == span["id"]


def test_character_precision_adds_exact_offsets(window, project):
    db_path, ids = project
    key(window, Qt.Key_C)
    start = TEXT_A.index("2021")
    window.view.select_range(start + 2, start + 4)
    key(window, label_key(window, "DATE"))
    assert "21" in spans_by_text(db_path, ids["a"])


def test_resize_keys_move_start_and_end(window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    key(window, Qt.Key_J)  # "Alexander Lukashenko"
    key(window, Qt.Key_Right, Qt.ShiftModifier)
    assert "Lukashenko" in spans_by_text(db_path, ids["a"])
    key(window, Qt.Key_Left, Qt.ShiftModifier)
    key(window, Qt.Key_Left, Qt.ShiftModifier)
    assert "met Alexander Lukashenko" in spans_by_text(db_path, ids["a"])
    key(window, Qt.Key_Right, Qt.ShiftModifier)
    key(window, Qt.Key_Left, Qt.AltModifier)
    assert "Alexander" in spans_by_text(db_path, ids["a"])
    key(window, Qt.Key_Right, Qt.ControlModifier | Qt.ShiftModifier)
    span = spans_by_text(db_path, ids["a"])["Alexander Lukashenko"]
    assert span["status"] == "accepted"
    assert window.session.current_span_id == span["id"]


def test_delete_removes_analyst_span_but_refuses_model_span(window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    key(window, Qt.Key_Delete)
    assert "Vladimir Putin" in spans_by_text(db_path, ids["a"])
    assert "reject" in window.last_error
    start = TEXT_A.index("Trade")
    window.view.select_range(start, start + 5)
    key(window, label_key(window, "EVENT"))
    assert "Trade" in spans_by_text(db_path, ids["a"])
    key(window, Qt.Key_Delete)
    assert "Trade" not in spans_by_text(db_path, ids["a"])


def test_e_links_to_existing_entity(qtbot, window, project):
    db_path, ids = project
    window.open_document(ids["b"])
    for _ in range(2):
        key(window, Qt.Key_J)  # Supreme State Council, then Lukashenko (text order: Council, Moscow, Lukashenko)
    key(window, Qt.Key_J)
    assert window.session.current_span()["text"] == "Lukashenko"
    key(window, Qt.Key_E)
    dialog = window.entity_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClicks(dialog.query, "Alexander")
    assert dialog.results.currentItem().data(Qt.UserRole) == "lukashenko"
    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog.query, Qt.Key_Return)
    span = spans_by_text(db_path, ids["b"])["Lukashenko"]
    assert (span["entity_id"], span["status"]) == ("lukashenko", "accepted")


def test_e_creates_entity_and_propagates_to_unreviewed_mentions(qtbot, window, project):
    db_path, ids = project
    for _ in range(3):
        key(window, Qt.Key_J)
    assert window.session.current_span()["text"] == "Minsk"
    key(window, Qt.Key_E)
    dialog = window.entity_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.name.clear()
    QTest.keyClicks(dialog.name, "Minsk City")
    assert dialog.pick_new.isChecked()
    assert dialog.everywhere.isChecked()
    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog.name, Qt.Key_Return)
    assert spans_by_text(db_path, ids["a"])["Minsk"]["entity_id"] == "minsk-city"
    other = spans_by_text(db_path, ids["b"])["Minsk"]
    assert (other["entity_id"], other["status"]) == ("minsk-city", "proposed")


def test_accept_all_key(window, project):
    db_path, ids = project
    key(window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert {s["status"] for s in spans_by_text(db_path, ids["a"]).values()} == {"accepted"}


def test_enter_verifies_and_opens_next_unverified(window, project):
    db_path, ids = project
    key(window, Qt.Key_Return)
    assert document(db_path, ids["a"])["status"] == "verified"
    assert window.session.doc["id"] == ids["b"]
    key(window, Qt.Key_Return)
    assert document(db_path, ids["b"])["status"] == "verified"
    assert "verified" in window.statusBar().currentMessage()


def test_n_and_p_move_between_documents(window, project):
    ids = project[1]
    key(window, Qt.Key_N)
    assert window.session.doc["id"] == ids["b"]
    key(window, Qt.Key_N)
    assert window.session.doc["id"] == ids["c"]
    key(window, Qt.Key_P)
    assert window.session.doc["id"] == ids["b"]
    assert window.documents.table.currentIndex().data(Qt.UserRole) == ids["b"]


def test_click_selects_span_and_context_menu_accepts(qtbot, window, project):
    db_path, ids = project
    offset = TEXT_A.index("Minsk") + 2
    QTest.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.NoModifier, point_of(window.view, offset))
    assert window.session.current_span()["text"] == "Minsk"
    window._on_context_menu(window.view.mapToGlobal(QPoint(5, 5)), window.session.current_span_id)
    menu = window.context_menu
    accept = next(a for a in menu.actions() if a.text() == "Accept")
    accept.trigger()
    menu.close()
    assert spans_by_text(db_path, ids["a"])["Minsk"]["status"] == "accepted"


def test_right_click_opens_span_menu(qtbot, window):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    # QTest does not synthesise the context-menu event a real right click produces: send it.
    pos = point_of(window.view, TEXT_A.index("Monday") + 1)
    viewport = window.view.viewport()
    QTest.mouseClick(viewport, Qt.RightButton, Qt.NoModifier, pos)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Mouse, pos, viewport.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: window.context_menu is not None and window.context_menu.isVisible())
    assert window.session.current_span()["text"] == "Monday"
    texts = [a.text() for a in window.context_menu.actions()]
    assert "Reject" in texts and "Relabel" in texts
    window.context_menu.close()


def test_toolbar_buttons_accept_and_reject(qtbot, window, project):
    db_path, ids = project
    key(window, Qt.Key_J)
    button = window.toolbar.widgetForAction(window.actions["reject"])
    QTest.mouseClick(button, Qt.LeftButton)
    assert spans_by_text(db_path, ids["a"])["Vladimir Putin"]["status"] == "rejected"
    QTest.mouseClick(window.toolbar.widgetForAction(window.actions["accept"]), Qt.LeftButton)
    assert spans_by_text(db_path, ids["a"])["Alexander Lukashenko"]["status"] == "accepted"


def test_publication_date_edit(qtbot, window, project):
    db_path, ids = project
    bar = window.published_bar
    assert "metadata" in bar.basis.full_text
    bar.edit.setText("not a date")
    bar.button.click()
    assert "YYYY-MM-DD" in window.last_error
    assert document(db_path, ids["a"])["published"] == "2021-12-20"
    bar.edit.setText("2021-12-27")
    bar.button.click()
    doc = document(db_path, ids["a"])
    assert (doc["published"], doc["published_source"]) == ("2021-12-27", "analyst")
    assert "analyst" in bar.basis.full_text


def test_help_overlay_lists_keys(window):
    QTest.keyClick(window.view, Qt.Key_Question)
    assert window.help_overlay.isVisible()
    text = window.help_overlay.text_label.text()
    assert "Accept the current span" in text and "PERSON" in text
    QTest.keyClick(window.help_overlay, Qt.Key_Escape)
    assert not window.help_overlay.isVisible()


def test_keys_rebound_from_settings(qtbot, db_path):
    ids = build_project(db_path)
    save_settings({"keys": {"accept": "Y"}})
    window = open_window(qtbot, db_path)
    key(window, Qt.Key_J)
    key(window, Qt.Key_A)
    assert spans_by_text(db_path, ids["a"])["Vladimir Putin"]["status"] == "proposed"
    key(window, Qt.Key_Y)
    assert spans_by_text(db_path, ids["a"])["Vladimir Putin"]["status"] == "accepted"


def test_search_box_filters_by_full_text_and_keeps_letters(qtbot, window, project):
    ids = project[1]
    key(window, Qt.Key_F, Qt.ControlModifier)
    assert window.focusWidget() is window.documents.search
    QTest.keyClicks(window.documents.search, "council")
    QTest.keyClick(window.documents.search, Qt.Key_Return)
    assert window.documents.doc_ids() == [ids["b"]]
    assert window.session.current_span_id is None  # the typed "j"-free letters did not act on spans
    QTest.keyClicks(window.documents.search, " ja")
    assert window.session.current_span_id is None
    window.documents.search.clear()
    window.documents.refresh()
    window.documents.status_filter.setCurrentText("verified")
    assert window.documents.doc_ids() == [ids["c"]]


def test_document_list_sorts_by_column(window, project):
    ids = project[1]
    window.documents.table.sortByColumn(1, Qt.AscendingOrder)  # published: "" (c) first
    assert window.documents.doc_ids() == [ids["c"], ids["b"], ids["a"]]
    window.documents.table.sortByColumn(4, Qt.DescendingOrder)  # accepted count
    assert window.documents.doc_ids()[0] == ids["c"]


def test_tooltip_shows_label_entity_value_source_status(window):
    from desktop.gui.article_view import span_tooltip

    span = next(s for s in window.session.spans if s["text"] == "Vladimir Putin")
    tip = span_tooltip(span)
    for part in ("PERSON", "Vladimir Putin", "model", "proposed"):
        assert part in tip
    money = next(s for s in window.session.spans if s["label"] == "MONEY")
    assert "35500000000 USD" in span_tooltip(money)
    assert window.view.span_at(point_of(window.view, TEXT_A.index("Putin")))["id"] == span["id"]


def test_refresh_after_another_window_keeps_the_scroll_position(qtbot, db_path):
    from desktop import review, store

    db = store.open_db(db_path)
    text = "\n".join([TEXT_A] * 300)
    doc_id = store.insert_document(db, path="long.txt", hash="hl", text=text, title="Long")
    store.insert_spans(db, [{"doc_id": doc_id, "start": 0, "end": 8, "label": "PERSON", "text": text[:8],
                             "source": "model", "status": "proposed"}])
    window = open_window(qtbot, db_path)
    assert window.session.doc["id"] == doc_id
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    assert position > 0
    review.accept(db, window.session.spans[0]["id"])  # another connection, as a second window would
    db.close()
    assert window.check_external_changes()
    assert window.session.spans[0]["status"] == "accepted"
    assert bar.value() == position


def test_key_map_overrides_and_broken_values():
    from desktop.gui.shortcuts import DEFAULT_KEYS, key_map

    keys = key_map({"keys": {"accept": ["Y", "U"], "reject": 5, "link": "L"}})
    assert keys["accept"] == ["Y", "U"]
    assert keys["reject"] == DEFAULT_KEYS["reject"][0]  # a broken override keeps the default
    assert keys["link"] == ["L"]
    assert key_map({"keys": "nonsense"})["accept"] == ["A"]
