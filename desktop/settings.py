"""User settings and where the app keeps its files (Qt-free, via platformdirs).

>>> load_settings()["model"]
'en_core_web_sm'

``ARTICLE_REVIEW_HOME`` moves everything (settings and project databases)
into one folder: the tests use it so they never touch the user's files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from desktop.model_info import DEFAULT_MODEL

APP_NAME = "article-review"

DEFAULTS: dict[str, Any] = {
    "model": DEFAULT_MODEL,
    "profile": "russia_belarus",
    "workers": 1,
    "doc_timeout": 15,  # seconds one document may take to analyse (ingest --doc-timeout; 0: no limit)
    "keys": {},  # action name -> key sequence, overrides the window's defaults
    "font_size": 0,  # the article text in points; 0: the app's default
    "zoom": 0,  # points added to the article and the lists (Ctrl+= / Ctrl+-, Ctrl+0 resets)
}


def config_dir() -> Path:
    """Folder of settings.json."""
    home = os.environ.get("ARTICLE_REVIEW_HOME")
    return Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """Folder of project databases."""
    home = os.environ.get("ARTICLE_REVIEW_HOME")
    return Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    """Settings merged over the defaults; a broken file falls back to the defaults."""
    merged = json.loads(json.dumps(DEFAULTS))
    try:
        merged.update(json.loads(settings_path().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    return merged


def doc_timeout_of(settings: dict[str, Any]) -> float:
    """The per-document time limit of ingest in seconds (0: none); a value that is no number gives the default."""
    try:
        value = float(settings.get("doc_timeout", DEFAULTS["doc_timeout"]) or 0)
    except (TypeError, ValueError):
        return float(DEFAULTS["doc_timeout"])
    return value if value >= 0 else float(DEFAULTS["doc_timeout"])


def save_settings(values: dict[str, Any]) -> None:
    """Write settings atomically."""
    write_json(settings_path(), values)


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``path`` atomically (a file of the app's own: settings, recent projects)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def default_db_path(folder: str | Path) -> Path:
    """The database that belongs to an article folder.

    ``<data dir>/projects/<folder name>-<hash of its absolute path>.sqlite``: one
    per folder, outside it, so read-only folders (and the bundled samples) work.
    """
    folder = Path(folder).expanduser().resolve()
    digest = hashlib.sha1(str(folder).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "projects" / f"{folder.name or 'root'}-{digest}.sqlite"
