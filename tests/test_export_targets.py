"""Export targets (issue 15): a missing folder is an error, a target that is no regular file is refused.

Nothing is created or replaced in either case: no folder, no temporary file, no side file.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import exchange, store
from desktop.cli import main

FILE_EXPORTS = [
    pytest.param("spans", "jsonl", ".jsonl", id="jsonl"),
    pytest.param("spans", "spacy", ".spacy", id="docbin"),
    pytest.param("spans", "conll", ".conll", id="conll"),
    pytest.param("spans", "label-studio", ".json", id="label-studio"),
    pytest.param("spans", "doccano", ".jsonl", id="doccano"),
    pytest.param("spans", "huggingface", ".jsonl", id="huggingface"),
    pytest.param("facts", "csv", ".csv", id="facts-csv"),
    pytest.param("entities", "jsonl", ".jsonl", id="entities-jsonl"),
    pytest.param("project", "sqlite", ".sqlite", id="project"),
]


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "project.sqlite"
    db = store.open_db(path)
    doc = store.insert_document(db, path="a.txt", hash="ha", text="Putin met Lukashenko in Minsk.", status="verified")
    store.insert_spans(db, [{"doc_id": doc, "start": 0, "end": 5, "label": "PERSON", "text": "Putin",
                             "source": "model", "status": "accepted"}])
    db.close()
    return path


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("what, fmt, suffix", FILE_EXPORTS)
def test_a_missing_folder_is_an_error_and_is_not_created(project, tmp_path, capsys, what, fmt, suffix):
    out = tmp_path / "missing" / "deeper" / f"out{suffix}"
    before = _tree(tmp_path)
    assert main(["export", "--db", str(project), "--what", what, "--format", fmt, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no folder {out.parent}" in err
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("options", [
    pytest.param(["--format", "brat"], id="brat"),
    pytest.param(["--format", "spacy", "--dev", "0.5"], id="spacy-dev"),
])
def test_a_folder_export_into_a_missing_folder_is_an_error(project, tmp_path, capsys, options):
    out = tmp_path / "missing" / "brat"
    assert main(["export", "--db", str(project), *options, "-o", str(out)]) == 2
    assert "no folder" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


def test_plot_into_a_missing_folder_is_an_error(project, tmp_path, capsys):
    out = tmp_path / "missing" / "trade.csv"
    assert main(["plot", "--db", str(project), "--what", "trade", "-o", str(out)]) == 2
    assert "no folder" in capsys.readouterr().err and not out.parent.exists()


def _special_targets(tmp_path: Path, name: str) -> list[Path]:
    fifo = tmp_path / f"fifo-{name}"
    os.mkfifo(fifo)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours\n", encoding="utf-8")
    link = tmp_path / f"link-{name}"
    link.symlink_to(elsewhere)
    return [fifo, link]


@pytest.mark.parametrize("what, fmt, suffix", FILE_EXPORTS)
def test_a_target_that_is_no_regular_file_is_refused_and_kept(project, tmp_path, capsys, what, fmt, suffix):
    for target in _special_targets(tmp_path, f"out{suffix}"):
        before = _tree(tmp_path)
        kind = "fifo" if target.name.startswith("fifo") else "link"
        assert main(["export", "--db", str(project), "--what", what, "--format", fmt, "-o", str(target)]) == 2, kind
        assert "not a regular file" in capsys.readouterr().err
        assert _tree(tmp_path) == before
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "not yours\n"
    assert (tmp_path / f"fifo-out{suffix}").exists() and not (tmp_path / f"fifo-out{suffix}").is_file()


def test_a_side_file_that_is_no_regular_file_refuses_the_export_before_it_writes(project, tmp_path, capsys):
    out = tmp_path / "tasks.json"
    os.mkfifo(tmp_path / "tasks.label_config.xml")
    assert main(["export", "--db", str(project), "--format", "label-studio", "-o", str(out)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert not out.exists()


def test_a_folder_format_refuses_a_symlink_or_a_file(project, tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep\n", encoding="utf-8")
    link = tmp_path / "brat-link"
    link.symlink_to(real, target_is_directory=True)
    plain = tmp_path / "brat-file"
    plain.write_text("a file\n", encoding="utf-8")
    for target in (link, plain):
        assert main(["export", "--db", str(project), "--format", "brat", "-o", str(target)]) == 2
        assert "is not a folder" in capsys.readouterr().err
    assert link.is_symlink() and _tree(real) == ["keep.txt"] and plain.read_text(encoding="utf-8") == "a file\n"


def test_plot_refuses_a_fifo(project, tmp_path, capsys):
    fifo = tmp_path / "trade.csv"
    os.mkfifo(fifo)
    assert main(["plot", "--db", str(project), "--what", "trade", "-o", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert fifo.exists() and not fifo.is_file()


def test_the_api_refuses_before_the_first_progress(project, tmp_path):
    db = store.open_db(project)
    try:
        steps = exchange.export(db, tmp_path / "nowhere" / "x.jsonl", what="spans", fmt="jsonl")
        with pytest.raises(exchange.ExchangeError, match="no folder"):
            next(steps)
    finally:
        db.close()
