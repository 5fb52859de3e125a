"""What a training report shows: both models' scores per label, one row each, for the CLI and the window.

>>> scores = {"p": 0.5, "r": 1.0, "f": 0.667, "gold": 2}
>>> report = {"base": {"labels": {"GPE": scores}, "overall": scores},
...           "trained": {"labels": {"GPE": scores}, "overall": scores}, "corrected_labels": ["GPE"]}
>>> [row.cells() for row in score_rows(report)][0]
['GPE *', '2', '0.500', '1.000', '0.667', '0.500', '1.000', '0.667']

``report`` is what :func:`desktop.training.train_steps` saves (``report.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.model_info import model_label

COLUMNS = ("label", "gold", "base P", "base R", "base F", "trained P", "trained R", "trained F")
CORRECTED_NOTE = "* a label the analyst corrected"
_EMPTY = {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 0}


@dataclass(frozen=True)
class ScoreRow:
    """One label (or ``overall``): gold spans on the dev split, then (P, R, F) of the base and the trained model."""

    label: str
    corrected: bool
    gold: int
    base: tuple[float, float, float]
    trained: tuple[float, float, float]

    def cells(self) -> list[str]:
        """The row as shown, in :data:`COLUMNS` order; a corrected label is starred."""
        return [self.label + (" *" if self.corrected else ""), str(self.gold),
                *(f"{value:.3f}" for value in (*self.base, *self.trained))]


def score_rows(report: dict[str, Any]) -> list[ScoreRow]:
    """Every label either model was scored on, in order, then ``overall``."""
    base, trained = report["base"], report["trained"]
    corrected = set(report.get("corrected_labels", []))
    rows = []
    for label in sorted(set(base["labels"]) | set(trained["labels"])) + ["overall"]:
        b = base["overall"] if label == "overall" else base["labels"].get(label, _EMPTY)
        t = trained["overall"] if label == "overall" else trained["labels"].get(label, _EMPTY)
        rows.append(ScoreRow(label, label in corrected, b["gold"], (b["p"], b["r"], b["f"]),
                             (t["p"], t["r"], t["f"])))
    return rows


def base_label(report: dict[str, Any]) -> str:
    """The model training started from, as every view names it."""
    return model_label(report["base_model"], report.get("base_model_version"))


def agreement_text(report: dict[str, Any]) -> str | None:
    """``agreement with the base model on N unverified articles: F 0.812``, or None when not measured."""
    agreement = report.get("agreement")
    if not agreement:
        return None
    return (f"agreement with the base model on {report['agreement_articles']} unverified articles: "
            f"F {agreement['overall']['f']:.3f}")
