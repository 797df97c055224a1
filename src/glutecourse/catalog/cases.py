"""The course's recurring people (``data/cases.json``, schema ``schemas/cases.schema.json``).

Five made-up people meet the reader in notebook 00 and come back in notebooks 03-09: what
the evidence says about their pain, what the self-check would say, what guidelines suggest
and what recovery may look like. Quiz questions name a person by id (their ``case`` field).

Pure data access: no widgets. ``case_ids()`` is all the quiz loader needs; ``cases()``
also checks ids and reference keys. Whether each person's self-check ticks and level exist
is a question for the self-check (``glutecourse.topics.selfcheck.checked_cases``), which
sits above this layer; the tests go further and run the self-check on every person.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from ..core.data import build, by_id, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record
from .references import reference_keys


class CaseEntry(Record):
    """What one notebook says about a person: its focus, the text, and its sources."""

    focus: str
    text: str
    refs: tuple[str, ...]


class SelfCheckResult(Record):
    """What the self-check would say for a person: the items they would tick, the level
    it gives, and what that level means for them."""

    ticks: tuple[str, ...]
    level: str
    advice: str


class Case(Record):
    """One made-up person, and what each notebook says about them (by notebook stem)."""

    id: str
    name: str
    age: int
    summary: str
    story: str
    likely: str
    self_check: SelfCheckResult
    notebooks: Mapping[str, CaseEntry]


class Cases(Record):
    """``data/cases.json``: the note on the people, and the people in order."""

    note: str
    cases: tuple[Case, ...]


def _path():
    return data_dir() / "cases.json"


@lru_cache(maxsize=1)
def _file() -> Cases:
    """The file, schema-checked and built (the cross-file rules are not checked yet)."""
    return build(Cases, load("cases.json", schema="cases"))


def case_ids() -> set[str]:
    """Every case id (schema-checked); what the quiz loader checks a question's case against."""
    return {c.id for c in _file().cases}


def check_cases(
    data: Cases, known_refs: set[str], symptom_items: set[str] | None = None, levels: set[str] | None = None, path=None
) -> Cases:
    """Rules the schema cannot express; raises CourseDataError naming the case. The
    self-check ticks and levels are checked when ``symptom_items`` and ``levels`` are given
    (by the self-check, which knows them)."""
    path = path or _path()
    check_ids_and_refs(
        path,
        data.cases,
        "case",
        known_refs,
        refs_of=lambda c: [r for entry in c.notebooks.values() for r in entry.refs],
    )
    for c in data.cases if symptom_items is not None and levels is not None else ():
        where = f"case {c.id!r}"
        unknown = [t for t in c.self_check.ticks if t not in symptom_items]
        if unknown:
            raise CourseDataError(path, where, f"self_check ticks {unknown} are not items in data/selfcheck.json")
        if c.self_check.level not in levels:
            raise CourseDataError(
                path, where, f"self_check level {c.self_check.level!r} is not a level in data/selfcheck.json"
            )
    return data


@lru_cache(maxsize=1)
def cases_data() -> Cases:
    return check_cases(_file(), reference_keys())


def cases() -> tuple[Case, ...]:
    return cases_data().cases


def case(case_id: str) -> Case:
    return by_id(cases(), case_id)


def case_in_notebook(case_id: str, notebook: str) -> CaseEntry | None:
    """What ``notebook`` says about the person (focus, text, refs), or None."""
    return case(case_id).notebooks.get(notebook)
