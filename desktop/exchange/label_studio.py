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

from typing import Any

from desktop.exchange.records import Record, checked_spans

RESULT_TYPES = ("labels", "hypertextlabels", "paragraphlabels")


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
              and (r.get("type") or "labels").lower() in RESULT_TYPES]
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
