"""The desktop build (packaging/): its inputs always, the built folder when asked.

The checks on a built folder run only with ``ARTICLE_REVIEW_BUILD`` set (to the folder, or to 1
for packaging/dist/article-review): a stale build left in a checkout must not fail ``make test``.
``make smoke-app`` runs the same smoke test directly.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def _pins(lock: Path) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(lock.read_text())}


def test_build_lock_pins_the_app_lock_plus_pyinstaller():
    app = _pins(ROOT / "requirements" / "app.lock")
    build = _pins(ROOT / "requirements" / "build.lock")
    assert app, "app.lock has no pins"
    drifted = {name: (version, build.get(name)) for name, version in app.items() if build.get(name) != version}
    assert not drifted, (
        f"build.lock differs from app.lock {drifted}: the desktop build would miss or mismatch them. Run "
        "uv pip compile --python-version 3.11 --generate-hashes --index-url https://pypi.org/simple "
        "-o requirements/build.lock requirements/build.in"
    )
    assert "pyinstaller" in build
    assert "pyinstaller" in _pins(ROOT / "requirements" / "build.in")
    assert "-r app.in" in (ROOT / "requirements" / "build.in").read_text()


def test_build_lock_has_hashes_for_every_pin():
    text = (ROOT / "requirements" / "build.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    missing = [block.split(" ")[0] for block in blocks if PIN.match(block) and "--hash=sha256:" not in block]
    assert not missing, f"pins without hashes: {missing}"


def test_desktop_entry_is_valid():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(PACKAGING / "article-review.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"]
    assert entry["Exec"].split()[0] == "article-review"
    assert entry["Icon"] == "article-review"
    assert entry["Categories"].endswith(";")
    assert entry["Terminal"] in {"true", "false"}


def test_icon_png_is_256_px_and_svg_is_square():
    data = (ICONS / "article-review.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == (256, 256)
    root = ET.parse(ICONS / "article-review.svg").getroot()
    _x, _y, view_w, view_h = (float(v) for v in root.get("viewBox").split())
    assert view_w == view_h


def test_icon_svg_matches_its_drawing_script():
    # The committed SVG is written by make_icon.py: an edit to one without the other is a mistake.
    script = PACKAGING / "make_icon.py"
    namespace: dict = {"__file__": str(script), "__name__": "make_icon"}
    exec(compile(script.read_text(), str(script), "exec"), namespace)  # noqa: S102
    assert (ICONS / "article-review.svg").read_text(encoding="utf-8") == namespace["SVG"]


def test_frozen_build_finds_resources_where_the_spec_puts_them(tmp_path, monkeypatch):
    # The spec copies resources/ to desktop/resources inside the bundle (sys._MEIPASS).
    from desktop.resources_path import resources_root, samples_dir

    bundled = tmp_path / "desktop" / "resources"
    (bundled / "samples").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_root() == bundled
    assert samples_dir() == bundled / "samples"


def _spec_excludes() -> list[str]:
    import ast

    tree = ast.parse((PACKAGING / "article-review.spec").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXCLUDES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("the spec has no EXCLUDES list")


def test_app_imports_nothing_the_build_excludes():
    # An excluded module is missing from the frozen app: importing it would only fail there.
    import ast

    excludes = _spec_excludes()
    assert "PySide6.QtQuick" in excludes
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            offenders += [
                f"{path.relative_to(ROOT)}: {name}" for name in names
                if any(name == ex or name.startswith(ex + ".") for ex in excludes)
            ]
    assert not offenders


def test_entry_script_runs_the_cli():
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "entry.py"), "--version"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    from desktop import __version__

    assert result.stdout.strip() == f"article-review {__version__}"


# --- the built folder -----------------------------------------------------------------------------

def _build_folder() -> Path | None:
    wanted = os.environ.get("ARTICLE_REVIEW_BUILD")
    if not wanted:
        return None
    return PACKAGING / "dist" / "article-review" if wanted == "1" else Path(wanted)


built = pytest.mark.skipif(
    _build_folder() is None,
    reason="set ARTICLE_REVIEW_BUILD=1 (or a folder) to check a build from packaging/build.sh",
)


@pytest.fixture
def build_folder() -> Path:
    folder = _build_folder()
    if not (folder / "article-review").is_file():
        pytest.fail(f"ARTICLE_REVIEW_BUILD is set but {folder} holds no build (run packaging/build.sh)")
    return folder


@built
@pytest.mark.slow
def test_smoke_test_passes_on_the_build(build_folder):
    result = subprocess.run(
        ["bash", str(PACKAGING / "smoke_test.sh"), str(build_folder)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: OK" in result.stdout


@built
def test_build_starts_with_an_empty_environment(build_folder, tmp_path):
    result = subprocess.run(
        ["article-review", "--version"],
        env={"PATH": str(build_folder), "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("article-review ")


@built
def test_build_ships_only_the_chosen_qt_plugins(build_folder):
    qt = build_folder / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert "libqxcb.so" in platforms and "libqoffscreen.so" in platforms
    assert platforms <= {"libqxcb.so", "libqoffscreen.so", "libqminimal.so"}
    assert not (qt / "translations").exists()
    assert not list(build_folder.rglob("tests/__init__.py*"))
    assert (build_folder / "_internal" / "desktop" / "resources" / "profiles").is_dir()


@built
def test_build_ships_the_same_resources_as_the_wheel(build_folder):
    import fnmatch
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    excluded = setuptools.get("exclude-package-data", {}).get("desktop.resources", [])
    source = ROOT / "resources"
    expected = {
        p.relative_to(source).as_posix() for p in source.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
        and not any(fnmatch.fnmatch(p.relative_to(source).as_posix(), pattern) for pattern in excluded)
    }
    bundled_root = build_folder / "_internal" / "desktop" / "resources"
    bundled = {p.relative_to(bundled_root).as_posix() for p in bundled_root.rglob("*") if p.is_file()}
    assert bundled == expected


@built
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_build_has_no_missing_or_dangling_libraries(build_folder):
    internal = build_folder / "_internal"
    dangling = [str(p) for p in build_folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
    env = {"LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}", "PATH": os.environ.get("PATH", "")}
    missing = {}
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True).stdout
        lost = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if lost:
            missing[str(path.relative_to(internal))] = lost
    assert not missing


@built
def test_build_size_stays_within_budget(build_folder):
    # About 260 MB today (spaCy + its pipeline ~70, Qt ~80, numpy/blis ~60): a jump means
    # something unwanted (a Qt module, GTK, debug info) came back.
    size = sum(p.stat().st_size for p in build_folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 350 * 1024 * 1024, f"{size / 2**20:.0f} MB"
