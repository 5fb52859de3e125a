"""The project's own models: where they live, which one the project uses, how ``project:NAME`` resolves.

>>> from pathlib import Path
>>> models_dir(Path("/data/projects/samples-0123456789.sqlite")).as_posix()
'/data/projects/samples-0123456789.project/models'
>>> is_project_model("project:ner-1") and not is_project_model("en_core_web_sm")
True

A trained model is a folder ``<project folder>/models/NAME`` holding the spaCy
pipeline (``config.cfg``, ``meta.json``, ``ner/``...), ``report.json`` (the
scores of the base and the trained model, see :mod:`desktop.training`) and
``training.json`` (options, base model, the ids of the articles it learned
from). The project's choice is the ``model_setting`` meta key of its database;
ingest and re-annotation read it when no ``--model`` is given.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PREFIX = "project:"
SETTING_KEY = "model_setting"
REPORT = "report.json"
TRAINING = "training.json"


class ModelError(ValueError):
    """A model that does not exist or cannot be used; the message says which and why."""


def project_folder(db_path: str | Path) -> Path:
    """The folder beside a project database that holds its models and its copy of the profile."""
    path = Path(db_path).expanduser()
    return path.with_name(f"{path.stem}.project")


def models_dir(db_path: str | Path) -> Path:
    """Where the project's trained models are saved."""
    return project_folder(db_path) / "models"


def is_project_model(spec: str | None) -> bool:
    """Whether ``spec`` names a model of the project (``project:NAME``)."""
    return bool(spec) and str(spec).startswith(PREFIX)


def spec_for(name: str) -> str:
    """The ``--model`` value of the project model ``name``."""
    return f"{PREFIX}{name}"


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON file's object, or None when it is missing or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def list_models(db_path: str | Path) -> list[dict[str, Any]]:
    """The project's trained models, newest first: ``name, spec, path, created, base, base_f, trained_f,
    worse_than_base, warnings, train_articles, dev_articles, report``."""
    folder = models_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if not path.is_dir() or path.name.startswith(".") or not (path / "meta.json").is_file():
            continue
        report = read_json(path / REPORT) or {}
        found.append({
            "name": path.name,
            "spec": spec_for(path.name),
            "path": str(path),
            "created": report.get("created"),
            "base": report.get("base_model"),
            "base_f": (report.get("base") or {}).get("overall", {}).get("f"),
            "trained_f": (report.get("trained") or {}).get("overall", {}).get("f"),
            "worse_than_base": bool(report.get("worse_than_base")),
            "warnings": list(report.get("warnings") or []),
            "train_articles": len(report.get("train_ids") or []),
            "dev_articles": len(report.get("dev_ids") or []),
            "report": report,
        })
    return sorted(found, key=lambda m: (m["created"] or "", m["name"]), reverse=True)


def model_path(db_path: str | Path | None, spec: str) -> Path:
    """The folder of the project model ``spec`` (``project:NAME``); :class:`ModelError` when there is none."""
    name = spec[len(PREFIX):]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ModelError(f"{spec!r} is not a project model name (use project:NAME, see article-review models)")
    if db_path is None or str(db_path) == ":memory:":
        raise ModelError(f"{spec}: project models need a project database on disk")
    path = models_dir(db_path) / name
    if not (path / "meta.json").is_file():
        known = ", ".join(m["name"] for m in list_models(db_path)) or "none yet: article-review train"
        raise ModelError(f"no project model {name!r} (known: {known})")
    return path


def resolve(spec: str | None, db_path: str | Path | None) -> str | None:
    """What :func:`desktop.nlp.load_pipeline` loads for ``spec``: a project model's folder, else ``spec`` itself."""
    if not is_project_model(spec):
        return spec
    return str(model_path(db_path, spec))


def project_setting(db: Any) -> str | None:
    """The model the project was switched to (``project:NAME`` or a package name), or None."""
    from desktop import store

    return store.get_meta(db, SETTING_KEY) or None


def chosen_spec(db: Any, model: str | None = None) -> str | None:
    """The model a run on this project loads: ``model``, else the one the project was switched to, else the settings'."""
    from desktop.settings import load_settings

    return model or project_setting(db) or load_settings().get("model")


def use_model(db: Any, db_path: str | Path | None, spec: str | None) -> None:
    """Switch the project to ``spec`` (None: back to the settings' model); a missing project model is refused."""
    from desktop import store

    if is_project_model(spec):
        model_path(db_path, spec)
    with store.write_transaction(db):
        store.set_meta(db, SETTING_KEY, spec)

