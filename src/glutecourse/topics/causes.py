"""Seven claimed causes against the evidence (``data/causes.json``), and the logic of the
sitting-time calculator of notebook 03.

- ``causes()``, ``cause(id)``: the claims, what the evidence shows, and its strength.
- ``sitting_summary(entries)``: the calculator's logic, a pure function.

The cards, the strength key and the calculator's widgets are in ``glutecourse.ui.causes``;
the map of the seven causes is drawn by ``glutecourse.charts.causes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import build, by_id, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.numbers import format_hours, format_number, try_number
from ..core.paths import data_dir
from ..core.records import Record, field
from .evidence import studies, study


class Level(Record):
    """An evidence-strength badge: its words, its symbol and what it means."""

    label: str
    symbol: str
    meaning: str


class Cause(Record):
    """One claimed cause: the claim, what the evidence shows, its strength (a level id and a
    note on what the rating refers to), the sources and the take-away."""

    id: str
    name: str
    claim: str
    evidence: tuple[str, ...]
    level: str
    level_note: str
    refs: tuple[str, ...]
    takeaway: str


class Activity(Record):
    """One box of the sitting calculator."""

    id: str
    label: str
    placeholder: str


class SittingSettings(Record):
    """The sitting calculator: its boxes, the most hours a day may hold, the study that gives
    the figure compared with, and the practical ideas shown with their sources."""

    activities: tuple[Activity, ...]
    max_hours: int | float
    evidence: str
    suggestions: tuple[str, ...]
    suggestion_refs: tuple[str, ...]


class Causes(Record):
    """``data/causes.json``: the badges (strongest first), the causes and the calculator."""

    note: str
    levels: Mapping[str, Level]
    causes: tuple[Cause, ...]
    sitting: SittingSettings


def check_causes(data: dict, known_refs: set[str], study_ids: set[str]) -> Causes:
    """Rules the schema cannot express (unique ids and known reference keys), on the
    schema-checked file; then the file built into a ``Causes`` record."""
    path = data_dir() / "causes.json"
    check_ids_and_refs(path, data["causes"], "cause", known_refs)
    sitting = data["sitting"]
    if sitting["evidence"] not in study_ids:
        raise CourseDataError(path, "sitting", f"evidence {sitting['evidence']!r} is not a study in data/evidence.json")
    for ref in sitting["suggestion_refs"]:
        if ref not in known_refs:
            raise CourseDataError(path, "sitting", f"reference key {ref!r} is not in data/references.json")
    act_ids = [a["id"] for a in sitting["activities"]]
    if len(set(act_ids)) != len(act_ids):
        raise CourseDataError(path, "sitting", "duplicate activity ids")
    return build(Causes, data)


@lru_cache(maxsize=1)
def causes_data() -> Causes:
    return check_causes(load("causes.json", schema="causes"), reference_keys(), {s.id for s in studies()})


def causes() -> tuple[Cause, ...]:
    return causes_data().causes


def cause(cause_id: str) -> Cause:
    return by_id(causes(), cause_id)


def level_info(level: str) -> Level:
    return causes_data().levels[level]


# ----------------------------------------------------------------------- sitting time


def sitting_settings() -> SittingSettings:
    return causes_data().sitting


def sitting_threshold() -> float:
    """The daily sitting time (hours) that the cited study found associated with recurrence."""
    return float(study(sitting_settings().evidence).numbers["sitting_hours_per_day"])


def parse_hours(text, label: str, max_hours: float = 24) -> tuple[float | None, str | None]:
    """Read hours typed by a reader with the course's number parser (glutecourse.core.numbers).
    Returns (hours, None) or (None, message naming the box). A blank box counts as 0 hours."""
    value, error = try_number(text, what="Hours", empty=0.0)
    if error:
        return None, f"{label}: {error}"
    if value < 0:
        return None, f"{label}: hours cannot be less than 0 (you typed {format_number(value)})."
    if value > max_hours:
        return None, f"{label}: a day has only {format_number(max_hours)} hours (you typed {format_number(value)})."
    return float(value), None


class SittingResult(Record):
    hours: dict = field(default_factory=dict)  # activity id -> hours, for valid entries
    errors: list = field(default_factory=list)  # messages, in the order of the boxes
    threshold: float = 5.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> float | None:
        return round(sum(self.hours.values()), 2) if self.ok else None

    @property
    def above_threshold(self) -> bool | None:
        """More than the study's figure (the study said 'more than'), or None if invalid."""
        return None if not self.ok else self.total > self.threshold


def sitting_summary(
    entries: dict,
    activities: tuple[Activity, ...] | None = None,
    threshold: float | None = None,
    max_hours: float | None = None,
) -> SittingResult:
    """Add up daily sitting time. Pure: ``entries`` maps activity id to what the reader typed.

    Every bad box gets its own message; a total above a day's length, or nothing typed at
    all, is an error too.
    """
    settings = None
    if activities is None or max_hours is None:
        settings = sitting_settings()
    activities = activities if activities is not None else settings.activities
    max_hours = max_hours if max_hours is not None else settings.max_hours
    threshold = threshold if threshold is not None else sitting_threshold()
    hours, errors = {}, []
    typed_anything = False
    for act in activities:
        raw = entries.get(act.id, "")
        if raw is not None and str(raw).strip():
            typed_anything = True
        value, error = parse_hours(raw, act.label, max_hours)
        if error:
            errors.append(error)
        else:
            hours[act.id] = value
    if not typed_anything:
        errors.append("Type your usual hours of sitting in at least one box (leave a box blank for none).")
    elif not errors and sum(hours.values()) > max_hours:
        errors.append(
            f"Together your entries come to {format_hours(sum(hours.values()))}, more than the "
            f"{format_number(max_hours)} hours in a day. Please check them."
        )
    return SittingResult(hours=hours, errors=errors, threshold=threshold)
