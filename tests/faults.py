"""Faults injected into a run: one article's extraction raises or goes slow, a process is killed mid-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def break_extraction(monkeypatch, starts_with: str, error: Exception | None = None) -> None:
    """Make fact extraction raise ``error`` (a TypeError by default) on texts that start with ``starts_with``."""
    from desktop.facts import propose

    real = propose.extract_facts
    error = error or TypeError("broken")

    def flaky(text, *args, **kwargs):
        if text.startswith(starts_with):
            raise error
        return real(text, *args, **kwargs)

    monkeypatch.setattr(propose, "extract_facts", flaky)


class StuckAnalyser:
    """An Analyser (as desktop.worker_pool's ``make_analyser``) that sleeps on a text starting with ``SLOW``,
    hangs where no signal reaches on one starting with ``HANG`` and ends its process on one starting with
    ``CRASH``: what a slow parser, a stuck extension or the out-of-memory killer does to a worker. Built in
    the worker process, so it is named, not monkeypatched."""

    def __new__(cls, model, profile, context):
        import os
        import signal
        import time

        from desktop.analysis import Analyser

        class _Stuck(Analyser):
            def _spans(self, group, batch_size, check):
                for text, *_ in group:
                    if text.startswith("SLOW"):  # Python code past the limit: the worker's alarm stops it
                        time.sleep(3600)
                    if text.startswith("HANG"):  # a C call that never returns to Python: only a kill stops it
                        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                        time.sleep(3600)
                    if text.startswith("CRASH"):
                        os._exit(3)
                return super()._spans(group, batch_size, check)

        return _Stuck(model, profile, context)


def slow_on(monkeypatch, marker: str, seconds: float) -> None:
    """Make the spans of a Doc whose text starts with ``marker`` take ``seconds`` (a parser gone slow)."""
    import desktop.nlp as nlp

    real = nlp.spans_for_doc

    def slow(doc, *args, **kwargs):
        if doc.text.startswith(marker):
            time.sleep(seconds)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(nlp, "spans_for_doc", slow)


def make_corpus(folder: Path, count: int) -> None:
    """``count`` articles in a new ``folder``: the samples in turn, each made distinct by its first line."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(count):
        (folder / f"article_{i:04d}.txt").write_text(f"Article {i}.\n{texts[i % len(texts)]}", encoding="utf-8")


def kill_after_first_batch(command: list[str], db_path: Path, total: int) -> None:
    """Run ``command``; SIGKILL it once a batch of documents is committed, check what it left, and run it again.

    What the kill left: an intact database holding some but not all ``total`` documents, each with its spans
    (one transaction a batch). The re-run must finish (exit 0); the caller compares its result.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None and committed == 0:
        if db_path.exists():
            try:
                conn = sqlite3.connect(db_path, timeout=1)
                committed = conn.execute("select count(*) from documents").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                committed = 0  # still creating the schema
        time.sleep(0.02)  # polling another process: there is no signal to wait on
    assert process.poll() is None, f"finished before it could be killed: {process.stderr.read()[-500:]!r}"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 0 < conn.execute("select count(*) from documents").fetchone()[0] < total
        assert conn.execute("select count(*) from documents d where not exists "
                            "(select 1 from spans s where s.doc_id = d.id)").fetchone()[0] == 0
    finally:
        conn.close()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
