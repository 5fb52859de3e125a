"""Cost of fact extraction against article size: a generated article (ours) at N and 2N bytes.

    python benchmarks/bench_facts_size.py            # 1 MB and 2 MB
    python benchmarks/bench_facts_size.py --mb 0.25

Prints seconds per size and the ratio; linear cost gives ~2.0 (issue 10 asks <= ~2.5; the
quadratic grouping it replaced gave ~3.7 at 0.25 MB -> 0.5 MB and 17.6 s on 1 MB).
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


def measure(size: int, rules) -> tuple[float, int]:
    text = article(size)
    started = time.perf_counter()
    facts = extract_facts(text, "2019-03-30", rules, aliases=ALIASES)
    return time.perf_counter() - started, len(facts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="the smaller size in MB (default 1)")
    args = parser.parse_args(argv)
    rules = load_rules()
    size = int(args.mb * 1_000_000)
    one, facts1 = measure(size, rules)
    two, facts2 = measure(2 * size, rules)
    print(f"{size / 1e6:.2f} MB: {one:.2f} s ({facts1} facts)")
    print(f"{2 * size / 1e6:.2f} MB: {two:.2f} s ({facts2} facts)")
    print(f"ratio at 2x size: {two / one:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
