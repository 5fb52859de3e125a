"""Domain profiles: span labels with their keys and colours, and the gazetteer.

>>> profile = load_profile()
>>> profile.name, profile.labels[0].name, profile.color("ORG")
('russia_belarus', 'PERSON', '#8ecae6')

A profile is a TOML file: ``[profile]`` (name, description), ``[[labels]]``
(name, key 1..9, color, description), ``[[entities]]`` (id, name, label,
aliases) and an optional ``[facts]`` table read by :mod:`desktop.facts`.
``load_profile("name")`` looks in the bundled ``resources/profiles``;
anything with a slash or a ``.toml`` suffix is a path.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.resources_path import resource_path

DEFAULT_PROFILE = "russia_belarus"
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
FALLBACK_COLOR = "#cccccc"


class ProfileError(ValueError):
    """A profile that cannot be found or does not validate."""


@dataclass(frozen=True)
class Label:
    """A span label: its name, its key (1..9) in the window, its colour."""

    name: str
    key: int
    color: str
    description: str = ""


@dataclass
class Profile:
    """A loaded, validated profile."""

    name: str
    path: Path
    description: str = ""
    labels: list[Label] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def color(self, label: str) -> str:
        """The colour of ``label`` (a neutral grey for labels the profile does not know)."""
        for item in self.labels:
            if item.name == label:
                return item.color
        return FALLBACK_COLOR

    @property
    def label_names(self) -> list[str]:
        """Label names in key order."""
        return [label.name for label in self.labels]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """The gazetteer entry with this id, or None."""
        for entity in self.entities:
            if entity["id"] == entity_id:
                return entity
        return None


def valid_entity_id(entity_id: str) -> bool:
    """Whether ``entity_id`` can be an entity's id in a profile (lower-case letters, digits, '-', '_', '.')."""
    return bool(_ID.match(entity_id))


def profile_path(name_or_path: str | Path | None = None) -> Path:
    """Where the profile ``name_or_path`` lives (bundled name or file path)."""
    if name_or_path is None:
        name_or_path = DEFAULT_PROFILE
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(".toml"):
        return Path(name_or_path).expanduser()
    return resource_path("profiles", f"{text}.toml")


def bundled_profiles() -> list[str]:
    """The names of the profiles that ship with the app."""
    return sorted(p.stem for p in resource_path("profiles").glob("*.toml"))


def load_profile(name_or_path: str | Path | Profile | None = None) -> Profile:
    """Load and validate a profile by bundled name or path (default: the Russia–Belarus one).

    Raises :class:`ProfileError` with a one-line message on any problem.
    """
    if isinstance(name_or_path, Profile):
        return name_or_path
    path = profile_path(name_or_path)
    if not path.is_file():
        bundled = sorted(p.stem for p in resource_path("profiles").glob("*.toml"))
        raise ProfileError(f"no profile {str(name_or_path)!r} ({path} not found; bundled: {', '.join(bundled)})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from None
    return _validate(data, path)


def _validate(data: dict[str, Any], path: Path) -> Profile:
    where = path.name
    header = data.get("profile", {})
    if not isinstance(header, dict):
        raise ProfileError(f"{where}: [profile] must be a table")
    labels = _labels(data.get("labels", []), where)
    entities = _entities(data.get("entities", []), {label.name for label in labels}, where)
    facts = data.get("facts", {})
    if not isinstance(facts, dict):
        raise ProfileError(f"{where}: [facts] must be a table")
    from desktop.facts.schema import validate_facts  # the schema grows with the registered kinds

    validate_facts(facts, path)
    return Profile(
        name=str(header.get("name") or path.stem),
        path=path,
        description=str(header.get("description", "")),
        labels=labels,
        entities=entities,
        facts=facts,
    )


def _labels(items: Any, where: str) -> list[Label]:
    if not isinstance(items, list) or not items:
        raise ProfileError(f"{where}: needs at least one [[labels]] entry")
    labels, names, keys = [], set(), set()
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ProfileError(f"{where}: label #{number} needs a name")
        name = item["name"].strip()
        key = item.get("key")
        color = item.get("color", FALLBACK_COLOR)
        if name in names:
            raise ProfileError(f"{where}: label {name!r} appears twice")
        if not isinstance(key, int) or isinstance(key, bool) or not 1 <= key <= 9:
            raise ProfileError(f"{where}: label {name!r} needs a key from 1 to 9, not {key!r}")
        if key in keys:
            raise ProfileError(f"{where}: key {key} is used by two labels (second: {name!r})")
        if not isinstance(color, str) or not _COLOR.match(color):
            raise ProfileError(f"{where}: label {name!r} has colour {color!r}; use #rrggbb")
        names.add(name)
        keys.add(key)
        labels.append(Label(name, key, color.lower(), str(item.get("description", ""))))
    return sorted(labels, key=lambda label: label.key)


def _entities(items: Any, label_names: set[str], where: str) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise ProfileError(f"{where}: [[entities]] must be an array of tables")
    entities, ids = [], set()
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ProfileError(f"{where}: entity #{number} is not a table")
        entity_id, name, label = item.get("id"), item.get("name"), item.get("label")
        if not isinstance(entity_id, str) or not _ID.match(entity_id):
            raise ProfileError(f"{where}: entity #{number} needs an id of lower-case letters, digits, '-', not {entity_id!r}")
        if entity_id in ids:
            raise ProfileError(f"{where}: entity id {entity_id!r} appears twice")
        if not isinstance(name, str) or not name.strip():
            raise ProfileError(f"{where}: entity {entity_id!r} needs a name")
        if label not in label_names:
            raise ProfileError(f"{where}: entity {entity_id!r} has label {label!r}, not one of the profile's labels")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ProfileError(f"{where}: entity {entity_id!r} aliases must be a list of non-empty strings")
        ids.add(entity_id)
        unique = list(dict.fromkeys([name.strip(), *(a.strip() for a in aliases)]))
        entities.append({"id": entity_id, "name": name.strip(), "label": label, "aliases": unique})
    return entities
