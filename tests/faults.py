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
