"""The widgets follow the session (model -> view) and write to it (view -> model); the app opens folders."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.gui import main_window
from tests.gui_support import build_project, open_window


def test_the_article_list_and_the_session_share_the_filters(qtbot, db_path):
    ids = build_project(db_path)
    window = open_window(qtbot, db_path)
    documents = window.documents
    # Model -> view: the combo shows the session's filter and the list is filtered.
    window.session.set_filters(status="verified")
    assert documents.status_filter.currentData() == "verified"
    assert documents.doc_ids() == [ids["c"]]
    # View -> model.
    documents.status_filter.setCurrentIndex(documents.status_filter.findData(None))
    assert window.session.filters["status"] is None and len(documents.doc_ids()) == 3
    documents.search.setText("Minsk")
    qtbot.waitUntil(lambda: window.session.filters["search"] == "Minsk")
    assert set(documents.doc_ids()) == {ids["a"], ids["b"]}


def test_span_panel_view_and_session_agree_on_the_current_span(qtbot, db_path):
    ids = build_project(db_path)
    window = open_window(qtbot, db_path)
    assert window.session.doc_id == ids["a"]
    minsk = next(s["id"] for s in window.session.spans if s["text"] == "Minsk")
    window.session.set_current_span(minsk)  # model -> both views
    assert window.view.current_id == minsk
    assert window.span_panel.currentIndex().data(Qt.UserRole) == minsk
    monday = window.span_panel.span_model.row_of(next(s["id"] for s in window.session.spans if s["text"] == "Monday"))
    window.span_panel.setCurrentIndex(window.span_panel.span_model.index(monday, 0))  # view -> model
    assert window.session.current_span()["text"] == "Monday" and window.view.current_id == window.session.current_span_id


def test_the_labels_of_a_new_profile_reach_the_views(qtbot, db_path):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.session.label_colors = {}
    window.session.events.labels(labels=["GPE"], colors={"GPE": "#123456"})
    assert window.view.color("GPE").name() == "#123456"
    assert window.span_panel.span_model.colors["GPE"].name() == "#123456"


def test_open_folder_is_a_signal_the_app_answers(qtbot, db_path, tmp_path, monkeypatch):
    from desktop.gui import app

    build_project(db_path)
    folder = tmp_path / "other articles"
    folder.mkdir()
    window = open_window(qtbot, db_path)
    monkeypatch.setattr(main_window.QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    with qtbot.waitSignal(window.open_folder_requested) as blocker:
        window.findChild(type(window.actions["undo"]), "open_folder").trigger()
    assert blocker.args == [folder]
    assert window.isVisible()  # a window alone does not open projects: the app does

    first = app.open_project(None, db_path, ingest=False)
    qtbot.addWidget(first)
    # open_project returns the new window (None: it could not open the project, and this one stays)
    monkeypatch.setattr(app, "open_project", lambda f, *a, **k: opened.append(f) or object())
    opened = []
    first.findChild(type(first.actions["undo"]), "open_folder").trigger()
    assert opened == [folder] and not first.isVisible()
