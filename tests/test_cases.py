"""The recurring people (data/cases.json): complete, consistent with the self-check, and
used by the quizzes."""

import copy
import json

import pytest

from conftest import ROOT
from glutecourse.catalog.cases import Cases, case_ids, cases, check_cases
from glutecourse.catalog.course import notebook_stems
from glutecourse.catalog.references import reference_keys
from glutecourse.core.data import build
from glutecourse.core.errors import CourseDataError
from glutecourse.topics.quizzes import all_banks, topic_banks
from glutecourse.topics.selfcheck import symptom_data, triage

#: Notebooks every person must appear in (issue 11: introduced in 00, met again in 03-09).
REQUIRED = ["00-start-here"] + [s for s in notebook_stems() if "03" <= s[:2] <= "09"]


def test_cases_validate_with_jsonschema_too():
    import jsonschema

    from glutecourse.core.data import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "cases.schema.json").read_text())
    jsonschema.validate(json.loads((ROOT / "data" / "cases.json").read_text()), schema)


def test_four_or_five_people_each_in_every_required_notebook():
    people = cases()
    assert 4 <= len(people) <= 5
    assert len({c.id for c in people}) == len(people)
    stems = set(notebook_stems())
    for c in people:
        missing = [nb for nb in REQUIRED if nb not in c.notebooks]
        assert not missing, f"{c.id}: no entry for {missing}"
        assert set(c.notebooks) <= stems, f"{c.id}: unknown notebook {set(c.notebooks) - stems}"


@pytest.mark.parametrize("person", cases(), ids=lambda c: c.id)
def test_the_self_check_gives_each_person_the_stated_level(person):
    """What the case file says the self-check would say is what it does say."""
    result = triage(person.self_check.ticks)
    assert result.level == person.self_check.level, (
        f"{person.id}: ticks {person.self_check.ticks} give {result.level!r}"
    )


LEVEL_WORDS = {"emergency": "999", "urgent": "111", "routine": "GP", "selfcare": "few weeks"}


@pytest.mark.parametrize("person", cases(), ids=lambda c: c.id)
def test_each_persons_advice_uses_the_public_wording_for_their_level(person):
    level = person.self_check.level
    assert LEVEL_WORDS[level] in person.self_check.advice, person.id
    text = person.notebooks["04-symptoms-and-self-check"].text
    assert {"emergency": "emergency", "urgent": "urgent", "routine": "routine", "selfcare": "self-care"}[level] in text


def test_the_people_cover_every_level_the_course_teaches():
    """Between them, the cases meet the emergency, urgent, routine and self-care levels."""
    assert {c.self_check.level for c in cases()} == {lv["id"] for lv in symptom_data()["levels"]}


def test_the_gluteal_tendon_hip_condition_is_a_case():
    """Issue 11: the hip condition that really involves the gluteal tendons, and what a
    clinician does with it, appear in the case data and in the quizzes."""
    runner = [c for c in cases() if "gluteal tendinopathy" in c.likely.lower() and "trochanteric" in c.likely]
    assert len(runner) == 1
    person = runner[0]
    assert "grimaldi-2015" in person.notebooks["05-when-to-see-a-doctor"].refs  # how it is assessed
    assert "mellor-2018" in person.notebooks["06-treatment-options"].refs  # what treatment did best
    asked = {q.ref for b in all_banks() for q in b.questions if q.case == person.id}
    assert {"grimaldi-2015", "mellor-2018"} <= asked


def test_every_case_a_question_names_exists_and_every_case_is_used():
    known = case_ids()
    used = {}
    for bank in all_banks():
        for q in bank.questions:
            if q.case:
                assert q.case in known, f"{bank.id}/{q.id}: unknown case {q.case!r}"
                used.setdefault(q.case, []).append(f"{bank.id}/{q.id}")
    unused = known - set(used)
    assert not unused, f"cases no question uses: {sorted(unused)}"
    in_topic_quizzes = {q.case for b in topic_banks() for q in b.questions if q.case}
    assert in_topic_quizzes == known, f"cases not met in any notebook quiz: {sorted(known - in_topic_quizzes)}"


def test_every_topic_bank_has_a_case_question():
    for bank in topic_banks():
        if bank.id == "00-warm-up":
            continue
        assert any(q.case for q in bank.questions), f"{bank.id} has no question about a recurring person"


@pytest.mark.parametrize("problem", ["tick", "level", "ref", "duplicate"])
def test_a_bad_case_file_names_the_case_and_the_problem(problem):
    data = copy.deepcopy(json.loads((ROOT / "data" / "cases.json").read_text()))
    person = data["cases"][1]
    if problem == "tick":
        person["self_check"]["ticks"].append("no-such-item")
        needle = "no-such-item"
    elif problem == "level":
        person["self_check"]["level"] = "panic"
        needle = "'panic' is not a level"
    elif problem == "ref":
        person["notebooks"]["03-causes-and-risk-factors"]["refs"].append("no-such-paper")
        needle = "no-such-paper"
    else:
        data["cases"][2]["id"] = person["id"]
        needle = "duplicate id"
    symptoms = symptom_data()
    with pytest.raises(CourseDataError) as err:
        check_cases(
            build(Cases, data),
            reference_keys(),
            {i["id"] for i in symptoms["items"]},
            {lv["id"] for lv in symptoms["levels"]},
            path="cases.json",
        )
    assert "cases.json" in str(err.value) and f"case {person['id']!r}" in str(err.value)
    assert needle in str(err.value)
