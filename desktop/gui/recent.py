"""File > Open recent: the projects of :mod:`desktop.recent`, re-read each time the menu opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu

from desktop import recent


class RecentMenu(QMenu):
    """The recent projects, newest first; choosing one emits :attr:`chosen` (folder or None, database)."""

    chosen = Signal(object, object)  # folder: Path | None, database: Path

    def __init__(self, parent=None, *, current_db: Path | None = None):
        super().__init__("Open &recent", parent)
        self.setObjectName("recentMenu")
        self.current_db = Path(current_db).resolve() if current_db else None
        self.aboutToShow.connect(self.refresh)  # read when the menu opens: another window may have added one

    def refresh(self) -> None:
        """Rebuild the entries (a project deleted since is pruned by :func:`desktop.recent.recent_projects`)."""
        self.clear()
        items = [i for i in recent.recent_projects() if self.current_db is None or Path(i["db"]) != self.current_db]
        for n, item in enumerate(items, 1):
            text = recent.describe(item)
            action = self.addAction(f"&{n} {text}" if n < 10 else text)
            action.setToolTip(item["folder"] or item["db"])
            action.setData(item)
            action.triggered.connect(lambda _=False, item=item: self._on_chosen(item))
        if not items:
            self.addAction("No recent projects").setEnabled(False)
        self.addSeparator()
        clear = self.addAction("Clear the list")
        clear.setObjectName("clearRecent")
        clear.setEnabled(bool(items))
        clear.triggered.connect(self._on_clear)

    def entries(self) -> list[dict]:
        """The projects listed (tests and the window read them)."""
        return [a.data() for a in self.actions() if isinstance(a.data(), dict)]

    def _on_chosen(self, item: dict) -> None:
        folder = Path(item["folder"]) if item["folder"] and Path(item["folder"]).is_dir() else None
        self.chosen.emit(folder, Path(item["db"]))

    def _on_clear(self) -> None:
        recent.clear()
        self.refresh()
