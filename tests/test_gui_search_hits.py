"""Search hits (Ctrl+F) are marked in the open article, F3 / Shift+F3 move between them (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from desktop.gui.search_hits import CURRENT_HIT, HIT
from desktop.search_hits import find_hits
from tests.gui_support import TEXT_B, build_project, open_window


def marked(window, colour: str) -> list[str]:
    view = window.view
    return [view.text[view.offsets.to_py(s.cursor.selectionStart()):view.offsets.to_py(s.cursor.selectionEnd())]
            for s in view.extraSelections() if s.format.background().color() == QColor(colour)]


def search(qtbot, window, text: str) -> None:
    QTest.keyClick(window.view, Qt.Key_F, Qt.ControlModifier)
    assert window.documents.search.hasFocus()
    QTest.keyClicks(window.documents.search, text)
    QTest.keyClick(window.documents.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.session.filters["search"] == text)


def test_hits_are_marked_and_f3_walks_them(qtbot, db_path):
    ids = build_project(db_path)
    window = open_window(qtbot, db_path)
    window.open_document(ids["b"])
    search(qtbot, window, "Minsk Moscow")
    window.open_document(ids["b"])
    assert window.search_hits.hits == find_hits(TEXT_B, "Minsk Moscow")
    assert sorted(marked(window, HIT)) == ["Minsk", "Moscow"]

    caret = lambda: window.view.offsets.to_py(window.view.textCursor().position())  # noqa: E731
    window.view.setTextCursor(window.view.cursorForPosition(window.view.rect().topLeft()))
    QTest.keyClick(window.documents.search, Qt.Key_F3)  # from the search box too
    assert caret() == TEXT_B.index("Moscow") and marked(window, CURRENT_HIT) == ["Moscow"]
    assert marked(window, HIT) == ["Minsk"]
    assert "Hit 1 of 2" in window.statusBar().currentMessage()
    QTest.keyClick(window.view, Qt.Key_F3)
    assert caret() == TEXT_B.index("Minsk") and marked(window, CURRENT_HIT) == ["Minsk"]
    QTest.keyClick(window.view, Qt.Key_F3)  # wraps
    assert marked(window, CURRENT_HIT) == ["Moscow"]
    QTest.keyClick(window.view, Qt.Key_F3, Qt.ShiftModifier)
    assert marked(window, CURRENT_HIT) == ["Minsk"]


def test_the_marks_follow_the_article_and_go_with_the_search(qtbot, db_path):
    ids = build_project(db_path)
    window = open_window(qtbot, db_path)
    search(qtbot, window, "Lukashenko")
    window.open_document(ids["a"])
    assert marked(window, HIT) == ["Lukashenko"]  # in "Alexander Lukashenko"
    window.open_document(ids["b"])
    assert marked(window, HIT) == ["Lukashenko"] and window.search_hits.current == -1
    window.documents.search.clear()
    QTest.keyClick(window.documents.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.session.filters["search"] == "")
    assert marked(window, HIT) == [] and marked(window, CURRENT_HIT) == []
    QTest.keyClick(window.view, Qt.Key_F3)
    assert "No search" in window.statusBar().currentMessage()


def test_find_hits_matches_words_and_their_forms():
    text = "Trade grew. Trading partners traded more; a tradesman is no match. TRADE!"
    assert [text[s:e] for s, e in find_hits(text, "trade")] == ["Trade", "Trading", "traded", "TRADE"]
    assert find_hits(text, "  ") == [] and find_hits("", "trade") == []
    plans = "They planned; the plan stands."
    assert [plans[s:e] for s, e in find_hits(plans, "plans")] == ["planned", "plan"]
    assert len(find_hits("a " * 100, "a", limit=10)) == 10
