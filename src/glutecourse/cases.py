"""The course's recurring people (``data/cases.json``, schema ``schemas/cases.schema.json``).

Five made-up people meet the reader in notebook 00 and come back in notebooks 03-09: what
the evidence says about their pain, what the self-check would say, what guidelines suggest
and what recovery may look like. Quiz questions name a person by id (their ``case`` field).

Pure data access: no widgets. ``case_ids()`` is all the quiz loader needs; ``cases()``
also checks reference keys and that each person's self-check ticks and level exist in
``data/symptoms.json`` (the tests go further and run the self-check on every person).
"""

from __future__ import annotations

from functools import lru_cache

from .data import by_id, check_ids_and_refs, load
from .errors import CourseDataError
from .paths import data_dir


def _path():
    return data_dir() / "cases.json"


@lru_cache(maxsize=1)
def _raw() -> dict:
    return load("cases.json", schema="cases")


def case_ids() -> set[str]:
    """Every case id (schema-checked); what the quiz loader checks a question's case against."""
    return {c["id"] for c in _raw()["cases"]}


def check_cases(data: dict, known_refs: set[str], symptom_items: set[str], levels: set[str], path=None) -> dict:
    """Rules the schema cannot express; raises CourseDataError naming the case."""
    path = path or _path()
    check_ids_and_refs(path, data["cases"], "case", known_refs,
                       refs_of=lambda c: [r for entry in c["notebooks"].values() for r in entry["refs"]])
    for c in data["cases"]:
        where = f"case {c['id']!r}"
        unknown = [t for t in c["self_check"]["ticks"] if t not in symptom_items]
        if unknown:
            raise CourseDataError(path, where, f"self_check ticks {unknown} are not items in data/symptoms.json")
        if c["self_check"]["level"] not in levels:
            raise CourseDataError(path, where, f"self_check level {c['self_check']['level']!r} is not a level in data/symptoms.json")
    return data


@lru_cache(maxsize=1)
def cases_data() -> dict:
    from .references import reference_keys
    from .triage import symptom_data

    symptoms = symptom_data()
    return check_cases(_raw(), reference_keys(), {i["id"] for i in symptoms["items"]},
                       {lv["id"] for lv in symptoms["levels"]})


def cases() -> list[dict]:
    return cases_data()["cases"]


def case(case_id: str) -> dict:
    return by_id(cases(), case_id)


def case_in_notebook(case_id: str, notebook: str) -> dict | None:
    """What ``notebook`` says about the person (focus, text, refs), or None."""
    return case(case_id)["notebooks"].get(notebook)
