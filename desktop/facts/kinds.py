"""The kinds of fact: their shapes, slots and values, and the registry that names them.

A kind is one registration: its name, its *shape* (which slots its facts have),
the section of the profile's ``[facts]`` table that holds its rules with the
schema of that section, and the extractor that proposes it. The store, the
panels, the plots, the CLI and the scorer ask the registry, so a new kind needs
no change there:

>>> from desktop.facts.kinds import FactKind, get_kind, register_kind, unregister_kind
>>> register_kind(FactKind("visit", "event", "Visit", section="visit", schema={"words": "phrases"}))
>>> get_kind("visit").slots[:2], "visit" in kind_names()
(('date_start', 'date_end'), True)
>>> unregister_kind("visit")

Two shapes exist: ``event`` (who, when, where, held or not: meetings, calls)
and ``figure`` (a value for a period: trade turnover). The built-in kinds are
registered by their extractor modules (:mod:`desktop.facts.meetings`,
:mod:`desktop.facts.trade`), imported on first use of the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# A growth rate is no qualifier: it is the signed ``change_pct`` slot ("growth_only" was, before it).
TRADE_QUALIFIERS = ("forecast", "approx", "record", "current_level")
PRECISIONS = ("day", "month", "quarter", "year", "range")
# An event's ``held`` slot: whether it took place. Cancelled and denied ones are facts the analyst
# reviews, but no meeting that is counted.
MEETING_STATUSES = ("held", "planned", "cancelled", "denied")
EVENT_SLOTS = ("date_start", "date_end", "precision", "place", "participants", "held")
# ``value`` is an amount in ``currency``; ``change_pct`` the change stated with it, or alone, in percent
# and signed (a decrease is negative). A change-only figure has no value and no currency.
TRADE_SLOTS = ("period_start", "period_end", "value", "currency", "qualifier", "change_pct")
SHAPES = {"event": EVENT_SLOTS, "figure": TRADE_SLOTS}
# The first two slots of each shape are its time span.
EVENT_KINDS = ("meeting", "call")  # the built-in event kinds (kept for callers that name them)


def merged_held(values: Iterable[str | None]) -> str:
    """One meeting's status from its reports': held if one says so, else cancelled, else denied, else planned.

    A report that it took place outweighs one that it was called off, and a
    cancellation or denial the plans reported before it.
    """
    values = set(values)
    return next((s for s in ("held", "cancelled", "denied") if s in values), "planned")


def format_change(change: float | None) -> str:
    """A signed change in percent as people write it: 12.0 is "+12%", -2.3 is "-2.3%", None is ""."""
    if change is None:
        return ""
    return f"{change:+g}%"


class FactError(ValueError):
    """An analyst operation on facts the data does not allow (bad slot, unknown fact...)."""


# An extractor reads one document context (desktop.facts.document.Document) and
# returns fact rows (dicts with "kind" and the slots of that kind's shape, plus
# evidence, start, end, span_ids). One extractor may serve several kinds.
Extractor = Callable[[Any], list[dict[str, Any]]]


@dataclass(frozen=True)
class FactKind:
    """One kind of fact.

    ``schema`` maps each key of the profile section ``[facts.<section>]`` to its
    type (see :mod:`desktop.facts.schema`); kinds sharing an extractor share
    its section. ``compile`` turns the raw section into what the extractor
    uses, available as ``rules.section(name)``.
    """

    name: str
    shape: str
    label: str
    section: str | None = None
    schema: Mapping[str, Any] = field(default_factory=dict)
    extract: Extractor | None = None
    compile: Callable[[dict[str, Any]], Any] | None = None

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"fact kind {self.name!r}: shape must be one of {', '.join(SHAPES)}, not {self.shape!r}")
        if not self.name.isidentifier():
            raise ValueError(f"fact kind name must be a word, not {self.name!r}")

    @property
    def slots(self) -> tuple[str, ...]:
        """The slots an analyst may set on a fact of this kind."""
        return SHAPES[self.shape]

    @property
    def time_slots(self) -> tuple[str, str]:
        """The two slots that hold its dates (``date_*`` for events, ``period_*`` for figures)."""
        return SHAPES[self.shape][0], SHAPES[self.shape][1]


_REGISTRY: dict[str, FactKind] = {}
_BUILTINS_LOADED = False


def _load_builtins() -> None:
    global _BUILTINS_LOADED
    if not _BUILTINS_LOADED:
        _BUILTINS_LOADED = True
        import desktop.facts.meetings  # noqa: F401  (registers meeting and call)
        import desktop.facts.trade  # noqa: F401  (registers trade)


def register_kind(kind: FactKind) -> None:
    """Add (or replace) a kind of fact."""
    _REGISTRY[kind.name] = kind


def unregister_kind(name: str) -> None:
    """Remove a kind (tests that add one clean up with this)."""
    _REGISTRY.pop(name, None)


def kinds() -> list[FactKind]:
    """Every registered kind, built-ins first, in registration order."""
    _load_builtins()
    return list(_REGISTRY.values())


def kind_names() -> tuple[str, ...]:
    """The names of the registered kinds."""
    return tuple(k.name for k in kinds())


def get_kind(name: str) -> FactKind:
    """The kind called ``name``; :class:`FactError` when there is none."""
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise FactError(f"kind must be one of {', '.join(_REGISTRY)}, not {name!r}") from None


def shape_of(name: str) -> str | None:
    """The shape of kind ``name`` (None for a kind no longer registered, e.g. from an older profile)."""
    _load_builtins()
    kind = _REGISTRY.get(name)
    return kind.shape if kind else None


def is_event(name: str) -> bool:
    """Whether facts of kind ``name`` are events (who, when, where) rather than figures."""
    return shape_of(name) != "figure"
