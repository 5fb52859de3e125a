"""The plot dock: trade turnover over time and meetings per period, linked to their evidence.

The dock only draws :mod:`desktop.aggregate` models. They are loaded once;
:meth:`PlotDock.refresh` asks a :class:`~desktop.aggregate.FactFeed` which
facts changed since the last look and redraws with ``setData`` on items created
once. :func:`export_plot` is shared with the ``plot`` command.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import secrets
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters

from desktop import aggregate, store
from desktop.aggregate import MeetingCounts, MeetingGroup, TradePoint, TradeSeries
from desktop.exchange.common import check_output
from desktop.facts.kinds import format_change
from desktop.gui.elided_label import ElidedLabel
from desktop.gui.workers import GeneratorWorker

# The trade series' colours: the profile's sides in order (Belarus or Kazakhstan red, Russia blue), unknown grey.
SIDE_COLORS = ("#c8313e", "#1f4e9c", "#2a9d8f", "#8e44ad", "#b8860b")
UNKNOWN_COLOR = "#6f6f6f"
HELD_COLORS = {"held": "#2b7a3d", "planned": "#e08a1e"}
BACKGROUND = "#ffffff"
FOREGROUND = "#222222"
EXPORT_FORMATS = (".png", ".svg")
STATUS_CHOICES = (
    ("Verified and proposed", ("confirmed", "proposed")),
    ("Verified only", ("confirmed",)),
    ("Proposed only", ("proposed",)),
)
DAY = 86400.0


EPOCH = _dt.date(1970, 1, 1).toordinal()


def _stamp(day: _dt.date) -> float:
    """Seconds since the epoch at UTC midnight (the date axis runs with utcOffset=0)."""
    return (day.toordinal() - EPOCH) * DAY


def _scale(values: list[float]) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0.0)
    for factor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if top >= factor:
            return factor, word
    return 1.0, ""


def format_value(value: float, currency: str) -> str:
    """35.5e9, "USD" -> "35.5 billion USD"."""
    factor, word = _scale([value])
    number = f"{value / factor:,.2f}".rstrip("0").rstrip(".")
    return " ".join(p for p in (number, word, currency) if p)


def _status_words(statuses: tuple[str, ...] | None) -> str:
    """("confirmed", "proposed") -> "confirmed or proposed": what an empty plot says it has none of."""
    return " or ".join(statuses or ("confirmed", "proposed"))


def _period_text(start: _dt.date, end: _dt.date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


class CountAxis(pg.AxisItem):
    """An axis of counts: ticks at whole numbers only (no 0.5 meetings)."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return [(float(math.ceil(spacing)), offset) for spacing, offset in levels] or [(1.0, 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [f"{round(value * scale):,}" for value in values]


class _TimePlot(pg.PlotWidget):
    """A white plot with a date axis in UTC (timestamps are UTC midnights), and an empty state."""

    def __init__(self, parent: QWidget | None = None, *, left: pg.AxisItem | None = None):
        axes = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        if left is not None:
            axes["left"] = left
        super().__init__(parent=parent, background=BACKGROUND, axisItems=axes)
        _style(self)
        self.plotItem.setMenuEnabled(False)
        # Below the axis, in one row: a legend inside the view hides the data under it.
        self.legend = pg.LegendItem(colCount=6, labelTextColor=FOREGROUND, horSpacing=18)
        self.plotItem.layout.addItem(self.legend, 4, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyPlot")
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setStyleSheet("QLabel { color: #6f6f6f; font-size: 14px; background: transparent; }")
        self.empty_label.hide()
        self.empty = False

    def show_empty(self, message: str | None) -> None:
        """Say why nothing is drawn (None: something is), over years on the date axis and no values."""
        was_empty, self.empty = self.empty, bool(message)
        self.empty_label.setText(message or "")
        self.empty_label.setVisible(bool(message))
        self.getAxis("left").setStyle(showValues=not message)
        if message:
            # An empty view would span one second: the date axis labels it in milliseconds (00.100 … 00.900).
            this_year = _dt.date.today().year
            self.setXRange(_stamp(_dt.date(this_year - 9, 1, 1)), _stamp(_dt.date(this_year + 1, 1, 1)), padding=0)
            self.setYRange(0, 1, padding=0)
        elif was_empty:
            self.enableAutoRange()  # the data came back; a range the analyst panned to stays otherwise
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(0, 0, self.width(), max(self.height() - 40, 20))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if hasattr(self, "empty_label"):
            self._place_empty_label()


def _style(plot: pg.PlotWidget) -> None:
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(FOREGROUND))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        # Grid lines at labelled ticks only: the sub-minor levels cost most of a pan frame and add clutter.
        axis.setStyle(maxTickLevel=1)
    plot.showGrid(x=True, y=True, alpha=0.2)
    # Small enough that the dock can shrink to a strip under the article; the plot scales with it.
    plot.setMinimumSize(200, 110)


def export_plot(plot: pg.PlotWidget, path: str | Path, *, width: int = 1200) -> Path:
    """Write ``plot`` to a .png or .svg file, atomically: a failed export leaves the old file as it was."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"cannot export a plot to {path.name}: use a .png or .svg file name")
    check_output(path)  # an existing folder, and no device, FIFO or symlink replaced by the rename
    # Beside the target (same file system, so the rename is atomic); Qt picks the format by the suffix.
    tmp = path.parent / f".{path.stem}.{secrets.token_hex(4)}.part{suffix}"
    try:
        if suffix == ".png":
            exporter = pg.exporters.ImageExporter(plot.plotItem)
            exporter.parameters()["width"] = int(width)
            exporter.export(str(tmp))
        else:
            _export_svg(plot, tmp)
        if not tmp.is_file():
            raise OSError(f"Qt could not write {path}")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _export_svg(plot: pg.PlotWidget, path: Path) -> None:
    # pyqtgraph 0.14's SVGExporter fails on the closed paths ("... Z") Qt 6.11 writes
    # (pyqtgraph issue #3495), so the scene is painted straight into a QSvgGenerator.
    source = plot.plotItem.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    # Text and cosmetic pens are sized in device pixels: write the SVG at the screen's resolution.
    generator.setResolution(plot.logicalDpiX())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(plot.plotItem.titleLabel.text or "Article Review plot")
    generator.setDescription("Exported by Article Review")
    # SVG has no pattern brushes (Qt writes them as blurred bitmaps): the hatching stays out.
    hidden = [item for item in getattr(plot, "pattern_items", ()) if item.isVisible()]
    for item in hidden:
        item.hide()
    painter = QPainter()
    try:
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor(BACKGROUND))
        plot.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        if painter.isActive():
            painter.end()
        for item in hidden:
            item.show()


# ---------------------------------------------------------------- trade


class TradePlot(_TimePlot):
    """Each report a horizontal segment over its period with a marker; verified solid, proposed hollow."""

    point_clicked = Signal(object)  # TradePoint

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._points: dict[int, TradePoint] = {}
        self._factor = 1.0
        self._drawn_factor = 0.0
        self._drawn_keys: dict[tuple[str, bool], tuple[int, ...]] = {}
        # Each marker item's points in its order, and the indexes hidden since it was last set whole (see _draw).
        self._marked: dict[tuple[str, bool], list[TradePoint]] = {}
        self._hidden: dict[tuple[str, bool], set[int]] = {}
        self._coords: dict[tuple[str, bool], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # starts, ends, values
        self._segments: dict[tuple[str, bool], pg.PlotDataItem] = {}
        self._markers: dict[tuple[str, bool], pg.ScatterPlotItem] = {}
        self._countries: tuple[str, ...] = ()  # the series drawn, in order (the profile's sides, then unknown)
        self._current = pg.ScatterPlotItem(size=20, pen=pg.mkPen(FOREGROUND, width=1.5), brush=None, symbol="o")
        self._current.setZValue(-1)
        self.addItem(self._current)
        self._legend_key: tuple = ()
        # Legend samples for the two styles, in a neutral colour (never added to the plot).
        self._style_samples = (
            (pg.ScatterPlotItem(size=9, symbol="o", pen=pg.mkPen(FOREGROUND, width=2), brush=pg.mkBrush(FOREGROUND)),
             "verified (solid)"),
            (pg.ScatterPlotItem(size=9, symbol="o", pen=pg.mkPen(FOREGROUND, width=2), brush=pg.mkBrush(BACKGROUND)),
             "proposed (hollow, dashed)"),
        )

    # -- drawing

    def show_series(self, series: TradeSeries, currency: str | None, *, doc_id: int | None = None) -> None:
        """Draw the shown reports in ``currency``."""
        by_country = series.series(currency)
        self._points = {p.fact_id: p for points in by_country.values() for p in points}
        self._factor, word = _scale([p.value for p in self._points.values()])
        # The tab says "Trade": the axis title only gives the unit, so it fits the dock's short plot.
        self.setLabel("left", " ".join(w for w in (word, currency or "") if w) or "Trade turnover", color=FOREGROUND)
        factor_changed = self._factor != self._drawn_factor
        self._drawn_factor = self._factor
        self._add_series((*series.countries, *by_country))
        for country in self._countries:
            points = by_country.get(country, [])
            for verified in (True, False):
                chosen = [p for p in points if p.verified == verified]
                # Points are immutable and replaced when their fact changes: same objects, same drawing.
                key = tuple(map(id, chosen))
                if factor_changed or key != self._drawn_keys.get((country, verified)):
                    self._drawn_keys[country, verified] = key
                    self._draw(country, verified, chosen, whole=factor_changed)
        self.show_document(doc_id)
        legend_key = tuple((c, bool(by_country.get(c))) for c in self._countries)
        if legend_key != self._legend_key:
            self._legend_key = legend_key
            self.legend.clear()
            for country in self._countries:
                if by_country.get(country):
                    label = "statistics: unknown" if country == "unknown" else f"{country}'s statistics"
                    self.legend.addItem(self._markers[country, True], label)
            for sample, label in self._style_samples:
                self.legend.addItem(sample, label)

    def _add_series(self, countries: tuple[str, ...]) -> None:
        """Items for the series not drawn yet (a project's profile names its sides; a point's country is one)."""
        for country in countries:
            if country in self._countries:
                continue
            sides = [c for c in self._countries if c != "unknown"]
            color = UNKNOWN_COLOR if country == "unknown" else SIDE_COLORS[len(sides) % len(SIDE_COLORS)]
            self._countries = (*self._countries, country)
            for verified in (True, False):
                style = Qt.PenStyle.SolidLine if verified else Qt.PenStyle.DashLine
                segment = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(color, width=2.5 if verified else 1.5,
                                                                         style=style))
                marker = pg.ScatterPlotItem(
                    size=11, pen=pg.mkPen(color, width=2), symbol="o",
                    brush=pg.mkBrush(color) if verified else pg.mkBrush(BACKGROUND),
                    hoverable=True, tip=self._tip, hoverSize=14,
                )
                marker.sigClicked.connect(self._on_marker_clicked)
                self.addItem(segment)
                self.addItem(marker)
                self._segments[country, verified] = segment
                self._markers[country, verified] = marker

    def _draw(self, country: str, verified: bool, points: list[TradePoint], *, whole: bool = True) -> None:
        key = country, verified
        if not points:
            self._segments[key].setData([], [])
            self._markers[key].setData([], [])
            self._marked[key], self._hidden[key] = [], set()
            self._coords[key] = (np.empty(0), np.empty(0), np.empty(0))
            return
        if whole or not self._mark_changes(key, points):
            starts, ends, values = self._coords[key] = self._coordinates(points)
            self._markers[key].setData(x=(starts + ends) / 2, y=values,
                                       data=np.fromiter((p.fact_id for p in points), int, len(points)))
            self._marked[key], self._hidden[key] = list(points), set()
        starts, ends, values = self._coords[key]
        if self._hidden[key]:
            shown = np.ones(len(starts), bool)
            shown[list(self._hidden[key])] = False
            starts, ends, values = starts[shown], ends[shown], values[shown]
        xs = np.empty(2 * len(starts))
        xs[0::2], xs[1::2] = starts, ends
        self._segments[key].setData(xs, np.repeat(values, 2))  # lines have no per-point style: cheap

    def _coordinates(self, points: list[TradePoint]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        starts = (np.fromiter((p.start.toordinal() for p in points), float, len(points)) - EPOCH) * DAY
        ends = (np.fromiter((p.end.toordinal() for p in points), float, len(points)) - EPOCH + 1) * DAY
        return starts, ends, np.fromiter((p.value for p in points), float, len(points)) / self._factor

    def _mark_changes(self, key: tuple[str, bool], points: list[TradePoint]) -> bool:
        """Hide the markers of points gone and add those of new ones; False when a whole redraw is due.

        Setting a marker item whole styles every point again (pyqtgraph's symbol atlas: 30-130 ms for the
        3,000 reports of 100,000 articles, per fact confirmed); one fact changed moves one point.
        """
        marked, hidden = self._marked.get(key), self._hidden.get(key, set())
        if marked is None:
            return False
        shown = {id(p): i for i, p in enumerate(marked) if i not in hidden}
        wanted = {id(p) for p in points}
        gone = [i for point_id, i in shown.items() if point_id not in wanted]
        new = [p for p in points if id(p) not in shown]
        if len(hidden) + len(gone) > max(64, len(marked) // 4):
            return False  # mostly hidden points: start afresh
        marker = self._markers[key]
        for i in gone:
            marker.setPointsVisible(False, dataSet=marker.data[i:i + 1])  # a view: only this point restyled
        hidden.update(gone)
        if new:
            starts, ends, values = self._coordinates(new)
            marker.addPoints(x=(starts + ends) / 2, y=values,
                             data=np.fromiter((p.fact_id for p in new), int, len(new)))
            marked.extend(new)
            self._coords[key] = tuple(np.concatenate([old, added])
                                      for old, added in zip(self._coords[key], (starts, ends, values)))
        self._hidden[key] = hidden
        return True

    def show_document(self, doc_id: int | None) -> None:
        """Ring the reports of the current article."""
        mine = [p for p in self._points.values() if doc_id is not None and p.doc_id == doc_id]
        self._current.setData(x=[(_stamp(p.start) + _stamp(p.end) + DAY) / 2 for p in mine],
                              y=[p.value / self._factor for p in mine])

    def _tip(self, x: float, y: float, data: Any) -> str:
        point = self._points.get(data)
        if point is None:
            return ""
        article = point.title or point.file
        quote = (point.evidence or "").strip()
        if len(quote) > 240:
            quote = quote[:237] + "…"
        lines = [
            f"{format_value(point.value, point.currency)}"
            f"{', ' + format_change(point.change_pct) if point.change_pct is not None else ''}"
            f"{' (' + point.qualifier + ')' if point.qualifier else ''}",
            f"period: {_period_text(point.start, point.end)}",
            f"{point.publisher or 'unknown source'}, {point.country}'s statistics — {point.status}",
            f"article: {article}",
        ]
        if quote:
            lines.append(f"“{quote}”")
        return "\n".join(lines)

    def marker_position(self, fact_id: int) -> QPoint | None:
        """Where a report's marker is, in widget (viewport) coordinates."""
        point = self._points.get(fact_id)
        if point is None:
            return None
        view = QPointF((_stamp(point.start) + _stamp(point.end) + DAY) / 2, point.value / self._factor)
        return self.mapFromScene(self.plotItem.vb.mapViewToScene(view))

    def _on_marker_clicked(self, _item, spots, _event) -> None:
        if len(spots):
            point = self._points.get(spots[0].data())
            if point is not None:
                self.point_clicked.emit(point)


# ---------------------------------------------------------------- meetings


class MeetingsPlot(_TimePlot):
    """Stacked bars per period: held then planned, each verified (solid) then proposed (light, hatched)."""

    bar_clicked = Signal(str, object)  # period key, global position (QPoint)

    LAYERS = (("held", True), ("held", False), ("planned", True), ("planned", False))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, left=CountAxis(orientation="left"))
        self.setLabel("left", "Meetings", color=FOREGROUND)
        self._bars: dict[tuple[str, bool], list[pg.BarGraphItem]] = {}
        self.pattern_items: list[pg.BarGraphItem] = []
        for held, verified in self.LAYERS:
            color = QColor(HELD_COLORS[held])
            if verified:
                items = [pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(color), pen=pg.mkPen(color))]
            else:
                light = QColor(color)
                light.setAlpha(70)
                hatch = QBrush(color, Qt.BrushStyle.BDiagPattern)
                items = [pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(light),
                                         pen=pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine)),
                         pg.BarGraphItem(x=[], height=[], width=1, brush=hatch, pen=pg.mkPen(None))]
                self.pattern_items.append(items[1])
            for item in items:
                self.addItem(item)
            self._bars[held, verified] = items
            self.legend.addItem(items[0], f"{held}, {'verified' if verified else 'proposed'}")
        self._table: list[dict[str, Any]] = []
        self._edges = np.zeros(0)
        self._totals = np.zeros(0)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)

    def show_counts(self, counts: MeetingCounts) -> None:
        """Draw the counts table of ``counts``."""
        self._table = counts.table()
        starts = np.array([_stamp(_dt.date.fromisoformat(r["period_start"])) for r in self._table])
        ends = np.array([_stamp(_dt.date.fromisoformat(r["period_end"])) + DAY for r in self._table])
        self._edges = np.stack([starts, ends], axis=1) if len(starts) else np.zeros((0, 2))
        x, width = (starts + ends) / 2, (ends - starts) * 0.8
        bottom = np.zeros(len(self._table))
        for held, verified in self.LAYERS:
            column = f"{held}_{'verified' if verified else 'proposed'}"
            height = np.array([r[column] for r in self._table], dtype=float)
            drawn = height > 0  # an empty cell would still draw its outline as a line
            for item in self._bars[held, verified]:
                item.setOpts(x=x[drawn], width=width[drawn], height=height[drawn], y0=bottom[drawn])
            bottom = bottom + height
        self._totals = bottom
        # A few bars read best with their period under each; many fall back to the date axis.
        axis = self.getAxis("bottom")
        if 0 < len(self._table) <= 24:
            axis.setTicks([[(float(m), r["period"]) for m, r in zip(x, self._table)], []])
        else:
            axis.setTicks(None)
        labels = {"month": "Month", "quarter": "Quarter", "year": "Year"}
        self.setLabel("bottom", labels[counts.by], color=FOREGROUND)
        self.setLabel("left", f"per {counts.by}", color=FOREGROUND)  # the tab says "Meetings": it fits short plots

    def bar_position(self, period_key: str) -> QPoint | None:
        """The middle of a bar, in widget (viewport) coordinates."""
        for row, (start, end), total in zip(self._table, self._edges, self._totals):
            if row["period"] == period_key and total > 0:
                view = QPointF((start + end) / 2, total / 2)
                return self.mapFromScene(self.plotItem.vb.mapViewToScene(view))
        return None

    def period_at(self, x: float, y: float) -> str | None:
        """The period whose bar is under view coordinates (x, y)."""
        for row, (start, end), total in zip(self._table, self._edges, self._totals):
            middle, half = (start + end) / 2, (end - start) * 0.4
            if abs(x - middle) <= half and 0 <= y <= total and total > 0:
                return row["period"]
        return None

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view = self.plotItem.vb.mapSceneToView(event.scenePos())
        period = self.period_at(view.x(), view.y())
        if period is not None:
            event.accept()
            self.bar_clicked.emit(period, event.screenPos().toPoint())


# ---------------------------------------------------------------- the dock


class PlotDock(QDockWidget):
    """Trade and Meetings tabs over the project database, following the analyst live."""

    evidence_requested = Signal(int, int, int)  # doc_id, start, end
    changed = Signal()  # part of the dock protocol; this dock only reads
    loaded = Signal()  # a large project's facts, read on a worker, are drawn (or could not be read)

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__("Plots", parent)
        self.setObjectName("PlotDock")
        self.db_path = Path(db_path) if str(db_path) != ":memory:" else db_path
        self.db = store.open_db(db_path, create=False)  # the window made it: never a new one here
        # Closing a dock only hides it (the View menu brings it back): the connection lives as long as the widget.
        db = self.db
        self.destroyed.connect(lambda *_: db.close())
        self.doc_id: int | None = None
        self.events_menu: QMenu | None = None
        # A large project's facts are read on a worker (half a second of Python at 100,000 articles): the
        # dock shows at once, says it is reading, and draws when they come.
        self.loader: GeneratorWorker | None = None
        if aggregate.quick_to_load(self.db):
            models = aggregate.load_plots(self.db)
        else:
            models = aggregate.PlotModels(store.latest_change(self.db), TradeSeries(), MeetingCounts(by="month"))
            self._start_loading()
        self.feed = aggregate.FactFeed(self.db, seq=models.seq)
        self.trade, self.meetings = models.trade, models.meetings
        self._drawn_trade = self._drawn_meetings = -1
        self._entity_names: dict[str, str] = {}
        self._build()
        self._draw_both()

    def _draw_both(self) -> None:
        self._update_choices()
        self._redraw(force=True)
        self._drawn_meetings = self.meetings.version
        self._draw_meetings()  # both tabs drawn once, so an export or a click never meets an empty plot

    def _start_loading(self) -> None:
        db_path = self.db_path
        worker = GeneratorWorker(lambda cancelled: aggregate.load_plots_steps(db_path, cancelled))
        worker.signals.finished.connect(self._on_loaded)
        worker.signals.failed.connect(self._on_load_failed)
        self.destroyed.connect(lambda *_: worker.detach())
        self.loader = worker
        QThreadPool.globalInstance().start(worker)

    @property
    def is_loaded(self) -> bool:
        """Whether the facts are read and drawn (at once in a small project)."""
        return self.loader is None

    # -- layout

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget(body)
        layout.addWidget(self.tabs)

        trade_tab = QWidget()
        trade_layout = QVBoxLayout(trade_tab)
        trade_layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        self.currency_combo = QComboBox()
        self.currency_combo.setToolTip("Currency of the figures drawn")
        self.trade_status_combo = self._status_combo()
        controls.addWidget(QLabel("Currency"))
        controls.addWidget(self.currency_combo)
        controls.addWidget(self.trade_status_combo)
        # The note goes beside the controls, not under the plot: in a strip under the article
        # every row taken is plot height lost.
        self.trade_note = ElidedLabel()
        self.trade_note.setStyleSheet("color: gray")
        controls.addWidget(self.trade_note, 1)
        trade_layout.addLayout(controls)
        self.trade_plot = TradePlot(trade_tab)
        trade_layout.addWidget(self.trade_plot)
        self.tabs.addTab(trade_tab, "Trade")

        meetings_tab = QWidget()
        meetings_layout = QVBoxLayout(meetings_tab)
        meetings_layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        self.by_combo = QComboBox()
        for by in aggregate.PERIODS:
            self.by_combo.addItem(f"per {by}", by)
        self.participant_combo = QComboBox()
        self.participant_combo.setToolTip("Count only the meetings this entity takes part in")
        self.meeting_status_combo = self._status_combo()
        for widget in (self.by_combo, self.participant_combo, self.meeting_status_combo):
            controls.addWidget(widget)
        self.meetings_note = ElidedLabel()
        self.meetings_note.setStyleSheet("color: gray")
        controls.addWidget(self.meetings_note, 1)
        meetings_layout.addLayout(controls)
        self.meetings_plot = MeetingsPlot(meetings_tab)
        meetings_layout.addWidget(self.meetings_plot)
        self.tabs.addTab(meetings_tab, "Meetings")

        # The export button sits in the tab bar's corner rather than on a row of its own: every row
        # here is taken from the article's height.
        self.export_button = QPushButton("Export plot…")
        self.export_button.setToolTip("Save the plot shown to a PNG or SVG file")
        self.tabs.setCornerWidget(self.export_button, Qt.TopRightCorner)
        # The fixed choices show whole ("Verified and pr" read as a bug at 1366x768); entity names, which
        # may be long, must not set the dock's minimum width. The note beside them elides instead.
        for combo in (self.trade_status_combo, self.by_combo, self.meeting_status_combo):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for combo, length in ((self.currency_combo, 6), (self.participant_combo, len("All participants"))):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(length)
        # Below its minimum the dock scrolls instead of pushing the article aside.
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.setWidget(scroll)

        self.currency_combo.currentIndexChanged.connect(self._on_trade_options)
        self.trade_status_combo.currentIndexChanged.connect(self._on_trade_options)
        self.by_combo.currentIndexChanged.connect(self._on_meeting_options)
        self.participant_combo.currentIndexChanged.connect(self._on_meeting_options)
        self.meeting_status_combo.currentIndexChanged.connect(self._on_meeting_options)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.trade_plot.point_clicked.connect(self._on_point_clicked)
        self.meetings_plot.bar_clicked.connect(self._on_bar_clicked)

    @staticmethod
    def _status_combo() -> QComboBox:
        combo = QComboBox()
        for label, statuses in STATUS_CHOICES:
            combo.addItem(label, statuses)
        combo.setToolTip("Verified = confirmed by the analyst; rejected facts are never drawn")
        return combo

    # -- dock protocol

    def set_document(self, doc_id: int | None) -> None:
        """Ring the current article's trade reports."""
        self.doc_id = doc_id
        self.trade_plot.show_document(doc_id)

    def refresh(self) -> None:
        """Follow what changed in the database since the last look (incremental)."""
        if self.loader is not None:
            return  # the models being read follow every change once they are here
        if self.feed.sync([self.trade, self.meetings]):
            self._update_choices()
        self._redraw()

    # -- drawing

    def _update_choices(self) -> None:
        currencies = self.trade.currencies()
        current = self.currency_combo.currentData()
        wanted = [self.currency_combo.itemData(i) for i in range(self.currency_combo.count())]
        if wanted != currencies:
            self.currency_combo.blockSignals(True)
            self.currency_combo.clear()
            for currency in currencies:
                self.currency_combo.addItem(currency, currency)
            index = self.currency_combo.findData(current)
            self.currency_combo.setCurrentIndex(max(index, 0))
            self.currency_combo.blockSignals(False)
        participants = self.meetings.participants()
        have = [self.participant_combo.itemData(i) for i in range(1, self.participant_combo.count())]
        if have != participants or self.participant_combo.count() == 0:
            current = self.participant_combo.currentData()
            self.participant_combo.blockSignals(True)
            self.participant_combo.clear()
            self.participant_combo.addItem("All participants", None)
            for entity_id in participants:
                self.participant_combo.addItem(self._entity_name(entity_id), entity_id)
            self.participant_combo.setCurrentIndex(max(self.participant_combo.findData(current), 0))
            self.participant_combo.blockSignals(False)

    def _entity_name(self, entity_id: str) -> str:
        if entity_id not in self._entity_names:
            row = store.get_row(self.db, "entities", entity_id)
            self._entity_names[entity_id] = row["name"] if row and row.get("name") else entity_id
        return self._entity_names[entity_id]

    def _redraw(self, *, force: bool = False) -> None:
        # Only the tab shown is drawn; the other catches up when it is shown.
        if self.tabs.currentIndex() == 0:
            if force or self._drawn_trade != self.trade.version:
                self._drawn_trade = self.trade.version
                self._draw_trade()
        elif force or self._drawn_meetings != self.meetings.version:
            self._drawn_meetings = self.meetings.version
            self._draw_meetings()

    def _draw_trade(self) -> None:
        currency = self.currency_combo.currentData()
        self.trade_plot.show_series(self.trade, currency, doc_id=self.doc_id)
        shown = len(self.trade_plot._points)
        notes = [f"{shown} report{'s' * (shown != 1)}"]
        others = sum(self.trade.currency_counts().values()) - shown
        if others:
            notes.append(f"{others} in other currencies")
        changes = len(self.trade.changes_only)
        if changes:
            notes.append(f"{changes} change{'s' * (changes != 1)} without an amount not drawn")
        if len(self.trade.skipped) > changes:
            notes.append(f"{len(self.trade.skipped) - changes} without a period or value not drawn")
        self.trade_note.set_full_text("; ".join(notes) + ". Solid: verified; hollow, dashed: proposed. Click a point for its evidence.")
        statuses = _status_words(self.trade_status_combo.currentData())
        empty = None
        if self.loader is not None:
            self.trade_note.set_full_text("")
            empty = "Reading the trade figures…"
        elif not shown:
            empty = (f"No {statuses} trade figures in {currency}" if others and currency
                     else f"No {statuses} trade figures yet")
        self.trade_plot.show_empty(empty)

    def _draw_meetings(self) -> None:
        self.meetings_plot.show_counts(self.meetings)
        events = int(self.meetings_plot._totals.sum())
        note = f"{events} event{'s' * (events != 1)}, merged reports counted once"
        if self.meetings.undated:
            note += f"; {self.meetings.undated} without a date not counted"
        self.meetings_note.set_full_text(note + ". Click a bar for its events.")
        participant = self.participant_combo.currentData()
        statuses = _status_words(self.meeting_status_combo.currentData())
        empty = None
        if self.loader is not None:
            self.meetings_note.set_full_text("")
            empty = "Reading the meetings…"
        elif not events:
            empty = (f"No {statuses} meetings of {self._entity_name(participant)}" if participant
                     else f"No {statuses} meetings yet")
        self.meetings_plot.show_empty(empty)

    def current_plot(self) -> pg.PlotWidget:
        """The plot of the tab shown."""
        return self.trade_plot if self.tabs.currentIndex() == 0 else self.meetings_plot

    def export(self, path: str | Path) -> Path:
        """Export the plot shown to ``path`` (.png or .svg)."""
        return export_plot(self.current_plot(), path)

    # -- handlers

    def _on_loaded(self, models: aggregate.PlotModels | None) -> None:
        self.loader = None
        if models is None:
            self.loaded.emit()
            return
        self.trade, self.meetings = models.trade, models.meetings
        self.feed.seq = models.seq
        # The options chosen while reading, then what was written meanwhile.
        self.trade.set_statuses(self.trade_status_combo.currentData())
        self.meetings.set_options(by=self.by_combo.currentData(), participant=self.participant_combo.currentData(),
                                  statuses=self.meeting_status_combo.currentData())
        self.feed.sync([self.trade, self.meetings])
        self._draw_both()
        self.loaded.emit()

    def _on_load_failed(self, message: str) -> None:
        self.loader = None
        self._draw_both()
        for plot in (self.trade_plot, self.meetings_plot):
            plot.show_empty(f"Could not read the facts: {message}")
        self.loaded.emit()

    def _on_tab_changed(self, _index: int) -> None:
        self._redraw()

    def _on_trade_options(self) -> None:
        self.trade.set_statuses(self.trade_status_combo.currentData())
        self._update_choices()
        self._redraw(force=True)

    def _on_meeting_options(self) -> None:
        self.meetings.set_options(by=self.by_combo.currentData(), participant=self.participant_combo.currentData(),
                                  statuses=self.meeting_status_combo.currentData())
        self._redraw(force=True)

    def _on_point_clicked(self, point: TradePoint) -> None:
        self._request(point.doc_id, point.evidence_start, point.evidence_end)

    def _on_bar_clicked(self, period_key: str, global_pos) -> None:
        groups = self.meetings.groups_in(period_key)
        if not groups:
            return
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for group in groups:
            action = QAction(self._group_label(group), menu)
            action.setToolTip((group.evidence.evidence or "").strip()[:300])
            action.triggered.connect(lambda _checked=False, g=group: self._on_group_chosen(g))
            menu.addAction(action)
        self.events_menu = menu
        menu.popup(global_pos)

    def _group_label(self, group: MeetingGroup) -> str:
        names = ", ".join(self._entity_name(p) for p in sorted(group.participants))
        reports = len(group.reports)
        parts = [group.day.isoformat() if group.day else "no date", group.held,
                 "verified" if group.verified else "proposed"]
        if group.place:
            parts.append(group.place)
        if names:
            parts.append(names)
        parts.append(f"{reports} report{'s' * (reports != 1)}")
        return " · ".join(parts)

    def _on_group_chosen(self, group: MeetingGroup) -> None:
        report = group.evidence
        self._request(report.doc_id, report.start, report.end)

    def _request(self, doc_id: int, start: int | None, end: int | None) -> None:
        start = start if start is not None else 0
        self.evidence_requested.emit(doc_id, start, end if end is not None else start)

    def _on_export_clicked(self) -> None:
        name = "trade" if self.tabs.currentIndex() == 0 else "meetings"
        path, _filter = QFileDialog.getSaveFileName(self, "Export plot", f"{name}.png", "PNG image (*.png);;SVG drawing (*.svg)")
        if not path:
            return
        if Path(path).suffix.lower() not in EXPORT_FORMATS:
            path += ".svg" if "svg" in _filter.lower() else ".png"
        try:
            self.export(path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Export plot", f"Could not export the plot: {exc}")
