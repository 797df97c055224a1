"""Bank health: the quizzes cannot be gamed by a test-wise reader, and no two questions
test the same fact with the same answer. Every figure is computed from the banks; the
targets live in glutecourse/topics/bank_health.py (issue 11), which also says why each matters.

Scopes: "course" is every bank (topic quizzes and the final pool); "topic quizzes" is what
a reader meets in the notebooks. Both must meet the targets.
"""

import functools
from collections import defaultdict

import pytest

from glutecourse.catalog.references import reference_keys
from glutecourse.topics import bank_health as bh
from glutecourse.topics.quizzes import all_banks, parse_bank, topic_banks

SCOPES = {"course": all_banks, "topic quizzes": topic_banks}
#: The final quiz draws mostly on the final pool, so the cues a test-wise reader uses
#: (longest option, always "false") are checked on the pool alone too.
CUE_SCOPES = {**SCOPES, "final pool": lambda: [b for b in all_banks() if b.pool == "final"]}


@functools.cache
def figures_of(name):
    """The figures of one scope, computed once per run for the fixtures and tests below
    (the near-duplicate search compares every pair of prompts: seconds per scope)."""
    return bh.figures(CUE_SCOPES[name]())


@pytest.fixture(scope="module", params=sorted(SCOPES))
def scope(request):
    return request.param, figures_of(request.param)


@pytest.fixture(scope="module", params=sorted(CUE_SCOPES))
def cue_scope(request):
    return request.param, figures_of(request.param)


def test_keyed_option_is_rarely_the_longest(cue_scope):
    name, f = cue_scope
    assert f["single"] >= 10, f"{name}: too few single-choice questions to judge"
    assert f["single_key_longest_share"] <= bh.LONGEST_KEY_SHARE_MAX, (
        f"{name}: the key is the strictly longest option in {f['single_key_longest']} of {f['single']} "
        f"single-choice questions; a reader who always picks the longest would score too well"
    )


def test_keyed_option_is_not_never_the_longest(cue_scope):
    """The opposite cue: if the key were never the longest, 'never pick the longest' would
    work. With similar lengths the key is longest about 1 time in k (k options)."""
    name, f = cue_scope
    assert f["single_key_longest"] >= 1, f"{name}: the key is never the longest option"


def test_option_lengths_are_similar():
    offenders = figures_of("course")["length_ratio_outside"]
    lo, hi = bh.LENGTH_RATIO
    assert not offenders, f"key length outside {lo}-{hi} x the mean distractor length: {offenders}"


def test_true_false_is_balanced(cue_scope):
    name, f = cue_scope
    lo, hi = bh.TRUE_SHARE
    assert f["truefalse"] >= 4, f"{name}: too few true/false questions to judge"
    assert lo <= f["truefalse_true_share"] <= hi, (
        f"{name}: {f['truefalse_true']} of {f['truefalse']} true/false questions are keyed true"
    )


def test_numeric_questions_are_mostly_not_study_details(scope):
    name, f = scope
    assert "unknown" not in f["numeric_kinds"]
    assert f["numeric_recall_share"] <= bh.NUMERIC_RECALL_SHARE_MAX, (
        f"{name}: numeric questions by kind {f['numeric_kinds']}: too many ask to recall a figure"
    )


def test_most_questions_are_decisions_reasoning_or_reading(scope):
    name, f = scope
    assert f["recall_share"] <= bh.RECALL_SHARE_MAX, f"{name}: kinds {f['kinds']}"
    assert f["kinds"].get("decision", 0) >= 0.2 * f["questions"], f"{name}: too few decision questions: {f['kinds']}"


def test_every_option_and_answer_has_its_own_feedback():
    f = figures_of("course")
    assert f["options_without_feedback"] == []
    assert f["truefalse_without_both_feedbacks"] == []
    for bank in all_banks():
        for q in bank.questions:
            texts = [o.feedback for o in q.options]
            assert len(set(texts)) == len(texts), f"{bank.id}/{q.id}: two options share one feedback text"


def test_every_question_says_what_it_tests_how_and_from_which_source():
    refs = reference_keys()
    for bank in all_banks():
        for q in bank.questions:
            where = f"{bank.id}/{q.id}"
            assert q.concept, where
            assert q.kind in bh.KINDS, where
            assert q.ref in refs, where


def test_no_two_questions_test_the_same_fact_with_the_same_answer():
    """The rule: a concept is the fact or skill a question tests. Two questions may share a
    concept only if they ask it differently AND have different answers: their kinds differ
    (e.g. recall the list vs apply it to a person) and their keyed answers, compared as
    normalised text, differ. No concept is tested more than twice in the whole course."""
    by_concept = defaultdict(list)
    for bank in all_banks():
        for q in bank.questions:
            by_concept[q.concept].append((f"{bank.id}/{q.id}", q))
    for concept, qs in by_concept.items():
        assert len(qs) <= 2, f"concept {concept!r} is tested {len(qs)} times: {[w for w, _ in qs]}"
        if len(qs) == 2:
            (wa, a), (wb, b) = qs
            assert a.kind != b.kind, f"{wa} and {wb} test {concept!r} the same way ({a.kind})"
            assert bh.answer_key(a) != bh.answer_key(b), f"{wa} and {wb} test {concept!r} with the same answer"


def test_no_near_duplicate_prompts():
    assert figures_of("course")["near_duplicate_prompts"] == []


def test_within_a_bank_every_question_tests_a_different_concept():
    for bank in all_banks():
        concepts = [q.concept for q in bank.questions]
        assert len(set(concepts)) == len(concepts), bank.id


def test_bank_sizes_and_type_mix():
    banks = {b.id: b for b in topic_banks()}
    assert len(banks["00-warm-up"].questions) == 3
    for bank in banks.values():
        if bank.id == "00-warm-up":
            continue
        assert 6 <= len(bank.questions) <= 9, f"{bank.id}: {len(bank.questions)} questions"
        assert len({q.type for q in bank.questions}) >= 3, f"{bank.id}: mix the question types"


# ------------------------------------------------------ the checks can fail


def _gamed_bank():
    """A bank written the old way: long qualified keys, every statement false, numeric
    questions asking for study details, a repeated concept and a duplicated prompt."""

    def single(i):
        return {
            "id": f"s{i}",
            "type": "single",
            "concept": f"c{i}",
            "kind": "recall",
            "prompt": f"Question number {i} about something quite different, case {i * 7}?",
            "options": [
                {"id": "a", "text": "Yes, in most people, on average, with some exceptions", "feedback": "Right."},
                {"id": "b", "text": "No", "feedback": "No."},
                {"id": "c", "text": "Never", "feedback": "No."},
            ],
            "answer": "a",
            "explanation": "E.",
            "ref": "nice-ng59",
        }

    def tf(i):
        return {
            "id": f"t{i}",
            "type": "truefalse",
            "concept": f"t{i}",
            "kind": "recall",
            "prompt": f"Statement {i}: {'x' * i} is always so.",
            "answer": False,
            "feedback": {"true": "No.", "false": "Right."},
            "explanation": "E.",
            "ref": "nice-ng59",
        }

    def num(i):
        return {
            "id": f"n{i}",
            "type": "numeric",
            "concept": "sample-size",
            "kind": "recall",
            "prompt": "How many people took part in the trial?",
            "answer": 150,
            "tolerance": 0,
            "explanation": "E.",
            "ref": "nice-ng59",
        }

    data = {
        "id": "gamed",
        "title": "Gamed",
        "notebook": "01-glute-anatomy",
        "topic": "T",
        "questions": [single(i) for i in range(5)] + [tf(i) for i in range(5)] + [num(i) for i in range(2)],
    }
    return parse_bank(data, "gamed.json")


def test_the_figures_catch_a_gamed_bank():
    bank = _gamed_bank()
    f = bh.figures([bank])
    assert f["single_key_longest_share"] > bh.LONGEST_KEY_SHARE_MAX
    assert f["length_ratio_outside"]
    assert f["truefalse_true_share"] < bh.TRUE_SHARE[0]
    assert f["numeric_recall_share"] > bh.NUMERIC_RECALL_SHARE_MAX
    assert f["concepts_used_more_than_once"] == {"sample-size": 2}
    assert ("gamed/n0", "gamed/n1", 1.0) in bh.near_duplicates([bank])
