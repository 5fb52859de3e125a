"""``article-review [FOLDER] [--db PATH]``: open the review window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.cli import CLIError, resolve_db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "window",
        help="open the review window (the default command)",
        description="Open the review window on a folder of articles (new and changed ones are processed in "
        "the background). With neither FOLDER nor --db, opens the bundled sample articles.",
    )
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="folder of articles (.txt .md .html)")
    parser.add_argument("--db", metavar="PATH", help="project database (default: one per folder in the data dir)")
    parser.add_argument("--no-ingest", action="store_true", help="do not process the folder, only review")
    # Hooks for the benchmark and the README screenshot.
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    parser.add_argument("--report-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--window-size", metavar="WxH", type=_size, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_window)


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size like 1400x900") from None
    if width < 200 or height < 200:
        raise argparse.ArgumentTypeError(f"{value!r} is too small for the window")
    return width, height


def _tell_in_a_box(message: str) -> None:
    """Show ``message`` in a box too: started from a desktop launcher, the window is all the analyst sees.

    Not without a display (ssh, a console): Qt would abort there, and the line is enough.
    """
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        return
    from desktop.gui.app import make_app, tell_cannot_open

    make_app()
    tell_cannot_open(message)


def run_window(args: argparse.Namespace) -> int:
    folder = Path(args.folder).expanduser() if args.folder else None
    if folder is not None and not folder.is_dir():
        raise CLIError(f"{folder} is not a folder")
    if folder is None and not args.db:
        from desktop.resources_path import samples_dir

        folder = samples_dir()
    if args.db == ":memory:":
        raise CLIError("the window needs a database file, not :memory:")
    db_path = Path(resolve_db(args, folder=folder))
    if folder is None and not db_path.exists():
        raise CLIError(f"no database at {db_path}; give a FOLDER to start a project")
    from desktop.store import StoreError, open_db

    try:
        # A file that is not a project database fails here, before Qt loads; the damage check, which reads
        # the whole file, goes on on a thread meanwhile (the window's writes wait for it).
        open_db(db_path, check_later=True).close()
    except StoreError as exc:
        _tell_in_a_box(str(exc))
        raise  # and as one line (desktop.cli.main)
    from desktop.gui.app import run  # Qt only now: the other commands never import it

    return run(folder, db_path, ingest=not args.no_ingest, screenshot=Path(args.screenshot) if args.screenshot else None,
               report_shown=args.report_shown, exit_when_shown=args.exit_when_shown, size=args.window_size)
