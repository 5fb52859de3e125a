"""Fine-tune the pipeline's NER on the verified articles and measure it against the model it replaces.

>>> split_documents([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], dev=0.2, seed=0)
([1, 2, 3, 4, 5, 6, 7, 10], [8, 9])
>>> score_spans([(0, 5, "GPE"), (9, 14, "PERSON")], [(0, 5, "GPE"), (9, 13, "PERSON")])["overall"]["f"]
0.5

Training starts from the base model's weights (``nlp.resume_training()``, never
from scratch) and updates only its ``ner``; the profile's gazetteer runs after
it both when scoring and when annotating, as in ingest, so the scores are those
of the pipeline the analyst gets. The dev split holds out whole articles, fixed
by the seed. Labels outside the profile (CARDINAL, PERCENT...) are taught back
as the base model predicts them, so the model does not forget them for lack of
examples. :func:`train_steps` is a generator of :class:`Progress` (the window
runs it in a child process through ``article-review train --progress jsonl``);
``cancel()`` is asked between batches and a cancelled run saves nothing.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop import models, store

# Below these, a fine-tuned model is likelier worse than the base: training says what is missing instead.
MIN_ARTICLES = 10  # verified articles, dev split included
MIN_SPANS = 100  # spans (not rejected) in the verified articles
MIN_DEV_ARTICLES = 2
AGREEMENT_SAMPLE = 200  # unverified articles on which the trained model is compared with the base
# Forgetting: on unverified articles the trained model may depart from the base as much as the analyst's
# corrections made it depart on the dev articles (its agreement with the base there), not much more.
AGREEMENT_MARGIN = 0.10  # overall agreement this far below the dev articles' is a warning
LABEL_AGREEMENT_MARGIN = 0.15  # per label, for labels with at least LABEL_AGREEMENT_MIN base spans
LABEL_AGREEMENT_MIN = 10
MAX_TRAIN_CHARS = 100_000  # longer verified articles are left out of the training examples (counted in the report)


class TrainingError(Exception):
    """Training cannot start or went wrong; the message says why."""


class NotEnoughData(TrainingError):
    """Too few verified articles or spans; ``articles_needed`` and ``spans_needed`` say how many more."""

    def __init__(self, articles: int, spans: int):
        self.articles, self.spans = articles, spans
        self.articles_needed = max(0, MIN_ARTICLES - articles)
        self.spans_needed = max(0, MIN_SPANS - spans)
        wanted = []
        if self.articles_needed:
            wanted.append(f"{self.articles_needed} more verified article{'s' * (self.articles_needed != 1)}")
        if self.spans_needed:
            wanted.append(f"{self.spans_needed} more span{'s' * (self.spans_needed != 1)} in verified articles")
        super().__init__(
            f"not enough data to train: {' and '.join(wanted)} needed (have {articles} verified "
            f"article{'s' * (articles != 1)} with {spans} spans; training needs {MIN_ARTICLES} and {MIN_SPANS})")


@dataclass
class Options:
    """What :func:`train_steps` does; ``output`` None saves into the project's models folder as ``name``."""

    base: str | None = None
    dev: float = 0.2
    max_epochs: int = 10
    seed: int = 0
    dropout: float = 0.2
    patience: int = 3  # epochs without a better dev F before stopping
    name: str | None = None
    output: str | None = None


@dataclass
class Progress:
    """One step: ``stage`` is loading, base, epoch, agreement, saving, done or cancelled."""

    stage: str
    message: str
    epoch: int = 0
    epochs: int = 0
    loss: float | None = None
    dev_f: float | None = None
    seconds: float | None = None
    report: dict[str, Any] | None = field(default=None, repr=False)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


# ---------------------------------------------------------------- data


def split_documents(doc_ids: Iterable[int], *, dev: float, seed: int) -> tuple[list[int], list[int]]:
    """``(train ids, dev ids)``: whole articles held out, the same for the same ids and seed."""
    ids = sorted(doc_ids)
    shuffled = list(ids)
    random.Random(seed).shuffle(shuffled)
    n_dev = min(len(ids) - 1, max(MIN_DEV_ARTICLES, round(len(ids) * dev))) if dev > 0 else 0
    held = set(shuffled[:max(0, n_dev)])
    return [i for i in ids if i not in held], [i for i in ids if i in held]


def check_data(documents: list[dict[str, Any]]) -> None:
    """Raise :class:`NotEnoughData` when the verified articles are too few to train on."""
    spans = sum(len(d["spans"]) for d in documents)
    if len(documents) < MIN_ARTICLES or spans < MIN_SPANS:
        raise NotEnoughData(len(documents), spans)


def data_needed(db: Any) -> NotEnoughData | None:
    """What is missing before training can start (None: enough); counts only, cheap on a large project."""
    articles, spans = store.training_counts(db)
    return NotEnoughData(articles, spans) if articles < MIN_ARTICLES or spans < MIN_SPANS else None


# ---------------------------------------------------------------- scores


def _prf(correct: int, predicted: int, gold: int) -> dict[str, Any]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "gold": gold, "predicted": predicted,
            "correct": correct}


def score_spans(gold: Iterable[tuple], predicted: Iterable[tuple]) -> dict[str, Any]:
    """Precision, recall and F per label and overall; a span counts when start, end and label are equal.

    ``gold`` and ``predicted`` are ``(start, end, label)`` or ``(doc, start, end, label)`` tuples.
    """
    gold, predicted = set(gold), set(predicted)
    labels = sorted({s[-1] for s in gold | predicted})
    per_label = {}
    for label in labels:
        g = {s for s in gold if s[-1] == label}
        p = {s for s in predicted if s[-1] == label}
        per_label[label] = _prf(len(g & p), len(p), len(g))
    return {"labels": per_label, "overall": _prf(len(gold & predicted), len(predicted), len(gold))}


def _predict(nlp: Any, documents: list[dict[str, Any]], index: Any) -> set[tuple]:
    """``(doc id, start, end, label)`` of what the pipeline proposes (profile labels), as ingest would store them."""
    from desktop.nlp import pipe_spans

    found: set[tuple] = set()
    items = ((d["text"], d.get("published"), d["id"]) for d in documents)
    for rows, doc_id in pipe_spans(nlp, items, index):
        found.update((doc_id, r["start"], r["end"], r["label"]) for r in rows)
    return found


def _gold(documents: list[dict[str, Any]], labels: set[str]) -> set[tuple]:
    return {(d["id"], s["start"], s["end"], s["label"]) for d in documents for s in d["spans"] if s["label"] in labels}


def corrected_labels(gold: set[tuple], base: set[tuple]) -> list[str]:
    """Labels on which the base model's output differs from what the analyst verified."""
    return sorted({s[-1] for s in gold ^ base})


# ---------------------------------------------------------------- training


def _load(spec: str, profile: Any) -> tuple[Any, dict[str, Any]]:
    from desktop.nlp import BLANK_MODEL, load_pipeline

    nlp, info = load_pipeline(spec, profile)
    if info["fallback_warning"]:  # training another model than the one asked for, under its name, helps nobody
        raise TrainingError(info["fallback_warning"])
    if info["model"] == BLANK_MODEL or "ner" not in nlp.pipe_names:
        raise TrainingError(f"model {spec!r} could not be loaded or has no ner: training starts from a "
                            "trained model's weights, never from scratch (install en_core_web_sm)")
    return nlp, info


def _examples(nlp: Any, documents: list[dict[str, Any]], base_docs: list[Any], labels: set[str]) -> list[Any]:
    """Training examples: the verified spans, plus the base model's entities of labels outside the profile."""
    from spacy.training import Example
    from spacy.util import filter_spans

    known = labels | set(nlp.get_pipe("ner").labels)  # an imported span's foreign label is not taught
    examples = []
    for document, predicted in zip(documents, base_docs):
        reference = nlp.make_doc(document["text"])
        spans = []
        for s in document["spans"]:
            if s["label"] not in known:
                continue
            span = reference.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        taken = {i for span in spans for i in range(span.start_char, span.end_char)}
        for ent in predicted.ents:
            if ent.label_ not in labels and not taken.intersection(range(ent.start_char, ent.end_char)):
                span = reference.char_span(ent.start_char, ent.end_char, label=ent.label_)
                if span is not None:
                    spans.append(span)
        reference.set_ents(filter_spans(spans), default="outside")
        examples.append(Example(nlp.make_doc(document["text"]), reference))
    return examples


def _new_name() -> str:
    return "ner-" + _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


def _target(db_path: str | Path, options: Options) -> tuple[str, Path]:
    if options.output:
        target = Path(options.output).expanduser().resolve()
        name = options.name or target.name
    else:
        name = options.name or _new_name()
        if "/" in name or "\\" in name or name.startswith(".") or not name.strip():
            raise TrainingError(f"{name!r} is not a model name (letters, digits, '-', '_')")
        target = models.models_dir(db_path) / name
    if target.exists():
        raise TrainingError(f"{target} already exists: choose another name or folder")
    return name, target


def train_steps(db_path: str | Path, options: Options | None = None,
                cancel: Callable[[], bool] = lambda: False) -> Iterator[Progress]:
    """Train on the verified articles of the project at ``db_path``; the last step's ``report`` is the result.

    Raises :class:`NotEnoughData` before loading anything when the data are too
    few, :class:`TrainingError` for a base model that cannot be trained. The
    model, ``report.json`` and ``training.json`` are written to a temporary
    folder that becomes the model's only when everything is saved.
    """
    from desktop.profile import load_profile

    options = options or Options()
    started = time.monotonic()
    # The model goes into the project's folder unless ``output`` names another: a read-only project (its file
    # or its folder) is then refused now, in one line, not after minutes of training when the save fails.
    db = store.open_db(db_path, create=False, write=options.output is None)
    try:
        documents = store.training_documents(db)
        check_data(documents)
        profile = load_profile(store.get_meta(db, "profile"))
        base_spec = models.chosen_spec(db, options.base)
        # The agreement sample: ids first, texts only for the chosen ones (a project may hold 100,000 articles).
        unverified_ids = store.unverified_document_ids(db)
        random.Random(options.seed).shuffle(unverified_ids)
        sample = store.unverified_documents(db, ids=unverified_ids[:AGREEMENT_SAMPLE])
    finally:
        db.close()
    name, target = _target(db_path, options)
    spec = models.resolve(base_spec, db_path)
    by_id = {d["id"]: d for d in documents}
    train_ids, dev_ids = split_documents(by_id, dev=options.dev, seed=options.seed)
    if len(dev_ids) < 1:
        raise TrainingError("the dev split is empty: use --dev above 0")
    # An article longer than a piece of ingest is scored (in pieces) but not learned from whole.
    too_long = [i for i in train_ids if len(by_id[i]["text"]) > MAX_TRAIN_CHARS]
    train_ids = [i for i in train_ids if i not in too_long]
    if not train_ids:
        raise TrainingError(f"every training article is longer than {MAX_TRAIN_CHARS:,} characters")
    train_docs, dev_docs = [by_id[i] for i in train_ids], [by_id[i] for i in dev_ids]

    yield Progress("loading", f"Loading {base_spec}", epochs=options.max_epochs)
    import spacy
    from spacy.util import minibatch

    from desktop.nlp import ProfileIndex

    spacy.util.fix_random_seed(options.seed)
    # One copy of the model: everything the base predicts is read before its first update.
    nlp, base_info = _load(spec, profile)
    index = ProfileIndex(profile)
    labels = set(profile.label_names)

    yield Progress("base", f"Scoring {base_info['model']} on {len(dev_docs)} dev articles", epochs=options.max_epochs)
    base_train_docs = list(nlp.pipe(d["text"] for d in train_docs))
    gold_dev = _gold(dev_docs, labels)
    base_dev = _predict(nlp, dev_docs, index)
    base_sample = _predict(nlp, sample, index) if sample else None
    base_scores = score_spans(gold_dev, base_dev)
    base_train = {(d["id"], s[0], s[1], s[2]) for d, doc in zip(train_docs, base_train_docs)
                  for s in _rows(doc, d, index)}
    corrected = corrected_labels(gold_dev | _gold(train_docs, labels), base_dev | base_train)
    ner = nlp.get_pipe("ner")
    for label in sorted(labels - set(ner.labels)):
        ner.add_label(label)
    examples = _examples(nlp, train_docs, base_train_docs, labels)
    del base_train_docs

    others = [p for p in nlp.pipe_names if p != "ner"]
    optimizer = nlp.resume_training()
    rng = random.Random(options.seed)
    history, best, best_f, stale, epoch_seconds = [], None, -1.0, 0, []
    for epoch in range(1, options.max_epochs + 1):
        began = time.monotonic()
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=4):
            if cancel():
                yield Progress("cancelled", "Cancelled: nothing saved", epoch, options.max_epochs)
                return
            nlp.update(batch, drop=options.dropout, sgd=optimizer, losses=losses, exclude=others)
        trained_dev = _predict(nlp, dev_docs, index)
        scores = score_spans(gold_dev, trained_dev)
        seconds = time.monotonic() - began
        epoch_seconds.append(seconds)
        f = scores["overall"]["f"]
        history.append({"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 3), "dev_f": f,
                        "seconds": round(seconds, 2)})
        if f > best_f:
            best, best_f, stale = (epoch, ner.to_bytes(exclude=["vocab"]), scores, trained_dev), f, 0
        else:
            stale += 1
        yield Progress("epoch", f"Epoch {epoch}: loss {losses.get('ner', 0.0):.1f}, dev F {f:.3f}", epoch,
                       options.max_epochs, round(float(losses.get("ner", 0.0)), 3), f, round(seconds, 2))
        if stale >= options.patience:
            break
    best_epoch, weights, trained_scores, trained_dev = best
    ner.from_bytes(weights, exclude=["vocab"])

    yield Progress("agreement", f"Comparing with {base_info['model']} on unverified articles", len(history),
                   options.max_epochs)
    if cancel():
        yield Progress("cancelled", "Cancelled: nothing saved", len(history), options.max_epochs)
        return
    agreement = score_spans(base_sample, _predict(nlp, sample, index)) if sample else None

    report = {
        "name": name,
        "model": models.spec_for(name) if not options.output else str(target),
        "created": store.now(),
        "base_model": base_info["model"],
        "base_model_version": base_info["model_version"],
        "profile": profile.name,
        "base": base_scores,
        "trained": trained_scores,
        "best_epoch": best_epoch,
        "epochs": history,
        "seconds_per_epoch": round(sum(epoch_seconds) / len(epoch_seconds), 2),
        "seconds": round(time.monotonic() - started, 1),
        "agreement": agreement,
        "agreement_dev": score_spans(base_dev, trained_dev),
        "agreement_articles": len(sample),
        "corrected_labels": corrected,
        "worse_than_base": trained_scores["overall"]["f"] < base_scores["overall"]["f"],
        "train_ids": train_ids,
        "dev_ids": dev_ids,
        "train_spans": sum(len(d["spans"]) for d in train_docs),
        "too_long_ids": too_long,
        "dev_spans": len(gold_dev),
    }
    report["worse_on_corrected"] = [
        label for label in corrected
        if label in base_scores["labels"]
        and trained_scores["labels"].get(label, {"f": 0.0})["f"] < base_scores["labels"][label]["f"]]
    report["warnings"] = warnings(report)

    yield Progress("saving", f"Saving {name}", len(history), options.max_epochs)
    _save(nlp, target, report, {
        "options": asdict(options) | {"base": base_spec},
        "base_model": base_info["model"],
        "base_model_version": base_info["model_version"],
        "base_path": spec,
        "profile": profile.name,
        "spacy": spacy.__version__,
        "batch_size": 4,
        "dropout": options.dropout,
        "optimizer": {"name": type(optimizer).__name__, "learn_rate": float(optimizer.learn_rate)},
        "best_epoch": best_epoch,
        "learned_article_ids": train_ids,
        "learned_articles": [by_id[i]["path"] for i in train_ids],
        "dev_article_ids": dev_ids,
    }, name=report["model"])
    report["path"] = str(target)
    yield Progress("done", f"Saved {name}: dev F {base_scores['overall']['f']:.3f} → "
                   f"{trained_scores['overall']['f']:.3f}", len(history), options.max_epochs,
                   dev_f=trained_scores["overall"]["f"], report=report)


def _rows(doc: Any, document: dict[str, Any], index: Any) -> list[tuple[int, int, str]]:
    from desktop.nlp import spans_for_doc

    return [(r["start"], r["end"], r["label"]) for r in spans_for_doc(doc, document.get("published"), index)]


def warnings(report: dict[str, Any]) -> list[str]:
    """Sentences for the analyst: worse than the base, forgetting on unverified articles."""
    found = []
    base_f, trained_f = report["base"]["overall"]["f"], report["trained"]["overall"]["f"]
    if report["worse_than_base"]:
        found.append(f"worse than the base model on the dev split (F {trained_f:.3f} < {base_f:.3f}): kept, "
                     "not offered as the project's model")
    if report.get("worse_on_corrected"):
        found.append("worse than the base on corrected label(s): " + ", ".join(report["worse_on_corrected"]))
    agreement, expected = report.get("agreement"), report.get("agreement_dev")
    if agreement and expected:
        overall, dev = agreement["overall"]["f"], expected["overall"]["f"]
        if overall < dev - AGREEMENT_MARGIN:
            found.append(f"agrees with the base model on only {overall:.0%} of its spans in "
                         f"{report['agreement_articles']} unverified articles ({dev:.0%} on the dev articles, where "
                         "the corrections explain the difference): it may have forgotten what the base model knew")
        for label, s in agreement["labels"].items():
            dev = expected["labels"].get(label, {"f": 1.0})["f"]
            if s["gold"] >= LABEL_AGREEMENT_MIN and s["f"] < dev - LABEL_AGREEMENT_MARGIN:
                found.append(f"{label}: agreement with the base model on unverified articles dropped to "
                             f"{s['f']:.0%} ({dev:.0%} on the dev articles)")
    return found


def _save(nlp: Any, target: Path, report: dict[str, Any], config: dict[str, Any], *, name: str) -> None:
    """Write the pipeline (its NER, without the gazetteer ingest adds back), the report and the config."""
    partial = target.with_name(f".{target.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.parent.mkdir(parents=True, exist_ok=True)
    for pipe in list(nlp.pipe_names):
        if pipe not in ("ner", "tok2vec"):
            nlp.remove_pipe(pipe)
    nlp.meta["article_review"] = {"model": name, "version": report["created"], "base": report["base_model"]}
    try:
        nlp.to_disk(partial)
        (partial / models.REPORT).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        (partial / models.TRAINING).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
