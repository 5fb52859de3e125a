"""Recently opened projects, newest first, kept in ``recent.json`` beside the settings (Qt-free).

>>> describe({"folder": "/srv/articles/belarus", "db": "/data/belarus-1a2b.sqlite"})
'belarus (/srv/articles)'

Each entry names the article folder (or None for a bare database) and its project
database. The list is capped at :data:`LIMIT`; entries whose folder and database
are both gone are pruned when the list is read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.settings import config_dir, write_json

LIMIT = 10


def recent_path() -> Path:
    """The file of the list (in the app's config folder, like settings.json)."""
    return config_dir() / "recent.json"


def _read() -> list[dict[str, Any]]:
    try:
        items = json.loads(recent_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # no list yet, or a broken one: start a new one rather than fail
    if not isinstance(items, list):
        return []
    return [i for i in items if isinstance(i, dict) and isinstance(i.get("db"), str)
            and (i.get("folder") is None or isinstance(i.get("folder"), str))]


def _write(items: list[dict[str, Any]]) -> None:
    write_json(recent_path(), items)


def _exists(item: dict[str, Any]) -> bool:
    folder = item.get("folder")
    return (folder is not None and Path(folder).is_dir()) or Path(item["db"]).is_file()


def recent_projects() -> list[dict[str, Any]]:
    """The remembered projects that still exist, newest first (the missing ones are dropped from the file)."""
    items = _read()
    kept = [i for i in items if _exists(i)][:LIMIT]
    if kept != items:
        try:
            _write(kept)
        except OSError:
            pass  # a read-only config folder: the menu still shows the right list
    return kept


def remember(folder: str | Path | None, db_path: str | Path) -> list[dict[str, Any]]:
    """Put a project first in the list (once), capped at :data:`LIMIT`; returns the new list."""
    entry = {"folder": str(Path(folder).expanduser().resolve()) if folder else None,
             "db": str(Path(db_path).expanduser().resolve())}
    items = [entry, *(i for i in _read() if i["db"] != entry["db"])][:LIMIT]
    _write(items)
    return items


def forget(db_path: str | Path) -> None:
    """Take a project off the list."""
    target = str(Path(db_path).expanduser().resolve())
    _write([i for i in _read() if i["db"] != target])


def clear() -> None:
    """Empty the list."""
    _write([])


def describe(item: dict[str, Any]) -> str:
    """A menu line: the folder's name (or the database's) and where it is."""
    where = Path(item["folder"] or item["db"])
    name = where.name if item["folder"] else where.stem
    try:
        place = "~/" + where.parent.relative_to(Path.home()).as_posix()
    except ValueError:
        place = where.parent.as_posix()
    return f"{name} ({place.rstrip('/.') or '/'})"
