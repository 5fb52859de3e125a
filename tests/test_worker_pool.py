"""Ingest's worker processes under the per-document time limit (issue 15): a document past the limit (the
worker's alarm), one that hangs where no signal reaches (the worker is killed and replaced) or one that
kills its worker is recorded as failed, and every other document of its task and of the others is analysed."""

from __future__ import annotations

import pytest

from desktop.analysis import DocumentFailed
from desktop.profile import load_profile
from desktop.worker_pool import WorkerPool
from tests.faults import StuckAnalyser

RULES = "blank:en"
GOOD = "Alexander Lukashenko met Vladimir Putin in Minsk."


def _pool(workers: int, time_limit: float) -> WorkerPool:
    return WorkerPool(workers, model=RULES, profile_path=str(load_profile("russia_belarus").path), context=None,
                      time_limit=time_limit, make_analyser=StuckAnalyser)


def _labels(rows) -> set[str]:
    return {row["text"] for row in rows}


@pytest.mark.slow
@pytest.mark.parametrize("bad, reason, kills", [("SLOW here", "per-document time limit", 0),
                                                ("HANG here", "per-document time limit", 2),
                                                ("CRASH here", "the worker process ended (exit code 3)", 0)])
def test_a_slow_stuck_or_crashing_document_fails_alone_and_the_others_are_analysed(bad, reason, kills):
    pool = _pool(2, time_limit=1)  # the kill comes after KILL_MIN_SECONDS (5 s) of silence
    try:
        first = pool.submit([(0, GOOD, None, False), (1, bad, None, False), (2, "Putin spoke in Moscow.", None, False)])
        second = pool.submit([(3, "Lukashenko spoke in Minsk.", None, False)])
        info, results = first.get()
        _, more = second.get()
    finally:
        pool.close()
    assert info["model"] == RULES
    by_key = {key: rows for key, rows, _ in results + more}
    assert [key for key, _, _ in results] == [0, 1, 2]  # in the chunk's order
    failed = by_key.pop(1)
    assert isinstance(failed, DocumentFailed) and reason in failed.reason
    assert failed.stage == ("nlp" if bad.startswith("SLOW") else "analysis")  # the worker's own alarm, or a kill
    assert not any(isinstance(rows, DocumentFailed) for rows in by_key.values())
    assert {"Alexander Lukashenko", "Vladimir Putin", "Minsk"} <= _labels(by_key[0])
    assert {"Putin", "Moscow"} <= _labels(by_key[2])
    assert {"Lukashenko", "Minsk"} <= _labels(by_key[3])
    # A worker stuck where its alarm cannot reach is killed; the chunk holding the stuck document goes
    # again one document at a time, so the one that hangs is found alone (a second kill or death).
    assert pool.killed == kills
