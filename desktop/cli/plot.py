"""``article-review plot``: the trade or meetings plot as PNG, SVG or the CSV table it draws.

>>> main(["plot", "--db", "project.sqlite", "--what", "meetings", "--by", "quarter", "-o", "meetings.png"])  # doctest: +SKIP

PNG and SVG are drawn by the dock's own plot widgets; with no display the
command switches Qt to its offscreen platform before importing it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import aggregate
from desktop.cli import CLIError, project_db
from desktop.exchange.common import ExchangeError, atomic_write, check_output
from desktop.exchange.csv_table import write_csv

FORMATS = (".png", ".svg", ".csv")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plot",
        help="write the trade or meetings plot to PNG, SVG or CSV (works without a display)",
        description="Write the trade plot (one row per report) or the meeting counts (one row per period) "
        "to a .png, .svg or .csv file.",
    )
    parser.add_argument("--db", help="project database (default: the current folder's)")
    parser.add_argument("--what", required=True, choices=("trade", "meetings"), help="which plot")
    parser.add_argument("--by", default="month", choices=aggregate.PERIODS, help="meetings: period of a bar (default month)")
    parser.add_argument(
        "--status", action="append", metavar="STATUS",
        help="facts to draw: confirmed, proposed, rejected; repeat or comma-separate (default confirmed,proposed)",
    )
    parser.add_argument("--participant", metavar="ENTITY_ID", help="meetings: only those this entity takes part in")
    parser.add_argument("--calls", action="store_true", help="meetings: count phone calls too")
    parser.add_argument("--currency", help="trade: currency to draw in a PNG/SVG (default: the most reported)")
    parser.add_argument("--width", type=int, default=1200, help="PNG width in pixels (default 1200)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(func=run_plot)


def _statuses(values: list[str] | None) -> tuple[str, ...]:
    if not values:
        return aggregate.DEFAULT_STATUSES
    statuses = [s.strip() for value in values for s in value.split(",") if s.strip()]
    bad = [s for s in statuses if s not in aggregate.STATUSES]
    if bad or not statuses:
        raise CLIError(f"--status must be among {', '.join(aggregate.STATUSES)}, not {', '.join(bad) or 'nothing'}")
    return tuple(statuses)


def run_plot(args: argparse.Namespace) -> int:
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise CLIError(f"cannot write {output.name}: the output must end in .png, .svg or .csv")
    try:
        check_output(output)  # its folder exists, and what is there is a regular file
    except ExchangeError as exc:
        raise CLIError(str(exc)) from None
    if args.width < 100 or args.width > 20000:
        raise CLIError("--width must be between 100 and 20000 pixels")
    statuses = _statuses(args.status)
    with project_db(args) as db:
        if args.what == "trade":
            model = aggregate.TradeSeries.from_db(db, statuses=statuses)
        else:
            kinds = ("meeting", "call") if args.calls else ("meeting",)
            model = aggregate.MeetingCounts.from_db(db, by=args.by, participant=args.participant,
                                                    statuses=statuses, kinds=kinds)
    currency = None
    if args.what == "trade":
        currencies = model.currencies()
        currency = (args.currency or (currencies[0] if currencies else "")).upper() or None
        if args.currency and currency not in currencies:
            raise CLIError(f"no {currency} figures to plot (there are: {', '.join(currencies) or 'none'})")
    try:
        if suffix == ".csv":
            rows = _write_csv(model, output, args.what)
        else:
            rows = _render(model, output, args.what, currency=currency, width=args.width)
    except OSError as exc:
        raise CLIError(f"cannot write {output}: {exc.strerror or exc}") from None
    unit = "report" if args.what == "trade" else "period"
    print(f"wrote {output}: {rows} {unit}{'s' * (rows != 1)}")
    return 0


def _write_csv(model, output: Path, what: str) -> int:
    if what == "trade":
        rows = model.table()
        columns = list(aggregate.TRADE_COLUMNS)
    else:
        rows = model.table()
        columns = ["period", "period_start", "period_end", *aggregate.COUNT_COLUMNS, "total"]
    # Atomic (a failed run leaves the old file) and formula-neutral, like every other CSV the tool writes.
    with atomic_write(output, encoding="utf-8", newline="") as handle:
        return write_csv(handle, columns, rows)


def _render(model, output: Path, what: str, *, currency: str | None, width: int) -> int:
    # Qt reads the platform when the application starts: choose it before the first import.
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["article-review"])
    from desktop.gui.plot_dock import MeetingsPlot, TradePlot, export_plot

    if what == "trade":
        plot = TradePlot()
        plot.show_series(model, currency)
        rows = len(model.points(currency))
        plot.setTitle(f"Trade turnover reports ({currency or 'no figures'})", color="#222222")
    else:
        plot = MeetingsPlot()
        plot.show_counts(model)
        rows = len(model.table())
        who = f" with {model.participant}" if model.participant else ""
        plot.setTitle(f"Meetings{who} per {model.by}", color="#222222")
    plot.resize(width, max(int(width * 0.55), 200))
    plot.show()
    app.processEvents()
    try:
        export_plot(plot, output, width=width)
    finally:
        plot.close()
        plot.deleteLater()
        app.processEvents()
    return rows
