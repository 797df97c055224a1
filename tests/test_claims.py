"""The clinical claims register (data/claims.json, issue 9 "Proof").

What counts as a clinical number (the full rule is ``glutecourse.catalog.claims.RULE``):

* COUNTED: any quantity stated about health, the body, a study or a treatment, as a numeral
  with its range and unit ("69%", "2.7 per 100,000", "SMD -0.33 (95% CI -0.52 to 0.09)",
  "p < 0.001", "1,172 people", "30 s", "aged 16 and over", "4 in 10,000"), a number in words
  with a unit or as a ratio ("six weeks", "two previous episodes", "four in five"), or a
  fraction in words ("more than half", "about a third", "two thirds of people").
* NOT COUNTED (masked, each pattern specific): code and link targets; the course's own
  numbering (headings, numbered lists, "notebook 05", section/step/question numbers);
  where a claim comes from (recommendation and section numbers such as 1.2.22, B.4,
  "Recommendation 3"; years and dates in citations; codes such as NG59; nerve roots L5,
  S1); reading times and quiz lengths; the ends of a rating scale ("0-10", "0 to 100",
  "10 = worst"); the 95% that names a confidence interval; a rate's denominator after a
  word ("cases per 100,000"); the course's chart and diary settings ("7-day rolling
  mean"); phone numbers 999 and 111;
  made-up or drawing values in data (worked-case people, drawing coordinates, example
  programme weeks, exercise settings, which are checked against registered dose ranges
  instead); the text of a quiz option that is not the keyed answer.
* HELD, BUT NOT AS FINDINGS: made-up details of a quiz question's or a case's story, or of
  a notebook's worked example or Think prompt (scenario claims, exempt only in the question,
  case, field or notebook cell they name) and the course's own arithmetic (derived claims,
  whose computations these tests redo).

Where readers see numbers: every notebook's markdown cells (with image alt text), and the
reader-facing strings and numbers of every data file, which the package renders, the quiz
banks, data/cases.json and data/final-quiz.json included. A number must be held by a claim
that lists the file in ``appears_in``, or by a scenario claim for the place where it is (in a
notebook: its markdown cell, by cell id).
"""

import copy
import datetime as dt
import json
from fractions import Fraction

import pytest

from conftest import ROOT
from glutecourse.catalog import claims as cl
from glutecourse.core.errors import CourseDataError

REGISTER = cl.register()
BY_ID = {c.id: c for c in REGISTER.claims}
#: The register's JSON as written, for the tests that break a copy of it.
RAW = json.loads((ROOT / "data" / "claims.json").read_text(encoding="utf-8"))
BIB = json.loads((ROOT / "data" / "references.json").read_text(encoding="utf-8"))


def rel(path):
    return path.relative_to(ROOT).as_posix()


def describe(numbers):
    return "\n".join(f"  {n.text!r} -> {n.value} {n.unit or '(no unit)'}   …{n.context}…" for n in numbers)


# ------------------------------------------------------------------------- numbers shown


@pytest.mark.parametrize("path", cl.course_files(ROOT), ids=rel)
def test_every_clinical_number_shown_is_held_by_the_register(path):
    missing = cl.unregistered(path)
    assert not missing, (
        f"{rel(path)} shows numbers that data/claims.json does not hold for this file. Add each to a claim "
        f"with its source, place, how it was read and the date checked (or list this file under the claim "
        f"that already holds it). What counts is glutecourse.catalog.claims.RULE.\n{describe(missing)}"
    )


@pytest.mark.parametrize("path", cl.course_files(ROOT) + cl.quiz_files(ROOT), ids=rel)
def test_a_claim_lists_a_file_only_where_its_numbers_are_shown(path):
    assert cl.stale_claims(path) == [], (
        f"{rel(path)} no longer shows these claims' numbers: remove it from their appears_in (or the place "
        f"from the scenario claim)"
    )


@pytest.mark.parametrize("path", cl.quiz_files(ROOT), ids=rel)
def test_quiz_bank_numbers_are_held_by_the_register(path):
    """The quiz banks, the cases and the final quiz are data files like any other: each number
    is held by a claim that lists the file, or is a made-up detail that a scenario claim lists
    for that very question, case or field."""
    missing = cl.unregistered(path)
    assert not missing, (
        f"{rel(path)} shows numbers that data/claims.json does not hold for this file. A clinical number needs a "
        f"claim (source, place, reading, date) that lists this file; a made-up detail of the question's or case's "
        f"story needs a scenario claim naming the question or field; worked arithmetic needs a derived claim whose "
        f"computation the test redoes.\n{describe(missing)}"
    )


def test_every_course_file_is_scanned_and_the_exclusions_are_few():
    scanned = {rel(p) for p in cl.course_files(ROOT)}
    for nb in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"):
        assert rel(nb) in scanned
    for name in (
        "data/treatments.json",
        "data/selfcheck.json",
        "data/evidence.json",
        "data/timeline.json",
        "data/myths.json",
        "data/exercises.json",
        "data/glossary/general.json",
    ):
        assert name in scanned
    assert len(cl.EXCLUDED_FILES) <= 5 and len(cl.EXCLUDED_FIELDS) <= 20
    banks = {rel(p) for p in cl.quiz_files(ROOT)}
    assert {rel(p) for p in (ROOT / "data" / "quizzes").glob("*.json")} | {
        "data/cases.json",
        "data/final-quiz.json",
    } == banks
    assert not banks & set(cl.EXCLUDED_FILES), "the banks and the cases are scanned like every data file"


# ------------------------------------------------------------------------ the rule, proven


def _inject_into_notebook(tmp_path, stem, sentence):
    src = ROOT / "notebooks" / f"{stem}.ipynb"
    nb = json.loads(src.read_text(encoding="utf-8"))
    cell = [c for c in nb["cells"] if c["cell_type"] == "markdown"][3]
    cell["source"] = cell["source"] + ["\n", sentence + "\n"]
    copy_path = tmp_path / src.name
    copy_path.write_text(json.dumps(nb), encoding="utf-8")
    return src, copy_path


def test_an_unsourced_recovery_claim_added_to_a_notebook_is_caught(tmp_path):
    src, changed = _inject_into_notebook(tmp_path, "07-recovery-timeline", "About 80% of people recover in 6 weeks.")
    assert cl.unregistered(src) == [], "the notebook as committed passes"
    caught = cl.unregistered(changed, name=rel(src))
    # "6 weeks" is a registered figure of this notebook (Menezes Costa); 80% is held by no claim.
    assert [n.key for n in caught] == [("80", "%")], describe(caught)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Four in five people recover within a month.", ("4", "in 5")),
        ("Most people, more than three quarters of them, recover.", ("3/4", "")),
        ("Pain settles for 90% of people.", ("90", "%")),
        ("Recovery takes about nine weeks.", ("9", "week")),
    ],
)
def test_numbers_in_words_and_other_forms_are_caught_too(tmp_path, sentence, expected):
    src, changed = _inject_into_notebook(tmp_path, "05-when-to-see-a-doctor", sentence)
    assert expected in [n.key for n in cl.unregistered(changed, name=rel(src))]


def test_an_unsourced_number_in_a_data_file_is_caught(tmp_path):
    data = json.loads((ROOT / "data" / "myths.json").read_text(encoding="utf-8"))
    data["myths"][0]["evidence"] += " About 80% of people recover in 6 weeks."
    changed = tmp_path / "myths.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    caught = [n.key for n in cl.unregistered(changed, name="data/myths.json")]
    assert ("80", "%") in caught


def _question(data, qid):
    return next(q for q in data["questions"] if q["id"] == qid)


def _case(data, cid):
    return next(c for c in data["cases"] if c["id"] == cid)


def _append(record, field, sentence):
    record[field] = record[field] + " " + sentence


def _cell(nb, cell_id):
    cells = [c for c in nb["cells"] if c.get("id") == cell_id]
    assert len(cells) == 1, f"the notebook has no cell {cell_id!r} (was it split or renamed? update this table)"
    return cells[0]


def _append_to_cell(nb, cell_id, sentence):
    cell = _cell(nb, cell_id)
    cell["source"] = "".join(cell["source"]) + "\n\n" + sentence + "\n"


# Each exclusion in the quiz banks, the cases and the final quiz: (what it shows, file, change,
# what the scanner must report). The rows in pairs show that an exclusion leaves out what it
# should and nothing more: the same number elsewhere, or a clinical number in the same place,
# is still caught.
BANK = "data/quizzes/03-causes-and-risk-factors.json"
POOL = "data/quizzes/10-final-pool.json"
CASES = "data/cases.json"
NB00 = "notebooks/00-start-here.ipynb"
NB07 = "notebooks/07-recovery-timeline.ipynb"
CLINICAL = "About 80% of people recover."
EXCLUSION_TABLE = [
    (
        "scenario: Sam's made-up hours, in their own question",
        BANK,
        lambda d: _append(_question(d, "sitting-total"), "explanation", "He sits for 7 hours at his desk."),
        [],
    ),
    (
        "scenario: the same hours in another question are caught",
        BANK,
        lambda d: _append(_question(d, "sitting-link"), "explanation", "He sits for 7 hours at his desk."),
        [("7", "hour")],
    ),
    (
        "scenario: a clinical number in that question's explanation is caught",
        BANK,
        lambda d: _append(_question(d, "sitting-total"), "explanation", CLINICAL),
        [("80", "%")],
    ),
    ("derived: worked arithmetic as registered", POOL, lambda d: None, []),
    (
        "derived: a wrong result of the same arithmetic is caught",
        POOL,
        lambda d: _question(d, "fracture-count").update(
            explanation=_question(d, "fracture-count")["explanation"].replace("4% of 200 is 8", "4% of 200 is 80")
        ),
        [("80", "")],
    ),
    (
        "derived: a wrong numeric answer is caught",
        POOL,
        lambda d: _question(d, "fracture-count").update(answer=9),
        [("9", "people")],
    ),
    (
        "case: Sam's made-up hours in his story",
        CASES,
        lambda d: _append(_case(d, "desk-worker"), "story", "He sits for about ten hours."),
        [],
    ),
    (
        "case: the same hours in his notebook entry are caught",
        CASES,
        lambda d: _append(
            _case(d, "desk-worker")["notebooks"]["08-exercise-programme"], "text", "He sits for about ten hours."
        ),
        [("10", "hour")],
    ),
    (
        "case: a clinical number in a notebook entry that has scenario numbers is caught",
        CASES,
        lambda d: _append(_case(d, "persistent-worry")["notebooks"]["09-pain-diary"], "text", CLINICAL),
        [("80", "%")],
    ),
    (
        "case: a scenario value with another unit is caught in its own place",
        CASES,
        lambda d: _append(
            _case(d, "persistent-worry")["notebooks"]["09-pain-diary"], "text", "Or walking for 30 days."
        ),
        [("30", "day")],
    ),
    (
        "case: another person's age is caught",
        CASES,
        lambda d: _append(_case(d, "runner-hip"), "story", "She is 34."),
        [("34", "")],
    ),
    (
        "quiz: a distractor's text is left out",
        BANK,
        lambda d: _question(d, "reverse")["options"][1].update(text="Studies prove it for 80% of people"),
        [],
    ),
    (
        "quiz: a distractor's feedback is caught",
        BANK,
        lambda d: _append(_question(d, "reverse")["options"][1], "feedback", CLINICAL),
        [("80", "%")],
    ),
    (
        "quiz: a numeric answer's tolerance is left out",
        BANK,
        lambda d: _question(d, "sitting-total").update(tolerance=0.25),
        [],
    ),
    (
        "final quiz: the blueprint's counts are left out",
        "data/final-quiz.json",
        lambda d: d["topics"][0].update(count=7),
        [],
    ),
    (
        "final quiz: a clinical number in its prose is caught",
        "data/final-quiz.json",
        lambda d: _append(d["mandatory"][0], "why", CLINICAL),
        [("80", "%")],
    ),
    # notebooks: a scenario claim names single markdown cells, never a whole notebook
    (
        "notebook: Alex's made-up eight months, in a cell its scenario claim names",
        NB07,
        lambda d: _append_to_cell(d, "t002", "He has had pain for eight months."),
        [],
    ),
    (
        "notebook: the same months in another cell of the notebook are caught",
        NB07,
        lambda d: _append_to_cell(d, "c024", "Alex has had pain for eight months."),
        [("8", "month")],
    ),
    (
        "notebook: a clinical number in a cell that has scenario numbers is caught",
        NB07,
        lambda d: _append_to_cell(d, "t002", CLINICAL),
        [("80", "%")],
    ),
    (
        "notebook: a scenario value with another unit is caught in its own cell",
        NB07,
        lambda d: _append_to_cell(d, "t002", "Or for eight years."),
        [("8", "year")],
    ),
    (
        "notebook: the five people, in a cell the cast's claim names",
        NB00,
        lambda d: _append_to_cell(d, "t001", "Each of the five people is made up."),
        [],
    ),
    (
        "notebook: the five people in a cell it does not name are caught",
        NB00,
        lambda d: _append_to_cell(d, "c000", "Meet the five people in section 5."),
        [("5", "people")],
    ),
]


@pytest.mark.parametrize("label, name, change, expected", EXCLUSION_TABLE, ids=[row[0] for row in EXCLUSION_TABLE])
def test_each_exclusion_in_the_banks_and_cases_leaves_out_only_what_it_should(tmp_path, label, name, change, expected):
    assert cl.unregistered(ROOT / name) == [], f"{name} as committed passes"
    data = json.loads((ROOT / name).read_text(encoding="utf-8"))
    change(data)
    changed = tmp_path / ("copy" + (ROOT / name).suffix)
    changed.write_text(json.dumps(data), encoding="utf-8")
    caught = [n.key for n in cl.unregistered(changed, name=name)]
    assert caught == expected, f"{label}: {describe(cl.unregistered(changed, name=name))}"


@pytest.mark.parametrize(
    "text",
    [
        "Notebook 05 looks at each warning sign; notebooks 07 and 08 follow.",
        "## 3. Urgent (same day)",
        "NICE NG59 recommendation 1.2.22; ACP Recommendation 3; WHO section B.4.",
        "(Woodfield et al. 2022; NICE NG59, 2016, updated 2020)",
        "**In one line:** in about 25 minutes you will know the symptoms.",
        "Rate your pain from 0 (no pain) to 10 (worst pain imaginable), on a 0-10 scale.",
        "The 95% confidence interval runs from just below zero.",
        "In the UK call 999 or NHS 111.",
        "Type a number, for example `2` or `1.5`.",
        "Superior gluteal nerve (L4, L5, S1).",
        "Eight questions. Each answer comes with an explanation.",
        "write it as 2026-03-14",
        "1. Are there warning signs? If so, they come first (notebook 05). 2. What is the evidence? 3. Where is the pain?",
        "He picks *1 · Gentle*; later *2 · Moderate* or *3 · Harder*.",
    ],
)
def test_the_exclusions_leave_out_what_is_not_a_clinical_number(text):
    assert cl.numbers_in(text) == [], text


@pytest.mark.parametrize(
    "text, key",
    [
        ("improves markedly in the first six weeks", ("6", "week")),
        ("more than two thirds of people had another episode", ("2/3", "")),
        ("weaker in the group with back pain (p < 0.001)", ("0.001", "")),
        ("for people aged 16 and over", ("16", "")),
        ("standardised mean difference -0.33", ("-0.33", "")),
        ("about 0.04%, or 4 in every 10,000", ("4", "in 10000")),
        ("holds of 30 s", ("30", "second")),
        ("2.7 per 100,000 people per year", ("2.7", "per 100000")),
        ("2.7 new cases per 100,000 people a year", ("2.7", "per 100000")),
        ("about 2.7 people per 100,000 a year", ("2.7", "per 100000")),
        ("51 − 23 = 28 points", ("28", "point")),
        ("95% CI -0.52 to 0.09", ("-0.52", "")),
        ("followed 1,172 people", ("1172", "people")),
        # beside the exclusions for numbered items and the builder's level names: only the
        # numbering is left out
        ("Mean pain fell to 2. Then it rose again.", ("2", "")),
        ("It is rare. 4 in 10 people who are asked say so.", ("4", "in 10")),
        ("He picks *1 · Gentle* for 10 minutes.", ("10", "minute")),
    ],
)
def test_the_rule_counts_clinical_numbers_in_their_usual_forms(text, key):
    assert key in [n.key for n in cl.numbers_in(text)], text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.5 + 7 + 2 = 10.5 hours", [("1.5", cl.ANY_UNIT), ("7", cl.ANY_UNIT), ("2", cl.ANY_UNIT), ("10.5", "hour")]),
        ("69 − 40 = 29.", [("69", cl.ANY_UNIT), ("40", cl.ANY_UNIT), ("29", "")]),
        (
            "30 s × 2 sets × 2 sides = 120 seconds",
            [("30", "second"), ("2", "sets"), ("2", cl.ANY_UNIT), ("120", "second")],
        ),
        ("51 ÷ 66 = 0.77", [("51", cl.ANY_UNIT), ("66", cl.ANY_UNIT), ("0.77", "")]),
    ],
)
def test_worked_arithmetic_is_read_as_restated_operands_and_a_result(text, expected):
    # "69 − 40" is not a range: operands restate registered numbers (their unit is often
    # dropped, so they match on value); the result is the course's own number.
    assert [n.key for n in cl.numbers_in(text)] == expected


def test_numbers_in_a_bank_or_the_cases_know_their_question_or_case_and_field(tmp_path):
    bank = {
        "id": "x",
        "questions": [
            {
                "id": "q",
                "type": "numeric",
                "prompt": "Sam sits for 7 hours.",
                "answer": 7,
                "unit": "hours",
                "explanation": "About 80% of people recover.",
            }
        ],
    }
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    found = [(n.where, n.key) for n in cl.numbers_in_file(path, name="data/quizzes/bank.json")]
    assert found == [("q/prompt", ("7", "hour")), ("q/answer", ("7", "hour")), ("q/explanation", ("80", "%"))]
    cases = [(n.where, n.key) for n in cl.numbers_in_file(ROOT / "data" / "cases.json")]
    assert ("desk-worker/story", ("3", "week")) in cases


def test_numbers_in_a_notebook_know_their_markdown_cell(tmp_path):
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "markdown",
                "id": "intro",
                "metadata": {},
                "source": ["Sam is 34.\n", "He sits for 7 hours."],
            },
            {
                "cell_type": "code",
                "id": "code",
                "metadata": {},
                "source": ["x = 80  # 80%"],
                "outputs": [],
                "execution_count": None,
            },
            {"cell_type": "markdown", "id": "fact", "metadata": {}, "source": "About 80% of people recover."},
        ],
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = [(n.where, n.key) for n in cl.numbers_in_file(path, name="notebooks/nb.ipynb")]
    assert found == [("intro", ("34", "")), ("intro", ("7", "hour")), ("fact", ("80", "%"))]
    margaret = [(n.where, n.key) for n in cl.numbers_in_file(ROOT / "notebooks" / "04-symptoms-and-self-check.ipynb")]
    assert ("t004", ("74", "")) in margaret


def test_numbers_in_data_fields_carry_the_unit_their_field_gives_them():
    found = {(n.context.split(":")[0], n.key) for n in cl.numbers_in_file(ROOT / "data" / "evidence.json")}
    assert ("recurrence_percent", ("69", "%")) in found
    assert ("median_days", ("139", "day")) in found
    assert ("with_lbp", ("150", cl.ANY_UNIT)) in found


def test_a_wrong_quiz_option_is_not_counted_but_its_feedback_is(tmp_path):
    bank = {
        "id": "x",
        "questions": [
            {
                "id": "q",
                "type": "single",
                "prompt": "How common?",
                "answer": "b",
                "options": [
                    {"id": "a", "text": "About 10%", "feedback": "Too high: under 1%."},
                    {"id": "b", "text": "Under 1%"},
                ],
            }
        ],
    }
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    assert sorted(n.key for n in cl.numbers_in_file(path, name="data/quizzes/bank.json")) == [("1", "%"), ("1", "%")]


# ------------------------------------------------------------------------ the register itself


def test_every_number_claim_records_its_source_place_reading_and_date():
    for c in (c for c in REGISTER.claims if c.kind in cl.NUMBER_KINDS):
        assert c.ref in BIB, c.id
        assert c.place.strip() and c.via.strip(), c.id
        dt.date.fromisoformat(c.checked)
        if c.read == "summary":
            assert not c.seen_in_source, c.id
    derived = [c for c in REGISTER.claims if c.kind == "derived"]
    assert derived and all(
        BY_ID[f].kind in cl.NUMBER_KINDS + ("derived", cl.SCENARIO) for c in derived for f in c.derives_from
    )


def test_the_register_says_how_many_numbers_were_seen_in_the_sources_own_text():
    numbers = [c for c in cl.number_claims(REGISTER) if c.kind != "derived"]
    seen = [c for c in numbers if c.seen_in_source]
    summary = [c for c in numbers if c.read == "summary"]
    assert seen and summary and len(seen) + len(summary) <= len(numbers)
    assert len(seen) > len(numbers) / 2, "most numbers were checked against the source's own text"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["claims"][0].update(ref="no-such-paper"), "reference key 'no-such-paper'"),
        (lambda d: d["claims"].append(copy.deepcopy(d["claims"][0])), "duplicate id"),
        (lambda d: d["claims"][0].update(read="summary", seen_in_source=True), "cannot have been seen"),
        (lambda d: d["claims"][0].update(appears_in=["notebooks/99-missing.ipynb"]), "does not exist"),
        (lambda d: d["claims"][0].update(appears_in=["data/references.json"]), "excluded from the scan"),
        (lambda d: next(c for c in d["claims"] if c["kind"] == "derived").update({"from": ["nope"]}), "not a claim"),
        (
            lambda d: _claim(d, "sam-sitting-day").update(
                places=["data/quizzes/03-causes-and-risk-factors.json#no-such-question"]
            ),
            "has no question or case 'no-such-question'",
        ),
        (
            lambda d: _claim(d, "sam-details").update(places=["data/cases.json#desk-worker/no-such-field"]),
            "has no field 'no-such-field'",
        ),
        (
            lambda d: _claim(d, "sam-details").update(places=["data/myths.json#desk-worker"]),
            "has no quiz questions or cases",
        ),
        (
            lambda d: _claim(d, "alex-eight-months").update(places=[f"{NB07}#no-such-cell"]),
            f"{NB07} has no cell 'no-such-cell'",
        ),
        (
            lambda d: _claim(d, "alex-eight-months").update(places=[f"{NB07}#{_code_cell(NB07)}"]),
            "is a code cell; only markdown cells are read",
        ),
        (lambda d: _claim(d, "alex-eight-months").update(places=["notebooks/99-missing.ipynb#t002"]), "does not exist"),
    ],
)
def test_a_broken_register_is_reported_by_file_and_claim(change, message):
    bad = copy.deepcopy(RAW)
    change(bad)
    with pytest.raises(CourseDataError, match=rf"claims.json, claim '[a-z0-9-]+': .*{message}"):
        cl.check_register(bad, "data/claims.json", set(BIB), ROOT)


def _claim(data, claim_id):
    return next(c for c in data["claims"] if c["id"] == claim_id)


def _code_cell(notebook):
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    return next(c["id"] for c in cells if c["cell_type"] == "code")


# ------------------------------------------------------ derived numbers: arithmetic redone


def _in_banks(claim):
    return any(f in {rel(p) for p in cl.quiz_files(ROOT)} for f in claim.appears_in)


def test_every_derived_number_shown_in_a_bank_or_case_is_computed_and_the_computation_holds():
    derived = [c for c in REGISTER.claims if c.kind == "derived" and _in_banks(c)]
    assert len(derived) >= 10
    for c in derived:
        digits = [n for v in c.values for n in cl.numbers_in(v) if n.text[:1].isdigit() or n.text[:1] in "-−"]
        assert not digits or c.arithmetic, f"{c.id} shows {[n.text for n in digits]} in a bank without arithmetic"
        assert cl.arithmetic_problems(c, BY_ID) == [], c.id
        sources = {Fraction(v) for f in c.derives_from for v, _ in cl.claim_tokens(BY_ID[f])}
        for line in c.arithmetic:
            result, used = cl.evaluate(line.computation)
            shown = cl.numbers_in(line.shows)[0]
            if isinstance(result, bool):
                assert result, (c.id, line)
                continue
            # every number the computation uses comes from a claim it names, or is a unit conversion
            assert all(u in sources or u in cl.CONVERSIONS for u in used), (c.id, line)
            decimals = len(shown.value.split(".")[1]) if "." in shown.value else 0
            margin = line.within if line.within is not None else 0.5 * 10**-decimals
            assert abs(float(result) - float(Fraction(shown.value))) <= margin + 1e-9, (c.id, line)


def _slips(texts):
    """Sums written out in ``texts`` whose result is not what the numbers give, rounded as shown."""
    wrong = []
    for text in texts:
        for expression, shown in cl.worked_arithmetic(text):
            result, _ = cl.evaluate(expression)
            decimals = len(shown.value.split(".")[1]) if "." in shown.value else 0
            if round(float(result), decimals) != pytest.approx(float(shown.value)):
                wrong.append(f"{expression} = {shown.text}? ({float(result):g})")
    return wrong


@pytest.mark.parametrize("path", cl.course_files(ROOT) + cl.quiz_files(ROOT), ids=rel)
def test_arithmetic_written_out_in_the_course_is_right(path):
    """Sums written out for readers ("51 ÷ 66 = 0.77", "1.5 + 7 + 2 = 10.5 hours") are redone
    here, whatever claims hold their numbers: a slip in the text fails even when the wrong
    result happens to equal some other registered number."""
    texts = (
        [cl.notebook_text(path)]
        if path.suffix == ".ipynb"
        else [
            v
            for _, v, _ in cl.data_values(json.loads(path.read_text(encoding="utf-8")), rel(path))
            if isinstance(v, str)
        ]
    )
    assert _slips(texts) == [], rel(path)


def test_a_slip_in_written_arithmetic_is_found():
    assert _slips(["So 51 − 23 = 28 points.", "and 51 ÷ 66 = 0.77."]) == []
    assert len(_slips(["So 51 − 23 = 29 points, and 30 s × 2 sets × 2 sides = 100 seconds."])) == 2


def test_the_leap_percentages_are_computed_from_the_trial_counts():
    """The numbers the quiz asks readers to compute come out of the registered counts."""
    counts = BY_ID["mellor-2018-global-success"].values
    pairs = [tuple(int(x) for x in v.split(" of ")) for v in counts if " of " in v and "people" not in v]
    shares = {round(100 * a / b) for a, b in pairs}
    shown = {int(n.value) for v in BY_ID["mellor-2018-percentages"].values for n in cl.numbers_in(v) if n.unit == "%"}
    assert shares == shown == {77, 58, 29}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["arithmetic"][1].update({"is": "51 / 65 * 100"}), "rounds to 78, not 77"),
        (
            lambda c: c["arithmetic"][1].update({"is": "52 / 66 * 100"}),
            "uses 52, which is neither a number of the claims",
        ),
        (lambda c: c["arithmetic"][1].update({"is": "51 / 66 * 100 > 80"}), "the comparison does not hold"),
        (lambda c: c["arithmetic"][1].update({"is": "__import__('os').getcwd()"}), "is not plain arithmetic"),
        (
            lambda c: c["arithmetic"][1].update({"shows": "about 78%"}),
            "'shows' must be a number the claim's values show",
        ),
        (lambda c: c.pop("arithmetic"), "shows '0.77'"),
        (lambda c: c["values"].append("about 31%"), "shows '31%' in 'about 31%': no arithmetic line computes it"),
    ],
)
def test_wrong_or_missing_arithmetic_is_reported_by_claim(change, message):
    bad = copy.deepcopy(RAW)
    change(_claim(bad, "mellor-2018-percentages"))
    with pytest.raises(CourseDataError, match=rf"claim 'mellor-2018-percentages': .*{message}"):
        cl.check_register(bad, "data/claims.json", set(BIB), ROOT)


# ------------------------------------------------- scenario numbers: only in their places


def test_scenario_claims_name_places_that_show_every_value():
    scenarios = cl.scenario_claims(REGISTER)
    assert scenarios and all(c.places for c in scenarios)
    assert cl.unshown_scenario_values(REGISTER, ROOT) == []


def test_scenario_numbers_are_not_held_for_the_whole_file():
    bank = "data/quizzes/03-causes-and-risk-factors.json"
    made_up = cl.claim_tokens(BY_ID["sam-sitting-day"])
    assert made_up and not made_up & cl.registered(bank), "a made-up detail would pass anywhere in the bank"
    cast = BY_ID["course-cast"]
    notebooks = {cl.parse_place(p)[0] for p in cast.places}
    assert all(cl.is_notebook_place(p) for p in cast.places) and len(notebooks) >= 10
    for notebook in notebooks:
        assert not cl.claim_tokens(cast) & cl.registered(notebook), f"'five people' would pass anywhere in {notebook}"


def test_a_notebook_cell_must_show_every_value_of_the_scenario_claim_that_names_it():
    """A cell is a whole passage, so a value listed for cells that do not show it would be
    exempt there for nothing."""
    bad = copy.deepcopy(RAW)
    _claim(bad, "course-cast")["values"].append("three weeks")  # shown in one of its cells only
    problems = cl.unshown_scenario_values(cl.build_register(bad), ROOT)
    shown_in = [
        p
        for p in BY_ID["course-cast"].places
        if any(
            n.key == ("3", "week") and cl.in_place(n, cl.parse_place(p)[0], p)
            for n in cl.numbers_in_file(ROOT / cl.parse_place(p)[0])
        )
    ]
    assert len(shown_in) == 1
    assert len(problems) == len(BY_ID["course-cast"].places) - 1
    assert all(p.startswith("course-cast: 'three weeks' is not shown in notebooks/") for p in problems)
    assert not any(shown_in[0] in p for p in problems)


def test_the_course_has_as_many_people_as_the_notebooks_say():
    cases = json.loads((ROOT / "data" / "cases.json").read_text(encoding="utf-8"))["cases"]
    counts = {n.value for v in BY_ID["course-cast"].values for n in cl.numbers_in(v)}
    assert counts == {str(len(cases))}, "the notebooks' 'five people' must match data/cases.json"


def test_a_register_that_breaks_the_schema_names_the_claim():
    from glutecourse.core.data import validate

    bad = copy.deepcopy(RAW)
    del bad["claims"][1]["checked"]
    with pytest.raises(CourseDataError, match=rf"claim '{bad['claims'][1]['id']}'.*checked"):
        validate(bad, "claims", "data/claims.json")


# ------------------------------------------------- stances and self-check items, by pointer


def _pointed(kind, file):
    ids = [i for c in REGISTER.claims if c.kind == kind and c.points_to.file == file for i in c.points_to.ids]
    assert len(ids) == len(set(ids)), f"a record of {file} is pointed at twice"
    return set(ids)


def test_every_guideline_stance_is_in_the_register_with_its_place_and_date():
    rows = json.loads((ROOT / "data" / "treatments.json").read_text(encoding="utf-8"))["treatments"]
    assert _pointed("guideline-stances", "data/treatments.json") == {t["id"] for t in rows}
    sides = {"recommend", "consider", "only with exercise", "last resort", "do not offer", "not recommended"}
    for t in rows:
        for guideline, cell in t["guidelines"].items():
            src, where = cell["source"], f"{t['id']} / {guideline}"
            assert src["place"].strip(), where
            dt.date.fromisoformat(src["checked"])
            assert isinstance(src["place_seen"], bool), where
            if src["read"] == "secondary":
                assert src.get("via", "").strip(), where
            if cell["stance"] in sides:
                assert src.get("strength", "").strip(), where


def test_every_self_check_item_and_rule_is_in_the_register_with_its_place_and_date():
    symptoms = json.loads((ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8"))
    rules = json.loads((ROOT / "data" / "selfcheck-rules.json").read_text(encoding="utf-8"))
    assert _pointed("self-check", "data/selfcheck.json") == {i["id"] for i in symptoms["items"]}
    assert _pointed("self-check", "data/selfcheck-rules.json") == {r["id"] for r in rules["rules"]}
    for record in symptoms["items"] + rules["rules"]:
        dt.date.fromisoformat(record["checked"])
        assert record["source"], record["id"]
        for s in record["source"]:
            assert s["ref"] in BIB and s["place"].strip(), record["id"]


def test_pointers_name_records_that_exist():
    for c in REGISTER.claims:
        if c.points_to is None:
            continue
        target = json.loads((ROOT / c.points_to.file).read_text(encoding="utf-8"))[c.points_to.list]
        assert set(c.points_to.ids) <= {r["id"] for r in target}, c.id


# ------------------------------------------------------------------------------ dose ranges


def test_the_example_programme_keeps_to_the_registered_dose_ranges():
    exercises = json.loads((ROOT / "data" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    assert [c for c in REGISTER.claims if c.checks], "dose claims exist"
    assert cl.dose_violations(exercises, REGISTER) == []


def test_a_stretch_held_longer_than_the_advice_is_reported():
    exercises = json.loads((ROOT / "data" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    stretch = next(e for e in exercises if e["type"] == "stretch" and e["dose"]["kind"] == "hold")
    stretch["dose"]["seconds"] = 45
    problems = cl.dose_violations(exercises, REGISTER)
    assert any(stretch["id"] in p and "hold_seconds is 45" in p for p in problems), problems
