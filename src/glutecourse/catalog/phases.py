"""Stages of the example recovery programme (``data/phases.json``), shared by the recovery
timeline and the routine builder."""

from __future__ import annotations

from functools import lru_cache

from ..core.data import build_all, by_id, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record


class Phase(Record):
    """One stage: its weeks (an example, from ``start_week`` up to ``end_week``), its aim
    and its source key."""

    id: str
    name: str
    start_week: int | float
    end_week: int | float
    goal: str
    ref: str


class Phases(Record):
    """``data/phases.json``: the note shown under the table and the phases in order."""

    note: str
    phases: tuple[Phase, ...]


@lru_cache(maxsize=1)
def phases_data() -> Phases:
    data = load("phases.json", schema="phases")
    previous_end = 0
    for phase in data["phases"]:
        if phase["end_week"] <= phase["start_week"]:
            raise CourseDataError(
                data_dir() / "phases.json", f"phase {phase['id']!r}", "end_week must be after start_week"
            )
        if phase["start_week"] != previous_end:
            raise CourseDataError(
                data_dir() / "phases.json", f"phase {phase['id']!r}", "phases must follow each other without gaps"
            )
        previous_end = phase["end_week"]
    return Phases(data["note"], build_all(Phase, data["phases"]))


def phases() -> tuple[Phase, ...]:
    return phases_data().phases


def phase(phase_id: str) -> Phase:
    return by_id(phases(), phase_id)
