"""Study results behind notebooks 02 and 03 (``data/evidence.json``).

``study(id)`` gives one study's design, size, findings and limits; ``effects()`` gives the
standardised mean differences drawn in the forest plot (``glutecourse.charts.evidence``).
The study cards and the effects table are in ``glutecourse.ui.evidence``.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import by_id, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.numbers import format_signed
from ..core.paths import data_dir


def _fail(item: str, problem: str):
    raise CourseDataError(data_dir() / "evidence.json", item, problem)


def check_evidence(data: dict, known_refs: set[str]) -> dict:
    """Rules the schema cannot express: unique ids, known reference keys, effects that
    belong to a listed study, and confidence intervals that contain their estimate."""
    check_ids_and_refs(data_dir() / "evidence.json", data["studies"], "study", known_refs, lambda s: [s["ref"]])
    ids = [s["id"] for s in data["studies"]]
    for e in data["effects"]:
        where = f"effect {e['id']!r}"
        if e["study"] not in ids:
            _fail(where, f"study {e['study']!r} is not listed in studies")
        ci = e["ci"]
        if ci is not None and not (ci[0] <= e["smd"] <= ci[1]):
            _fail(where, f"confidence interval {ci} does not contain the estimate {e['smd']}")
    return data


@lru_cache(maxsize=1)
def evidence_data() -> dict:
    return check_evidence(load("evidence.json", schema="evidence"), reference_keys())


def studies() -> list[dict]:
    return evidence_data()["studies"]


def study(study_id: str) -> dict:
    return by_id(studies(), study_id)


def effects(study_id: str | None = None) -> list[dict]:
    return [e for e in evidence_data()["effects"] if study_id is None or e["study"] == study_id]


def fmt_number(x: float) -> str:
    """Two decimal places, as published, with a real minus sign."""
    return format_signed(x, 2)


def ci_text(ci) -> str:
    if ci is None:
        return "not given in our source"
    return f"{fmt_number(ci[0])} to {fmt_number(ci[1])}"


def includes_zero(effect: dict) -> bool | None:
    """True if the 95% CI includes 0 (no clear difference), None if no CI is known."""
    ci = effect["ci"]
    if ci is None:
        return None
    return ci[0] <= 0 <= ci[1]
