"""Find the files that ship with the package (profiles, icons, sample articles).

>>> resource_path("profiles", "russia_belarus.toml").exists()
True

Works from a source checkout (the top-level ``resources/`` folder) and from an
installed wheel or a frozen build (the ``desktop.resources`` package).
"""

from __future__ import annotations

import sys
from importlib import resources as _importlib_resources
from pathlib import Path


def resources_root() -> Path:
    """The folder that holds the bundled resources."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidate = Path(frozen) / "desktop" / "resources"
        if candidate.is_dir():
            return candidate
    # A source checkout's own resources/ first: an editable install maps desktop.resources to the
    # checkout it was made from, which a second git worktree sharing that venv must not read.
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources" / "profiles").is_dir():
        return checkout / "resources"
    try:
        root = Path(str(_importlib_resources.files("desktop.resources")))
        if root.is_dir():
            return root
    except ModuleNotFoundError:
        pass
    return checkout / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("samples")``."""
    return resources_root().joinpath(*parts)


def samples_dir() -> Path:
    """The bundled sample articles (the seed corpus)."""
    return resource_path("samples")
