"""Cost of fact extraction against article size: a generated article (ours) at N and 2N bytes.

    python benchmarks/bench_facts_size.py            # 1 MB and 2 MB
    python benchmarks/bench_facts_size.py --mb 0.25

Prints seconds per size and the ratio; linear cost gives ~2.0 (issue 10 asks <= ~2.5; the
quadratic grouping it replaced gave ~3.7 at 0.25 MB -> 0.5 MB and 17.6 s on 1 MB). Then the same with the
article's spans, as ingest extracts (the gazetteer of ``blank:en``: PERSON, GPE... spans), where scans
over every span per mention once made 1 MB cost 27 s (issue 15); ``--no-spans`` leaves that out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.facts import extract_facts, load_rules  # noqa: E402

PARAGRAPH = ("Putin and Lukashenko met in Minsk on {day} March 2019. The presidents discussed trade, which reached "
             "$35.5 billion in 2018, up 5%. Lukashenko said he would meet Putin again in April. The talks lasted "
             "four hours, the Kremlin said.\n\n")
ALIASES = {"putin": ["Putin", "Vladimir Putin"], "lukashenko": ["Lukashenko", "Alexander Lukashenko"]}


def article(size: int) -> str:
    count = max(1, size // len(PARAGRAPH))
    return "".join(PARAGRAPH.format(day=1 + i % 28) for i in range(count))


def measure(size: int, rules, analyser=None) -> tuple[float, int]:
    text = article(size)
    if analyser is None:
        started = time.perf_counter()
        facts = extract_facts(text, "2019-03-30", rules, aliases=ALIASES)
        return time.perf_counter() - started, len(facts)
    from desktop.facts.propose import extract_for_ingest
    from desktop.nlp import pipe_spans

    [(rows, _)] = pipe_spans(analyser.nlp, [(text, "2019-03-30", None)], analyser.index)
    started = time.perf_counter()
    facts = extract_for_ingest(analyser.context, text, "2019-03-30", rows)
    return time.perf_counter() - started, len(facts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="the smaller size in MB (default 1)")
    parser.add_argument("--no-spans", action="store_true", help="only the extraction without spans")
    args = parser.parse_args(argv)
    rules = load_rules()
    size = int(args.mb * 1_000_000)
    runs = [("without spans", None)]
    if not args.no_spans:
        from desktop.analysis import Analyser, profile_context
        from desktop.profile import load_profile

        profile = load_profile("russia_belarus")
        runs.append(("with the spans of blank:en", Analyser("blank:en", profile, profile_context(profile))))
    for name, analyser in runs:
        one, facts1 = measure(size, rules, analyser)
        two, facts2 = measure(2 * size, rules, analyser)
        print(f"{name}: {size / 1e6:.2f} MB: {one:.2f} s ({facts1} facts); {2 * size / 1e6:.2f} MB: {two:.2f} s "
              f"({facts2} facts); ratio at 2x size: {two / one:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
