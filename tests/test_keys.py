"""Keys as typed in the help, and conflicts between keys (issue 14)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.keys import DEFAULT_KEYS, conflicts, describe_conflicts, key_map, normalise_key, shown_key
from tests.gui_support import build_project, open_window


@pytest.mark.parametrize("key, normal", [
    pytest.param("ctrl+shift+a", "Ctrl+Shift+A", id="case"),
    pytest.param("Shift+Ctrl+A", "Ctrl+Shift+A", id="modifier order"),
    pytest.param(" j ", "J", id="spaces"),
    pytest.param("Ctrl++", "Ctrl++", id="plus key"),
    pytest.param("Control+Escape", "Ctrl+Esc", id="long names"),
    pytest.param("", "", id="empty"),
])
def test_normalise_key(key, normal):
    assert normalise_key(key) == normal


def test_letters_are_shown_as_typed():
    assert [shown_key(k) for k in ("J", "K", "A", "X", "?", "1", "Ctrl+F", "Shift+F3")] == \
        ["j", "k", "a", "x", "?", "1", "Ctrl+F", "Shift+F3"]


def test_the_default_keys_do_not_conflict():
    assert conflicts(key_map({})) == {}


def test_conflicts_name_every_claimant():
    keys = key_map({"keys": {"reject": "a", "help": ["Ctrl+Q"], "next_span": ["J", "j"]}})
    found = conflicts(keys)
    assert found == {"A": ["accept", "reject"], "Ctrl+Q": ["File > Quit", "help"]}  # J twice in one action: fine
    sentences = describe_conflicts(found)
    assert sentences[1] == "a is set for “Accept the current span” and “Reject the current span”"


def test_every_action_has_a_description():
    assert all(text and keys for keys, text in DEFAULT_KEYS.values())


def test_the_help_lists_lower_case_keys_as_typed(qtbot, db_path):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    QTest.keyClick(window.view, Qt.Key_Question)
    text = window.help_overlay.text_label.text()
    bold = re.findall(r"<b>([^<]*)</b>", text)
    for letter in ("j", "k", "a", "x", "e", "n", "p", "r", "c"):
        assert letter in bold
    assert not {"J", "K", "A", "X"} & set(bold)
    assert "Ctrl+Shift+A" in bold  # a key with modifiers keeps its capital
    assert window.actions["accept"].toolTip() == "Accept (a)"
