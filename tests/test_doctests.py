"""The examples in the core's docstrings run: documentation that drifts from the code fails here."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "desktop").rglob("*.py")
    if "gui" not in path.relative_to(ROOT).parts and path.name != "__main__.py"
)


@pytest.mark.parametrize("name", CORE)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name files relative to the checkout (resources/samples)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see output)"


def test_the_examples_are_found():
    assert "desktop.facts.kinds" in CORE and "desktop.facts.component" in CORE and len(CORE) > 30
