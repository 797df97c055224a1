"""Numbers the prose gives about the course's own quizzes agree with the data.

A reader told "Eight questions" who then counts seven notices (notebook 01 said so after its
bank lost a question). The prose may count, but the count is read back from the data here:
- the Markdown cell right above ``quiz("<bank>")``: "<number> questions" is the bank's size;
- the review: "up to / at most <number> questions" is ``review.SESSION_CAP`` and
  "<number> boxes" is the number of review intervals, wherever the course says so.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT, course_notebooks
from glutecourse.topics import review
from glutecourse.topics.quizzes import load_bank

WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
NUMBER = r"(\d+|" + "|".join(WORDS) + r")"
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([\w-]+)["']""")
COUNT = re.compile(rf"\b{NUMBER} questions\b", re.IGNORECASE)
CAP = re.compile(rf"\b(?:up to|at most) {NUMBER} questions\b", re.IGNORECASE)
BOXES = re.compile(rf"\b{NUMBER} boxes\b", re.IGNORECASE)


def as_int(word: str) -> int:
    return int(word) if word.isdigit() else WORDS.index(word.lower())


def quiz_intros():
    """(notebook, bank id, the Markdown cell right above the quiz call)."""
    for path in course_notebooks():
        cells = nbformat.read(path, as_version=4).cells
        for above, cell in zip(cells, cells[1:]):
            m = QUIZ_CALL.search(cell.source) if cell.cell_type == "code" else None
            if m and above.cell_type == "markdown":
                yield path.name, m.group(1), above.source


INTROS = list(quiz_intros())
TEXTS = {
    p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in [*course_notebooks(), ROOT / "README.md"]
}


def test_the_quiz_introductions_are_found():
    assert len(INTROS) >= 10, INTROS


@pytest.mark.parametrize(("notebook", "bank", "text"), INTROS, ids=[f"{n}:{b}" for n, b, _ in INTROS])
def test_a_quiz_introduction_counts_the_banks_questions(notebook, bank, text):
    size = len(load_bank(bank).questions)
    said = [as_int(m.group(1)) for m in COUNT.finditer(text)]
    assert all(n == size for n in said), (
        f"{notebook}: the text above quiz({bank!r}) says {said} questions; the bank has {size}"
    )


def test_the_review_is_described_as_it_works():
    caps = {f: [as_int(m.group(1)) for m in CAP.finditer(t)] for f, t in TEXTS.items()}
    boxes = {f: [as_int(m.group(1)) for m in BOXES.finditer(t)] for f, t in TEXTS.items()}
    assert sum(map(len, caps.values())) >= 3, "the review's session size is described in 00, the review page and README"
    assert {f: c for f, c in caps.items() if set(c) - {review.SESSION_CAP}} == {}, review.SESSION_CAP
    assert {f: b for f, b in boxes.items() if set(b) - {len(review.INTERVALS)}} == {}, len(review.INTERVALS)


def test_the_count_reader_reads_words_and_digits():
    assert [as_int(m.group(1)) for m in COUNT.finditer("Eight questions, then 12 questions.")] == [8, 12]
