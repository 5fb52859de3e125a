"""Issue 16: annotate into Parquet, ingest --from, ingest --engine dask; equal to a folder ingest, kill-safe."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from desktop import review, store  # noqa: E402
from desktop.cluster import ClusterError  # noqa: E402
from desktop.cluster.annotate import annotate  # noqa: E402
from desktop.cluster.engine import QUIET_SCHEDULER  # noqa: E402
from desktop.cluster.load import ingest_from  # noqa: E402
from desktop.cluster.parts import finished_parts, read_manifest  # noqa: E402
from desktop.ingest import ingest  # noqa: E402
from tests.faults import kill_after_first_batch, make_corpus, slow_on  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
DATA = ROOT / "tests" / "data"
RULES = "blank:en"  # the gazetteer alone: fast, no trained model needed
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(\+\d\d:\d\d|Z)?")


def last(steps) -> dict:
    return list(steps)[-1].summary


def dump(db_path) -> list[str]:
    """The database as SQL, but the run log, meta and when each row was written (run-specific)."""
    conn = sqlite3.connect(db_path)
    try:
        return [_TIMESTAMP.sub("TS", line) for line in conn.iterdump()
                if not any(t in line for t in ('"actions"', 'INSERT INTO "meta"', '"_sqlite_migrations"'))]
    finally:
        conn.close()


def counts(db_path) -> tuple[int, ...]:
    conn = sqlite3.connect(db_path)
    try:
        return tuple(conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "spans", "facts"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two worker processes for the module: what CI runs the Dask path on."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **QUIET_SCHEDULER)
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("folder", [pytest.param(SAMPLES, id="seeds"), pytest.param(DATA / "genre", id="genre"),
                                    pytest.param(DATA / "genre2", id="genre2")])
def test_annotate_ingest_from_and_dask_ingest_equal_a_folder_ingest(folder, tmp_path, scheduler):
    plain, loaded, on_dask = (tmp_path / f"{name}.sqlite" for name in ("plain", "from", "dask"))
    summary = last(ingest(folder, plain))
    assert summary["model"].startswith("en_core_web_sm") and summary["facts"] > 0

    annotated = last(annotate(folder, tmp_path / "out", engine="dask", scheduler=scheduler, part_docs=8))
    assert annotated["annotated"] == summary["added"] and annotated["parts"] == -(-summary["added"] // 8)
    assert annotated["model"] == summary["model"]
    from_summary = last(ingest_from(tmp_path / "out", loaded))
    dask_summary = last(ingest(folder, on_dask, engine="dask", scheduler=scheduler))
    for other in (from_summary, dask_summary):
        assert {k: other[k] for k in ("added", "facts", "model", "model_version", "skipped")} == {
            k: summary[k] for k in ("added", "facts", "model", "model_version", "skipped")}
    expected = dump(plain)
    assert counts(plain)[1] > 0 and counts(plain)[2] > 0
    assert dump(loaded) == expected  # ids included: same documents, spans, facts, events, in the same order
    assert dump(on_dask) == expected


def test_annotate_is_idempotent_and_restartable(tmp_path, samples):
    out = tmp_path / "out"
    first = last(annotate(samples, out, model=RULES, part_docs=2))
    assert (first["annotated"], first["parts"], first["documents"]) == (5, 3, 5)
    assert finished_parts(out) == ["part-00000", "part-00001", "part-00002"]
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}

    again = last(annotate(samples, out, model=RULES, part_docs=2))
    assert (again["annotated"], again["unchanged"], again["parts"]) == (0, 5, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == stamps  # nothing rewritten

    # A run killed while writing part 2: its spans are there, its documents file is not (plus a temporary).
    (out / "documents" / "part-00002.parquet").unlink()
    (out / "facts" / "part-00002.parquet.tmp").write_bytes(b"half a file")
    resumed = last(annotate(samples, out, model=RULES, part_docs=2))
    assert (resumed["annotated"], resumed["unchanged"], resumed["parts"]) == (1, 4, 1)
    assert not list(out.rglob("*.tmp"))
    assert finished_parts(out) == ["part-00000", "part-00001", "part-00002"]
    manifest = read_manifest(out)
    assert manifest["complete"] and manifest["documents"] == 5 and manifest["schema_version"] == 1

    # The result loads as a folder ingest of the same articles.
    last(ingest_from(out, tmp_path / "from.sqlite"))
    last(ingest(samples, tmp_path / "plain.sqlite", model=RULES))
    assert dump(tmp_path / "from.sqlite") == dump(tmp_path / "plain.sqlite")


def test_annotate_refuses_to_mix_profiles_or_models(tmp_path, samples):
    last(annotate(samples, tmp_path / "out", model=RULES))
    with pytest.raises(ClusterError, match="another model requested"):
        last(annotate(samples, tmp_path / "out", model="en_core_web_sm"))


def test_reingest_from_keeps_decisions_like_a_folder_reingest(tmp_path, samples):
    """A changed article annotated again: its decided spans stay, proposals are replaced, as a re-ingest does."""
    def decide(db_path):
        db = store.open_db(db_path)
        doc = store.document_by_path(db, "000_04b2388141acea16.txt")
        spans = store.spans_for_document(db, doc["id"])
        review.accept(db, spans[0]["id"])
        review.reject(db, spans[1]["id"])
        db.close()

    out, plain, loaded = tmp_path / "out", tmp_path / "plain.sqlite", tmp_path / "from.sqlite"
    last(annotate(samples, out, model=RULES))
    last(ingest_from(out, loaded))
    last(ingest(samples, plain, model=RULES))
    for db_path in (loaded, plain):
        decide(db_path)
    article = samples / "000_04b2388141acea16.txt"
    article.write_text("A new first line about Minsk.\n" + article.read_text(encoding="utf-8"), encoding="utf-8")

    again = last(annotate(samples, out, model=RULES))
    assert (again["annotated"], again["unchanged"]) == (1, 4)
    summary = last(ingest_from(out, loaded))
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (0, 1, 4)
    assert last(ingest(samples, plain, model=RULES))["changed"] == 1
    db = store.open_db(loaded)
    doc = store.document_by_path(db, "000_04b2388141acea16.txt")
    statuses = [s["status"] for s in store.spans_for_document(db, doc["id"])]
    db.close()
    assert statuses.count("accepted") == 1 and statuses.count("rejected") == 1
    assert dump(loaded) == dump(plain)


def test_where_selects_by_date_source_and_entity(tmp_path):
    last(annotate(DATA / "genre", tmp_path / "out", model=RULES))
    db = store.open_db(":memory:")
    docs = []
    for where in ("published >= 2022-01-01", "source = TASS", "entity = putin and published < 2021-01-01", "all"):
        path = tmp_path / f"{len(docs)}.sqlite"
        summary = last(ingest_from(tmp_path / "out", path, where=where))
        project = store.open_db(path)
        docs.append(store.list_documents(project))
        project.close()
        assert summary["added"] == len(docs[-1])
    db.close()
    assert docs[0] and all(d["published"] >= "2022-01-01" for d in docs[0])
    assert docs[1] and {d["source"] for d in docs[1]} == {"TASS"}
    assert docs[2] and all(d["published"] < "2021-01-01" for d in docs[2])
    assert len(docs[3]) == 37 and all(len(d) < 37 for d in docs[:3])
    with pytest.raises(ClusterError, match="unknown field 'colour'"):
        last(ingest_from(tmp_path / "out", tmp_path / "x.sqlite", where="colour = red"))


def test_ingest_from_a_folder_that_is_not_annotations(tmp_path):
    with pytest.raises(ClusterError, match="holds no annotations"):
        last(ingest_from(tmp_path, tmp_path / "p.sqlite"))


def test_cli_annotate_and_ingest_from(tmp_path, samples, capsys):
    from desktop.cli import main

    assert main(["annotate", str(samples), "-o", str(tmp_path / "out"), "--model", RULES, "--quiet"]) == 0
    assert main(["ingest", "--from", str(tmp_path / "out"), "--db", str(tmp_path / "p.sqlite")]) == 0
    assert "5 added" in capsys.readouterr().out
    assert main(["ingest", "--from", str(tmp_path / "out"), "--model", RULES]) == 2
    assert "do not apply" in capsys.readouterr().err
    assert main(["ingest", str(samples), "--where", "source = TASS"]) == 2
    assert "needs --from" in capsys.readouterr().err


# ---------------------------------------------------------------- killed midway






@pytest.mark.slow
def test_sigkill_during_ingest_from_then_rerun_equals_a_clean_run(tmp_path):
    folder, out, db_path = tmp_path / "corpus", tmp_path / "out", tmp_path / "p.sqlite"
    make_corpus(folder, 1500)
    last(annotate(folder, out, model=RULES))
    kill_after_first_batch([sys.executable, "-m", "desktop", "ingest", "--from", str(out), "--db", str(db_path),
                            "--quiet"], db_path, 1500)
    last(ingest_from(out, tmp_path / "clean.sqlite"))
    assert counts(db_path)[0] == 1500
    assert dump(db_path) == dump(tmp_path / "clean.sqlite")


@pytest.mark.slow
def test_sigkill_during_dask_ingest_then_rerun_equals_a_clean_run(tmp_path):
    folder, db_path = tmp_path / "corpus", tmp_path / "p.sqlite"
    make_corpus(folder, 400)
    kill_after_first_batch([sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path), "--quiet",
                            "--engine", "dask", "--workers", "2", "--model", RULES], db_path, 400)
    last(ingest(folder, tmp_path / "clean.sqlite", model=RULES))
    assert counts(db_path)[0] == 400
    assert dump(db_path) == dump(tmp_path / "clean.sqlite")


# ---------------------------------------------------------------- the per-document time limit




def test_annotate_skips_a_document_past_the_time_limit_and_the_next_run_annotates_it(tmp_path, samples, monkeypatch):
    (samples / "slow.txt").write_text("SLOW article: Putin met Lukashenko in Minsk.\n", encoding="utf-8")
    slow_on(monkeypatch, "SLOW", 2.5)
    out = tmp_path / "out"
    summary = last(annotate(samples, out, model=RULES, part_docs=2, doc_timeout=1))
    reasons = dict(summary["skipped"])
    assert list(reasons) == ["slow.txt"] and "took longer than 1 s" in reasons["slow.txt"]
    assert (summary["annotated"], summary["documents"]) == (5, 5)
    assert read_manifest(out)["skipped"] == summary["skipped"]
    again = last(annotate(samples, out, model=RULES, part_docs=2, doc_timeout=0))  # no limit: it is read now
    assert (again["annotated"], again["unchanged"], again["documents"], again["skipped"]) == (1, 5, 6, [])


def test_the_time_limit_holds_on_a_dask_worker(tmp_path, samples, monkeypatch):
    """A Dask worker runs tasks off its main thread (no alarm): the Analyser's checks give the document up.
    The cluster is in this process (threads) so the slow step patched here is the workers' too."""
    from distributed import LocalCluster

    clean = tmp_path / "clean.sqlite"
    last(ingest(samples, clean, model=RULES))
    (samples / "slow.txt").write_text("SLOW article: Putin met Lukashenko in Minsk.\n", encoding="utf-8")
    slow_on(monkeypatch, "SLOW", 2.5)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, **QUIET_SCHEDULER) as cluster:
        summary = last(ingest(samples, tmp_path / "p.sqlite", model=RULES, engine="dask",
                              scheduler=cluster.scheduler_address, doc_timeout=1))
    reasons = dict(summary["skipped"])
    assert list(reasons) == ["slow.txt"] and "failed at the nlp stage: took longer than 1 s" in reasons["slow.txt"]
    assert summary["added"] == 5
    stored = [line for line in dump(tmp_path / "p.sqlite") if not line.startswith('INSERT INTO "problems"')]
    assert stored == dump(clean)  # the other documents, spans and facts as in a clean run


def test_a_worker_running_other_code_refuses_the_job_in_one_line(tmp_path, samples, monkeypatch):
    """A real cluster's workers may have another version installed: the first task says so, nothing is stored
    from them. The cluster is in this process (threads), so the client's spec is made to claim other code."""
    import dataclasses

    from distributed import LocalCluster

    import desktop.cluster.engine as engine
    from desktop.ingest import IngestError

    real = engine.spec_for
    monkeypatch.setattr(engine, "spec_for", lambda *a, **k: dataclasses.replace(real(*a, **k), code="0.0.9+0123abcd"))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, **QUIET_SCHEDULER) as cluster:
        with pytest.raises(IngestError) as failure:
            last(ingest(samples, tmp_path / "p.sqlite", model=RULES, engine="dask", scheduler=cluster.scheduler_address))
    message = str(failure.value)
    assert f"runs Article Review {engine.code_digest()}, the client 0.0.9+0123abcd" in message
    assert "install the same version on every worker" in message
    assert counts(tmp_path / "p.sqlite")[0] == 0


def test_the_code_digest_follows_the_sources(monkeypatch, tmp_path):
    """Two checkouts that differ in one source file have different digests; the same sources, the same one."""
    import shutil

    import desktop
    import desktop.cluster.engine as engine

    copy = tmp_path / "desktop"
    shutil.copytree(Path(desktop.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(desktop, "__file__", str(copy / "__init__.py"))
    engine.code_digest.cache_clear()
    try:
        same = engine.code_digest()
        (copy / "facts" / "trade.py").write_text((copy / "facts" / "trade.py").read_text() + "\n# changed\n")
        engine.code_digest.cache_clear()
        changed = engine.code_digest()
    finally:
        monkeypatch.undo()
        engine.code_digest.cache_clear()
    assert same == engine.code_digest() and changed != same and changed.startswith(desktop.__version__ + "+")


# ---------------------------------------------------------------- a glob or an fsspec URL as SOURCE


def test_annotate_reads_an_fsspec_url_and_a_glob_as_a_folder_ingest_reads_the_folder(tmp_path, samples, capsys):
    import fsspec

    from desktop.cli import main

    fs = fsspec.filesystem("memory")
    for path in sorted(samples.rglob("*")):
        if path.is_file():
            fs.pipe_file(f"/news/{path.relative_to(samples).as_posix()}", path.read_bytes())
    fs.pipe_file("/news/.hidden.txt", b"Putin met Lukashenko.")  # left out, as scan_folder leaves it
    try:
        plain = tmp_path / "plain.sqlite"
        last(ingest(samples, plain, model=RULES))
        summary = last(annotate("memory://news", tmp_path / "out", model=RULES, part_docs=2))
        assert (summary["annotated"], summary["skipped"]) == (5, [])
        assert read_manifest(tmp_path / "out")["source"] == "memory://news"
        last(ingest_from(tmp_path / "out", tmp_path / "from.sqlite"))
        assert dump(tmp_path / "from.sqlite") == dump(plain)  # the same texts, dates, hashes, spans and facts
        again = last(annotate("memory://news", tmp_path / "out", model=RULES, part_docs=2))
        assert (again["annotated"], again["unchanged"], again["parts"]) == (0, 5, 0)
        # A glob over a local folder, through the command line; ingest --from then needs --db.
        assert main(["annotate", str(samples / "*.txt"), "-o", str(tmp_path / "glob"), "--model", RULES,
                     "--quiet"]) == 0
        assert read_manifest(tmp_path / "glob")["documents"] == len(list(samples.glob("*.txt")))
        assert main(["ingest", "--from", str(tmp_path / "glob")]) == 2
        assert "give the project with --db" in capsys.readouterr().err
        with pytest.raises(ClusterError, match="no such folder or pattern"):
            last(annotate("memory://nowhere", tmp_path / "none", model=RULES))
    finally:
        fs.rm("/news", recursive=True)
