"""A QUndoStack mirroring the core's history, so undo survives a restart.

The stack holds one :class:`HistoryCommand` per undoable or redoable action
of :mod:`desktop.history`. :meth:`HistoryUndoStack.sync` rebuilds it from the
database: at start, after any write by the window or a dock, and when
another window may have written. Commands pushed for actions already applied
skip their first ``redo()``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils
from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop import history


class HistoryCommand(QUndoCommand):
    """One action of the core's log; undo/redo call the core."""

    def __init__(self, stack: "HistoryUndoStack", action_row: dict[str, Any]):
        super().__init__(action_row.get("summary") or action_row["op"])
        self.stack_ref = stack
        self.action_id = int(action_row["id"])
        self.doc_id = action_row.get("doc_id")

    def redo(self) -> None:
        if not self.stack_ref.replaying:
            self.stack_ref.run_core("redo", self)

    def undo(self) -> None:
        if not self.stack_ref.replaying:
            self.stack_ref.run_core("undo", self)


class HistoryUndoStack(QUndoStack):
    """The window's undo stack over ``db``'s history (at most ``limit`` steps each way)."""

    applied = Signal(str, object)  # direction ("undo"|"redo"), doc_id of the action

    def __init__(self, db: sqlite_utils.Database, parent=None, *, limit: int = 1000):
        super().__init__(parent)
        self.db = db
        self.limit = limit
        self.replaying = False
        self.error: str | None = None

    def action_ids(self) -> list[int]:
        return [self.command(i).action_id for i in range(self.count())]

    def sync(self) -> None:
        """Make the stack match the core: done actions below the index, redoable ones above."""
        done = list(reversed(history.undoable(self.db)[: self.limit]))  # oldest first
        redo = history.redoable(self.db)[: self.limit]  # next redo first
        want = [a["id"] for a in done] + [a["id"] for a in redo]
        have = self.action_ids()
        if have == want and self.index() == len(done):
            return
        self.replaying = True
        try:
            have_done = have[: self.index()]
            if not redo and [a["id"] for a in done[: len(have_done)]] == have_done:
                # The common case, a new action: push it (this also drops the stale redo branch).
                for row in done[len(have_done):]:
                    self.push(HistoryCommand(self, row))
            else:
                self.clear()
                for row in done + redo:
                    self.push(HistoryCommand(self, row))
                self.setIndex(len(done))
        finally:
            self.replaying = False

    def run_core(self, direction: str, command: HistoryCommand) -> None:
        """Apply the core's undo/redo, refusing if the core's next step is another action."""
        candidates = history.undoable(self.db) if direction == "undo" else history.redoable(self.db)
        if not candidates or candidates[0]["id"] != command.action_id:
            self.error = f"cannot {direction}: the history was changed by another window; the list is now up to date"
            return
        # history's undo/redo take SQLite's write lock first (BEGIN IMMEDIATE), so a worker's commit
        # only makes them wait for the busy timeout: no retry (and no sleep) on the GUI thread.
        try:
            target = history.undo(self.db) if direction == "undo" else history.redo(self.db)
        except history.HistoryError as exc:
            self.error = str(exc)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            self.error = f"cannot {direction}: the database is busy ({exc}); try again"
            return
        if target is not None:
            self.applied.emit(direction, target.get("doc_id"))

    def take_error(self) -> str | None:
        """The message of the last refused undo/redo (and forget it)."""
        error, self.error = self.error, None
        return error
