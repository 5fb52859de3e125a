"""Draw the app icon: resources/icons/article-review.{svg,png} and packaging/article-review.ico.

    .venv/bin/python packaging/make_icon.py

The files are committed; rerun after editing the drawing. The SVG is the source; the 256 px PNG
(Linux desktop entry, window icon) and the ICO (Windows executable, only needed to build, so it
stays out of the app's resources) are rendered from it with Qt's SVG renderer, offscreen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE.parent / "resources" / "icons"

# A page of text with highlighted mentions (entity colours) and a confirmation tick.
SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Article Review</title>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="#1f4e79"/>
  <path d="M60 36 H160 L196 72 V220 H60 Z" fill="#ffffff"/>
  <path d="M160 36 V72 H196 Z" fill="#c9d6e3"/>
  <rect x="76" y="88" width="56" height="14" rx="4" fill="#f4b942"/>
  <rect x="138" y="88" width="40" height="14" rx="4" fill="#c9d6e3"/>
  <rect x="76" y="114" width="30" height="14" rx="4" fill="#c9d6e3"/>
  <rect x="112" y="114" width="66" height="14" rx="4" fill="#5fb36b"/>
  <rect x="76" y="140" width="102" height="14" rx="4" fill="#c9d6e3"/>
  <rect x="76" y="166" width="48" height="14" rx="4" fill="#e06c8c"/>
  <rect x="130" y="166" width="48" height="14" rx="4" fill="#c9d6e3"/>
  <circle cx="188" cy="192" r="40" fill="#2e9e5b" stroke="#ffffff" stroke-width="8"/>
  <path d="M168 193 L183 208 L210 178" fill="none" stroke="#ffffff" stroke-width="12"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render(svg_path: Path, size: int):
    """The SVG drawn on a transparent square image of ``size`` pixels."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise SystemExit(f"make_icon: cannot read {svg_path}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one
    ICONS.mkdir(parents=True, exist_ok=True)
    svg_path = ICONS / "article-review.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    if not render(svg_path, 256).save(str(ICONS / "article-review.png")):
        raise SystemExit("make_icon: cannot write the PNG")
    # Qt's ICO writer stores one image; 256 px is what Windows scales down from.
    if not render(svg_path, 256).save(str(HERE / "article-review.ico")):
        raise SystemExit("make_icon: cannot write the ICO")
    for path in (svg_path, ICONS / "article-review.png", HERE / "article-review.ico"):
        sys.stdout.write(f"{path} ({path.stat().st_size} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
