"""Reading files an attacker or an unlucky user would hand us (issue 15): bounded cost, nothing followed
outside the folder, no silent mojibake, one bad file never ends the run."""

from __future__ import annotations

import codecs
import gc
import os
import time

import pytest

from desktop.decoding import decode_bytes
from desktop.html_text import html_to_text
from desktop.reader import MAX_BYTES, ReadError, read_article, scan_folder


def _nested(tag: str, depth: int, *, closed: bool) -> str:
    return "<html><body>" + f"<{tag}>x " * depth + "end" + (f"</{tag}>" * depth if closed else "") + "</body></html>"


def _cost(markup: str, repeats: int) -> float:
    """The best of ``repeats`` runs in CPU time, each after a collection (other tests' garbage is not this cost)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.process_time()
        html_to_text(markup)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize(("tag", "closed"), [
    pytest.param("div", True, id="div"),
    pytest.param("span", False, id="unclosed-span"),
    pytest.param("header", True, id="header"),  # chrome outside content: once a walk up its parents per tag
    pytest.param("article", True, id="article"),
])
def test_nested_html_costs_time_linear_in_its_depth(tag, closed):
    # Issue 15: 1k levels took 4 s and 10k 56 s (chrome removal asked each tag for its parents and strings).
    small = _cost(_nested(tag, 500, closed=closed), repeats=5)
    large = _cost(_nested(tag, 5000, closed=closed), repeats=3)
    assert large < 30 * max(small, 1e-3), f"10x the depth cost {large / max(small, 1e-3):.0f}x the time"


def test_deeply_nested_html_keeps_its_text():
    text, _ = html_to_text(_nested("div", 3000, closed=True))
    assert text.split() == ["x"] * 3000 + ["end"]
    text, _ = html_to_text(_nested("span", 3000, closed=False))
    assert text == " ".join(["x"] * 3000 + ["end"])


def test_many_sibling_chrome_tags_are_dropped_in_linear_time():
    # Removing a tag from the tree scans its siblings: quadratic on a page of many menus and scripts.
    def page(n: int) -> str:
        return "<html><body><p>Putin met Lukashenko.</p>" + "<nav>menu</nav><script>x</script>" * n + "</body></html>"

    assert html_to_text(page(1000))[0] == "Putin met Lukashenko."
    small = _cost(page(1000), repeats=3)
    large = _cost(page(10000), repeats=2)
    assert large < 30 * max(small, 1e-3), f"10x the tags cost {large / max(small, 1e-3):.0f}x the time"


# ---------------------------------------------------------------- what the folder holds


def _scan(folder):
    skipped: list[list[str]] = []
    found = [p.relative_to(folder.resolve()).as_posix() for p in scan_folder(folder, skipped=skipped)]
    return found, dict(skipped)


def test_symbolic_links_out_of_the_folder_are_skipped_and_reported(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (outside / "more.txt").write_text("Not an article of this folder.\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text("Putin met Lukashenko.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "alias.txt").symlink_to(folder / "real.txt")  # inside the folder: read like any file
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    found, skipped = _scan(folder)
    assert found == ["alias.txt", "real.txt"]
    assert "outside the article folder" in skipped["passwd.txt"]
    assert "folder outside the article folder" in skipped["elsewhere"]
    assert "outside the article folder" in skipped["dangling.txt"]
    # read_article refuses too (a link swapped in after the scan, or a caller passing one).
    with pytest.raises(ReadError, match="outside the article folder"):
        read_article(folder, "passwd.txt")


def test_symbolic_link_loops_are_skipped_and_reported(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.txt").write_text("Putin met Lukashenko.\n", encoding="utf-8")
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop: never walked into
    (folder / "gone.txt").symlink_to("nowhere.txt")  # dangling, inside
    found, skipped = _scan(folder)
    assert found == ["real.txt"]
    assert skipped == {"self.txt": "symbolic link loop (not followed)", "ping.txt": "symbolic link loop (not followed)",
                       "pong.txt": "symbolic link loop (not followed)",
                       "gone.txt": "cannot read: No such file or directory"}
    with pytest.raises(ReadError, match="symbolic link loop"):  # a loop swapped in after the scan
        read_article(folder, "self.txt")


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text("Putin met Lukashenko.\n", encoding="utf-8")
    name = os.fsdecode("Минск.txt".encode("cp1251"))  # an archive unpacked from Windows
    try:
        (folder / name).write_text("Lukashenko in Minsk.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    found, skipped = _scan(folder)
    assert found == ["ok.txt"]
    [(shown, reason)] = skipped.items()
    assert shown == "\\xcc\\xe8\\xed\\xf1\\xea.txt"
    assert shown.encode("utf-8") and "not valid UTF-8" in reason


def test_a_pipe_is_reported_and_never_opened(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # opening it would block the run for ever
    found, skipped = _scan(folder)
    assert found == []
    assert "not a regular file" in skipped["pipe.txt"]


def test_the_size_limit_is_enforced_before_reading(tmp_path, monkeypatch):
    import desktop.reader as reader

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "big.txt").write_bytes(b"word " * 300)
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    opened = []
    real_open = open

    def spy(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        if "b" in mode:
            opened.append(handle)
            real_read = handle.read
            handle.read = lambda n=-1: opened.append(n) or real_read(n)
        return handle

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(ReadError, match=r"too large \(1,500 bytes, limit 0 MB\)"):
        reader.read_article(folder, "big.txt")
    with pytest.raises(ReadError, match="too large"):
        reader.file_hash(folder / "big.txt", max_bytes=1000)
    assert [x for x in opened if isinstance(x, int)] == []  # refused on the file's size, nothing read
    assert reader.file_hash(folder / "big.txt")  # without a limit: hashed as ever


def test_the_documented_limit_is_10_mb():
    assert MAX_BYTES == 10 * 1024 * 1024


# ---------------------------------------------------------------- encodings

RUSSIAN = (
    "Президент Беларуси Александр Лукашенко провёл переговоры с Владимиром Путиным в Москве.\n"
    "Агентство «ТАСС» сообщило: стороны обсудили торговлю — и энергетику.\n"
)


@pytest.mark.parametrize("encoding", [pytest.param("utf-16-le", id="le"), pytest.param("utf-16-be", id="be")])
def test_cyrillic_utf16_without_bom_is_read_not_taken_for_binary(encoding):
    # Issue 15: Russian UTF-16LE without a BOM was skipped as binary (it has NULs only for spaces and digits).
    text, found = decode_bytes((RUSSIAN * 3).encode(encoding))
    assert (text, found) == (RUSSIAN * 3, "utf-16")


def test_binary_with_nuls_in_every_other_byte_is_still_binary():
    data = bytes(b for i in range(4096) for b in (i * 7 % 256, 0))
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize(("second", "label"), [
    pytest.param("cp1251", "utf-8+cp1251", id="cp1251"),
    pytest.param("koi8_r", "utf-8+koi8_r", id="koi8-r"),
])
def test_a_file_mixing_utf8_and_a_cyrillic_byte_encoding_is_decoded_line_by_line(second, label):
    # Issue 15: such a file was stored as KOI8-R mojibake without a warning.
    plain = RUSSIAN.replace("«", "").replace("»", "").replace("—", "-")  # what KOI8-R can hold
    data = plain.encode("utf-8") + plain.encode(second) + plain.encode("utf-8")
    text, encoding = decode_bytes(data)
    assert text == plain * 3
    assert encoding == label


def test_a_line_mixing_both_encodings_is_cut_at_their_seams():
    line = "Лукашенко и Путин".encode("utf-8") + b" / " + "в Москве, сообщил «ТАСС».".encode("cp1251") + b"\n"
    assert decode_bytes(line * 3) == ("Лукашенко и Путин / в Москве, сообщил «ТАСС».\n" * 3, "utf-8+cp1251")


def test_western_text_mixing_utf8_and_cp1252_is_decoded_too():
    western = "Café society: the Élysée said «très intéressant» — naïve façade.\n"
    assert decode_bytes(western.encode("utf-8") + western.encode("cp1252")) == (western * 2, "utf-8+cp1252")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_a_plain_byte_encoded_file_is_not_taken_for_mixed(encoding):
    # cp1251's "С»" is also a valid UTF-8 character: chance pairs like it must not make a file "mixed".
    plain = RUSSIAN if encoding == "cp1251" else RUSSIAN.replace("«", "").replace("»", "").replace("—", "-")
    text, found = decode_bytes((plain * 20).encode(encoding))
    assert (text, found) == (plain * 20, encoding)


def test_utf8_with_a_stray_byte_keeps_its_utf8_text():
    # charset-normalizer takes the lone byte for Korean (cp949): only a byte encoding may read it.
    text, encoding = decode_bytes(RUSSIAN.encode("utf-8") + b"Price: 100\xa0rub.\n")
    assert (text, encoding) == (RUSSIAN + "Price: 100\xa0rub.\n", "utf-8+cp1252")


def test_mixing_utf8_with_no_byte_encoding_is_refused_not_garbled(monkeypatch):
    import desktop.decoding as decoding

    monkeypatch.setattr(decoding, "_byte_encoding", lambda data: None)  # as for bytes no byte encoding defines
    with pytest.raises(ReadError, match="mixed encodings"):
        decode_bytes(RUSSIAN.encode("utf-8") + RUSSIAN.encode("cp1251"))


def test_a_byte_order_mark_in_front_of_binary_data_is_still_binary():
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(codecs.BOM_UTF8 + b"text\x00\x01\x02" * 500)
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(codecs.BOM_UTF16_LE + "ab\x01\x02\x03".encode("utf-16-le") * 500)
