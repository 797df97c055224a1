"""Study results behind notebooks 02 and 03 (``data/evidence.json``).

``study(id)`` gives one study's design, size, findings and limits; ``effects()`` gives the
standardised mean differences drawn in the forest plot (``glutecourse.charts.evidence``).
The study cards and the effects table are in ``glutecourse.ui.evidence``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import build, by_id, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.numbers import format_signed
from ..core.paths import data_dir
from ..core.records import Record, field


class Study(Record):
    """One study: design, size, question, findings, limits and the strength of its
    evidence in words; ``numbers`` holds the figures other modules compute with."""

    id: str
    ref: str
    design: str
    size: str
    question: str
    findings: tuple[str, ...]
    limits: str
    strength: str
    numbers: Mapping[str, int | float] = field(default_factory=dict)


class Effect(Record):
    """One standardised mean difference (people with vs without low back pain) drawn in the
    forest plot, with its 95% confidence interval (None when the source gives none)."""

    id: str
    study: str
    measure: str
    smd: int | float
    ci: tuple[int | float, int | float] | None
    reading: str


class Evidence(Record):
    """``data/evidence.json``."""

    note: str
    studies: tuple[Study, ...]
    effects: tuple[Effect, ...]


def _fail(item: str, problem: str):
    raise CourseDataError(data_dir() / "evidence.json", item, problem)


def check_evidence(data: Evidence, known_refs: set[str]) -> Evidence:
    """Rules the schema cannot express: unique ids, known reference keys, effects that
    belong to a listed study, and confidence intervals that contain their estimate."""
    check_ids_and_refs(data_dir() / "evidence.json", data.studies, "study", known_refs, lambda s: [s.ref])
    ids = [s.id for s in data.studies]
    for e in data.effects:
        where = f"effect {e.id!r}"
        if e.study not in ids:
            _fail(where, f"study {e.study!r} is not listed in studies")
        ci = e.ci
        if ci is not None and not (ci[0] <= e.smd <= ci[1]):
            _fail(where, f"confidence interval {list(ci)} does not contain the estimate {e.smd}")
    return data


@lru_cache(maxsize=1)
def evidence_data() -> Evidence:
    return check_evidence(build(Evidence, load("evidence.json", schema="evidence")), reference_keys())


def studies() -> tuple[Study, ...]:
    return evidence_data().studies


def study(study_id: str) -> Study:
    return by_id(studies(), study_id)


def effects(study_id: str | None = None) -> list[Effect]:
    return [e for e in evidence_data().effects if study_id is None or e.study == study_id]


def fmt_number(x: float) -> str:
    """Two decimal places, as published, with a real minus sign."""
    return format_signed(x, 2)


def ci_text(ci) -> str:
    if ci is None:
        return "not given in our source"
    return f"{fmt_number(ci[0])} to {fmt_number(ci[1])}"


def includes_zero(effect: Effect) -> bool | None:
    """True if the 95% CI includes 0 (no clear difference), None if no CI is known."""
    ci = effect.ci
    if ci is None:
        return None
    return ci[0] <= 0 <= ci[1]
