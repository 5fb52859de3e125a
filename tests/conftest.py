"""Shared fixtures. Qt runs offscreen and the app's files live in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# Every project connection refuses a write inside a transaction not opened with BEGIN IMMEDIATE
# (desktop.transactions.guard), here and in the processes tests start: a stray deferred write fails loudly.
os.environ.setdefault("ARTICLE_REVIEW_CHECK_WRITES", "1")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory, monkeypatch) -> Path:
    """Settings and default databases go to a temporary folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ARTICLE_REVIEW_HOME", str(home))
    return home


@pytest.fixture(autouse=True, scope="session")
def qsettings_home(tmp_path_factory) -> Path:
    """Any QSettings a test writes (the window layout, other Qt settings) lands in a temporary folder."""
    folder = tmp_path_factory.mktemp("qsettings")
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.IniFormat, QSettings.NativeFormat):
        for scope in (QSettings.UserScope, QSettings.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    return folder


@pytest.fixture
def db():
    """A fresh, migrated in-memory store."""
    from desktop.store import open_db

    database = open_db(":memory:")
    yield database
    database.close()


@pytest.fixture(scope="module")
def belarus():
    """The default profile's facts on our sentences (tests/test_facts_meetings_perturb.py's Extractor)."""
    from tests.test_facts_meetings_perturb import Extractor

    return Extractor("russia_belarus")


@pytest.fixture(scope="module")
def kazakhstan():
    """The russia_kazakhstan profile's facts on our sentences."""
    from tests.test_facts_meetings_perturb import Extractor

    return Extractor("russia_kazakhstan")


@pytest.fixture
def reviewed():
    """The exchange corpus (tests/test_exchange.py): three articles, reviewed and verified."""
    from desktop.store import open_db
    from tests.test_exchange import build_corpus, review_corpus

    database = open_db(":memory:")
    review_corpus(database, build_corpus(database))
    yield database
    database.close()


@pytest.fixture
def fresh():
    """A fresh database of the same corpus: same texts, the model's spans all proposed."""
    from desktop.store import open_db
    from tests.test_exchange import build_corpus

    database = open_db(":memory:")
    build_corpus(database)
    yield database
    database.close()


@pytest.fixture
def db_path(tmp_path) -> Path:
    """Path for a fresh on-disk store (not created yet)."""
    return tmp_path / "project.sqlite"


@pytest.fixture
def samples(tmp_path) -> Path:
    """A writable copy of the bundled sample articles."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def gold_path() -> Path:
    """The hand-made ground truth for the samples (from ../shared, or the copy in tests/data)."""
    local = ROOT / "tests" / "data" / "gold_seeds.jsonl"
    return GOLD if GOLD.exists() else local


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> list[str]:
    """The texts of the warning boxes shown (``QMessageBox.warning``), recorded instead of shown.

    The static box is modal: it would wait for a click no test gives, and the suite would hang.
    """
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return shown
