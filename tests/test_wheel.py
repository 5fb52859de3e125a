"""A non-editable install must carry the resources (profiles, samples) inside the package."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_resources(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("article_review-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "desktop/resources/profiles/russia_belarus.toml" in names
    samples = [n for n in names if n.startswith("desktop/resources/samples/") and n.endswith(".txt")]
    assert len(samples) == 5
    assert "desktop/cli/__init__.py" in names and "desktop/gui/__init__.py" in names
    assert "desktop/exchange/__init__.py" in names and "desktop/exchange/brat.py" in names  # a package since #12
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "article-review = desktop.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
