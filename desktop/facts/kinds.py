"""The kinds of fact, their slots and values."""

from __future__ import annotations

TRADE_QUALIFIERS = ("forecast", "growth_only", "approx", "record", "current_level")
PRECISIONS = ("day", "month", "quarter", "year", "range")
EVENT_KINDS = ("meeting", "call")
EVENT_SLOTS = ("date_start", "date_end", "precision", "place", "participants", "held")
TRADE_SLOTS = ("period_start", "period_end", "value", "currency", "qualifier")


class FactError(ValueError):
    """An analyst operation on facts the data does not allow (bad slot, unknown fact...)."""
