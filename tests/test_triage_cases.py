"""Worked cases (data/selfcheck-cases.json): the self-check gives every case the level public
guidance gives it, and the cases cover every emergency and urgent item and every rule."""

import copy
import json

import pytest

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import selfcheck as C
from glutecourse.topics import selfcheck as T
from glutecourse.ui import selfcheck as C_ui
from glutecourse.ui import selfcheck as T_ui

RAW = json.loads((ROOT / "data" / "selfcheck-cases.json").read_text(encoding="utf-8"))
CASES = RAW["cases"]


def test_there_are_at_least_25_cases_each_with_a_source():
    assert len(CASES) >= 25
    for case in CASES:
        assert case["source"] and case["why"], case["id"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_self_check_gives_the_level_the_guidance_gives(case):
    assert T.triage(case["ticks"]).level == case["level"], case["why"]


def test_cases_cover_every_emergency_and_urgent_item():
    ticked = {i for case in CASES for i in case["ticks"]}
    missing = [i.id for i in T.items().values() if i.level in ("emergency", "urgent") and i.id not in ticked]
    assert missing == []


def test_cases_cover_every_combination_rule():
    applied = {c.rule.id for case in CASES for c in T.triage(case["ticks"]).combinations}
    assert {r.id for r in T.rules()} <= applied
    # and every rule that can lift the level above its items (each of its sets holds an item
    # milder than the rule, or an assumed fact) is shown doing so in a case
    raised = {c.rule.id for case in CASES for c in T.triage(case["ticks"]).raised_by}
    rank = {lv: n for n, lv in enumerate(T.LEVELS)}
    items = T.items()
    can_raise = {
        r.id
        for r in T.rules()
        if all(
            s & T.assumed_facts() or any(rank[items[i].level] > rank[r.level] for i in s if i in items) for s in r.sets
        )
    }
    assert can_raise and can_raise <= raised


def test_cases_cover_all_four_levels():
    assert {case["level"] for case in CASES} == set(T.LEVELS)


def test_teaching_cases_render_as_questions_with_the_answer_behind_a_click():
    teaching = C.worked_case_list(teaching_only=True)
    assert 3 <= len(teaching) < len(CASES)
    html = C_ui.worked_cases_html()
    assert html.count("<details>") == len(teaching)
    for case in teaching:
        assert T_ui.safe_html(case.person) in html
        info = T.level_info(case.level)
        question, answer = html.split(T_ui.safe_html(case.person), 1)[1].split("<details>", 1)
        assert "What would you do?" in question
        assert info.title in answer.split("</details>", 1)[0]  # the answer is hidden until clicked
        for item_id in case.ticks:
            assert T_ui.safe_html(T.items()[item_id].label) in question


def test_bad_case_names_the_file_and_the_case():
    data = copy.deepcopy(RAW)
    data["cases"][0]["ticks"].append("rf-no-such-thing")
    with pytest.raises(
        CourseDataError,
        match=r"selfcheck-cases\.json, case 'saddle-when-wiping': ticks unknown item 'rf-no-such-thing'",
    ):
        C.check_worked_cases(data, "selfcheck-cases.json")
