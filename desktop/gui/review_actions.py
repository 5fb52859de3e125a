"""What the review keys do: move between spans and articles, decide, resize, add, link, undo.

A mixin of :class:`desktop.gui.main_window.MainWindow`: each handler calls one
:mod:`desktop.review` operation through the session (one undoable transaction)
and tells the session what it wrote; the widgets redraw from the session's
events. Nothing here pushes state into a widget.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from desktop import review
from desktop.gui.article_view import move_boundary, snap_to_words
from desktop.gui.entity_dialog import EntityDialog


class ReviewActions:
    """Key and menu handlers over ``self.session`` (a :class:`desktop.session.Session`) and ``self.view``."""

    # ------------------------------------------------------------ articles

    def step_document(self, step: int) -> None:
        doc_id = self.session.doc_id
        target = self.documents.neighbour(doc_id, step)
        if target is None:
            self.statusBar().showMessage("No more articles that way", 3000)
            return
        self.open_document(target)

    def verify_and_next(self) -> None:
        """Mark the article verified and open the next one that is not (in list order, wrapping)."""
        doc_id = self.session.doc_id
        if doc_id is None:
            return
        if self._run(review.mark_verified, doc_id) is None:
            return
        self.documents.refresh()
        target = self.documents.next_unfinished(doc_id)
        self.session.after_write(reload=False)
        if target is None:
            self.statusBar().showMessage("Every article is verified", 5000)
            self.open_document(doc_id)
        else:
            self.open_document(target)

    def show_evidence(self, doc_id: int, start: int, end: int) -> None:
        """Open ``doc_id`` and select ``start..end`` (a dock asked to see a fact's sentence)."""
        if self.session.doc_id != doc_id:
            self.open_document(doc_id)
        if self.session.doc is not None:
            self.view.select_range(start, end)
            self.view.setFocus(Qt.OtherFocusReason)

    # ------------------------------------------------------------ spans

    def _on_span_clicked(self, span_id: int) -> None:
        self.session.set_current_span(span_id)

    def step_span(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) visible span."""
        if not self.session.step_span(step):
            self.statusBar().showMessage("This article has no spans", 3000)

    def _require_span(self) -> dict[str, Any] | None:
        span = self.session.current_span()
        if span is None:
            self.statusBar().showMessage("No span selected: press j / k or click a span", 4000)
        return span

    def _decide(self, operation, *args) -> None:
        span = self._require_span()
        if span is None:
            return
        following = self.session.next_after(span["id"])
        after = self._run(operation, span["id"], *args)
        if after is None:
            return
        self.session.patch_span(after)
        self.session.after_write(reload=False, changed=(after["id"],))
        if following is not None:
            self.session.set_current_span(following)
        elif after["status"] == "rejected" and not self.session.show_rejected:
            self.session.set_current_span(None)

    def accept_current(self) -> None:
        self._decide(review.accept)

    def reject_current(self) -> None:
        self._decide(review.reject)

    def relabel_current(self, label: str) -> None:
        self._decide(review.relabel, label)

    def accept_all(self) -> None:
        if self.session.doc is None:
            return
        n = self._run(review.accept_all, self.session.doc_id)
        if n is None:
            return
        self.statusBar().showMessage(f"Accepted {n} spans", 3000)
        self.session.after_write(reload=True)

    def label_key(self, n: int) -> None:
        """A label key: add a span over the selected text, or relabel the current span."""
        labels = self.session.labels
        if n > len(labels) or self.session.doc is None:
            return
        label = labels[n - 1]
        selected = self.view.selected_range()
        if selected and selected[1] > selected[0]:
            self.add_span(selected[0], selected[1], label)
        elif self.view.keyboard_selecting:
            # Relabelling the span the selection started from would surprise: nothing is selected yet.
            self.statusBar().showMessage("Extend the selection with the arrow keys first (Esc cancels)", 4000)
        else:
            self.relabel_current(label)

    def toggle_keyboard_selection(self) -> None:
        """Start selecting text with the keys (``v``), or cancel a selection in progress."""
        if self.view.keyboard_selecting:
            self.view.end_keyboard_selection()
            return
        doc = self.session.doc
        if doc is None or not doc["text"]:
            self.statusBar().showMessage("No article to select text in", 3000)
            return
        self.view.setFocus(Qt.ShortcutFocusReason)
        self.view.start_keyboard_selection(self.view.keyboard_anchor(self.session.current_span()))

    def _on_keyboard_selection(self, *_args) -> None:
        if not self.view.keyboard_selecting:
            self.selection_label.hide()
            return
        selected = self.view.selected_range()
        doc = self.session.doc
        text = doc["text"][selected[0]:selected[1]] if selected and doc else ""
        text = " ".join(text.split())
        if len(text) > 40:
            text = text[:18] + "…" + text[-18:]
        shown = f"“{text}”" if text else "(empty)"
        self.selection_label.setText(f"SELECT {shown} — arrows extend, 1–9 add, Esc cancels")
        self.selection_label.show()

    def add_span(self, start: int, end: int, label: str) -> int | None:
        """Add an analyst span (snapped to whole words unless character precision is on)."""
        doc = self.session.doc
        if doc is None:
            return None
        if not self.session.char_precision:
            start, end = snap_to_words(doc["text"], start, end)
        span_id = self._run(review.add_span, doc["id"], start, end, label)
        if span_id is None:
            return None
        self.view.end_keyboard_selection()
        self.view.clear_selection()
        self.session.after_write(reload=True)
        self.session.set_current_span(span_id)
        return span_id

    def delete_current(self) -> None:
        span = self._require_span()
        if span is None:
            return
        following = self.session.next_after(span["id"])
        if self._run(review.delete_span, span["id"], default=False) is False:
            return
        self.session.after_write(reload=True)
        self.session.set_current_span(following)

    def move_edge(self, edge: str, step: int) -> None:
        """Move the current span's start or end by a word (or a character with character precision)."""
        span = self._require_span()
        if span is None:
            return
        text = self.session.doc["text"]
        words = not self.session.char_precision
        start, end = span["start"], span["end"]
        if edge == "start":
            start = move_boundary(text, start, step, words=words, edge="start")
        else:
            end = move_boundary(text, end, step, words=words, edge="end")
        if (start, end) == (span["start"], span["end"]) or start >= end:
            return
        if self._run(review.resize, span["id"], start, end) is None:
            return
        self.session.after_write(reload=True)
        self.session.set_current_span(span["id"])

    def link_current(self) -> None:
        """Open the entity dialog for the current span (non-blocking; see _on_entity_dialog_done)."""
        span = self._require_span()
        if span is None:
            return
        dialog = EntityDialog(self.session.db, span, self.session.labels, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda result, d=dialog, s=span["id"]: self._on_entity_dialog_done(d, s, result))
        self.entity_dialog = dialog
        dialog.open()

    def _on_entity_dialog_done(self, dialog: EntityDialog, span_id: int, result: int) -> None:
        self.entity_dialog = None
        if result != EntityDialog.Accepted:
            return
        outcome = self._run(dialog.apply, span_id)
        if outcome is None:
            return
        _entity_id, changed = outcome
        self.statusBar().showMessage(f"Linked {changed} mention{'s' if changed != 1 else ''}", 4000)
        self.session.after_write(reload=True)
        self.session.set_current_span(span_id)

    # ------------------------------------------------------------ undo

    def undo(self) -> None:
        self._undo_redo("undo")

    def redo(self) -> None:
        self._undo_redo("redo")

    def _undo_redo(self, direction: str) -> None:
        self.undo_stack.sync()  # another window may have written since
        doc_ids: list[Any] = []
        self.undo_stack.applied.connect(lambda _d, doc_id: doc_ids.append(doc_id))
        try:
            (self.undo_stack.undo if direction == "undo" else self.undo_stack.redo)()
        finally:
            self.undo_stack.applied.disconnect()
        error = self.undo_stack.take_error()
        self.undo_stack.sync()
        if error:
            self.show_error(error)
            self.refresh_all()
            return
        if not doc_ids:
            self.statusBar().showMessage(f"Nothing to {direction}", 3000)
            return
        self.statusBar().showMessage(f"{direction.capitalize()} done", 2000)
        keep_span = self.session.current_span_id
        target = doc_ids[0]
        self.session.corpus_changed(reopen=False)
        if target is not None and target != self.session.doc_id:
            self.open_document(target)
        else:
            self.open_document(self.session.doc_id, span_id=keep_span)

    # ------------------------------------------------------------ small handlers

    def _on_context_menu(self, global_pos, span_id) -> None:
        menu = QMenu(self)
        labels = self.session.labels
        selected = self.view.selected_range()
        if selected and selected[1] > selected[0]:
            add = menu.addMenu("Add span as")
            for label in labels:
                add.addAction(label).triggered.connect(
                    lambda _=False, label=label, s=selected: self.add_span(s[0], s[1], label))
        if span_id is not None:
            self.session.set_current_span(span_id)
            for name in ("accept", "reject"):
                menu.addAction(self.actions[name])
            relabel = menu.addMenu("Relabel")
            for label in labels:
                relabel.addAction(label).triggered.connect(lambda _=False, label=label: self.relabel_current(label))
            menu.addAction(self.actions["link"])
            menu.addAction(self.actions["delete_span"])
            span = self.session.current_span()
            self.actions["delete_span"].setEnabled(bool(span and span.get("source") == "analyst"))
            menu.aboutToHide.connect(lambda: self.actions["delete_span"].setEnabled(True))
        if menu.isEmpty():
            return
        self.context_menu = menu
        menu.popup(global_pos)

    def _on_show_rejected(self, checked: bool) -> None:
        self.session.set_show_rejected(checked)

    def _on_char_precision(self, checked: bool) -> None:
        self.session.set_char_precision(checked)
        self.statusBar().showMessage("Character precision " + ("on" if checked else "off (whole words)"), 3000)

    def _on_published_submitted(self, value: str | None) -> None:
        if self.session.doc is None:
            return
        if value is not None:
            try:
                value = dt.date.fromisoformat(value).isoformat()
            except ValueError:
                self.show_error(f"{value!r} is not a date: write it as YYYY-MM-DD")
                return
        if self._run(review.set_published, self.session.doc_id, value) is None:
            return
        self.session.after_write(reload=True)
        self.view.setFocus(Qt.OtherFocusReason)
