"""A bundled profile copied with one edit, for tests of what loading a profile says about it."""

from __future__ import annotations

from pathlib import Path

from desktop.profile import profile_path


def edited_profile(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """``mine.toml`` in ``tmp_path``: the bundled profile ``name`` with ``old`` (which must be there) replaced."""
    text = profile_path(name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path
