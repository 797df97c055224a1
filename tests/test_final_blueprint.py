"""The final quiz is chosen from a blueprint (data/final-quiz.json) by a pure function of
the reader's history: it always meets the blueprint's rules, prefers questions the reader
has not seen, and draws on a pool larger than the topic quizzes."""

import json

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from glutecourse.catalog.course import notebook_stems
from glutecourse.topics.final_quiz import (
    BlueprintError,
    blueprint,
    final_questions,
    items_from_banks,
    rule_violations,
    select,
    total,
)
from glutecourse.topics.progress import ProgressStore
from glutecourse.topics.quizzes import all_banks, answered, topic_banks
from glutecourse.ui.progress import progress_summary

BANKS = all_banks()
ITEMS = items_from_banks(BANKS)
PLAN = blueprint()
TOPIC_KEYS = {(b.id, q.id) for b in topic_banks() for q in b.questions}
POOL_KEYS = {it.key for it in ITEMS if it.final_only}
ALL_KEYS = {it.key for it in ITEMS}


def first_half_of_each_topic():
    keys = set()
    for b in topic_banks():
        keys |= {(b.id, q.id) for q in b.questions[: len(b.questions) // 2]}
    return keys


HISTORIES = {
    "empty": set(),
    "every topic quiz answered": TOPIC_KEYS,
    "everything answered": ALL_KEYS,
    "some answered": first_half_of_each_topic(),
    "only the pool answered": POOL_KEYS,
    "every emergency item answered": {it.key for it in ITEMS if "emergency-sign" in it.tags},
}


def test_blueprint_validates_with_jsonschema_too():
    import jsonschema

    from glutecourse.core.data import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "final-quiz.schema.json").read_text())
    jsonschema.validate(json.loads((ROOT / "data" / "final-quiz.json").read_text()), schema)


def test_blueprint_names_real_topic_notebooks_and_requires_emergency_and_urgent_items():
    stems = set(notebook_stems())
    topic_notebooks = {b.notebook for b in topic_banks()}
    for t in PLAN.topics:
        assert t.notebook in stems and t.notebook in topic_notebooks, t
    assert {m.tag for m in PLAN.mandatory} >= {"emergency-sign", "urgent-sign"}
    assert PLAN.rules.distinct_concepts is True


@pytest.mark.parametrize("name", sorted(HISTORIES))
def test_every_rule_holds_for_each_history(name):
    history = HISTORIES[name]
    chosen = select(PLAN, ITEMS, history)
    assert rule_violations(PLAN, chosen, history, ITEMS) == []
    assert len(chosen) == total(PLAN)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(sorted(ALL_KEYS))))
def test_every_rule_holds_for_any_history(history):
    chosen = select(PLAN, ITEMS, history)
    assert rule_violations(PLAN, chosen, history, ITEMS) == []


def test_selection_is_deterministic_and_ignores_the_order_of_the_history():
    history = sorted(first_half_of_each_topic())
    first = select(PLAN, ITEMS, history)
    assert select(PLAN, ITEMS, list(reversed(history))) == first
    assert select(PLAN, list(reversed(ITEMS)), set(history)) == first


def test_a_reader_who_did_every_topic_quiz_gets_only_new_questions():
    chosen = select(PLAN, ITEMS, TOPIC_KEYS)
    assert all(it.key not in TOPIC_KEYS for it in chosen)


def test_taking_the_final_again_brings_new_questions_while_any_are_left():
    first = select(PLAN, ITEMS, TOPIC_KEYS)
    history = TOPIC_KEYS | {it.key for it in first}
    second = select(PLAN, ITEMS, history)
    assert rule_violations(PLAN, second, history, ITEMS) == []
    new = [it for it in second if it.key not in history]
    left = {
        t.notebook: sum(1 for it in ITEMS if it.notebook == t.notebook and it.key not in history) for t in PLAN.topics
    }
    assert len(new) == sum(min(t.count, left[t.notebook]) for t in PLAN.topics) > 0


def test_the_pool_is_larger_than_the_topic_quizzes_in_every_topic():
    """Per topic: the final can draw on more questions than the topic quiz holds, and there
    are at least as many final-only questions as the blueprint takes, so a reader who has
    done every topic quiz still meets only new questions."""
    for t in PLAN.topics:
        topic_qs = [it for it in ITEMS if it.notebook == t.notebook and not it.final_only]
        pool_qs = [it for it in ITEMS if it.notebook == t.notebook and it.final_only]
        assert len(topic_qs) + len(pool_qs) > len(topic_qs), t.notebook
        assert len(pool_qs) >= t.count, (
            f"{t['notebook']}: {len(pool_qs)} final-only questions, blueprint takes {t['count']}"
        )
        assert len({it.concept for it in pool_qs}) >= t.count, t.notebook
    pool_total = sum(it.final_only for it in ITEMS)
    assert pool_total >= total(PLAN)
    for rule in PLAN.mandatory:
        assert sum(rule.tag in it.tags for it in ITEMS if it.final_only) >= rule.min, rule.tag


def test_pool_questions_name_a_blueprint_topic_and_its_topic_title():
    topics = {b.notebook: b.topic for b in topic_banks()}
    for bank in BANKS:
        if bank.pool != "final":
            continue
        for q in bank.questions:
            assert q.notebook in {t.notebook for t in PLAN.topics}, q.id
            assert q.topic == topics[q.notebook], f"{q.id}: topic {q.topic!r} should be {topics[q.notebook]!r}"


def test_an_impossible_blueprint_is_reported_clearly():
    plan = msgspec.structs.replace(PLAN, topics=(msgspec.structs.replace(PLAN.topics[0], count=50), *PLAN.topics[1:]))
    with pytest.raises(BlueprintError, match=plan.topics[0].notebook):
        select(plan, ITEMS, set())
    plan = PLAN
    untagged = [it for it in ITEMS if not it.tags]
    with pytest.raises(BlueprintError, match="emergency-sign"):
        select(plan, untagged, set())


def test_rule_violations_catches_a_bad_quiz():
    """The checker used above is not toothless: it reports each broken rule."""
    chosen = select(PLAN, ITEMS, set())
    no_emergency = [it for it in chosen if "emergency-sign" not in it.tags]
    assert any("emergency-sign" in p for p in rule_violations(PLAN, no_emergency, set(), ITEMS))
    doubled = chosen[:-1] + [chosen[0]]
    problems = rule_violations(PLAN, doubled, set(), ITEMS)
    assert any("concepts repeated" in p for p in problems) and any("appears twice" in p for p in problems)
    seen_instead = [
        next(
            it
            for it in ITEMS
            if not it.final_only and it.notebook == chosen[0].notebook and it.concept not in {c.concept for c in chosen}
        )
    ] + chosen[1:]
    history = {seen_instead[0].key}
    assert any("answered before" in p for p in rule_violations(PLAN, seen_instead, history, ITEMS))


def test_final_questions_read_the_history_from_a_store_without_writing(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    for b in topic_banks():
        for q in b.questions:
            store.record(notebook=b.notebook, bank=b.id, question=q.id, correct=True)
    before = (tmp_path / "progress.json").read_bytes()
    chosen = final_questions(answered(store))
    assert (tmp_path / "progress.json").read_bytes() == before
    assert not {(q.bank_id, q.id) for q in chosen} & TOPIC_KEYS


def test_progress_counts_stay_per_notebook(tmp_path):
    """Topic notebooks count their own quiz; final-only questions count for notebook 10,
    where a reader answers them (FinalQuiz records them there)."""
    store = ProgressStore(tmp_path / "progress.json")
    totals = {r.notebook: r.questions for r in progress_summary(store)}
    for bank in topic_banks():
        assert totals[bank.notebook] == len(bank.questions), bank.id
    pool = [b for b in BANKS if b.pool == "final"]
    assert pool and all(b.notebook == "10-conclusion-and-final-quiz" for b in pool)
    assert totals["10-conclusion-and-final-quiz"] == sum(len(b.questions) for b in pool)


def test_final_quiz_widget_records_pool_answers_under_notebook_10(tmp_path):
    from glutecourse.ui.final_quiz import FinalQuiz

    store = ProgressStore(tmp_path / "progress.json")
    quiz = FinalQuiz(store=store)
    assert store.attempts == ()
    i, q = next((i, q) for i, q in enumerate(quiz.questions) if q.bank_id in {b.id for b in BANKS if b.pool == "final"})
    v = quiz.view(i)
    if q.type == "multiple":
        for oid in q.answer:
            v.checkboxes[oid].value = True
    else:
        v.input.value = q.answer if q.type != "numeric" else str(q.answer)
    v.check_button.click()
    assert store.attempts[-1].notebook == "10-conclusion-and-final-quiz"
    assert store.attempts[-1].correct is True
    row = next(r for r in progress_summary(store) if r.notebook == "10-conclusion-and-final-quiz")
    assert row.answered == 1 and row.answered <= row.questions
