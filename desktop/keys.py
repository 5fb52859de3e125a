"""The review keys: action names, default keys, overrides from settings, conflicts (Qt-free).

>>> key_map({"keys": {"accept": "Y"}})["accept"]
['Y']
>>> shown_key("J"), shown_key("Ctrl+Shift+A")
('j', 'Ctrl+Shift+A')
>>> conflicts({"accept": ["A"], "reject": ["a"], "undo": ["Ctrl+Z"]})
{'A': ['accept', 'reject']}
>>> parse_keys("j / Ctrl+Shift+z"), join_keys(["J", "Down"])
(['J', 'Ctrl+Shift+Z'], 'j / Down')

Keys are Qt's portable text form (``"Ctrl+Shift+A"``). A single letter means the
letter as typed, without Shift: the help and the tooltips show it in lower case.
"""

from __future__ import annotations

import re
from typing import Any

# name -> (default keys, what it does). Order is the order of the help overlay.
DEFAULT_KEYS: dict[str, tuple[list[str], str]] = {
    "next_span": (["J"], "Next span"),
    "previous_span": (["K"], "Previous span"),
    "accept": (["A"], "Accept the current span"),
    "reject": (["X"], "Reject the current span"),
    "link": (["E"], "Link the span to a canonical entity (search or create)"),
    "delete_span": (["Delete"], "Delete a span you added"),
    "select_text": (["V"], "Select text with the keys, from the current span's start (or the caret): "
                           "arrows, Ctrl+arrows (word), Home/End extend; a label key adds the span; Esc cancels"),
    "grow_start": (["Shift+Left"], "Move the span's start left (grow)"),
    "shrink_start": (["Shift+Right"], "Move the span's start right (shrink)"),
    "shrink_end": (["Alt+Left", "Ctrl+Shift+Left"], "Move the span's end left (shrink)"),
    "grow_end": (["Alt+Right", "Ctrl+Shift+Right"], "Move the span's end right (grow)"),
    "accept_all": (["Ctrl+Shift+A"], "Accept every remaining proposed span of the article"),
    "verify_next": (["Return", "Enter"], "Mark the article verified and open the next unverified one"),
    "next_document": (["N"], "Next article in the list"),
    "previous_document": (["P"], "Previous article in the list"),
    "undo": (["Ctrl+Z"], "Undo"),
    "redo": (["Ctrl+Shift+Z", "Ctrl+Y"], "Redo"),
    "show_rejected": (["R"], "Show or hide rejected spans (struck through)"),
    "character_precision": (["C"], "New spans and resizing: whole words or single characters"),
    "search": (["Ctrl+F"], "Search the articles (full text); the hits are marked in the open article"),
    "next_hit": (["F3"], "Next search hit in the article"),
    "previous_hit": (["Shift+F3"], "Previous search hit in the article"),
    "zoom_in": (["Ctrl+=", "Ctrl++"], "Larger text (the article and the lists)"),
    "zoom_out": (["Ctrl+-"], "Smaller text"),
    "zoom_reset": (["Ctrl+0"], "Text back to the size in the settings"),
    "repropose": (["Ctrl+Alt+R"], "Re-propose every article's facts in the background (decisions stay)"),
    "problems": (["Ctrl+Alt+P"], "Show the problems: skipped files, articles whose facts failed, failed jobs"),
    "help": (["?", "F1"], "Show or hide this help"),
}
for _n in range(1, 10):
    DEFAULT_KEYS[f"label_{_n}"] = (
        [str(_n)],
        f"Relabel the span to label {_n}; with text selected, add a span with that label",
    )

# Keys of the menus (not configurable): a review key set to one of them is a conflict too.
RESERVED_KEYS: dict[str, str] = {
    "Ctrl+O": "File > Open folder…",
    "Ctrl+Q": "File > Quit",
    "Ctrl+,": "File > Settings…",
    "Esc": "cancel / close",
    "Ctrl+Shift+C": "Facts: confirm the fact",
    "Ctrl+Shift+R": "Facts: reject the fact",
    "Ctrl+Shift+G": "Facts: go to the evidence",
    "F2": "Entities: edit the name",
}

_MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
_ALIASES = {"control": "Ctrl", "ctrl": "Ctrl", "alt": "Alt", "option": "Alt", "shift": "Shift", "meta": "Meta",
            "cmd": "Meta", "escape": "Esc", "esc": "Esc", "del": "Delete", "return": "Return", "enter": "Enter",
            "pgup": "PgUp", "pgdown": "PgDown", "ins": "Ins", "space": "Space"}


def key_map(settings: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """Every action's key sequences: the defaults, overridden by ``settings["keys"]``."""
    if settings is None:
        from desktop.settings import load_settings

        settings = load_settings()
    overrides = settings.get("keys") or {}
    keys: dict[str, list[str]] = {}
    for name, (default, _) in DEFAULT_KEYS.items():
        value = overrides.get(name, default) if isinstance(overrides, dict) else default
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            value = default  # a broken override: keep the default rather than lose the action
        keys[name] = value
    return keys


def parse_keys(text: str) -> list[str]:
    """Keys typed in one field, separated by `` / `` (as the help shows them): ``"j / Down"`` -> ``["J", "Down"]``."""
    return [normalise_key(k) for k in re.split(r"\s+/\s+|;", text or "") if k.strip()]


def join_keys(keys: list[str]) -> str:
    """The field's text for ``keys``, as typed (the inverse of :func:`parse_keys`)."""
    return " / ".join(shown_key(k) for k in keys)


def overrides(keys: dict[str, list[str]]) -> dict[str, list[str]]:
    """The entries of ``keys`` that differ from the defaults: what settings.json needs to hold."""
    return {name: value for name, value in keys.items()
            if name in DEFAULT_KEYS and [normalise_key(k) for k in value] != [normalise_key(k) for k in DEFAULT_KEYS[name][0]]}


def normalise_key(key: str) -> str:
    """A key sequence in one spelling, so equal keys compare equal: ``" ctrl+shift+a"`` -> ``"Ctrl+Shift+A"``."""
    key = key.strip()
    if not key:
        return ""
    if key == "+":
        return "+"
    # "Ctrl++" is Ctrl and the plus key: split off a trailing "+" before splitting on the separators.
    plus = key.endswith("++")
    parts = [p.strip() for p in (key[:-2] if plus else key).split("+")]
    if plus:
        parts.append("+")
    mods, rest = set(), []
    for part in parts:
        word = _ALIASES.get(part.lower(), part)
        (mods.add(word) if word in _MODIFIERS else rest.append(word))
    rest = [r.upper() if len(r) == 1 else r[:1].upper() + r[1:] for r in rest if r]
    return "+".join([m for m in _MODIFIERS if m in mods] + rest)


def shown_key(key: str) -> str:
    """A key as the analyst types it: a plain letter in lower case (``"J"`` -> ``"j"``), others as written."""
    key = normalise_key(key)
    return key.lower() if len(key) == 1 and key.isalpha() else key


def conflicts(keys: dict[str, list[str]], *, reserved: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Keys bound more than once: normalised key -> the actions (or reserved uses) that claim it.

    An action listing the same key twice is no conflict; ``reserved`` (default
    :data:`RESERVED_KEYS`) names keys the menus own.
    """
    reserved = RESERVED_KEYS if reserved is None else reserved
    owners: dict[str, list[str]] = {}
    for key, use in reserved.items():
        owners.setdefault(normalise_key(key), []).append(use)
    for name, sequences in keys.items():
        for key in dict.fromkeys(normalise_key(k) for k in sequences):
            if key:
                owners.setdefault(key, []).append(name)
    return {key: names for key, names in owners.items() if len(names) > 1}


def describe_conflicts(found: dict[str, list[str]]) -> list[str]:
    """One sentence per conflict, naming the key as typed and its actions' descriptions."""
    def what(name: str) -> str:
        return DEFAULT_KEYS[name][1].split(";")[0] if name in DEFAULT_KEYS else name

    return [f"{shown_key(key)} is set for " + " and ".join(f"“{what(n)}”" for n in names) for key, names in found.items()]
