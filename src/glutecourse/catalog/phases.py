"""Stages of the example recovery programme (``data/phases.json``), shared by the recovery
timeline and the routine builder."""

from __future__ import annotations

from functools import lru_cache

from ..core.data import by_id, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir


@lru_cache(maxsize=1)
def phases_data() -> dict:
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
    return data


def phases() -> list[dict]:
    return phases_data()["phases"]


def phase(phase_id: str) -> dict:
    return by_id(phases(), phase_id)
