"""The clinical claims register (data/claims.json, issue 9 "Proof").

What counts as a clinical number (the full rule is ``glutecourse.claims.RULE``):

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

Where readers see numbers: every notebook's markdown cells (with image alt text), and the
reader-facing strings and numbers of every data file, which the package renders. A number
must be held by a claim that lists the file in ``appears_in``; quiz banks (task E rewrites
them this round) are checked against the whole register in a separate, non-strict case.
"""

import copy
import datetime as dt
import json

import pytest
from conftest import ROOT

from glutecourse import claims as cl
from glutecourse.errors import CourseDataError

REGISTER = cl.register()
BY_ID = {c["id"]: c for c in REGISTER["claims"]}
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
        f"that already holds it). What counts is glutecourse.claims.RULE.\n{describe(missing)}"
    )


@pytest.mark.parametrize("path", cl.course_files(ROOT), ids=rel)
def test_a_claim_lists_a_file_only_where_its_numbers_are_shown(path):
    assert cl.stale_claims(path) == [], f"{rel(path)} no longer shows these claims' numbers: remove it from their appears_in"


@pytest.mark.parametrize("path", [
    pytest.param(p, id=rel(p), marks=pytest.mark.xfail(strict=False, reason="task E rewrites the banks"))
    for p in cl.quiz_files(ROOT)
])
def test_quiz_bank_numbers_are_held_by_the_register(path):
    missing = cl.unregistered(path, whole_register=True)
    assert not missing, f"{rel(path)}: numbers no claim holds:\n{describe(missing)}"


def test_every_course_file_is_scanned_and_the_exclusions_are_few():
    scanned = {rel(p) for p in cl.course_files(ROOT)}
    for nb in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"):
        assert rel(nb) in scanned
    for name in ("data/treatments.json", "data/symptoms.json", "data/evidence.json", "data/recovery/prognosis.json",
                 "data/myths.json", "data/exercises.json", "data/glossary/general.json"):
        assert name in scanned
    assert len(cl.EXCLUDED_FILES) <= 5 and len(cl.EXCLUDED_FIELDS) <= 20


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


@pytest.mark.parametrize("sentence, expected", [
    ("Four in five people recover within a month.", ("4", "in 5")),
    ("Most people, more than three quarters of them, recover.", ("3/4", "")),
    ("Pain settles for 90% of people.", ("90", "%")),
    ("Recovery takes about nine weeks.", ("9", "week")),
])
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


@pytest.mark.parametrize("text", [
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
])
def test_the_exclusions_leave_out_what_is_not_a_clinical_number(text):
    assert cl.numbers_in(text) == [], text


@pytest.mark.parametrize("text, key", [
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
])
def test_the_rule_counts_clinical_numbers_in_their_usual_forms(text, key):
    assert key in [n.key for n in cl.numbers_in(text)], text


@pytest.mark.parametrize("text, expected", [
    ("1.5 + 7 + 2 = 10.5 hours", [("1.5", cl.ANY_UNIT), ("7", cl.ANY_UNIT), ("2", cl.ANY_UNIT), ("10.5", "hour")]),
    ("69 − 40 = 29.", [("69", cl.ANY_UNIT), ("40", cl.ANY_UNIT), ("29", "")]),
    ("30 s × 2 sets × 2 sides = 120 seconds", [("30", "second"), ("2", "sets"), ("2", cl.ANY_UNIT), ("120", "second")]),
    ("51 ÷ 66 = 0.77", [("51", cl.ANY_UNIT), ("66", cl.ANY_UNIT), ("0.77", "")]),
])
def test_worked_arithmetic_is_read_as_restated_operands_and_a_result(text, expected):
    # "69 − 40" is not a range: operands restate registered numbers (their unit is often
    # dropped, so they match on value); the result is the course's own number.
    assert [n.key for n in cl.numbers_in(text)] == expected


def test_numbers_in_a_bank_or_the_cases_know_their_question_or_case_and_field(tmp_path):
    bank = {"id": "x", "questions": [{"id": "q", "type": "numeric", "prompt": "Sam sits for 7 hours.", "answer": 7,
                                      "unit": "hours", "explanation": "About 80% of people recover."}]}
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    found = [(n.where, n.key) for n in cl.numbers_in_file(path, name="data/quizzes/bank.json")]
    assert found == [("q/prompt", ("7", "hour")), ("q/answer", ("7", "hour")), ("q/explanation", ("80", "%"))]
    cases = [(n.where, n.key) for n in cl.numbers_in_file(ROOT / "data" / "cases.json")]
    assert ("desk-worker/story", ("3", "week")) in cases


def test_numbers_in_data_fields_carry_the_unit_their_field_gives_them():
    found = {(n.context.split(":")[0], n.key) for n in cl.numbers_in_file(ROOT / "data" / "evidence.json")}
    assert ("recurrence_percent", ("69", "%")) in found
    assert ("median_days", ("139", "day")) in found
    assert ("with_lbp", ("150", cl.ANY_UNIT)) in found


def test_a_wrong_quiz_option_is_not_counted_but_its_feedback_is(tmp_path):
    bank = {"id": "x", "questions": [{"id": "q", "type": "single", "prompt": "How common?", "answer": "b",
                                      "options": [{"id": "a", "text": "About 10%", "feedback": "Too high: under 1%."},
                                                  {"id": "b", "text": "Under 1%"}]}]}
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    assert sorted(n.key for n in cl.numbers_in_file(path, name="data/quizzes/bank.json")) == [("1", "%"), ("1", "%")]


# ------------------------------------------------------------------------ the register itself


def test_every_number_claim_records_its_source_place_reading_and_date():
    for c in (c for c in REGISTER["claims"] if c["kind"] in cl.NUMBER_KINDS):
        assert c["ref"] in BIB, c["id"]
        assert c["place"].strip() and c["via"].strip(), c["id"]
        dt.date.fromisoformat(c["checked"])
        if c["read"] == "summary":
            assert not c["seen_in_source"], c["id"]
    derived = [c for c in REGISTER["claims"] if c["kind"] == "derived"]
    assert derived and all(BY_ID[f]["kind"] in cl.NUMBER_KINDS + ("derived",) for c in derived for f in c["from"])


def test_the_register_says_how_many_numbers_were_seen_in_the_sources_own_text():
    numbers = [c for c in cl.number_claims(REGISTER) if c["kind"] != "derived"]
    seen = [c for c in numbers if c["seen_in_source"]]
    summary = [c for c in numbers if c["read"] == "summary"]
    assert seen and summary and len(seen) + len(summary) <= len(numbers)
    assert len(seen) > len(numbers) / 2, "most numbers were checked against the source's own text"


@pytest.mark.parametrize("change, message", [
    (lambda d: d["claims"][0].update(ref="no-such-paper"), "reference key 'no-such-paper'"),
    (lambda d: d["claims"].append(copy.deepcopy(d["claims"][0])), "duplicate id"),
    (lambda d: d["claims"][0].update(read="summary", seen_in_source=True), "cannot have been seen"),
    (lambda d: d["claims"][0].update(appears_in=["notebooks/99-missing.ipynb"]), "does not exist"),
    (lambda d: d["claims"][0].update(appears_in=["data/references.json"]), "excluded from the scan"),
    (lambda d: next(c for c in d["claims"] if c["kind"] == "derived").update({"from": ["nope"]}), "not a claim"),
])
def test_a_broken_register_is_reported_by_file_and_claim(change, message):
    bad = copy.deepcopy(REGISTER)
    change(bad)
    with pytest.raises(CourseDataError, match=rf"claims.json, claim '[a-z0-9-]+': .*{message}"):
        cl.check_register(bad, "data/claims.json", set(BIB), ROOT)


def test_a_register_that_breaks_the_schema_names_the_claim():
    from glutecourse.data import validate

    bad = copy.deepcopy(REGISTER)
    del bad["claims"][1]["checked"]
    with pytest.raises(CourseDataError, match=rf"claim '{bad['claims'][1]['id']}'.*checked"):
        validate(bad, "claims", "data/claims.json")


# ------------------------------------------------- stances and self-check items, by pointer


def _pointed(kind, file):
    ids = [i for c in REGISTER["claims"] if c["kind"] == kind and c["points_to"]["file"] == file for i in c["points_to"]["ids"]]
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
    symptoms = json.loads((ROOT / "data" / "symptoms.json").read_text(encoding="utf-8"))
    rules = json.loads((ROOT / "data" / "triage-rules.json").read_text(encoding="utf-8"))
    assert _pointed("self-check", "data/symptoms.json") == {i["id"] for i in symptoms["items"]}
    assert _pointed("self-check", "data/triage-rules.json") == {r["id"] for r in rules["rules"]}
    for record in symptoms["items"] + rules["rules"]:
        dt.date.fromisoformat(record["checked"])
        assert record["source"], record["id"]
        for s in record["source"]:
            assert s["ref"] in BIB and s["place"].strip(), record["id"]


def test_pointers_name_records_that_exist():
    for c in REGISTER["claims"]:
        if "points_to" not in c:
            continue
        target = json.loads((ROOT / c["points_to"]["file"]).read_text(encoding="utf-8"))[c["points_to"]["list"]]
        assert set(c["points_to"]["ids"]) <= {r["id"] for r in target}, c["id"]


# ------------------------------------------------------------------------------ dose ranges


def test_the_example_programme_keeps_to_the_registered_dose_ranges():
    exercises = json.loads((ROOT / "data" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    assert [c for c in REGISTER["claims"] if c.get("checks")], "dose claims exist"
    assert cl.dose_violations(exercises, REGISTER) == []


def test_a_stretch_held_longer_than_the_advice_is_reported():
    exercises = json.loads((ROOT / "data" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    stretch = next(e for e in exercises if e["type"] == "stretch" and e["dose"]["kind"] == "hold")
    stretch["dose"]["seconds"] = 45
    problems = cl.dose_violations(exercises, REGISTER)
    assert any(stretch["id"] in p and "hold_seconds is 45" in p for p in problems), problems
