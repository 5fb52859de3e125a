"""Build a hostile article folder: the five samples and, beside them, one file per hostile case (issue 15).

    python tests/hostile_folder.py TARGET [--depth 100000] [--big-mb MB]

then ``article-review ingest TARGET``: it must exit 0, keep the samples whole and report every file it
skips with its reason. :func:`build` returns what each hostile file must become, which is what
``tests/test_hostile_folder.py`` checks; files outside the folder (the targets of links leading out)
go to ``TARGET.outside``.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"

RUSSIAN = (
    "Президент Беларуси Александр Лукашенко провёл переговоры с Владимиром Путиным в Москве.\n"
    "Агентство «ТАСС» сообщило: стороны обсудили торговлю — и энергетику.\n"
)
# Names entities but states no meeting, call or trade figure: long files do not merge into the samples' events.
FILLER = "Officials in Minsk and Moscow spoke at length about the weather and other things of little note. "


@dataclass
class Expect:
    """What ingest must do with one hostile file: skip it with a reason containing ``reason``, or store it."""

    skipped: str | None = None  # a part of the reason, when the file is skipped
    text: str | None = None  # the exact stored text, when known
    contains: str | None = None  # a part of the stored text
    encoding: str | None = None


def _nested(tag: str, depth: int, *, closed: bool) -> str:
    body = f"<{tag}>deep " * depth + "Lukashenko met Putin." + (f"</{tag}>" * depth if closed else "")
    return f"<html><head><title>Nested {tag}</title></head><body>{body}</body></html>"


def build(target: str | Path, *, depth: int = 100_000, big_bytes: int | None = None, huge_bytes: int = 19_000_000,
          max_bytes: int | None = None) -> dict[str, Expect]:
    """Fill ``target`` (created, or emptied first) and return ``{relative name: Expect}`` of the hostile files.

    ``depth`` is the nesting of the HTML cases; ``big_bytes`` the size of an article of many paragraphs
    (default: just under the limit, 95% of it; 0: none); ``huge_bytes`` that of a real one past the limit,
    the issue's 19 MB (0: none); ``max_bytes`` the size limit (the reader's, 10 MB).
    """
    from desktop.reader import MAX_BYTES

    limit = max_bytes or MAX_BYTES
    if big_bytes is None:
        big_bytes = limit * 19 // 20
    target = Path(target)
    outside = target.with_name(target.name + ".outside")
    for folder in (target, outside):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for sample in sorted(SAMPLES.iterdir()):
        shutil.copy(sample, target / sample.name)
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (outside / "other.txt").write_text("An article of another folder.\n", encoding="utf-8")
    expect: dict[str, Expect] = {}

    def write(name: str, data: bytes | str, result: Expect) -> None:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect[name] = result

    # Reading: links, names, sizes, special files.
    (target / "link_to_passwd.txt").symlink_to(outside / "passwd")
    expect["link_to_passwd.txt"] = Expect(skipped="symbolic link to a file outside the article folder")
    (target / "link_to_folder").symlink_to(outside, target_is_directory=True)
    expect["link_to_folder"] = Expect(skipped="symbolic link to a folder outside the article folder")
    (target / "dangling_link.txt").symlink_to(outside / "gone.txt")
    expect["dangling_link.txt"] = Expect(skipped="outside the article folder")
    (target / "link_loop_self.txt").symlink_to("link_loop_self.txt")
    expect["link_loop_self.txt"] = Expect(skipped="symbolic link loop")
    (target / "link_loop_ping.txt").symlink_to("link_loop_pong.txt")
    (target / "link_loop_pong.txt").symlink_to("link_loop_ping.txt")
    expect["link_loop_ping.txt"] = expect["link_loop_pong.txt"] = Expect(skipped="symbolic link loop")
    (target / "folder_loop").mkdir()
    (target / "folder_loop" / "up").symlink_to("..", target_is_directory=True)  # never walked into: no file
    (target / "dangling_inside.txt").symlink_to("not_there.txt")
    expect["dangling_inside.txt"] = Expect(skipped="cannot read: No such file or directory")
    first = sorted(SAMPLES.iterdir())[0]
    (target / "link_to_a_sample.txt").symlink_to(first.name)  # inside the folder: an article like any other
    expect["link_to_a_sample.txt"] = Expect(contains=first.read_text(encoding="utf-8")[:40].strip())
    bad_name = os.fsdecode("Минск_cp1251.txt".encode("cp1251"))
    (target / bad_name).write_text("Lukashenko in Minsk.\n", encoding="utf-8")
    expect[os.fsencode(bad_name).decode("utf-8", "backslashreplace")] = Expect(skipped="file name is not valid UTF-8")
    with open(target / "too_large.txt", "wb") as handle:  # sparse: over the limit on disk costs nothing
        handle.truncate(limit + 1)
    expect["too_large.txt"] = Expect(skipped="too large")
    os.mkfifo(target / "pipe.txt")
    expect["pipe.txt"] = Expect(skipped="not a regular file")
    if os.geteuid() != 0:  # root reads anything (tests/test_ingest_hostile.py injects the error instead)
        write("unreadable.txt", "Lukashenko in Minsk.\n", Expect(skipped="cannot read: Permission denied"))
        (target / "unreadable.txt").chmod(0)
    # Names a shell or a CSV chokes on are still articles.
    for name in ("odd name with spaces & 'quotes'.txt", "-starts-with-dash.txt", "new\nline.txt",
                 "Лукашенко_и_Путин.txt", "emoji_\U0001f600.md", "sub dir/ünïcödé\u200f.txt", "x" * 250 + ".txt"):
        write(name, f"An article named {name!r}: Lukashenko met Putin.\n",
              Expect(text=f"An article named {name!r}: Lukashenko met Putin.\n"))
    write("binary.txt", bytes(range(256)) * 64, Expect(skipped="binary file"))
    write("empty.txt", b" \n\t\n", Expect(skipped="empty file"))
    write("no_visible_text.html", "<html><head><title>x</title><script>var a;</script></head><body> </body></html>",
          Expect(skipped="no visible text"))

    # Encodings: read right, never mojibake.
    write("utf16le_cyrillic_no_bom.txt", (RUSSIAN * 3).encode("utf-16-le"), Expect(text=RUSSIAN * 3, encoding="utf-16"))
    write("utf16be_cyrillic_no_bom.txt", (RUSSIAN * 3).encode("utf-16-be"), Expect(text=RUSSIAN * 3, encoding="utf-16"))
    write("mixed_utf8_cp1251.txt", RUSSIAN.encode("utf-8") + RUSSIAN.encode("cp1251") + RUSSIAN.encode("utf-8"),
          Expect(text=RUSSIAN * 3, encoding="utf-8+cp1251"))
    seam = "Лукашенко и Путин".encode("utf-8") + b" / " + "в Москве, сообщил «ТАСС».".encode("cp1251") + b"\n"
    write("mixed_within_a_line.txt", seam * 3,
          Expect(text="Лукашенко и Путин / в Москве, сообщил «ТАСС».\n" * 3, encoding="utf-8+cp1251"))

    # Bounded cost: nesting, many siblings, texts longer than spaCy's max_length.
    write("nested_div.html", _nested("div", depth, closed=True), Expect(contains="Lukashenko met Putin."))
    # The innermost <header> is page chrome (outside any article, little text), so only the outer ones' words stay.
    write("nested_header.html", _nested("header", depth, closed=True), Expect(contains="deep\n\ndeep"))
    write("unclosed_span.html", _nested("span", depth, closed=False), Expect(contains="Lukashenko met Putin."))
    siblings = "<p>Lukashenko met Putin.</p>" + "<nav>menu</nav><script>x()</script>" * (depth // 5)
    write("many_siblings.html", f"<html><body>{siblings}</body></html>", Expect(text="Lukashenko met Putin."))
    long_text = FILLER * (1_100_000 // len(FILLER) + 1)
    write("long_1_1_mb_one_line.txt", long_text, Expect(text=long_text))
    long_text = FILLER * (5_000_000 // len(FILLER) + 1)
    write("long_5_mb_one_line.txt", long_text, Expect(text=long_text))
    rng = random.Random(15)
    blob = base64.b64encode(rng.randbytes(830_000)).decode("ascii")  # one 1.1 MB "word"
    write("long_no_spaces.txt", blob, Expect(text=blob))
    paragraph = FILLER * 8 + "\n\n"
    if big_bytes:
        big = paragraph * (big_bytes // len(paragraph) + 1)
        write("big_near_limit.txt", big, Expect(text=big))
    if huge_bytes:
        huge = paragraph * (huge_bytes // len(paragraph) + 1)
        write("big_19_mb.txt", huge, Expect(skipped="too large") if len(huge) > limit else Expect(text=huge))
    write("bom_then_binary.txt", codecs.BOM_UTF8 + b"text\x00\x01\x02" * 500, Expect(skipped="binary file"))
    return expect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="folder to create (emptied first)")
    parser.add_argument("--depth", type=int, default=100_000, help="nesting of the HTML cases (default 100000)")
    parser.add_argument("--big-mb", type=float, help="size of the largest article (default: just under the limit)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    expect = build(args.target, depth=args.depth,
                   big_bytes=None if args.big_mb is None else int(args.big_mb * 1_000_000))
    for name, result in sorted(expect.items()):
        print(f"{name}: {'skipped, ' + result.skipped if result.skipped else 'read'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
