"""A corpus we write for training: template articles with their true spans, and an analyst who corrects to them.

>>> text, spans = parse_markup("[Anna Volk|PERSON] visited [Pinsk|GPE].")
>>> text, [(text[s:e], label) for s, e, label in spans]
('Anna Volk visited Pinsk.', [('Anna Volk', 'PERSON'), ('Pinsk', 'GPE')])

Every sentence below is ours (no third-party text). The names of people and
companies are invented; the towns are real. The analyst's conventions differ
from the base model where analysts' usually do: invented Belarusian and
Russian names of people and companies the model misses or mislabels, and
"the X plant" / "X Oblast" spans as the analyst marks them. Articles are
generated from a seed, so a benchmark run is repeatable.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

FIRST = ["Anatoly", "Svetlana", "Yuri", "Natalia", "Igor", "Olga", "Viktor", "Irina", "Pavel", "Tatiana", "Oleg",
         "Galina", "Stanislav", "Lyudmila", "Kirill", "Marina"]
LAST = ["Krivosheyev", "Dubrovskaya", "Zhuravsky", "Lapitskaya", "Borovik", "Sokolovskaya", "Melnichenko",
        "Ostrovskaya", "Yaroshevich", "Kalinovskaya", "Tarasevich", "Gurinovich", "Shevtsov", "Kovalyova"]
COMPANIES = ["Neman Machinery", "Polesye Agrotech", "Berezina Glassworks", "Pripyat Cables", "Volga Polymer",
             "Dvina Dairy", "Sozh Tractor Works", "Ural Bearing", "Svisloch Textiles", "Kama Fertiliser",
             "Narach Optics", "Oka Turbines", "Ptich Foods", "Desna Motors", "Luchosa Paper"]
TOWNS = ["Gomel", "Vitebsk", "Brest", "Pinsk", "Bobruisk", "Smolensk", "Pskov", "Grodno", "Mogilev", "Orsha",
         "Bryansk", "Kaluga"]
REGIONS = ["Gomel Oblast", "Vitebsk Oblast", "Brest Oblast", "Grodno Oblast", "Mogilev Oblast", "Minsk Oblast"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]

SENTENCES = [
    "[{person}|PERSON], the director of [{company}|ORG], said the plant in [{town}|GPE] would double its output.",
    "According to [{person}|PERSON], [{company}|ORG] signed a supply contract worth [${amount} million|MONEY] "
    "on [{day} {month}|DATE].",
    "The [{company}|ORG] plant in [{region}|GPE] employs about {count} people.",
    "[{person}|PERSON] told reporters in [{town}|GPE] that the [{nation}|NORP] side had kept its promises.",
    "Talks between [{person}|PERSON] and [{person2}|PERSON] took place in [{town}|GPE] on [{day} {month}|DATE].",
    "[{company}|ORG] will open a service centre in [{town}|GPE], its spokeswoman [{person}|PERSON] said.",
    "Exports from [{region}|GPE] to [Russia|GPE] grew in [{month} {year}|DATE], the regional governor "
    "[{person}|PERSON] reported.",
    "The agreement was prepared by [{company}|ORG] and [{company2}|ORG] together.",
    "[Vladimir Putin|PERSON] and [Alexander Lukashenko|PERSON] discussed the [{company}|ORG] project by phone "
    "on [{day} {month}|DATE].",
    "A delegation led by [{person}|PERSON] visited [{region}|GPE] and the [{company}|ORG] site near "
    "[{town}|GPE].",
    "The [{nation}|NORP] partners of [{company}|ORG] invested [${amount} million|MONEY] in [{year}|DATE].",
    "[{person}|PERSON] of [{company}|ORG] said deliveries to [{town}|GPE] resume in [{month}|DATE].",
]
HEADLINES = [
    "[{company}|ORG] expands in [{town}|GPE]",
    "[{person}|PERSON] on the future of [{company}|ORG]",
    "New orders for [{company}|ORG]",
]

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")


def parse_markup(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and its ``(start, end, label)`` spans from ``[text|LABEL]`` markup."""
    parts, spans, at, length = [], [], 0, 0
    for match in _MARK.finditer(marked):
        before = marked[at:match.start()]
        parts.append(before)
        length += len(before)
        parts.append(match.group(1))
        spans.append((length, length + len(match.group(1)), match.group(2)))
        length += len(match.group(1))
        at = match.end()
    parts.append(marked[at:])
    return "".join(parts), spans


def names(pool: str = "all") -> dict[str, list[str]]:
    """The invented names to draw from: ``all``, ``seen`` (two thirds of each list) or ``unseen`` (the rest)."""
    def part(values: list[str]) -> list[str]:
        cut = len(values) * 2 // 3
        return values if pool == "all" else values[:cut] if pool == "seen" else values[cut:]

    return {"first": part(FIRST), "last": part(LAST), "companies": part(COMPANIES)}


def _fill(template: str, rng: random.Random, pool: dict[str, list[str]]) -> str:
    def person() -> str:
        return f"{rng.choice(pool['first'])} {rng.choice(pool['last'])}"

    companies = rng.sample(pool["companies"], 2)
    return template.format(
        person=person(), person2=person(), company=companies[0], company2=companies[1], town=rng.choice(TOWNS),
        region=rng.choice(REGIONS), nation=rng.choice(["Belarusian", "Russian"]), amount=rng.randint(2, 90),
        day=rng.randint(1, 28), month=rng.choice(MONTHS), year=rng.choice([2021, 2022, 2023, 2024]),
        count=rng.choice([300, 800, 1200, 2500]))


def article(rng: random.Random, sentences: int = 8, *, pool: str = "all") -> tuple[str, list[tuple[int, int, str]]]:
    """One article: a headline and ``sentences`` sentences, with its true spans."""
    drawn = names(pool)
    lines = [_fill(rng.choice(HEADLINES), rng, drawn), ""]
    lines.append(" ".join(_fill(rng.choice(SENTENCES), rng, drawn) for _ in range(sentences)))
    return parse_markup("\n".join(lines))


def write_corpus(folder: Path, count: int, *, seed: int = 0, sentences: int = 8,
                 pool: str = "all") -> dict[str, list[tuple]]:
    """Write ``count`` articles as ``folder/a###.txt``; returns their true spans by file name."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    metadata = ["file,published"]
    for n in range(count):
        text, spans = article(rng, sentences, pool=pool)
        name = f"a{n:03d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        truth[name] = spans
        metadata.append(f"{name},2024-{1 + n % 12:02d}-15")
    (folder / "metadata.csv").write_text("\n".join(metadata) + "\n", encoding="utf-8")
    return truth


def correct_to(db, doc_id: int, spans: list[tuple[int, int, str]]) -> dict[str, int]:
    """Review a document as an analyst who wants exactly ``spans``: accept, relabel, reject, add; then verify."""
    from desktop import review, store

    wanted = {(s, e): label for s, e, label in spans}
    counts = {"accepted": 0, "relabelled": 0, "rejected": 0, "added": 0}
    kept = set()
    for span in store.spans_for_document(db, doc_id, include_rejected=False):
        where = (span["start"], span["end"])
        if where in wanted and where not in kept:
            kept.add(where)
            if span["label"] != wanted[where]:
                review.relabel(db, span["id"], wanted[where])
                counts["relabelled"] += 1
            elif span["status"] != "accepted":
                review.accept(db, span["id"])
                counts["accepted"] += 1
        else:
            review.reject(db, span["id"])
            counts["rejected"] += 1
    for where, label in sorted(wanted.items()):
        if where not in kept:
            review.add_span(db, doc_id, where[0], where[1], label)
            counts["added"] += 1
    review.mark_verified(db, doc_id)
    return counts
