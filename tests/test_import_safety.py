"""Imports are checked before anything is applied (issue 15): labels, offsets, types, JSON limits.

Every import format the product reads gets the hostile cases it can carry; a record that fails is
skipped with its reason, and a document whose records all fail is not touched (not verified).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3

import pytest

from desktop import store
from desktop.cli import main
from desktop.exchange import ExchangeError, import_file, importing, records

TEXT_A = "Vladimir Putin met Alexander Lukashenko in Minsk."
TEXT_B = "Lukashenko called Putin on Monday about gas prices."
GOOD_A = [(0, 14, "PERSON"), (19, 39, "PERSON"), (43, 48, "GPE")]
GOOD_B = [(0, 10, "PERSON"), (18, 23, "PERSON")]


@pytest.fixture
def project(tmp_path):
    """Two articles with a model's proposals, on disk (the CLI cases open it too)."""
    path = tmp_path / "project.sqlite"
    db = store.open_db(path)
    for name, text, spans in (("a.txt", TEXT_A, GOOD_A), ("b.txt", TEXT_B, GOOD_B)):
        doc = store.insert_document(db, path=name, hash=name, text=text)
        store.insert_spans(db, [{"doc_id": doc, "start": s, "end": e, "label": "ORG", "text": text[s:e],
                                 "source": "model", "status": "proposed"} for s, e, _ in spans])
    yield db
    db.close()


def db_path(db) -> str:
    return db.conn.execute("pragma database_list").fetchone()[2]


def state(db, name: str) -> tuple:
    doc = store.document_by_path(db, name)
    spans = [(s["start"], s["end"], s["label"], s["status"]) for s in store.spans_for_document(db, doc["id"])]
    return doc["status"], sorted(spans)


# ---------------------------------------------------------------- every format, written as its tool does


def _prodigy(text, spans, name):
    return {"text": text, "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
            "answer": "accept"}


def _ours(text, spans, name):
    return {**_prodigy(text, spans, name), "meta": {"file": name, "hash": name}}


def _doccano(text, spans, name):
    return {"text": text, "label": [[s, e, label] for s, e, label in spans]}


def _doccano_entities(text, spans, name):
    return {"text": text, "entities": [{"id": i, "label": label, "start_offset": s, "end_offset": e}
                                       for i, (s, e, label) in enumerate(spans)], "relations": []}


def _spacy(text, spans, name):
    return [text, {"entities": [[s, e, label] for s, e, label in spans]}]


def _ls_region(text, s, e, label):
    return {"start": s, "end": e, "text": text[s:e], "labels": [label]}


def _ls_task(text, spans, name):
    return {"data": {"text": text}, "annotations": [{"result": [
        {"type": "labels", "from_name": "label", "to_name": "text", "value": _ls_region(text, s, e, label)}
        for s, e, label in spans]}]}


def _ls_min(text, spans, name):
    return {"text": text, "label": [_ls_region(text, s, e, label) for s, e, label in spans]}


JSONL = {"jsonl": _ours, "prodigy": _prodigy, "doccano": _doccano, "doccano-entities": _doccano_entities,
         "spacy": _spacy, "label-studio-min": _ls_min}
FORMAT_OF = {"doccano-entities": "doccano", "label-studio-min": "label-studio"}


def write_file(kind: str, folder, docs) -> tuple[object, str]:
    """``docs``: [(name, text, spans)] as one file (a folder for brat) in ``kind``; returns (path, fmt)."""
    if kind in JSONL:
        path = folder / f"in-{kind}.jsonl"
        path.write_text("".join(json.dumps(JSONL[kind](t, s, n)) + "\n" for n, t, s in docs), encoding="utf-8")
        return path, FORMAT_OF.get(kind, kind)
    if kind == "label-studio":
        path = folder / "in-ls.json"
        path.write_text(json.dumps([_ls_task(t, s, n) for n, t, s in docs], indent=1), encoding="utf-8")
        return path, "label-studio"
    if kind == "brat":
        path = folder / "brat"
        path.mkdir()
        for name, text, spans in docs:
            stem = name.removesuffix(".txt")
            (path / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
            (path / f"{stem}.ann").write_text("".join(f"T{i}\t{label} {s} {e}\t{text[s:e]}\n"
                                                      for i, (s, e, label) in enumerate(spans, 1)),
                                              encoding="utf-8", newline="")
        return path, "brat"
    if kind == "conll":
        lines = []
        for _name, text, spans in docs:
            lines += ["-DOCSTART- -X- O O", ""]
            for match in re.finditer(r"\w+|[^\w\s]", text):
                tag = "O"
                for s, e, label in spans:
                    if s <= match.start() and match.end() <= e:
                        tag = ("B-" if s == match.start() else "I-") + label
                lines.append(f"{match.group()} {tag}")
            lines.append("")
        path = folder / "in.conll"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path, "conll"
    if kind == "docbin":
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.blank("en")
        doc_bin = DocBin(store_user_data=True)
        for _name, text, spans in docs:
            doc = nlp(text)
            doc.spans["sc"] = [doc.char_span(s, e, label=label) for s, e, label in spans]
            doc_bin.add(doc)
        path = folder / "in.spacy"
        path.write_bytes(doc_bin.to_bytes())
        return path, "docbin"
    raise AssertionError(kind)


EVERY_FORMAT = [*JSONL, "label-studio", "brat", "conll", "docbin"]
# Which bad labels a format can carry at all (a CoNLL tag holds no space; a brat label no line end).
BAD_LABELS = {
    "unknown": ("BOGUS", "not in the project's profile", EVERY_FORMAT),
    "empty": ("", "empty label", [k for k in EVERY_FORMAT if k not in ("conll", "brat")]),
    "multi-line": ("PER\nSON", "line break or a control character", [k for k in EVERY_FORMAT if k not in ("conll", "brat")]),
    "control": ("PER\x07SON", "line break or a control character", [k for k in EVERY_FORMAT if k != "conll"]),
}
LABEL_CASES = [pytest.param(kind, case, id=f"{kind}-{case}")
               for case, (_, _, kinds) in BAD_LABELS.items() for kind in kinds]


@pytest.mark.parametrize("kind", EVERY_FORMAT)
def test_every_format_applies_good_records(project, tmp_path, kind):
    """The writers above are right: good records of every format verify both articles."""
    path, fmt = write_file(kind, tmp_path, [("a.txt", TEXT_A, GOOD_A), ("b.txt", TEXT_B, GOOD_B)])
    report = import_file(project, path, fmt=fmt)
    assert [o[1] for o in report.outcomes] == ["accepted", "accepted"], report.outcomes
    for name, spans in (("a.txt", GOOD_A), ("b.txt", GOOD_B)):
        status, decided = state(project, name)
        assert status == "verified" and [d[:3] for d in decided if d[3] == "accepted"] == spans


@pytest.mark.parametrize("kind, case", LABEL_CASES)
def test_a_bad_label_skips_its_record_and_leaves_its_document_untouched(project, tmp_path, kind, case):
    label, reason, _ = BAD_LABELS[case]
    bad = [GOOD_B[0], (GOOD_B[1][0], GOOD_B[1][1], label)]
    path, fmt = write_file(kind, tmp_path, [("a.txt", TEXT_A, GOOD_A), ("b.txt", TEXT_B, bad)])
    before = state(project, "b.txt")
    report = import_file(project, path, fmt=fmt)
    (accepted, skipped) = report.outcomes
    assert accepted[1] == "accepted" and accepted[2] == "a.txt"
    assert skipped[1] == "skipped" and reason in skipped[2], skipped
    assert state(project, "b.txt") == before  # not verified, no span rejected
    assert state(project, "a.txt")[0] == "verified"
    assert (report.matched, report.unreadable, report.verified) == (1, 1, 1)


BAD_SPANS = [
    pytest.param([(40, 99, "GPE")], "outside the text", id="past-the-end"),
    pytest.param([(-1, 5, "PERSON")], "outside the text", id="negative"),
    pytest.param([(5, 5, "PERSON")], "outside the text", id="empty-range"),
    pytest.param([(14, 15, "PERSON")], "only whitespace", id="whitespace"),
    pytest.param([("0", 14, "PERSON")], "integer start and end", id="string-offset"),
    pytest.param([(0.0, 14, "PERSON")], "integer start and end", id="float-offset"),
    pytest.param([(True, 14, "PERSON")], "integer start and end", id="bool-offset"),
    pytest.param([(0, 14, 7)], "integer start and end and a label", id="number-label"),
    pytest.param([(0, 14, "P" * 101)], "characters (the limit is 100)", id="long-label"),
]


@pytest.mark.parametrize("kind", ["prodigy", "doccano", "spacy"])
@pytest.mark.parametrize("spans, reason", BAD_SPANS)
def test_bad_offsets_and_types_skip_the_record(project, tmp_path, kind, spans, reason):
    path, fmt = write_file(kind, tmp_path, [("a.txt", TEXT_A, spans), ("b.txt", TEXT_B, GOOD_B)])
    before = state(project, "a.txt")
    report = import_file(project, path, fmt=fmt)
    assert report.outcomes[0][1] == "skipped" and reason in report.outcomes[0][2], report.outcomes[0]
    assert report.outcomes[1][1] == "accepted"
    assert state(project, "a.txt") == before


def test_a_span_whose_text_is_not_at_its_offsets_is_refused(project, tmp_path):
    record = _prodigy(TEXT_A, GOOD_A, "a.txt")
    record["spans"][0]["text"] = "Lukashenko"  # offsets from another text
    path = tmp_path / "shifted.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    before = state(project, "a.txt")
    report = import_file(project, path, fmt="prodigy")
    assert "says 'Lukashenko' but the text there is 'Vladimir Putin'" in report.outcomes[0][2]
    assert state(project, "a.txt") == before


def test_label_studio_annotation_without_regions_is_no_verdict(project, tmp_path):
    """Choices only (a classification) say nothing of the spans: not 'no entity here'."""
    task = {"data": {"text": TEXT_A}, "annotations": [{"result": [
        {"type": "choices", "value": {"choices": ["politics"]}}]}]}
    unlabelled = _ls_task(TEXT_B, GOOD_B, "b.txt")
    unlabelled["annotations"][0]["result"][0]["value"]["labels"] = []
    path = tmp_path / "choices.json"
    path.write_text(json.dumps([task, unlabelled]), encoding="utf-8")
    before = state(project, "a.txt"), state(project, "b.txt")
    report = import_file(project, path, fmt="label-studio")
    assert "no labelled regions (only choices)" in report.outcomes[0][2]
    assert "has no label" in report.outcomes[1][2]
    assert (state(project, "a.txt"), state(project, "b.txt")) == before


# ---------------------------------------------------------------- JSON limits


def _hostile_lines(good: str) -> str:
    big = '{"text": "x", "spans": [{"start": ' + "1" * 5001 + ', "end": 2, "label": "PERSON"}]}'
    deep = "[" * 100_000 + "]" * 100_000
    deep_object = '{"a":' * 100_000 + "1" + "}" * 100_000
    return "\n".join([good, big, deep, deep_object]) + "\n"


@pytest.mark.parametrize("kind", list(JSONL))
def test_a_huge_integer_or_deep_json_skips_its_line_only(project, tmp_path, kind):
    good = json.dumps(JSONL[kind](TEXT_A, GOOD_A, "a.txt"))
    path = tmp_path / "hostile.jsonl"
    path.write_text(_hostile_lines(good), encoding="utf-8")
    report = import_file(project, path, fmt=FORMAT_OF.get(kind, kind))
    assert report.outcomes == [
        ["line 1", "accepted", "a.txt"],
        ["line 2", "skipped", "an integer of 5,001 digits (the limit is 20)"],
        ["line 3", "skipped", "nested more than 100 levels deep"],
        ["line 4", "skipped", "nested more than 100 levels deep"],
    ]
    assert state(project, "a.txt")[0] == "verified"


@pytest.mark.parametrize("content", [
    pytest.param("[" * 100_000 + "]" * 100_000, id="deep-array"),
    pytest.param('[{"data": {"text": "x"}, "n": ' + "9" * 5001 + "}]", id="huge-integer"),
    pytest.param(json.dumps([_ls_task(TEXT_A, GOOD_A, "a.txt")], indent=1)[:-1] + ", " + "[" * 200 + "]" * 200
                 + "]", id="deep-item-in-an-array"),
])
def test_a_json_document_beyond_a_limit_is_one_error_and_nothing_applied(project, tmp_path, content):
    path = tmp_path / "tasks.json"
    path.write_text(content, encoding="utf-8")
    before = state(project, "a.txt")
    for fmt in ("auto", "label-studio"):
        with pytest.raises(ExchangeError, match="nothing was imported"):
            import_file(project, path, fmt=fmt)
    assert state(project, "a.txt") == before


def test_the_cli_says_one_line_and_no_traceback(project, tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["import", "--db", db_path(project), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested more than 100 levels deep" in err and "Traceback" not in err


def test_the_cli_lists_every_record_with_verbose_and_strict_applies_nothing(project, tmp_path, capsys):
    good = json.dumps(_prodigy(TEXT_A, GOOD_A, "a.txt"))
    path = tmp_path / "hostile.jsonl"
    path.write_text(_hostile_lines(good), encoding="utf-8")
    before = state(project, "a.txt")
    assert main(["import", "--db", db_path(project), "--strict", "-v", str(path)]) == 1
    captured = capsys.readouterr()
    assert "line 1: accepted (a.txt)" in captured.out
    assert "line 2: skipped: an integer of 5,001 digits" in captured.out
    assert "3 of 4 record(s) cannot be applied; nothing was imported (strict)" in captured.err
    assert state(project, "a.txt") == before
    assert main(["import", "--db", db_path(project), str(path)]) == 0
    assert state(project, "a.txt")[0] == "verified"


def test_the_depth_check_is_linear_and_ignores_brackets_in_strings():
    assert records.load_json(json.dumps({"text": "[" * 10_000})) == {"text": "[" * 10_000}
    nested = "[" * 100 + "]" * 100
    assert records.load_json(nested) is not None
    with pytest.raises(records.JSONLimitError):
        records.load_json("[" + nested + "]")


# ---------------------------------------------------------------- files, transactions


def test_a_file_that_is_no_regular_file_is_refused_before_it_is_opened(project, tmp_path):
    fifo = tmp_path / "tasks.jsonl"
    os.mkfifo(fifo)  # reading it would never end
    for fmt in ("auto", "prodigy", "conll"):
        with pytest.raises(ExchangeError, match="not a regular file"):
            import_file(project, fifo, fmt=fmt)


def test_a_file_over_the_size_limit_is_refused(project, tmp_path, monkeypatch):
    path, fmt = write_file("prodigy", tmp_path, [("a.txt", TEXT_A, GOOD_A)])
    monkeypatch.setattr(records, "MAX_IMPORT_BYTES", 100)
    with pytest.raises(ExchangeError, match="the limit for an import file"):
        import_file(project, path, fmt=fmt)


def test_a_document_that_fails_to_apply_is_rolled_back_and_the_others_kept(project, tmp_path, monkeypatch):
    path, fmt = write_file("prodigy", tmp_path, [("a.txt", TEXT_A, GOOD_A), ("b.txt", TEXT_B, GOOD_B)])
    real = importing.apply_document
    a_id = store.document_by_path(project, "a.txt")["id"]

    def failing(db, doc_id, items, **kw):
        if doc_id == a_id:
            with store.write_transaction(db):  # half of a change, then a failure: all of it goes
                db.execute("update documents set status = 'verified' where id = ?", [doc_id])
                raise KeyError("boom")
        return real(db, doc_id, items, **kw)
    monkeypatch.setattr(importing, "apply_document", failing)
    before = state(project, "a.txt")
    report = import_file(project, path, fmt=fmt)
    assert state(project, "a.txt") == before
    assert state(project, "b.txt")[0] == "verified"
    assert report.outcomes[0][:2] == ["line 1", "skipped"] and "not applied to a.txt" in report.outcomes[0][2]
    assert (report.matched, report.not_applied, report.documents, report.verified) == (1, 1, 1, 1)


def test_a_database_error_is_not_taken_for_one_document(project, tmp_path, monkeypatch):
    path, fmt = write_file("prodigy", tmp_path, [("a.txt", TEXT_A, GOOD_A)])

    def broken(*a, **kw):
        raise sqlite3.DatabaseError("database disk image is malformed")
    monkeypatch.setattr(importing, "apply_document", broken)
    with pytest.raises(sqlite3.DatabaseError):
        import_file(project, path, fmt=fmt)
