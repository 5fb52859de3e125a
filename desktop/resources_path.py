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
    try:
        root = Path(str(_importlib_resources.files("desktop.resources")))
        if root.is_dir():
            return root
    except ModuleNotFoundError:
        pass
    # A source checkout: desktop/ and resources/ are siblings.
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("samples")``."""
    return resources_root().joinpath(*parts)


def samples_dir() -> Path:
    """The bundled sample articles (the seed corpus)."""
    return resource_path("samples")
