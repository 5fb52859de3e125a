"""Recent projects: File > Open recent lists them, newest first, capped, the missing ones pruned (issue 14)."""

from __future__ import annotations

import json

from desktop import recent
from desktop.settings import config_dir
from tests.gui_support import build_project


def make_project(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    db = tmp_path / f"{name}.sqlite"
    db.write_bytes(b"")
    return folder, db


def test_newest_first_once_each_and_in_the_config_folder(tmp_path, app_home):
    a, b = make_project(tmp_path, "a"), make_project(tmp_path, "b")
    recent.remember(*a)
    recent.remember(*b)
    recent.remember(*a)
    assert [i["folder"] for i in recent.recent_projects()] == [str(a[0]), str(b[0])]
    assert recent.recent_path().parent == config_dir() and str(app_home) in str(recent.recent_path())


def test_capped(tmp_path):
    for n in range(recent.LIMIT + 3):
        recent.remember(*make_project(tmp_path, f"p{n}"))
    items = recent.recent_projects()
    assert len(items) == recent.LIMIT and items[0]["folder"].endswith(f"p{recent.LIMIT + 2}")


def test_missing_projects_are_pruned_from_the_file(tmp_path):
    kept, gone = make_project(tmp_path, "kept"), make_project(tmp_path, "gone")
    recent.remember(*kept)
    recent.remember(*gone)
    gone[0].rmdir()
    gone[1].unlink()
    assert [i["folder"] for i in recent.recent_projects()] == [str(kept[0])]
    assert len(json.loads(recent.recent_path().read_text())) == 1
    # A database still there keeps its entry even when its folder went (it opens without it).
    kept[0].rmdir()
    assert [i["db"] for i in recent.recent_projects()] == [str(kept[1])]


def test_a_broken_file_is_an_empty_list(tmp_path):
    recent.recent_path().parent.mkdir(parents=True, exist_ok=True)
    recent.recent_path().write_text("{not json")
    assert recent.recent_projects() == []
    recent.recent_path().write_text(json.dumps([{"db": 5}, "x", {"folder": None, "db": str(tmp_path)}]))
    assert recent.recent_projects() == []  # tmp_path is no database file, and the rest is malformed


def test_the_menu_lists_them_and_opens_the_chosen_one(qtbot, tmp_path, monkeypatch):
    from desktop.gui import app

    first_db, second_db = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    build_project(first_db)
    build_project(second_db)
    folder = tmp_path / "belarus"
    folder.mkdir()
    second = app.open_project(folder, second_db, ingest=False)
    qtbot.addWidget(second)
    window = app.open_project(None, first_db, ingest=False)
    qtbot.addWidget(window)
    assert [i["db"] for i in recent.recent_projects()] == [str(first_db), str(second_db)]

    menu = window.recent_menu
    menu.aboutToShow.emit()
    assert [e["db"] for e in menu.entries()] == [str(second_db)]  # not the project already open
    assert menu.actions()[0].text().startswith("&1 belarus (")
    opened = []
    monkeypatch.setattr(app, "open_project", lambda f, d, **k: opened.append((f, d)) or object())  # a new window
    menu.actions()[0].trigger()
    assert opened == [(folder, second_db)] and not window.isVisible()

    recent.clear()
    menu.aboutToShow.emit()
    assert menu.entries() == [] and not menu.findChild(type(menu.actions()[0]), "clearRecent").isEnabled()
