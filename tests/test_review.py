"""Spaced review: the Leitner schedule is a pure function of the attempts and an injected
clock; it is kept in progress.json through the attempts (merged, damage set aside); the
review widget asks the due questions and records answers like any quiz."""

import datetime as dt
import json

import pytest

from glutecourse.core.errors import CourseWarning
from glutecourse.topics import progress as progress_module
from glutecourse.topics.progress import ProgressStore, to_attempt
from glutecourse.topics.quizzes import all_banks
from glutecourse.topics.review import INTERVALS, SESSION_CAP, review_session, schedule
from glutecourse.ui.review import ReviewQuiz, review

# A reader in UTC+2, so calendar days are checked in the reader's zone, not UTC.
TZ = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2024, 3, 4, 10, 0, tzinfo=TZ)


class FakeClock:
    def __init__(self, now=START):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += dt.timedelta(**kwargs)


def attempt(question, correct, when, bank="b"):
    """An attempt as progress.json holds it (JSON)."""
    return {"notebook": "nb", "bank": bank, "question": question, "correct": correct, "at": when.isoformat()}


def record(question, correct, when, bank="b"):
    """The same attempt as the store hands it out (a record)."""
    return to_attempt(attempt(question, correct, when, bank))


def due_keys(attempts, now):
    return review_session(attempts, now).keys


def test_a_missed_item_is_due_tomorrow_not_today():
    log = [record("q", False, START)]
    assert due_keys(log, START + dt.timedelta(hours=6)) == []
    tomorrow_morning = dt.datetime(2024, 3, 5, 7, 0, tzinfo=TZ)
    assert due_keys(log, tomorrow_morning) == [("b", "q")]
    assert schedule(log, START)[("b", "q")].box == 1


def test_days_are_the_readers_calendar_days():
    # 23:30 on the 4th for the reader is 21:30 UTC: the item is due on the 5th, local time.
    late = dt.datetime(2024, 3, 4, 23, 30, tzinfo=TZ)
    log = [record("q", False, late.astimezone(dt.timezone.utc))]
    assert due_keys(log, dt.datetime(2024, 3, 5, 0, 30, tzinfo=TZ)) == [("b", "q")]


def test_a_right_answer_moves_it_up_a_box_and_further_out():
    clock = FakeClock()
    log = [record("q", True, clock())]
    entry = schedule(log, clock())[("b", "q")]
    assert entry.box == 2 and entry.due == START.date() + dt.timedelta(days=INTERVALS[1])
    for box in range(3, len(INTERVALS) + 1):
        clock.now = dt.datetime.combine(entry.due, dt.time(9), TZ)
        assert due_keys(log, clock()) == [("b", "q")]
        log.append(record("q", True, clock()))
        entry = schedule(log, clock())[("b", "q")]
        assert entry.box == box
        assert entry.due == clock().date() + dt.timedelta(days=INTERVALS[box - 1])
    # The top box stays the top box.
    clock.now = dt.datetime.combine(entry.due, dt.time(9), TZ)
    log.append(record("q", True, clock()))
    assert schedule(log, clock())[("b", "q")].box == len(INTERVALS)


def test_a_miss_returns_the_item_to_box_one():
    clock = FakeClock()
    log = [record("q", True, clock())]
    clock.advance(days=INTERVALS[1])
    log.append(record("q", True, clock()))
    assert schedule(log, clock())[("b", "q")].box == 3
    clock.advance(days=1)
    log.append(record("q", False, clock()))
    entry = schedule(log, clock())[("b", "q")]
    assert entry.box == 1 and entry.due == clock().date() + dt.timedelta(days=1)


def test_right_answers_before_the_due_day_do_not_climb_boxes():
    clock = FakeClock()
    log = [record("q", False, clock())]
    for _ in range(5):  # "Try again" after the miss, the same quiz re-run
        clock.advance(minutes=1)
        log.append(record("q", True, clock()))
    entry = schedule(log, clock())[("b", "q")]
    assert entry.box == 1 and entry.due == START.date() + dt.timedelta(days=1)


def test_items_not_seen_for_a_while_come_back():
    clock = FakeClock()
    log = [record(f"q{box}", True, clock()) for box in range(3)]
    assert due_keys(log, clock()) == []
    clock.advance(days=INTERVALS[1] - 1)
    assert due_keys(log, clock()) == []
    clock.advance(days=1)
    assert sorted(due_keys(log, clock())) == [("b", "q0"), ("b", "q1"), ("b", "q2")]


def test_nothing_is_due_right_after_answering():
    clock = FakeClock()
    log = [record(f"q{i}", i % 3 == 0, clock() - dt.timedelta(days=40)) for i in range(12)]
    due = review_session(log, clock(), cap=len(log)).keys
    assert len(due) == len(log), "answers 40 days old are all due"
    for key in due:
        log.append(record(key[1], key[1] != "q1", clock(), bank=key[0]))
    assert due_keys(log, clock() + dt.timedelta(minutes=5)) == []


def test_a_session_is_capped_and_puts_misses_first():
    clock = FakeClock()
    old = clock() - dt.timedelta(days=60)
    log = [record(f"right{i:02d}", True, old + dt.timedelta(minutes=i)) for i in range(10)]
    log += [record(f"miss{i}", False, clock() - dt.timedelta(days=2)) for i in range(3)]
    session = review_session(log, clock())
    assert session.due == 13 and len(session.entries) == SESSION_CAP
    assert [k for _, k in session.keys[:3]] == ["miss0", "miss1", "miss2"]
    # after the misses, the longest overdue come first
    assert [k for _, k in session.keys[3:]] == [f"right{i:02d}" for i in range(SESSION_CAP - 3)]


def test_questions_no_longer_in_the_course_are_not_asked():
    log = [record("gone", False, START), record("kept", False, START)]
    later = START + dt.timedelta(days=2)
    assert review_session(log, later, known={("b", "kept")}).keys == [("b", "kept")]


def test_attempts_from_the_future_or_without_a_time_do_not_count():
    log = [
        record("future", False, START + dt.timedelta(days=3)),
        to_attempt({"notebook": "nb", "bank": "b", "question": "x", "correct": False}),
    ]
    assert schedule(log, START + dt.timedelta(days=1)) == {}


def test_the_clock_must_say_its_time_zone():
    with pytest.raises(ValueError, match="time zone"):
        schedule([], dt.datetime(2024, 1, 1))


# ------------------------------------------------------------ kept in progress.json


def test_two_notebooks_reviewing_at_once_keep_every_entry(tmp_path):
    path = tmp_path / "progress.json"
    a, b = ProgressStore(path), ProgressStore(path)
    a.record(notebook="nb", bank="b", question="q1", correct=False)
    b.record(notebook="nb", bank="b", question="q2", correct=False)
    a.record(notebook="nb", bank="b", question="q3", correct=True)
    b.record(notebook="nb", bank="b", question="q1", correct=True)  # early: stays in box 1
    now = dt.datetime.now().astimezone()
    entries = schedule(ProgressStore(path).attempts, now)
    assert {k[1]: e.box for k, e in entries.items()} == {"q1": 1, "q2": 1, "q3": 2}
    assert sorted(k for _, k in review_session(ProgressStore(path).attempts, now + dt.timedelta(days=1)).keys) == [
        "q1",
        "q2",
    ]


def test_a_damaged_schedule_entry_is_set_aside_and_the_rest_kept(tmp_path):
    path = tmp_path / "progress.json"
    good = [attempt("q1", False, START), attempt("q2", True, START)]
    bad = {**attempt("q3", False, START), "at": "last tuesday"}
    path.write_text(
        json.dumps({"format": "glutecourse-progress", "version": 1, "reader": "abcdef012345", "attempts": [*good, bad]})
    )
    with pytest.warns(CourseWarning, match="set aside"):
        store = ProgressStore(path)
    side = list(tmp_path.glob("progress.json.set-aside-*.json"))
    assert len(side) == 1 and "last tuesday" in side[0].read_text()
    session = review_session(store.attempts, START + dt.timedelta(days=1))
    assert session.keys == [("b", "q1")]


# ------------------------------------------------------------ the widget


def real_questions(n):
    """n questions from the course's banks, the first a choice question."""
    qs = [(b.notebook, b.id, q) for b in all_banks() if b.pool == "topic" for q in b.questions]
    qs.sort(key=lambda t: t[2].type not in ("single", "truefalse"))
    return [(nb, bank, q.id) for nb, bank, q in qs[:n]]


def test_review_widget_asks_the_due_questions_and_records_answers(tmp_path):
    # Yesterday's misses are written with yesterday's time; today's answer is recorded by
    # the quiz widget with the real time, so the review's clock is the real one here.
    now = dt.datetime.now().astimezone()
    clock = FakeClock(now - dt.timedelta(days=1))
    picked = real_questions(3)
    (tmp_path / "progress.json").write_text(
        json.dumps(
            {
                "format": "glutecourse-progress",
                "version": 1,
                "reader": "abcdef012345",
                "attempts": [{**attempt(q, False, clock(), bank=b), "notebook": nb} for nb, b, q in picked],
            }
        )
    )
    store = ProgressStore(tmp_path / "progress.json")
    assert ReviewQuiz(store=store, clock=clock).questions == []
    clock.now = now
    quiz = ReviewQuiz(store=store, clock=clock)
    assert [(q.bank_id, q.id) for q in quiz.questions] == sorted((b, q) for _, b, q in picked)
    assert "3 questions to review" in quiz.summary.value
    view = next(v for v in quiz.views if v.question.type in ("single", "truefalse"))
    q = view.question
    view.input.value = q.answer
    view.check()
    attempts = ProgressStore(tmp_path / "progress.json").attempts
    assert len(attempts) == 4 and attempts[-1].question == q.id and attempts[-1].correct is True
    assert attempts[-1].notebook == q.bank_notebook  # counted for its notebook on the dashboard
    clock.advance(minutes=1)  # past the recorded answer's time (whole seconds)
    again = ReviewQuiz(store=store, clock=clock)
    assert len(again.questions) == 2 and (q.bank_id, q.id) not in [(x.bank_id, x.id) for x in again.questions]


def test_review_button_chooses_when_pressed(tmp_path, monkeypatch):
    # The store stamps each answer with the time it is saved: on the same fake clock, so an
    # answer is never "from the future" when the real clock has moved on (a loaded run took
    # over a second between the two and the answer was left out).
    clock = FakeClock(START)
    monkeypatch.setattr(progress_module, "_now", lambda: clock.now.isoformat(timespec="seconds"))
    store = ProgressStore(tmp_path / "progress.json")
    launcher = review(store=store, clock=clock)
    assert "Nothing to review yet" in launcher.start().summary.value
    nb, bank, qid = real_questions(1)[0]
    store.record(notebook=nb, bank=bank, question=qid, correct=False)
    assert "tomorrow" in launcher.start().summary.value
    clock.advance(days=1)
    assert [x.id for x in launcher.start().questions] == [qid]
