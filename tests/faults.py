"""Faults injected into the extractor: one article's extraction raises, the others' do not."""

from __future__ import annotations


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
