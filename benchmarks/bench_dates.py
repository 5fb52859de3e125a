"""The date grammar on its own: finding dates in sentences, resolving them, parsing DATE span texts.

    .venv/bin/python benchmarks/bench_dates.py [--repeat 20]

Texts: the bundled samples and the development articles in ``tests/data``, split
into sentences. Three timings, best of ``--repeat`` rounds:
1. ``find_dates`` over every sentence (what fact extraction runs on each document);
2. ``resolve_date`` on every mention found, with no direction and with "past";
3. ``parse_date_range`` on every mention's text (what a DATE span's value costs),
   with the cache cleared each round so the grammar itself is measured.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import normalise  # noqa: E402
from desktop.facts.dates import find_dates, resolve_date  # noqa: E402
from desktop.facts.sentences import split_sentences  # noqa: E402
from desktop.normalise import iso_day, parse_date_range  # noqa: E402
from desktop.resources_path import samples_dir  # noqa: E402

PUBLISHED = "2023-09-16"


def _texts() -> list[str]:
    paths = sorted(samples_dir().glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _best(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    sentences = [s.text for text in _texts() for s in split_sentences(text)]
    chars = sum(len(s) for s in sentences)
    mentions = [m for s in sentences for m in find_dates(s)]
    published = iso_day(PUBLISHED)
    print(f"{len(sentences)} sentences, {chars / 1e3:.0f} k chars, {len(mentions)} date mentions")

    seconds = _best(args.repeat, lambda: [find_dates(s) for s in sentences])
    print(f"find_dates:       {seconds * 1e3:7.1f} ms  {chars / seconds / 1e6:6.2f} M chars/s")

    seconds = _best(args.repeat, lambda: [resolve_date(m, published, d) for m in mentions for d in (None, "past")])
    print(f"resolve_date:     {seconds * 1e3:7.1f} ms  {2 * len(mentions) / seconds / 1e3:6.1f} k/s")

    texts = [m.text for m in mentions]
    parse_date_range(texts[0], PUBLISHED)  # imports outside the timing

    def parse_all() -> None:
        normalise._parse_cached.cache_clear()
        for text in texts:
            parse_date_range(text, PUBLISHED)

    seconds = _best(args.repeat, parse_all)
    print(f"parse_date_range: {seconds * 1e3:7.1f} ms  {len(texts) / seconds / 1e3:6.1f} k/s (cache cleared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
