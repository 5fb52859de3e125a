"""Ingest goes on past files that cannot or must not be read, and past texts longer than spaCy's limit (issue 15)."""

from __future__ import annotations

import os

from desktop import problems, store
from desktop.ingest import Progress, ingest

RULES = "blank:en"  # the gazetteer alone: fast, no trained model needed


def run(folder, db_path, **options) -> dict:
    steps = list(ingest(folder, db_path, model=options.pop("model", RULES), **options))
    assert all(isinstance(step, Progress) for step in steps)
    return steps[-1].summary


def test_unreadable_names_links_and_oversized_files_are_reported_and_the_run_goes_on(samples, tmp_path, db_path,
                                                                                        monkeypatch):
    import desktop.reader as reader

    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (samples / "passwd.txt").symlink_to(outside)
    (samples / os.fsdecode("Минск.txt".encode("cp1251"))).write_text("Lukashenko in Minsk.\n", encoding="utf-8")
    (samples / "huge.txt").write_bytes(b"Putin met Lukashenko. " * 1000)
    # A limit smaller than huge.txt and larger than every sample.
    monkeypatch.setattr(reader, "MAX_BYTES", 10_000)
    monkeypatch.setattr("desktop.ingest.MAX_BYTES", 10_000)
    summary = run(samples, db_path)
    assert summary["added"] == 5
    reasons = dict(summary["skipped"])
    assert set(reasons) == {"passwd.txt", "\\xcc\\xe8\\xed\\xf1\\xea.txt", "huge.txt"}
    assert "outside the article folder" in reasons["passwd.txt"]
    assert "not valid UTF-8" in reasons["\\xcc\\xe8\\xed\\xf1\\xea.txt"]
    assert "too large" in reasons["huge.txt"]
    db = store.open_db(db_path)
    assert {p["path"]: p["message"] for p in problems.list_problems(db) if p["kind"] == problems.SKIPPED} == reasons
    assert "root:x" not in "".join(d["text"] for d in store.document_texts(db))


def test_a_file_that_cannot_be_opened_is_reported_and_the_run_goes_on(samples, db_path, monkeypatch):
    import desktop.ingest as ingest_module

    (samples / "locked.txt").write_text("Lukashenko in Minsk.\n", encoding="utf-8")
    real = ingest_module.file_hash

    def denied(path, **kwargs):  # what chmod 000 gives a user who is not root
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(ingest_module, "file_hash", denied)
    summary = run(samples, db_path)
    assert summary["added"] == 5
    assert dict(summary["skipped"]) == {"locked.txt": "cannot read: Permission denied"}
