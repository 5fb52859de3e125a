"""The import-linter contract that keeps Qt out of the core names every core module.

``make test`` runs ``lint-imports`` with the contract in pyproject.toml; a module missing from its list is
not checked at all, so a new core module would slip past it. The core is desktop/ minus its GUI subpackage,
the command line (whose ``window`` and ``plot`` commands import the GUI on purpose) and ``__main__``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_CORE = {"desktop.gui", "desktop.cli", "desktop.__main__", "desktop.__init__"}


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if "PySide6" in c.get("forbidden_modules", []))


def _core_modules() -> set[str]:
    package = ROOT / "desktop"
    names = {f"desktop.{p.stem}" for p in package.glob("*.py")}
    names |= {f"desktop.{p.parent.name}" for p in package.glob("*/__init__.py")}
    return names - NOT_CORE


def test_every_core_module_is_under_the_no_qt_contract():
    listed = set(_contract()["source_modules"])
    missing = sorted(_core_modules() - listed)
    assert not missing, f"add to the no-Qt contract in pyproject.toml: {missing}"


def test_the_contract_forbids_qt_and_the_gui_package():
    contract = _contract()
    assert contract["type"] == "forbidden"
    assert {"PySide6", "pyqtgraph", "desktop.gui"} <= set(contract["forbidden_modules"])
    assert all(name.startswith("desktop.") and not name.startswith("desktop.gui") for name in contract["source_modules"])
