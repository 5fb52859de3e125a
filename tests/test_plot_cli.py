"""``article-review plot``: PNG, SVG and CSV for both plots, headless."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from desktop import store
from desktop.cli import main


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path)
    belta = store.insert_document(db, path="belta.txt", hash="1", text="MINSK (BelTA) - Trade grew.")
    tass = store.insert_document(db, path="tass.txt", hash="2", text="MOSCOW, 3 May /TASS/. Talks.")
    rows = [
        {"doc_id": belta, "kind": "trade", "status": "confirmed", "period_start": "2022-01-01",
         "period_end": "2022-12-31", "value": 4.5e10, "currency": "USD", "evidence": "Trade grew to $45 billion.",
         "start": 14, "end": 27},
        {"doc_id": tass, "kind": "trade", "status": "proposed", "period_start": "2023-01-01",
         "period_end": "2023-09-30", "value": 3.6e10, "currency": "USD", "evidence": "Trade was $36 billion."},
        {"doc_id": tass, "kind": "trade", "status": "rejected", "period_start": "2021-01-01",
         "period_end": "2021-12-31", "value": 1.0e9, "currency": "USD"},
        # Two reports of one meeting: the command merges them (the facts were written without the history).
        {"doc_id": belta, "kind": "meeting", "status": "confirmed", "date_start": "2022-03-31",
         "date_end": "2022-03-31", "held": "held", "participants": ["putin", "lukashenko"]},
        {"doc_id": tass, "kind": "meeting", "status": "proposed", "date_start": "2022-03-31",
         "date_end": "2022-03-31", "held": "held", "participants": ["putin", "lukashenko"]},
        {"doc_id": tass, "kind": "meeting", "status": "proposed", "date_start": "2022-04-01", "held": "planned",
         "participants": ["putin", "tokayev"]},
        {"doc_id": tass, "kind": "call", "status": "proposed", "date_start": "2022-08-01", "held": "held",
         "participants": ["putin", "lukashenko"]},
    ]
    for row in rows:
        db["facts"].insert(store.encode("facts", {"source": "rule", **row}))
    db.close()
    return db_path


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_meetings_csv_by_quarter(project, tmp_path, capsys):
    out = tmp_path / "meetings.csv"
    assert main(["plot", "--db", str(project), "--what", "meetings", "--by", "quarter", "-o", str(out)]) == 0
    rows = read_csv(out)
    assert [(r["period"], r["held_verified"], r["planned_proposed"], r["total"]) for r in rows] == [
        ("2022-Q1", "1", "0", "1"),  # two reports of one event, one confirmed
        ("2022-Q2", "0", "1", "1"),
    ]
    assert rows[0]["period_start"] == "2022-01-01" and rows[1]["period_end"] == "2022-06-30"
    assert "2 periods" in capsys.readouterr().out


def test_meetings_csv_filters(project, tmp_path):
    out = tmp_path / "m.csv"
    main(["plot", "--db", str(project), "--what", "meetings", "--by", "year", "--status", "proposed",
          "--participant", "tokayev", "-o", str(out)])
    assert [(r["period"], r["total"]) for r in read_csv(out)] == [("2022", "1")]
    main(["plot", "--db", str(project), "--what", "meetings", "--by", "year", "--calls", "-o", str(out)])
    assert [(r["period"], r["total"]) for r in read_csv(out)] == [("2022", "3")]


def test_trade_csv_one_row_per_report(project, tmp_path):
    out = tmp_path / "trade.csv"
    assert main(["plot", "--db", str(project), "--what", "trade", "-o", str(out)]) == 0
    rows = read_csv(out)
    assert [(r["period_start"], r["period_end"], float(r["value"]), r["status"], r["statistics"]) for r in rows] == [
        ("2022-01-01", "2022-12-31", 4.5e10, "confirmed", "Belarus"),
        ("2023-01-01", "2023-09-30", 3.6e10, "proposed", "Russia"),
    ]
    main(["plot", "--db", str(project), "--what", "trade", "--status", "confirmed,rejected", "-o", str(out)])
    assert [r["status"] for r in read_csv(out)] == ["rejected", "confirmed"]


@pytest.mark.parametrize(
    ("what", "colour"),
    [
        pytest.param("trade", "#c8313e", id="trade"),  # the verified BelTA report's filled marker
        pytest.param("meetings", "#2b7a3d", id="meetings"),  # the verified held bar
    ],
)
def test_png_and_svg(project, tmp_path, what, colour, qapp):
    from PySide6.QtGui import QColor, QImage

    png = tmp_path / f"{what}.png"
    assert main(["plot", "--db", str(project), "--what", what, "--width", "900", "-o", str(png)]) == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    image = QImage(str(png))
    assert not image.isNull() and image.width() == 900 and image.height() > 300
    # The data is drawn, not only the axes: the series colour fills some pixels.
    wanted = QColor(colour).rgb()
    assert sum(image.pixel(x, y) == wanted for x in range(0, 900, 2) for y in range(0, image.height(), 2)) > 5
    svg = tmp_path / f"{what}.svg"
    assert main(["plot", "--db", str(project), "--what", what, "-o", str(svg)]) == 0
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(list(root.iter())) > 50


def test_headless_without_display(project, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "meetings.png"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "plot", "--db", str(project), "--what", "meetings", "--by", "month",
         "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--what", "trade", "-o", "x.gif"], "must end in .png, .svg or .csv", id="format"),
        pytest.param(["--what", "trade", "--status", "maybe", "-o", "x.csv"], "--status must be among", id="status"),
        pytest.param(["--what", "trade", "--currency", "EUR", "-o", "x.png"], "no EUR figures", id="currency"),
        pytest.param(["--what", "meetings", "-o", "nowhere/x.csv"], "no folder", id="folder"),
    ],
)
def test_user_errors_are_one_line(project, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["plot", "--db", str(project), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_database(tmp_path, capsys):
    assert main(["plot", "--db", str(tmp_path / "none.sqlite"), "--what", "trade", "-o", str(tmp_path / "t.csv")]) == 2
    assert "no database" in capsys.readouterr().err
