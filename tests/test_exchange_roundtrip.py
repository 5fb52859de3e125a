"""Import: round trips through JSONL, Prodigy answers, unmatched records, undo."""

from __future__ import annotations

import json

import pytest

from desktop import exchange, history, review, store
from desktop.cli import main
from tests.test_exchange import TEXT_A, TEXT_B, build_corpus, span_id


@pytest.mark.parametrize("all_", [pytest.param(False, id="verified"), pytest.param(True, id="all")])
def test_jsonl_round_trip_is_byte_identical(reviewed, fresh, tmp_path, all_):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    exchange.export_file(reviewed, first, what="spans", fmt="jsonl", all=all_)
    report = exchange.import_file(fresh, first)
    assert report.unmatched == 0 and report.matched == (4 if all_ else 3)
    exchange.export_file(fresh, second, what="spans", fmt="jsonl", all=all_)
    assert second.read_bytes() == first.read_bytes()


def test_import_applies_decisions_as_the_analyst(reviewed, fresh, tmp_path):
    out = tmp_path / "verified.jsonl"
    exchange.export_file(reviewed, out, what="spans", fmt="jsonl")
    report = exchange.import_file(fresh, out)
    docs = {d["path"]: d for d in store.list_documents(fresh)}
    assert {p: d["status"] for p, d in docs.items()} == {
        "a.txt": "verified", "b.txt": "verified", "c.txt": "verified", "d.txt": "new"}
    assert report.verified == 3 and report.documents == 3
    a = docs["a.txt"]["id"]
    spans = {(s["text"], s["label"]): s for s in store.spans_for_document(fresh, a)}
    assert spans[("28 December 2021", "DATE")]["status"] == "rejected"  # the record lacks it
    assert spans[("Belarusian", "NORP")]["status"] == "rejected"
    assert spans[("Belarus", "GPE")]["source"] == "analyst"  # added
    assert spans[("Alexander Lukashenko", "PERSON")]["entity_id"] is None  # the unlink came back too
    assert spans[("Vladimir Putin", "PERSON")]["entity_id"] == "putin"
    b = docs["b.txt"]["id"]
    union = next(s for s in store.spans_for_document(fresh, b) if s["text"] == "Union State")
    assert (union["label"], union["source"], union["status"]) == ("ORG", "model", "accepted")  # relabelled
    assert report.relabelled == 1 and report.added == 2 and report.linked == 1
    # One undoable action per document, and a line in the audit trail.
    ops = [r["op"] for r in history.log(fresh)]
    assert ops.count("import") == 4  # three actions and the system entry
    history.undo(fresh)
    assert store.get_document(fresh, docs["c.txt"]["id"])["status"] == "new"
    history.undo(fresh)
    assert store.get_document(fresh, b)["status"] == "new"
    assert next(s for s in store.spans_for_document(fresh, b) if s["text"] == "Union State")["label"] == "GPE"


def test_prodigy_records_accept_reject_ignore(fresh, tmp_path):
    a = store.document_by_path(fresh, "a.txt")["id"]
    b = store.document_by_path(fresh, "b.txt")["id"]
    start = TEXT_A.index("Vladimir Putin")
    minsk = TEXT_B.index("Минск")
    records = [
        # Prodigy ner_manual output: no extras, no entity ids.
        {"text": TEXT_A, "spans": [{"start": start, "end": start + 14, "token_start": 0, "token_end": 1,
                                    "label": "PERSON"}], "answer": "accept", "_view_id": "ner_manual"},
        {"text": TEXT_B, "spans": [{"start": minsk, "end": minsk + 5, "label": "GPE"}], "answer": "reject"},
        {"text": "Putin called Lukashenko on Monday.", "spans": [], "answer": "ignore"},
    ]
    path = tmp_path / "prodigy.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = exchange.import_file(fresh, path)
    assert (report.matched, report.ignored, report.unmatched) == (2, 1, 0)
    a_spans = store.spans_for_document(fresh, a)
    assert [s["text"] for s in a_spans if s["status"] == "accepted"] == ["Vladimir Putin"]
    assert all(s["status"] == "rejected" for s in a_spans if s["text"] != "Vladimir Putin")
    assert next(s for s in a_spans if s["text"] == "Vladimir Putin")["entity_id"] == "putin"  # link kept
    assert store.get_document(fresh, a)["status"] == "verified"
    # A rejected answer rejects what it shows and leaves the rest to the analyst.
    b_spans = {s["text"]: s["status"] for s in store.spans_for_document(fresh, b)}
    assert b_spans == {"Союзное государство": "proposed", "Union State": "proposed", "Минск": "rejected"}
    assert store.get_document(fresh, b)["status"] == "in review"
    assert store.get_document(fresh, store.document_by_path(fresh, "d.txt")["id"])["status"] == "new"


def test_added_span_links_by_alias_when_the_record_has_no_entity(fresh, tmp_path):
    b = store.document_by_path(fresh, "b.txt")["id"]
    start = TEXT_B.index("Лукашенко")
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": TEXT_B, "spans": [{"start": start, "end": start + 9, "label": "PERSON"}]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    exchange.import_file(fresh, path)
    added = next(s for s in store.spans_for_document(fresh, b) if s["text"] == "Лукашенко")
    assert (added["entity_id"], added["source"], added["status"]) == ("lukashenko", "analyst", "accepted")


def test_unmatched_and_broken_records_are_reported(fresh, tmp_path):
    lines = [
        json.dumps({"text": "An article this project never saw.", "spans": [], "answer": "accept"}),
        "{not json",
        json.dumps({"spans": []}),
        json.dumps(["a", "list"]),
        json.dumps({"text": TEXT_A, "answer": "maybe"}),
        "",
        json.dumps({"text": TEXT_A, "spans": [{"start": 0, "end": 9999, "label": "PERSON"},
                                              {"start": 0, "end": 8, "label": "PERSON", "entity": "nobody"}]}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = exchange.import_file(fresh, path)
    assert (report.records, report.matched, report.unmatched, report.unreadable) == (6, 0, 1, 5)
    reasons = dict(report.examples)
    assert reasons["line 1"].startswith("no document has this text ('An article this project never saw.'")
    assert reasons["line 2"].startswith("not JSON")
    assert reasons["line 3"] == "no 'text' field"
    assert reasons["line 4"] == "not a JSON object"
    assert "answer 'maybe'" in reasons["line 5"]
    # One span outside the text makes the whole record an error: nothing of it is applied, so the
    # article's other spans are not rejected on the strength of a record we could not read.
    assert len(report.examples) == 5 and report.failed == 6
    a = store.document_by_path(fresh, "a.txt")["id"]
    assert all(s["status"] == "proposed" for s in store.spans_for_document(fresh, a))


def test_an_unknown_entity_is_a_warning_and_the_span_still_counts(fresh, tmp_path):
    path = tmp_path / "entity.jsonl"
    path.write_text(json.dumps({"text": TEXT_A, "spans": [
        {"start": 0, "end": 8, "label": "PERSON", "entity": "nobody"}]}) + "\n", encoding="utf-8")
    report = exchange.import_file(fresh, path)
    assert report.matched == 1 and any("line 1: unknown entity 'nobody'" in w for w in report.warnings)
    a = store.document_by_path(fresh, "a.txt")["id"]
    vladimir = next(s for s in store.spans_for_document(fresh, a) if s["text"] == "Vladimir")
    assert (vladimir["entity_id"], vladimir["status"]) == (None, "accepted")


def test_only_five_examples_are_quoted(fresh, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"unknown {n}"}) + "\n" for n in range(12)), encoding="utf-8")
    report = exchange.import_file(fresh, path)
    assert report.unreadable == 12 and len(report.examples) == exchange.EXAMPLES
    assert report.examples[0] == ["line 1", "no 'spans' field: nothing says which spans are right"]


def test_same_text_in_two_files_gets_the_decisions_twice(fresh, tmp_path):
    copy = store.insert_document(fresh, path="copy/a.txt", hash="ha", text=TEXT_A)
    start = TEXT_A.index("St. Petersburg")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": TEXT_A, "spans": [{"start": start, "end": start + 14, "label": "GPE"}]})
                    + "\n", encoding="utf-8")
    report = exchange.import_file(fresh, path)
    assert report.documents == 2
    assert store.get_document(fresh, copy)["status"] == "verified"
    assert [s["text"] for s in store.spans_for_document(fresh, copy)] == ["St. Petersburg"]


def test_docbin_of_imported_db_equals_original(reviewed, fresh, tmp_path):
    exchange.export_file(reviewed, tmp_path / "a.jsonl", what="spans", fmt="jsonl")
    exchange.import_file(fresh, tmp_path / "a.jsonl")
    exchange.export_file(reviewed, tmp_path / "1.conll", what="spans", fmt="conll")
    exchange.export_file(fresh, tmp_path / "2.conll", what="spans", fmt="conll")
    assert (tmp_path / "1.conll").read_bytes() == (tmp_path / "2.conll").read_bytes()


def test_cli_import_reports(db_path, tmp_path, capsys):
    db = store.open_db(db_path)
    build_corpus(db)
    a = store.document_by_path(db, "a.txt")["id"]
    review.accept(db, span_id(db, a, "Vladimir Putin"))
    review.mark_verified(db, a)
    exchange.export_file(db, tmp_path / "out.jsonl", what="spans", fmt="jsonl")
    db.close()
    with (tmp_path / "out.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "stranger", "spans": []}) + "\n")
    assert main(["import", "--db", str(db_path), str(tmp_path / "out.jsonl")]) == 0
    captured = capsys.readouterr()
    assert "format: Article Review JSONL (detected)" in captured.out
    assert "imported 1 of 2 record(s) into 1 document(s)" in captured.out
    assert "1 record(s) matched no document" in captured.err and "line 2: no document" in captured.err
    (tmp_path / "bad.jsonl").write_text('{"text": "nobody"}\n', encoding="utf-8")
    assert main(["import", "--db", str(db_path), str(tmp_path / "bad.jsonl")]) == 1
    assert main(["import", "--db", str(db_path), str(tmp_path / "missing.jsonl")]) == 2
    assert "no file" in capsys.readouterr().err


def test_bom_and_bad_bytes_are_handled_per_line(fresh, tmp_path):
    start = TEXT_A.index("Vladimir Putin")
    good = json.dumps({"text": TEXT_A, "spans": [{"start": start, "end": start + 14, "label": "PERSON"}]},
                      ensure_ascii=False).encode("utf-8")
    path = tmp_path / "excel.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + "{\"text\": \"caf\xe9\"}".encode("latin-1") + b"\n")
    report = exchange.import_file(fresh, path)
    assert report.matched == 1
    assert (report.unreadable, report.examples) == (1, [["line 2", "not UTF-8 text"]])


def test_a_docbin_export_comes_back(reviewed, fresh, tmp_path):
    exchange.export_file(reviewed, tmp_path / "train.spacy", what="spans", fmt="spacy")
    report = exchange.import_file(fresh, tmp_path / "train.spacy")
    assert (report.format, report.matched, report.failed) == ("docbin", 3, 0)
    exchange.export_file(reviewed, tmp_path / "1.conll", what="spans", fmt="conll")
    exchange.export_file(fresh, tmp_path / "2.conll", what="spans", fmt="conll")
    assert (tmp_path / "1.conll").read_bytes() == (tmp_path / "2.conll").read_bytes()


def test_a_file_of_no_known_format_is_one_clear_error(fresh, tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(exchange.ExchangeError, match="cannot tell the format of photo.png"):
        exchange.import_file(fresh, path)
