"""Label Studio: its JSON export (tasks with ``annotations``) and JSON-MIN, as an array or one a line.

The annotation that counts is the latest one not cancelled; a task whose only
annotations were cancelled (skipped) is ignored; a task with predictions only
holds no decision and is an error. Offsets are Unicode code points; exports of
versions that counted UTF-16 units (text after an emoji) are recognised by the
span's own ``text`` and converted.

>>> task = {"data": {"text": "Putin met Lukashenko."}, "annotations": [{"result": [
...     {"type": "labels", "value": {"start": 0, "end": 5, "text": "Putin", "labels": ["PER"]}}]}]}
>>> [(s["start"], s["end"], s["label"]) for s in read_item(task, "item 1").spans]
[(0, 5, 'PER')]
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from desktop import store
from desktop.exchange.common import STDOUT, ExportProgress, ExportResult, atomic_write
from desktop.exchange.documents import check, decided_spans, document_rows, export_documents
from desktop.exchange.records import Record, checked_spans
from desktop.model_info import project_model_label

RESULT_TYPES = ("labels", "hypertextlabels", "paragraphlabels")


def config_path(path: Path) -> Path:
    """Where the labelling config of the export ``path`` goes: ``tasks.json`` → ``tasks.label_config.xml``."""
    return path.with_suffix(".label_config.xml")


def read_item(item: Any, where: str) -> Record:
    """A Label Studio task (full export) or JSON-MIN row as a :class:`Record`."""
    record = Record(where)
    if not isinstance(item, dict):
        return record.fail("not a JSON object")
    if isinstance(item.get("data"), dict):
        return _read_task(item, record)
    return _read_min(item, record)


def _text_field(data: dict[str, Any]) -> str | None:
    if isinstance(data.get("text"), str):
        return data["text"]
    strings = [v for v in data.values() if isinstance(v, str)]
    return strings[0] if len(strings) == 1 else None


def _read_task(task: dict[str, Any], record: Record) -> Record:
    data = task["data"]
    record.text = _text_field(data)
    if record.text is None:
        return record.fail("cannot tell which field of 'data' holds the text (no 'text' field)")
    if isinstance(data.get("file"), str):
        record.meta["file"] = data["file"]
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        return record.fail("'annotations' is not a list")
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if not kept:
        if annotations:
            record.answer = "ignore"  # skipped by the annotator
            return record
        if task.get("predictions"):
            return record.fail("no annotation, only predictions (a model's proposals are not decisions)")
        return record.fail("no annotations")
    # The latest annotation wins; without timestamps, the last one listed.
    latest = max(enumerate(kept), key=lambda pair: (str(pair[1].get("updated_at") or pair[1].get("created_at")
                                                        or ""), pair[0]))[1]
    results = latest.get("result")
    if not isinstance(results, list):
        return record.fail("the annotation has no 'result' list")
    values = [r.get("value") for r in results if isinstance(r, dict)
              and str(r.get("type") or "labels").lower() in RESULT_TYPES]
    if results and not values:
        # Choices, ratings, relations only: nothing here says which spans are right (nor that none are).
        kinds = sorted({str(r.get("type")) for r in results if isinstance(r, dict)}) or ["no objects"]
        return record.fail(f"the annotation holds no labelled regions (only {', '.join(kinds)[:60]})")
    return _spans_from_values(values, record)


def _read_min(row: dict[str, Any], record: Record) -> Record:
    values = None
    for key, value in row.items():
        if isinstance(value, list) and all(isinstance(v, dict) and "labels" in v for v in value) and value:
            values = value
            break
    text_keys = [k for k, v in row.items() if isinstance(v, str) and k not in _MIN_FIELDS]
    record.text = row["text"] if isinstance(row.get("text"), str) else (
        row[text_keys[0]] if len(text_keys) == 1 else None)
    if record.text is None:
        return record.fail("cannot tell which field holds the text (no 'text' field)")
    if values is None:
        return record.fail("no list of labelled regions (start, end, labels) in the row")
    return _spans_from_values(values, record)


_MIN_FIELDS = {"annotator", "created_at", "updated_at", "id", "annotation_id", "lead_time"}


def _spans_from_values(values: list[Any], record: Record) -> Record:
    triples = []
    for i, value in enumerate(values):
        if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
            return record.fail(f"region {i} has no 'labels' list")
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            return record.fail(f"region {i} has no character offsets (start and end)")
        start, end = _code_points(record.text, start, end, value.get("text"))
        quoted = value.get("text")
        if isinstance(quoted, str) and record.text[start:end].strip() != quoted.strip():
            return record.fail(f"region {i} says {quoted[:40]!r} but the text at {start}..{end} is "
                               f"{record.text[start:end][:40]!r}")
        if not value["labels"]:
            return record.fail(f"region {i} at {start}..{end} has no label")
        for label in value["labels"]:
            triples.append((start, end, label))
    record.spans = checked_spans(triples, record)
    return record


def _code_points(text: str, start: int, end: int, quoted: Any) -> tuple[int, int]:
    """Offsets in code points: as given, or converted from UTF-16 units when only that fits ``quoted``."""
    if not isinstance(quoted, str) or text[start:end] == quoted:
        return start, end
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    index = {u: i for i, u in enumerate(units)}
    converted = index.get(start), index.get(end)
    if None not in converted and text[converted[0]:converted[1]] == quoted:
        return converted
    return start, end


# ---------------------------------------------------------------- writing

LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}  </Labels>
  <Text name="text" value="$text"/>
</View>
"""


def label_config(labels) -> str:
    """The labelling config (``from_name`` ``label``, ``to_name`` ``text``) our tasks are written for."""
    return LABEL_CONFIG.format(labels="".join(f'    <Label value="{escape(label, quote=True)}"/>\n'
                                               for label in sorted(labels)))


def _region(text: str, span: dict[str, Any], label: str, ident: str) -> dict[str, Any]:
    return {"id": ident, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": span["start"], "end": span["end"], "text": text[span["start"]:span["end"]],
                      "labels": [label]}}


def write_tasks(db, path, result: ExportResult, *, all, cancel, **_):
    """Label Studio tasks: the model's and rules' proposals as predictions, a verified article's decisions
    as its annotation; the labelling config beside them (``<name>.label_config.xml``)."""
    ids = export_documents(db, all=all)
    proposed = store.proposed_labels(db)
    model = project_model_label(db) if store.get_meta(db, "model") else "article-review"
    tasks, labels = [], set()
    yield ExportProgress(0, len(ids), "reading")
    for n, (row, spans) in enumerate(document_rows(db, ids, result, all=all, cancel=cancel), 1):
        text = row["text"]
        data = {"text": text, "file": row["path"], "title": row["title"], "published": row["published"]}
        if all:
            data["status"] = row["status"]
        machine = [s for s in spans if s["source"] in ("model", "rule")]
        predictions = [_region(text, s, proposed.get(s["id"]) or s["label"], f"p{i}")
                       for i, s in enumerate(machine, 1)]
        task = {"data": data, "predictions": [{"model_version": model, "result": predictions}] if machine else [],
                "annotations": []}
        if row["status"] == "verified":
            decided = decided_spans(row, spans)
            task["annotations"] = [{"result": [_region(text, s, s["label"], f"a{i}") for i, s in
                                               enumerate(decided, 1)],
                                    "was_cancelled": False, "ground_truth": False}]
            result.spans += len(decided)
        labels.update(s["label"] for s in spans)
        labels.update(r["value"]["labels"][0] for r in predictions)
        tasks.append(task)
        result.documents += 1
        result.records += 1
        yield ExportProgress(n, len(ids), row["path"])
    check(cancel)
    with atomic_write(path, newline="\n") as out:
        json.dump(tasks, out, ensure_ascii=False, indent=1)
        out.write("\n")
    if str(path) != STDOUT:
        config = config_path(Path(path))
        with atomic_write(config, newline="\n") as out:
            out.write(label_config(labels))
        result.files.append(str(config))
