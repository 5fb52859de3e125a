"""``article-review train``, ``models``, ``reannotate`` and ``aliases``: learn from the analyst's corrections.

>>> main(["train", "--db", "project.sqlite", "--max-epochs", "5", "--seed", "1"])  # doctest: +SKIP

``train`` fine-tunes the NER on the verified articles and prints both models'
scores; ``models`` lists the project's models and switches to one (``--use``);
``reannotate`` proposes spans again with a model on the unverified articles,
keeping every decision; ``aliases`` lists (``--accept``: adds) the aliases the
analyst's links suggest for the project's copy of the profile.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any

from desktop.cli import CLIError, print_jsonl, project_db, resolve_db
from desktop.train_report import CORRECTED_NOTE, agreement_text, base_label, score_rows

NO_DB = "ingest a folder first (article-review ingest FOLDER)"


def register(subparsers) -> None:
    train = subparsers.add_parser(
        "train", help="fine-tune the NER on the verified articles, scored against the base model",
        description="Fine-tune the pipeline's NER on the verified articles (from the base model's weights) and "
                    "report precision, recall and F per label on a dev split, for the base and the trained model.")
    train.add_argument("--db", help="project database (default: the current folder's)")
    train.add_argument("--base", help="model to start from (default: the project's model, else the settings')")
    train.add_argument("--dev", type=float, default=0.2, help="share of verified articles held out (default 0.2)")
    train.add_argument("--max-epochs", type=int, default=10, help="at most this many epochs (default 10)")
    train.add_argument("--seed", type=int, default=0, help="seed of the dev split and the training (default 0)")
    train.add_argument("--name", help="model name (default ner-DATE-TIME)")
    train.add_argument("-o", "--output", help="save the model in this folder instead of the project's")
    train.add_argument("--use", action="store_true", help="switch the project to the model if it beats the base")
    train.add_argument("--progress", choices=("text", "jsonl"), default="text",
                       help="jsonl: one progress object a line on stdout (what the window reads)")
    train.set_defaults(func=run_train)

    listing = subparsers.add_parser("models", help="list the project's trained models; switch to one",
                                    description="List the project's trained models with their dev scores.")
    listing.add_argument("--db", help="project database (default: the current folder's)")
    listing.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    listing.add_argument("--use", metavar="NAME", help="switch the project to this model (project:NAME or a "
                                                       "package name; 'default' for the settings' model)")
    listing.add_argument("--force", action="store_true", help="with --use: even a model worse than its base")
    listing.add_argument("--report", metavar="NAME", help="print this model's whole report (scores per label)")
    listing.set_defaults(func=run_models)

    again = subparsers.add_parser("reannotate", help="propose spans again on the unverified articles",
                                  description="Re-annotate the unverified articles with a model; accepted, rejected "
                                              "and added spans stay, new spans name their model.")
    again.add_argument("--db", help="project database (default: the current folder's)")
    again.add_argument("--model", help="model (project:NAME, a package or a path; default: the project's)")
    again.add_argument("--quiet", action="store_true", help="no progress on stderr")
    again.set_defaults(func=run_reannotate)

    aliases = subparsers.add_parser("aliases", help="aliases the analyst's links suggest for the profile",
                                    description="List aliases linked to one entity in several articles that the "
                                                "profile lacks; --accept writes them to the project's profile copy.")
    aliases.add_argument("--db", help="project database (default: the current folder's)")
    aliases.add_argument("--min-articles", type=int, default=2, help="linked in at least this many articles")
    aliases.add_argument("--accept", action="store_true", help="add every suggestion to the project's profile")
    aliases.add_argument("--format", choices=("table", "jsonl"), default="table", help="output format")
    aliases.set_defaults(func=run_aliases)


def _db_path(args: argparse.Namespace) -> Path:
    path = resolve_db(args)
    if path == ":memory:" or not Path(path).exists():
        raise CLIError(f"no database at {path}; {NO_DB}")
    return Path(path)


def _cancel_on_sigterm() -> list[bool]:
    """A flag set by SIGTERM (the window's Cancel), so a run stops between batches and saves nothing."""
    flag = [False]

    def stop(_signum, _frame) -> None:
        flag[0] = True

    signal.signal(signal.SIGTERM, stop)
    return flag


def run_train(args: argparse.Namespace) -> int:
    from desktop import models
    from desktop.training import Options, TrainingError, train_steps

    db_path = _db_path(args)
    if not 0 < args.dev < 1:
        raise CLIError("--dev must be between 0 and 1")
    if args.max_epochs < 1:
        raise CLIError("--max-epochs must be at least 1")
    options = Options(base=args.base, dev=args.dev, max_epochs=args.max_epochs, seed=args.seed, name=args.name,
                      output=args.output)
    cancelled = _cancel_on_sigterm()
    report = None
    try:
        for step in train_steps(db_path, options, cancel=lambda: cancelled[0]):
            if args.progress == "jsonl":
                print(step.to_json(), flush=True)
            else:
                print(step.message, file=sys.stderr, flush=True)
            if step.stage == "cancelled":
                return 1
            report = step.report or report
    except (TrainingError, models.ModelError) as exc:
        if args.progress == "jsonl":
            print(json.dumps({"stage": "error", "message": str(exc)}), flush=True)
        raise CLIError(str(exc)) from None
    if args.use and not report["worse_than_base"] and not args.output:
        with project_db(args, write=True) as db:
            models.use_model(db, db_path, report["model"])
    if args.progress == "text":
        print(format_report(report))
        if args.use and not args.output:
            print("the project now uses " + report["model"] if not report["worse_than_base"]
                  else "not switched: the model is worse than its base on the dev split")
    return 0


def format_report(report: dict[str, Any]) -> str:
    """Both models' precision, recall and F per label on the dev split, the agreement and the warnings."""
    lines = [f"{report['model']} (from {base_label(report)}): {len(report['train_ids'])} training articles, "
             f"{len(report['dev_ids'])} dev articles, {len(report['epochs'])} epochs "
             f"({report['seconds_per_epoch']} s each), best epoch {report['best_epoch']}",
             f"{'label':<10} {'gold':>5}   {'base P':>6} {'R':>6} {'F':>6}   {'trained P':>9} {'R':>6} {'F':>6}"]
    for row in score_rows(report):
        label, gold, bp, br, bf, tp, tr, tf = row.cells()
        lines.append(f"{label:<10} {gold:>5}   {bp:>6} {br:>6} {bf:>6}   {tp:>9} {tr:>6} {tf:>6}")
    lines.append(CORRECTED_NOTE)
    agreement = agreement_text(report)
    if agreement:
        lines.append(agreement)
    lines += [f"warning: {w}" for w in report.get("warnings", [])]
    if report.get("path"):
        lines.append(f"saved in {report['path']}")
    return "\n".join(lines)


def run_models(args: argparse.Namespace) -> int:
    from desktop import models

    db_path = _db_path(args)
    found = models.list_models(db_path)
    if args.use:
        spec = None if args.use == "default" else args.use
        if spec and not models.is_project_model(spec) and spec in {m["name"] for m in found}:
            spec = models.spec_for(spec)
        chosen = next((m for m in found if m["spec"] == spec), None)
        if chosen and chosen["worse_than_base"] and not args.force:
            raise CLIError(f"{spec} is worse than its base on the dev split (F {chosen['trained_f']:.3f} < "
                           f"{chosen['base_f']:.3f}); --force to use it anyway")
        with project_db(args, write=True) as db:
            try:
                models.use_model(db, db_path, spec)
            except models.ModelError as exc:
                raise CLIError(str(exc)) from None
        print(f"the project now uses {spec or 'the settings model'}; article-review reannotate proposes its "
              "spans on the unverified articles")
        return 0
    if args.report:
        name = args.report[len(models.PREFIX):] if models.is_project_model(args.report) else args.report
        chosen = next((m for m in found if m["name"] == name), None)
        if chosen is None or not chosen["report"].get("base"):
            raise CLIError(f"no report for a project model {name!r} (known: "
                           f"{', '.join(m['name'] for m in found) or 'none'})")
        print(format_report(dict(chosen["report"], path=chosen["path"])))
        return 0
    with project_db(args, missing_hint=NO_DB) as db:
        current = models.project_setting(db)
    if args.format == "json":
        print(json.dumps({"current": current, "models": found}, indent=2, ensure_ascii=False))
        return 0
    print(f"project model: {current or '(the settings model)'}")
    if not found:
        print("no trained models yet: article-review train")
    for m in found:
        flag = "  worse than base: not offered" if m["worse_than_base"] else ""
        used = "* " if m["spec"] == current else "  "
        base_f = "-" if m["base_f"] is None else f"{m['base_f']:.3f}"
        trained_f = "-" if m["trained_f"] is None else f"{m['trained_f']:.3f}"
        print(f"{used}{m['spec']:<28} {m['created'] or '':<20} from {m['base']}: dev F {base_f} -> {trained_f}, "
              f"{m['train_articles']} articles{flag}")
        for warning in m["warnings"]:
            print(f"    warning: {warning}")
    return 0


def run_reannotate(args: argparse.Namespace) -> int:
    from desktop import models
    from desktop.reannotate import describe, reannotate_steps

    db_path = _db_path(args)
    cancelled = _cancel_on_sigterm()
    summary = None
    try:
        for step in reannotate_steps(db_path, args.model, cancel=lambda: cancelled[0]):
            if not args.quiet:
                print(f"{step.message}: {step.done}/{step.total}", file=sys.stderr, flush=True)
            summary = step.summary or summary
    except models.ModelError as exc:
        raise CLIError(str(exc)) from None
    print(describe(summary))
    for path, reason in summary["facts_failed"]:
        print(f"facts not extracted from {path}: {reason}", file=sys.stderr)
    return 1 if summary["cancelled"] else 0


def run_aliases(args: argparse.Namespace) -> int:
    from desktop import gazetteer

    db_path = _db_path(args)
    with project_db(args, missing_hint=NO_DB, write=args.accept) as db:
        found = gazetteer.suggestions(db, min_articles=args.min_articles)
        if args.format == "jsonl":
            print_jsonl(s.__dict__ for s in found)
        elif not found:
            print("no suggestions: no alias is linked to one entity in "
                  f"{args.min_articles} or more articles without being in the profile")
        else:
            for s in found:
                what = "new entity" if s.new_entity else "alias of"
                print(f"{s.alias!r:<32} {what} {s.entity_name} ({s.entity_id}, {s.label}): "
                      f"{s.articles} articles, {s.mentions} mentions")
        if args.accept and found:
            try:
                path = gazetteer.accept(db, db_path, found)
            except gazetteer.GazetteerError as exc:
                raise CLIError(str(exc)) from None
            print(f"{len(found)} added to the project's profile {path}", file=sys.stderr)
    return 0
