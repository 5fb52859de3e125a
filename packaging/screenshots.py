"""Screenshots of the review window at common screen sizes, offscreen, on the bundled sample articles.

    python packaging/screenshots.py --readme            # 1366x768 (the README's) and 1920x1080 into resources/screenshots/
    python packaging/screenshots.py --sizes 1600x900 --out /tmp/shots
    python packaging/screenshots.py --tabs --out /tmp/shots     # also one shot per right-hand tab (Facts, Triage, ...)

Each size is a screen: the window is maximised on it, less a title bar and a
panel (60 px), as an analyst sees it. The samples are ingested with the real
pipeline into a temporary home (``ARTICLE_REVIEW_HOME``), so neither the
user's settings nor their saved window layout are read or written. The
script prints, per size, every table cell that is cut with no way to read it
(:func:`desktop.gui.columns.cut_cells`) and the plot dock's height; the
1366x768 shot is the README's (``--readme``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW_CHROME = 60  # title bar and desktop panel: what a maximised window does not get of the screen


def _offscreen_screen(width: int, height: int, folder: Path) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of that size (the offscreen plugin's config file)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width,
                                               "height": height, "dpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def shoot(size: tuple[int, int], out: Path, work: Path, *, tabs: bool = False) -> list[str]:
    """Ingest the samples, show the window at ``size`` (a screen), save ``out``; returns the layout problems."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.gui.app import make_app
    from desktop.gui.layout import main_views, raise_each_tab
    from desktop.gui.main_window import MainWindow
    from desktop.ingest import ingest
    from desktop.resources_path import samples_dir

    folder = work / "samples"
    if not folder.exists():
        shutil.copytree(samples_dir(), folder)
    db_path = work / "project.sqlite"
    if not db_path.exists():
        for _progress in ingest(folder, db_path):
            pass
    app = make_app()
    window = MainWindow(db_path, folder, ingest=False)
    window.resize(size[0], size[1] - WINDOW_CHROME)
    window.show()
    window.wait_for_docks()
    window.window_layout.apply_defaults()  # at this size, as a first start there
    for _ in range(3):
        app.processEvents()
    # The first article, its first spans reviewed: the colours of accepted, proposed and the current span.
    window.step_span(1)
    window.accept_current()
    window.accept_current()
    window.step_span(1)
    window.view.setFocus(Qt.OtherFocusReason)
    problems = []
    for view, fit in main_views(window):
        with raise_each_tab(window, view):
            app.processEvents()
            problems += view_problems(view, fit)
    plots = next((d for d in window.docks if d.objectName() == "PlotDock"), None)
    window.span_dock.raise_()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    if tabs:
        # What the README's shot does not show: each dock tabbed behind the spans list, and the meetings plot.
        for dock in window.tabifiedDockWidgets(window.span_dock):
            dock.raise_()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out.with_name(f"{out.stem}-{dock.objectName()}.png")))
        if plots is not None:
            plots.tabs.setCurrentIndex(1)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out.with_name(f"{out.stem}-meetings.png")))
        window.span_dock.raise_()
    print(f"{size[0]}x{size[1]}: window {window.width()}x{window.height()}, article "
          f"{window.view.width()}x{window.view.height()}, plots {plots.height() if plots else 0} px high, "
          f"toolbar {window.toolbar.sizeHint().width()} px -> {out}")
    window.close()
    QApplication.processEvents()
    return problems


def view_problems(view, fit: bool) -> list[str]:
    from desktop.gui.columns import cut_cells

    return cut_cells(view, within_viewport=fit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1366x768,1920x1080", help="screen sizes, WxH,WxH")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--readme", action="store_true", help="the 1366x768 shot becomes main-window.png (the README's)")
    parser.add_argument("--tabs", action="store_true", help="also one shot per tab behind the spans list, and of the meetings plot")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: shoot one size in this process
    args = parser.parse_args(argv)
    if args.one:
        width, height = (int(v) for v in args.one.split("x"))
        work = Path(os.environ["SCREENSHOT_WORK"])
        problems = shoot((width, height), args.out / f"main-window-{width}x{height}.png", work, tabs=args.tabs)
        for line in problems:
            print("  cut:", line)
        return 1 if problems else 0
    code = 0
    with tempfile.TemporaryDirectory(prefix="article-review-shots-") as tmp:
        tmp_path = Path(tmp)
        for size in args.sizes.split(","):
            width, height = (int(v) for v in size.split("x"))
            # One process per size: the offscreen screen's size is fixed when Qt starts.
            env = dict(os.environ, ARTICLE_REVIEW_HOME=str(tmp_path / f"home-{size}"), SCREENSHOT_WORK=str(tmp_path),
                       QT_QPA_PLATFORM=_offscreen_screen(width, height, tmp_path),
                       PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
            import subprocess

            result = subprocess.run([sys.executable, __file__, "--one", size, "--out", str(args.out),
                                     *(["--tabs"] if args.tabs else [])], env=env)
            code = code or result.returncode
        if args.readme:
            (args.out / "main-window-1366x768.png").replace(args.out / "main-window.png")
    return code


if __name__ == "__main__":
    sys.exit(main())
