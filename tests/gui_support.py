"""Helpers for the window tests: a small project database built by hand (no spaCy)."""

from __future__ import annotations

from pathlib import Path

from desktop import store

TEXT_A = "Vladimir Putin met Alexander Lukashenko in Minsk on Monday. Trade reached $35.5 billion in 2021."
TEXT_B = "The Supreme State Council of the Union State met in Moscow. Lukashenko flew in from Minsk."
TEXT_C = "An article that is already verified, about the CIS."


def _span(doc_id: int, text: str, needle: str, label: str, **extra) -> dict:
    start = text.index(needle)
    row = {"doc_id": doc_id, "start": start, "end": start + len(needle), "label": label, "text": needle,
           "source": "model", "status": "proposed", "model": "test", "created_at": store.now()}
    row.update(extra)
    return row


def build_project(path: Path) -> dict[str, int]:
    """Three documents (two to review, one verified) with model spans; returns their ids."""
    db = store.open_db(path)
    store.set_meta(db, "profile", "russia_belarus")
    store.set_meta(db, "model", "en_core_web_sm")
    store.set_meta(db, "model_version", "3.8.0")
    for entity in (
        {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]},
        {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON", "aliases": ["Lukashenko"]},
        {"id": "minsk", "name": "Minsk", "label": "GPE", "aliases": []},
    ):
        store.upsert_entity(db, entity)
    a = store.insert_document(db, path="a.txt", hash="ha", text=TEXT_A, title="Putin meets Lukashenko",
                              published="2021-12-20", published_basis="metadata.csv", published_source="metadata")
    b = store.insert_document(db, path="b.txt", hash="hb", text=TEXT_B, title="Supreme State Council",
                              published="2019-12-20", published_basis="dateline '20.12.2019'", published_source="text")
    c = store.insert_document(db, path="c.txt", hash="hc", text=TEXT_C, title="Verified one", status="verified")
    store.insert_spans(db, [
        _span(a, TEXT_A, "Vladimir Putin", "PERSON", entity_id="putin"),
        _span(a, TEXT_A, "Alexander Lukashenko", "PERSON", entity_id="lukashenko"),
        _span(a, TEXT_A, "Minsk", "GPE", entity_id="minsk"),
        _span(a, TEXT_A, "Monday", "DATE", value="2021-12-20"),
        _span(a, TEXT_A, "$35.5 billion", "MONEY", value="35500000000 USD"),
        _span(b, TEXT_B, "Supreme State Council", "ORG"),
        _span(b, TEXT_B, "Moscow", "GPE"),
        _span(b, TEXT_B, "Lukashenko", "PERSON"),
        _span(b, TEXT_B, "Minsk", "GPE"),
        _span(c, TEXT_C, "CIS", "ORG", status="accepted"),
    ])
    db.close()
    return {"a": a, "b": b, "c": c}


def spans_by_text(db_path: Path, doc_id: int) -> dict[str, dict]:
    db = store.open_db(db_path)
    try:
        return {s["text"]: s for s in store.spans_for_document(db, doc_id)}
    finally:
        db.close()


def document(db_path: Path, doc_id: int) -> dict:
    db = store.open_db(db_path)
    try:
        return store.get_document(db, doc_id)
    finally:
        db.close()


def open_window(qtbot, db_path: Path, *, folder: Path | None = None, ingest: bool = False):
    """A shown, active MainWindow on ``db_path`` with focus in the article view."""
    from desktop.gui.main_window import MainWindow

    window = MainWindow(db_path, folder, ingest=ingest)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    return window


def point_of(view, offset: int):
    """The viewport point in the middle of the character at ``offset``."""
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(offset)
    left = view.cursorRect(cursor)
    cursor.setPosition(offset + 1)
    right = view.cursorRect(cursor)
    from PySide6.QtCore import QPoint

    if right.top() != left.top():
        return QPoint(left.center().x() + 3, left.center().y())
    return QPoint((left.center().x() + right.center().x()) // 2, left.center().y())
