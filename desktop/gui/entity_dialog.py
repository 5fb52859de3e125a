"""Link a span to a canonical entity: search the entities or create one."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from desktop import review, store


class EntityDialog(QDialog):
    """Choose an existing entity (search) or describe a new one.

    After ``accepted``: :attr:`entity_id` is the chosen id, or None with
    :attr:`new_entity` = (name, label) to create; :attr:`propagate` is the
    "apply to every unreviewed mention" checkbox. :meth:`apply` writes the choice.
    """

    def __init__(self, db: sqlite_utils.Database, span: dict[str, Any], labels: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Link “{span.get('text', '')}”")
        self.db = db
        self.span = span
        self.entity_id: str | None = None
        self.new_entity: tuple[str, str] | None = None
        self.propagate = False
        self.pick_existing = QRadioButton("Existing entity")
        self.pick_new = QRadioButton("New entity")
        self.pick_existing.setChecked(True)
        self.query = QLineEdit(span.get("text") or "")
        self.query.setPlaceholderText("Search names and aliases…")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(180)
        self.name = QLineEdit(span.get("text") or "")
        self.label = QComboBox()
        for label in dict.fromkeys([*labels, span.get("label") or ""]):
            if label:
                self.label.addItem(label)
        self.label.setCurrentText(span.get("label") or "")
        self.everywhere = QCheckBox("Apply to every unreviewed mention of this text in the corpus")
        self.everywhere.setChecked(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        new_box = QGroupBox()
        form = QFormLayout(new_box)
        form.addRow("Name", self.name)
        form.addRow("Label", self.label)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pick_existing)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.pick_new)
        layout.addWidget(new_box)
        layout.addWidget(self.everywhere)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.query.textChanged.connect(self._on_query_changed)
        self.query.textEdited.connect(lambda _t: self.pick_existing.setChecked(True))
        self.name.textEdited.connect(lambda _t: self.pick_new.setChecked(True))
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.results.currentRowChanged.connect(lambda _row: self.pick_existing.setChecked(True))
        self._preselect()
        self.query.setFocus()
        self.query.selectAll()

    def _preselect(self) -> None:
        """An existing entity is preselected only for a real candidate, else "New entity" is.

        A real candidate is the entity the span already names, or one whose name or alias is the
        mention's normalised text. A merely similar name (or the first of the list) never is:
        on "Poroshenko", Enter must not link Alexander Lukashenko.
        """
        text = self.span.get("text") or ""
        candidates = store.entity_candidates(self.db, text) if text else []
        current = self.span.get("entity_id")
        if current and current not in candidates:
            candidates.insert(0, current)
        self.query.blockSignals(True)
        if candidates:
            self._fill(text)
            if not self._select(candidates):
                self.query.setText("")  # a linked entity under another name: show them all
                self._fill("")
                self._select(candidates)
            self.pick_existing.setChecked(True)
        else:
            # Show the similar names to pick from (or every entity), none selected, "New entity" checked.
            self._fill(text)
            if self.results.count() == 0:
                self.query.setText("")
                self._fill("")
            self.results.setCurrentRow(-1)
            self.results.clearSelection()
            self.pick_new.setChecked(True)
        self.query.blockSignals(False)

    def _select(self, entity_ids: list[str]) -> bool:
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.UserRole) in entity_ids:
                self.results.setCurrentRow(row)
                return True
        return False

    def _on_query_changed(self, text: str) -> None:
        # The analyst typed a search: its first result is what they are after.
        self._fill(text)
        if self.results.count():
            self.results.setCurrentRow(0)
        if text:
            self.pick_existing.setChecked(True)

    def _fill(self, text: str) -> None:
        self.results.clear()
        for entity in store.list_entities(self.db, query=text.strip() or None)[:200]:
            aliases = ", ".join(a for a in (entity.get("aliases") or []) if a != entity["name"])[:80]
            item = QListWidgetItem(
                f"{entity['name']}  [{entity.get('label') or '?'}]  {entity['mentions']} mentions"
                + (f"  — {aliases}" if aliases else "")
            )
            item.setData(Qt.UserRole, entity["id"])
            self.results.addItem(item)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Up/Down in the search box move through the results, so the keyboard never leaves it.
        if event.key() in (Qt.Key_Down, Qt.Key_Up) and self.results.count():
            row = self.results.currentRow() + (1 if event.key() == Qt.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        self.propagate = self.everywhere.isChecked()
        if self.pick_new.isChecked():
            name = self.name.text().strip()
            if not name:
                self.message.setText("Give the new entity a name.")
                return
            self.entity_id, self.new_entity = None, (name, self.label.currentText() or self.span.get("label") or "")
        else:
            item = self.results.currentItem()
            if item is None:
                self.message.setText("Pick an entity from the list, or choose “New entity”.")
                return
            self.entity_id, self.new_entity = item.data(Qt.UserRole), None
        super().accept()

    def apply(self, db: sqlite_utils.Database, span_id: int) -> tuple[str | None, int]:
        """Write the accepted choice as one undoable action; returns (entity id, spans linked).

        A new entity is created and linked together, so one undo takes back both.
        """
        if self.new_entity is not None:
            name, label = self.new_entity
            return review.create_and_link(db, span_id, name, label, propagate=self.propagate)
        return self.entity_id, review.link(db, span_id, self.entity_id, propagate=self.propagate)
