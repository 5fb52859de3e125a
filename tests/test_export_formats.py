"""Export to the other tools' formats, and back: the same decisions after the round trip (issue 12)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import exchange, review, store
from desktop.cli import main
from desktop.exchange.huggingface import labels_path
from tests.test_exchange import TEXT_A, TEXT_B, build_corpus, review_corpus
from tests.test_import_formats import project, template  # noqa: F401 (fixtures: the ingested samples)


@pytest.fixture
def verified_samples(project):  # noqa: F811
    """The ingested samples, every article verified as the rules proposed it, but one span rejected."""
    for doc in store.list_documents(project):
        spans = store.spans_for_document(project, doc["id"])
        review.reject(project, spans[0]["id"])
        review.mark_verified(project, doc["id"])
    return project


def decisions(db) -> set[tuple]:
    """What the analyst decided, as an export sees it: the spans that count as accepted, per article."""
    out = set()
    for doc in store.list_documents(db):
        if doc["status"] != "verified":
            continue
        for span in store.spans_for_document(db, doc["id"], include_rejected=False):
            out.add((doc["path"], span["start"], span["end"], span["label"]))
    return out


def run_spacy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spacy", *args], capture_output=True, text=True, timeout=600)


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["label-studio", "doccano", "brat", "jsonl"])
def test_round_trip_gives_the_same_decisions(reviewed, fresh, tmp_path, fmt):
    target = tmp_path / f"out{exchange.default_suffix(fmt)}"
    exchange.export_file(reviewed, target, what="spans", fmt=fmt)
    report = exchange.import_file(fresh, target)
    assert (report.matched, report.failed) == (3, 0), report.examples
    assert decisions(fresh) == decisions(reviewed)


@pytest.mark.parametrize(("fmt", "split", "read_as", "records"), [
    pytest.param("conll", "documents", "conll", 5, id="conll"),
    pytest.param("huggingface", "documents", "conll", 5, id="huggingface"),
    pytest.param("spacy", "documents", "docbin", 5, id="docbin"),
    pytest.param("spacy", "sentences", "docbin", None, id="docbin-sentences"),
])
def test_token_formats_round_trip_on_token_aligned_spans(verified_samples, tmp_path, fmt, split, read_as, records):
    """Token formats cannot hold a span inside a token (nor CoNLL an overlap); on the samples' spans they
    lose nothing, and a Doc per sentence finds its place in its article."""
    target = tmp_path / f"out{exchange.default_suffix(fmt)}"
    result = exchange.export_file(verified_samples, target, what="spans", fmt=fmt, split=split)
    assert result.dropped_overlaps == 0
    if fmt == "huggingface":
        target = _hf_as_conll(target, tmp_path / "hf.conll")
    fresh_db = store.open_db(tmp_path / "fresh.sqlite")
    for doc in store.list_documents(verified_samples):
        store.insert_document(fresh_db, path=doc["path"], hash=doc["hash"],
                              text=store.get_document(verified_samples, doc["id"])["text"])
    report = exchange.import_file(fresh_db, target)
    assert (report.format, report.matched, report.failed) == (read_as, records or result.records, 0)
    if split == "sentences":
        assert report.partial == report.matched > 50 and report.documents == 5
    assert decisions(fresh_db) == decisions(verified_samples)
    fresh_db.close()


def _hf_as_conll(path, out):
    """The Hugging Face rows written back as columns, the way a reader of the pair would."""
    names = json.loads(labels_path(path).read_text(encoding="utf-8"))
    lines = []
    for row in exchange.read_jsonl(path):
        lines += ["-DOCSTART- -X- O O", ""]
        lines += [f"{token} {names[tag]}" for token, tag in zip(row["tokens"], row["ner_tags"])]
        lines.append("")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# ---------------------------------------------------------------- spaCy's own tools


@pytest.mark.slow
def test_spacy_convert_makes_one_doc_per_article_with_our_entities(verified_samples, tmp_path):
    """Regression (issue 12): one Doc per sentence, -DOCSTART- Docs and tag '_' from spacy convert."""
    import spacy
    from spacy.tokens import DocBin

    # An article with a headline: the title must not run into the first sentence.
    text = "Putin and Lukashenko meet in Sochi\nVladimir Putin met Alexander Lukashenko. They talked."
    doc_id = store.insert_document(verified_samples, path="titled.txt", hash="t", text=text, status="verified")
    start = text.index("Vladimir Putin")
    store.insert_spans(verified_samples, [{"doc_id": doc_id, "start": start, "end": start + 14,
                                           "label": "PERSON", "source": "analyst", "status": "accepted"}])
    exchange.export_file(verified_samples, tmp_path / "ours.conll", what="spans", fmt="conll")
    exchange.export_file(verified_samples, tmp_path / "ours.spacy", what="spans", fmt="spacy")
    (tmp_path / "out").mkdir()
    converted = run_spacy("convert", str(tmp_path / "ours.conll"), str(tmp_path / "out"), "--converter", "ner")
    assert converted.returncode == 0, converted.stderr + converted.stdout
    vocab = spacy.blank("en").vocab
    theirs = list(DocBin().from_disk(tmp_path / "out" / "ours.spacy").get_docs(vocab))
    ours = list(DocBin().from_disk(tmp_path / "ours.spacy").get_docs(vocab))
    assert len(theirs) == len(ours) == 6
    for mine, converted_doc in zip(ours, theirs):
        assert [(e.text.replace(" ", ""), e.label_) for e in converted_doc.ents] == [
            (e.text.replace(" ", "").replace("\n", ""), e.label_) for e in mine.ents]
        assert {t.tag_ for t in converted_doc} <= {"", "-"}  # no placeholder read as a tag
        assert "-DOCSTART-" not in converted_doc.text
    titled = theirs[-1]
    assert [s.text for s in titled.sents][:2] == ["Putin and Lukashenko meet in Sochi",
                                                 "Vladimir Putin met Alexander Lukashenko ."]


@pytest.fixture(scope="module")
def genre_export(tmp_path_factory):
    """The genre set ingested with the rules, every article verified, exported split by sentence with a dev share."""
    import shutil

    from desktop.ingest import ingest
    from tests.test_facts_genre import SETS

    root = tmp_path_factory.mktemp("genre-docbin")
    shutil.copytree(SETS["genre"][0], root / "genre")
    for _ in ingest(root / "genre", root / "genre.sqlite", model="blank:en"):
        pass
    db = store.open_db(root / "genre.sqlite")
    for doc in store.list_documents(db):
        review.mark_verified(db, doc["id"])
    result = exchange.export_file(db, root / "corpus", what="spans", fmt="spacy", split="sentences", dev=0.2)
    yield db, root / "corpus", result
    db.close()


@pytest.mark.slow
def test_spacy_debug_data_passes_on_the_split_export(genre_export, tmp_path):
    _, folder, result = genre_export
    assert sorted(p.name for p in folder.iterdir()) == ["dev.spacy", "train.spacy"]
    assert result.records > 200 and result.documents == 37  # debug data wants 100 training examples
    config = tmp_path / "config.cfg"
    made = run_spacy("init", "config", str(config), "--lang", "en", "--pipeline", "ner")
    assert made.returncode == 0, made.stderr
    checked = run_spacy("debug", "data", str(config), "--paths.train", str(folder / "train.spacy"),
                        "--paths.dev", str(folder / "dev.spacy"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No overlap between training and evaluation data" in checked.stdout


def test_the_dev_share_is_drawn_by_article(genre_export):
    import spacy
    from spacy.tokens import DocBin

    _, folder, _ = genre_export
    vocab = spacy.blank("en").vocab
    files = {name: {d.user_data["meta"]["file"] for d in DocBin().from_disk(folder / f"{name}.spacy").get_docs(vocab)}
             for name in ("train", "dev")}
    assert not files["train"] & files["dev"]
    assert len(files["dev"]) == round(37 * 0.2) and len(files["train"]) == 37 - len(files["dev"])


# ---------------------------------------------------------------- what each file holds


def test_huggingface_rows_pass_the_schema_check(verified_samples, tmp_path):
    """datasets is not in the lock: the shape load_dataset("json") needs is checked instead (README)."""
    path = tmp_path / "hf.jsonl"
    exchange.export_file(verified_samples, path, what="spans", fmt="huggingface", split="sentences")
    names = json.loads(labels_path(path).read_text(encoding="utf-8"))
    assert names[0] == "O" and all(n[:2] in ("B-", "I-") for n in names[1:])
    rows = exchange.read_jsonl(path)
    assert len(rows) > 5
    for row in rows:
        # Same keys and types in every row: one Arrow schema for the whole file.
        assert set(row) == {"id", "file", "tokens", "ner_tags"}
        assert isinstance(row["id"], str) and isinstance(row["file"], str)
        assert all(isinstance(t, str) and t.strip() for t in row["tokens"])
        assert all(isinstance(t, int) and 0 <= t < len(names) for t in row["ner_tags"])
        assert len(row["tokens"]) == len(row["ner_tags"])
        tags = [names[t] for t in row["ner_tags"]]
        for previous, tag in zip(["O"] + tags, tags):  # IOB2: an I- continues its own label
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], (row["id"], tags)
    assert len({row["id"] for row in rows}) == len(rows)


def test_label_studio_predictions_keep_the_proposal_and_annotations_the_decision(reviewed, tmp_path):
    path = tmp_path / "tasks.json"
    result = exchange.export_file(reviewed, path, what="spans", fmt="label-studio", all=True)
    tasks = json.loads(path.read_text(encoding="utf-8"))
    assert [t["data"]["file"] for t in tasks] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    b = tasks[1]
    predicted = {r["value"]["text"]: r["value"]["labels"] for r in b["predictions"][0]["result"]}
    annotated = {r["value"]["text"]: r["value"]["labels"] for r in b["annotations"][0]["result"]}
    assert predicted["Union State"] == ["GPE"] and annotated["Union State"] == ["ORG"]  # relabelled
    assert "Лукашенко" in annotated and "Лукашенко" not in predicted  # the analyst's own span
    for region in b["annotations"][0]["result"]:
        value = region["value"]
        assert TEXT_B[value["start"]:value["end"]] == value["text"]
    assert tasks[3]["annotations"] == [] and tasks[3]["predictions"]  # not verified: proposals only
    config = (tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8")
    assert '<Labels name="label" toName="text">' in config and '<Label value="PERSON"/>' in config
    assert result.files == [str(tmp_path / "tasks.label_config.xml")]


def test_brat_folder_is_replaced_whole(reviewed, tmp_path):
    out = tmp_path / "brat"
    out.mkdir()
    (out / "stale.ann").write_text("T1\tX 0 1\tx\n", encoding="utf-8")
    exchange.export_file(reviewed, out, what="spans", fmt="brat")
    assert sorted(p.name for p in out.iterdir()) == ["a.ann", "a.txt", "annotation.conf", "b.ann", "b.txt",
                                                     "c.ann", "c.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == TEXT_A
    ann = (out / "a.ann").read_text(encoding="utf-8")
    assert "\tReference " in ann and "article-review:putin" in ann
    assert "[entities]\nDATE" not in (out / "annotation.conf").read_text(encoding="utf-8")  # rejected: not listed


def test_a_span_over_a_line_end_is_written_as_brat_fragments(db, tmp_path):
    text = "Talks with the Union\nState ended."
    doc_id = store.insert_document(db, path="u.txt", hash="h", text=text, status="verified")
    store.insert_spans(db, [{"doc_id": doc_id, "start": 15, "end": 26, "label": "ORG", "source": "analyst",
                             "status": "accepted"}])
    exchange.export_file(db, tmp_path / "brat", what="spans", fmt="brat")
    assert (tmp_path / "brat" / "u.ann").read_text(encoding="utf-8") == "T1\tORG 15 20;21 26\tUnion State\n"


def test_conll_lines_are_two_columns_under_a_docstart(reviewed, tmp_path):
    exchange.export_file(reviewed, tmp_path / "x.conll", what="spans", fmt="conll")
    lines = (tmp_path / "x.conll").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["-DOCSTART- -X- O O", "", "Vladimir B-PERSON"]
    assert all(len(line.split()) == 2 for line in lines if line and not line.startswith("-DOCSTART-"))


# ---------------------------------------------------------------- the command line


def test_dash_writes_to_standard_output(db_path, capsys):
    db = store.open_db(db_path)
    review_corpus(db, build_corpus(db))
    db.close()
    assert main(["export", "--db", str(db_path), "--format", "doccano", "-o", "-"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["meta"]["file"] for r in rows] == ["a.txt", "b.txt", "c.txt"]
    assert "exported 3 document(s)" in captured.err and "standard output" in captured.err
    assert main(["export", "--db", str(db_path), "--format", "spacy", "-o", "-"]) == 2
    assert "cannot go to standard output" in capsys.readouterr().err


@pytest.mark.parametrize(("options", "message"), [
    pytest.param(["--format", "conll", "--split", "sentences"], "--split applies to", id="split-conll"),
    pytest.param(["--format", "huggingface", "--dev", "0.2"], "--dev applies to the spacy", id="dev-hf"),
    pytest.param(["--format", "spacy", "--dev", "1.5"], "between 0 and 1", id="dev-range"),
])
def test_split_and_dev_refuse_what_makes_no_sense(db_path, tmp_path, capsys, options, message):
    store.open_db(db_path).close()
    assert main(["export", "--db", str(db_path), *options, "-o", str(tmp_path / "x")]) == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------- the snapshot


def test_snapshot_declares_its_links_and_ships_datasette_metadata(db_path, tmp_path):
    import sqlite3

    from desktop.exchange.snapshot import QUERIES
    from tests.test_exchange import MEETINGS_PER_YEAR, add_fact

    db = store.open_db(db_path)
    ids = build_corpus(db)
    add_fact(db, ids["a.txt"], "Putin met Lukashenko.", 0, date_start="2021-12-28")
    review.accept(db, store.spans_for_document(db, ids["a.txt"])[0]["id"])
    with pytest.raises(exchange.ExchangeError, match="the project's own database"):
        exchange.export_file(db, db_path, what="project", fmt="sqlite")
    result = exchange.export_file(db, tmp_path / "snap.sqlite", what="project", fmt="sqlite")
    db.close()
    meta_path = tmp_path / "snap.metadata.json"
    assert result.files == [str(meta_path)]
    conn = sqlite3.connect(tmp_path / "snap.sqlite")
    try:
        links = {(table, row[3], row[2]) for table in ("spans", "facts", "event_members", "changes", "actions",
                                                        "problems", "aliases")
                 for row in conn.execute(f"pragma foreign_key_list({table})")}
        assert links >= {("spans", "doc_id", "documents"), ("spans", "entity_id", "entities"),
                         ("facts", "doc_id", "documents"), ("event_members", "fact_id", "facts"),
                         ("event_members", "event_id", "events"),
                         ("changes", "action_id", "actions"), ("problems", "doc_id", "documents"),
                         ("aliases", "entity_id", "entities")}
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        database = metadata["databases"]["snap"]
        assert {"documents", "spans", "facts", "events"} <= set(database["tables"])
        assert "offset" in database["tables"]["spans"]["columns"]["start"]
        for query in database["queries"].values():
            conn.execute(query["sql"]).fetchall()  # every canned query runs on the snapshot
        # The README's example is the canned query, word for word.
        assert " ".join(QUERIES["meetings_per_year"][1].split()) == " ".join(MEETINGS_PER_YEAR.split()).rstrip(";")
    finally:
        conn.close()
    again = store.open_db(tmp_path / "snap.sqlite")  # still an Article Review database
    assert store.count_documents(again)["total"] == 4
    again.close()
