"""Questions that quote numbers from the course's data files agree with those files: if a
published figure is corrected in data/, the question that reads it must change too."""

import pytest

from glutecourse.topics.anatomy import muscles
from glutecourse.topics.quizzes import all_banks
from glutecourse.topics.timeline import curve, finding

QUESTIONS = {(b.id, q.id): q for b in all_banks() for q in b.questions}


def mean_at(kind, week):
    return next(p.mean for p in curve(kind).points if p.week == week)


def fmt(x):
    return f"{x:g}"


# (bank, question) -> (numbers the prompt must quote, the answer they give)
DERIVED = {
    ("07-recovery-timeline", "six-week-fall"): lambda: (
        [mean_at("acute", 0), mean_at("acute", 6)],
        mean_at("acute", 0) - mean_at("acute", 6),
    ),
    ("10-final-pool", "persistent-fall"): lambda: (
        [mean_at("persistent", 0), mean_at("persistent", 52)],
        mean_at("persistent", 0) - mean_at("persistent", 52),
    ),
    ("09-pain-diary", "rescale"): lambda: ([mean_at("acute", 6)], mean_at("acute", 6) / 10),
    ("00-warm-up", "glute-count"): lambda: ([], sum(m.name.lower().startswith("gluteus") for m in muscles())),
    ("07-recovery-timeline", "recurrence-kinds"): lambda: ([finding("dasilva-recurrence").value], None),
    ("07-recovery-timeline", "better-vs-recovered"): lambda: ([finding("henschke-pain-days").value], None),
}


@pytest.mark.parametrize("key", sorted(DERIVED), ids=lambda k: "/".join(k))
def test_quoted_numbers_match_the_data(key):
    q = QUESTIONS[key]
    quoted, answer = DERIVED[key]()
    for number in quoted:
        assert fmt(number) in q.prompt, f"{key}: the prompt should quote {fmt(number)} from the data"
    if answer is not None:
        assert abs(float(q.answer) - answer) <= q.tolerance + 1e-9, f"{key}: answer {q.answer}, data give {answer}"


def test_the_three_month_and_one_year_figures_match_the_data():
    q = QUESTIONS[("07-recovery-timeline", "three-months")]
    assert f"{finding('itz-three-months').value}%" in q.explanation
    assert f"{finding('itz-year').value}%" in q.explanation
    one_year = QUESTIONS[("10-final-pool", "one-year")]
    assert f"{finding('itz-year').value}%" in one_year.explanation
