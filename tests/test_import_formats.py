"""Import from the other tools' formats into a project of the sample articles (issue 12).

Every file here is written by the test itself, in the shape the tool exports, from the
sample article's own text: the same decisions in each format must give the same database.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from desktop import history, store
from desktop.cli import main
from desktop.exchange import import_file
from desktop.facts.sentences import split_sentences
from desktop.ingest import ingest
from tests.conftest import SAMPLES

ARTICLE = "000_04b2388141acea16.txt"
OTHER = "001_a0035844017bdda8.txt"
# The analyst's decisions on ARTICLE: (surface, occurrence, label). Everything else proposed there is wrong.
GOLD = [
    ("Vladimir Putin", 0, "PERSON"),
    ("Alexander Lukashenko", 0, "PERSON"),
    ("St. Petersburg", 0, "GPE"),
    ("December 28-29", 0, "DATE"),  # not proposed by the rules: added
    ("CIS", 0, "GPE"),  # proposed as ORG: relabelled
    ("BelTA", 0, "ORG"),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The samples ingested once with the rules only; each test gets its own copy."""
    root = tmp_path_factory.mktemp("import-formats")
    shutil.copytree(SAMPLES, root / "samples")
    for _ in ingest(root / "samples", root / "template.sqlite", model="blank:en"):
        pass
    return root / "template.sqlite"


@pytest.fixture
def project(template, tmp_path):
    source = store.open_db(template)
    store.copy_database(source, tmp_path / "project.sqlite")
    source.close()
    db = store.open_db(tmp_path / "project.sqlite")
    yield db
    db.close()


def article(db, name=ARTICLE):
    return store.document_by_path(db, name)


def gold_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for surface, occurrence, label in GOLD:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        spans.append((start, start + len(surface), label))
    return sorted(spans)


def decided(db, name=ARTICLE) -> dict[tuple[int, int, str], str]:
    doc = article(db, name)
    return {(s["start"], s["end"], s["label"]): s["status"] for s in store.spans_for_document(db, doc["id"])}


def assert_gold_applied(db, text: str) -> None:
    """Exactly the gold spans accepted in ARTICLE, every other span rejected, the article verified."""
    spans = decided(db)
    accepted = sorted(k for k, status in spans.items() if status == "accepted")
    assert accepted == gold_spans(text)
    assert all(status == "rejected" for k, status in spans.items() if k not in accepted)
    assert article(db)["status"] == "verified"


def snapshot(db) -> tuple:
    """What an import could change: spans, documents and the history."""
    return (list(db.query("select id, label, status, entity_id from spans order by id")),
            list(db.query("select id, status from documents order by id")),
            db.execute("select count(*) from actions").fetchone()[0])


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


# ---------------------------------------------------------------- doccano


@pytest.mark.parametrize("shape", [pytest.param("label", id="label-triples"),
                                   pytest.param("entities", id="entities-objects")])
def test_doccano_both_shapes(project, tmp_path, shape):
    text = article(project)["text"]
    spans = gold_spans(text)
    if shape == "label":
        record = {"id": 7, "text": text, "label": [[s, e, label] for s, e, label in spans], "Comments": []}
    else:
        record = {"id": 7, "text": text, "relations": [], "Comments": [], "entities": [
            {"id": 100 + i, "label": label, "start_offset": s, "end_offset": e} for i, (s, e, label) in
            enumerate(spans)]}
    write_jsonl(tmp_path / "doccano.jsonl", [record])
    report = import_file(project, tmp_path / "doccano.jsonl")
    assert (report.format, report.matched, report.failed) == ("doccano", 1, 0)
    assert report.added == 1 and report.relabelled == 1
    assert_gold_applied(project, text)


def test_a_file_without_readable_spans_changes_nothing_and_says_why(project, tmp_path, capsys, monkeypatch):
    """Regression (issue 12): doccano records were applied as "accept with zero spans"."""
    text = article(project)["text"]
    write_jsonl(tmp_path / "classes.jsonl", [
        {"id": 1, "text": text, "label": ["meeting", "politics"]},  # doccano text classification
        {"id": 2, "text": article(project, OTHER)["text"], "cats": {"meeting": 1.0}},
    ])
    before = snapshot(project)
    report = import_file(project, tmp_path / "classes.jsonl")
    assert (report.format, report.matched, report.unreadable) == ("doccano", 0, 2)
    assert dict(report.examples) == {
        "line 1": "'label' holds categories, not spans (a text classification export?)",
        "line 2": "no 'label' or 'entities' field: nothing says which spans are right",
    }
    assert snapshot(project) == before[:2] + (before[2] + 1,)  # only the import's line in the log
    path = project.conn.execute("pragma database_list").fetchone()[2]
    monkeypatch.chdir(tmp_path)
    assert main(["import", "--db", path, str(tmp_path / "classes.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "2 record(s) could not be read and changed nothing" in err and "holds categories, not spans" in err


# ---------------------------------------------------------------- Label Studio


def ls_region(text, start, end, label, n):
    return {"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def test_label_studio_json_export(project, tmp_path):
    text = article(project)["text"]
    other = article(project, OTHER)["text"]
    regions = [ls_region(text, s, e, label, n) for n, (s, e, label) in enumerate(gold_spans(text))]
    tasks = [
        {"id": 1, "data": {"text": text}, "predictions": [], "annotations": [
            # An older annotation, and the one that counts.
            {"id": 1, "result": regions[:1], "was_cancelled": False, "updated_at": "2024-03-01T09:00:00.000Z"},
            {"id": 2, "result": regions + [{"type": "relation", "from_id": "r0", "to_id": "r1"}],
             "was_cancelled": False, "updated_at": "2024-03-02T09:00:00.000Z"},
        ]},
        {"id": 2, "data": {"text": other}, "annotations": [{"id": 3, "result": [], "was_cancelled": True}]},
        {"id": 3, "data": {"text": other}, "annotations": [], "predictions": [{"result": regions[:1]}]},
    ]
    (tmp_path / "project-1.json").write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    report = import_file(project, tmp_path / "project-1.json")
    assert (report.format, report.records, report.matched, report.ignored) == ("label-studio", 3, 1, 1)
    assert report.examples == [["item 3", "no annotation, only predictions (a model's proposals are not decisions)"]]
    assert_gold_applied(project, text)
    assert article(project, OTHER)["status"] == "new"


def test_label_studio_json_min_lines(project, tmp_path):
    text = article(project)["text"]
    row = {"text": text, "id": 1, "annotator": 1, "annotation_id": 1, "created_at": "2024-03-02T09:00:00Z",
           "updated_at": "2024-03-02T09:00:00Z", "lead_time": 12.5,
           "label": [{"start": s, "end": e, "text": text[s:e], "labels": [label]} for s, e, label in
                     gold_spans(text)]}
    write_jsonl(tmp_path / "min.json", [row])
    report = import_file(project, tmp_path / "min.json")
    assert (report.format, report.matched, report.failed) == ("label-studio", 1, 0)
    assert_gold_applied(project, text)


def test_label_studio_utf16_offsets_after_an_emoji_are_converted(db, tmp_path):
    text = "Flag 🇧🇾 of Минск, said Лукашенко."
    doc_id = store.insert_document(db, path="flag.txt", hash="h", text=text)
    start = text.index("Лукашенко")
    units = len(text[:start].encode("utf-16-le")) // 2  # what an older Label Studio stored
    task = {"data": {"text": text}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": units, "end": units + 9, "text": "Лукашенко", "labels": ["PERSON"]}}]}]}
    (tmp_path / "ls.json").write_text(json.dumps([task]), encoding="utf-8")
    assert import_file(db, tmp_path / "ls.json").matched == 1
    assert [(s["start"], s["text"]) for s in store.spans_for_document(db, doc_id)] == [(start, "Лукашенко")]


# ---------------------------------------------------------------- brat


def test_brat_folder(project, tmp_path):
    text = article(project)["text"]
    folder = tmp_path / "brat" / "batch1"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(text, encoding="utf-8", newline="")
    lines = ["# exported by a brat server"]
    for n, (s, e, label) in enumerate(gold_spans(text), 1):
        lines.append(f"T{n}\t{label} {s} {e}\t{text[s:e]}")
    lines += ["R1\tMeets Arg1:T1 Arg2:T2", "N1\tReference T6 article-review:putin\tVladimir Putin",
              "A1\tNegated T3"]
    (folder / "article.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(project, tmp_path / "brat")
    assert (report.format, report.matched, report.failed) == ("brat", 1, 0)
    assert_gold_applied(project, text)
    putin = next(s for s in store.spans_for_document(project, article(project)["id"])
                 if s["text"] == "Vladimir Putin")
    assert putin["entity_id"] == "putin"


def test_a_discontinuous_brat_annotation_is_an_error_for_its_file(project, tmp_path):
    text = article(project)["text"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    # "Vladimir" … "Alexander": words in the gap, no one span can say that.
    (tmp_path / "a.ann").write_text("T1\tPERSON 18 26;64 73\tVladimir Alexander\n", encoding="utf-8")
    report = import_file(project, tmp_path / "a.ann")
    assert report.unreadable == 1 and "discontinuous" in report.examples[0][1]
    assert article(project)["status"] == "new"


def test_fragments_split_at_whitespace_are_one_span(db, tmp_path):
    text = "Talks with the Union\nState ended."
    doc_id = store.insert_document(db, path="u.txt", hash="h", text=text)
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    (tmp_path / "u.ann").write_text("T1\tORG 15 20;21 26\tUnion State\n", encoding="utf-8")
    assert import_file(db, tmp_path / "u.ann").matched == 1
    assert [s["text"] for s in store.spans_for_document(db, doc_id)] == ["Union\nState"]


# ---------------------------------------------------------------- CoNLL


def conll_file(text: str, spans) -> str:
    """The article as a CoNLL tool writes it: tokens, a tag each, a blank line between sentences."""
    lines = ["-DOCSTART- -X- O O", ""]
    for sentence in split_sentences(text):
        for match in re.finditer(r"\w+|[^\w\s]", sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            tag = "O"
            for s, e, label in spans:
                if s <= start and end <= e:
                    tag = ("B-" if s == start else "I-") + label
            lines.append(f"{match.group()} -X- _ {tag}")
        lines.append("")
    return "\n".join(lines) + "\n"


def test_conll_tokens_are_aligned_back_to_the_article(project, tmp_path):
    text = article(project)["text"]
    (tmp_path / "article.conll").write_text(conll_file(text, gold_spans(text)), encoding="utf-8")
    report = import_file(project, tmp_path / "article.conll")
    assert (report.format, report.matched, report.failed, report.partial) == ("conll", 1, 0, 0)
    assert_gold_applied(project, text)


def test_conll_with_placeholder_tags_is_refused(project, tmp_path):
    (tmp_path / "bad.conll").write_text("-DOCSTART- -X- O O\n\nPutin _\nmet _\n", encoding="utf-8")
    report = import_file(project, tmp_path / "bad.conll", fmt="conll")
    assert report.unreadable == 1 and "tag '_'" in report.examples[0][1]


# ---------------------------------------------------------------- Prodigy sentences, spaCy records


def sentence_tasks(text: str, spans) -> list[dict]:
    tasks = []
    for sentence in split_sentences(text):
        inside = [(s, e, label) for s, e, label in spans if sentence.start <= s and e <= sentence.end]
        tasks.append({"text": sentence.text, "_view_id": "ner_manual", "answer": "accept",
                      "meta": {"source": "split_sentences"},
                      "spans": [{"start": s - sentence.start, "end": e - sentence.start, "label": label}
                                for s, e, label in inside]})
    return tasks


def test_prodigy_sentence_tasks_are_placed_inside_their_article(project, tmp_path):
    text = article(project)["text"]
    tasks = sentence_tasks(text, gold_spans(text))
    write_jsonl(tmp_path / "sentences.jsonl", tasks)
    report = import_file(project, tmp_path / "sentences.jsonl")
    assert (report.format, report.matched, report.partial, report.documents) == ("prodigy", len(tasks),
                                                                                  len(tasks), 1)
    # Every sentence came back: together they cover the article, which is verified.
    assert_gold_applied(project, text)
    # One article, one undo step.
    history.undo(project)
    assert article(project)["status"] == "new"
    assert set(decided(project).values()) == {"proposed"}


def test_some_sentences_decide_their_own_range_only(project, tmp_path):
    text = article(project)["text"]
    sentences = split_sentences(text)[:2]
    write_jsonl(tmp_path / "two.jsonl", sentence_tasks(text, gold_spans(text))[:2])
    import_file(project, tmp_path / "two.jsonl")
    end = sentences[-1].end
    spans = decided(project)
    assert all(status != "proposed" for (s, e, _), status in spans.items() if e <= end)
    assert all(status == "proposed" for (s, e, _), status in spans.items() if s >= end)
    assert article(project)["status"] == "in review"


def test_spacy_training_records(project, tmp_path):
    text = article(project)["text"]
    record = [text, {"entities": [list(span) for span in gold_spans(text)]}]
    write_jsonl(tmp_path / "train.jsonl", [record])
    report = import_file(project, tmp_path / "train.jsonl")
    assert (report.format, report.matched) == ("spacy", 1)
    assert_gold_applied(project, text)


def test_format_named_on_the_command_line_wins(project, tmp_path):
    text = article(project)["text"]
    write_jsonl(tmp_path / "prodigy.jsonl", sentence_tasks(text, gold_spans(text))[:1])
    report = import_file(project, tmp_path / "prodigy.jsonl", fmt="doccano")
    assert report.format == "doccano" and report.unreadable == 1


# ---------------------------------------------------------------- dry run


def test_dry_run_reports_the_changes_and_makes_none(project, tmp_path, capsys):
    text = article(project)["text"]
    write_jsonl(tmp_path / "doccano.jsonl", [{"text": text, "label": [list(s) for s in gold_spans(text)]}])
    before = snapshot(project)
    dry = import_file(project, tmp_path / "doccano.jsonl", dry_run=True)
    assert snapshot(project) == before
    path = project.conn.execute("pragma database_list").fetchone()[2]
    assert main(["import", "--db", path, "--dry-run", str(tmp_path / "doccano.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "format: doccano JSONL (detected)" in out and "would import 1 of 1 record(s)" in out
    assert f"{ARTICLE}: 1 added, 5 accepted, {dry.rejected} rejected, 1 relabelled; new → verified" in out
    assert "dry run: nothing was changed" in out
    assert snapshot(project) == before
    real = import_file(project, tmp_path / "doccano.jsonl")
    assert (real.added, real.accepted, real.rejected, real.relabelled) == (dry.added, dry.accepted, dry.rejected,
                                                                             dry.relabelled)
