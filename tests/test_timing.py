"""Notebook times are computed from what a reader sees (words, figures, questions,
activities), written by make generate into course.json, the README and the instructor
guide, and never stated by hand in a notebook."""

import importlib.util
import json
import re

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT
from glutecourse.catalog.course import notebooks
from glutecourse.topics import timing as T
from glutecourse.topics.quizzes import load_bank


def _tool():
    spec = importlib.util.spec_from_file_location("make_timing", ROOT / "scripts" / "make_timing.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


TOOL = _tool()


def test_minutes_add_reading_questions_figures_and_activities():
    ten_minutes = T.Reading(words=T.WORDS_PER_MINUTE * 10)
    assert T.minutes(ten_minutes) == 10
    assert T.minutes(T.Reading(words=T.WORDS_PER_MINUTE * 10 + 1)) == 15  # rounded up, never down
    activity, extra = next(iter(T.ACTIVITY_MINUTES.items()))
    reading = T.Reading(words=T.WORDS_PER_MINUTE * 10, figures=2, questions=6, activities=(activity,))
    parts = reading.parts()
    assert parts == T.Parts(
        reading=10,
        figures=2 * T.MINUTES_PER_FIGURE,
        questions=6 * T.MINUTES_PER_QUESTION,
        activities=extra,
    )
    expected = 10 + 2 * T.MINUTES_PER_FIGURE + 6 * T.MINUTES_PER_QUESTION + extra
    assert T.minutes(reading) == -(-expected // T.ROUND_TO) * T.ROUND_TO


def test_an_activity_without_a_time_is_named():
    with pytest.raises(ValueError, match="'juggling'"):
        T.minutes(T.Reading(words=10, activities=("juggling",)))


def test_hours_text():
    assert T.hours_text(440) == "7 h 20 min" and T.hours_text(120) == "2 h" and T.hours_text(45) == "45 min"


def _notebook(tmp_path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    path = tmp_path / "99-test.ipynb"
    nbformat.write(nb, path)
    return path


def test_measure_counts_what_the_notebook_shows(tmp_path, home):
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    prose = " ".join(["word"] * 300)
    banner = "<!-- safety-banner:start -->\n" + " ".join(["banner"] * 50) + "\n<!-- safety-banner:end -->"
    path = _notebook(
        tmp_path,
        [
            md(f"# Title\n\n{banner}\n\n{prose}\n\n![a chart](../images/x.svg)"),
            code("from glutecourse import define, quiz, symptom_checker, references"),
            code('define("sciatica")'),
            code('quiz("09-pain-diary")'),
            code("symptom_checker()"),
            code('references("nice-ng59")'),
        ],
    )
    reading = TOOL.measure(path)
    from glutecourse.ui.glossary import define

    defined = T.count_words(TOOL.html_text(define("sciatica")._repr_html_()))
    # banner left out (only notebook 00 counts it), the image's alt text is not prose,
    # the reference list is skimmed
    assert reading.words == 1 + 300 + defined
    assert reading.figures == 1
    assert reading.questions == len(load_bank("09-pain-diary").questions)
    assert reading.activities == ("symptom_checker",)


def test_more_to_read_means_more_time(tmp_path, home):
    md = nbformat.v4.new_markdown_cell
    short = TOOL.measure(_notebook(tmp_path, [md(" ".join(["word"] * 100))]))
    long = TOOL.measure(_notebook(tmp_path, [md(" ".join(["word"] * (100 + 4 * T.WORDS_PER_MINUTE * T.ROUND_TO)))]))
    assert T.minutes(long) - T.minutes(short) == 4 * T.ROUND_TO


def test_course_map_holds_the_computed_times():
    readings = TOOL.measure_all()
    for nb in notebooks():
        assert nb.minutes == T.minutes(readings[nb.file]), nb.file


def test_a_hand_edited_time_is_put_back(tmp_path):
    minutes = {nb.file: nb.minutes for nb in notebooks()}
    course = (ROOT / "data" / "course.json").read_text(encoding="utf-8")
    first = notebooks()[0].file
    edited = course.replace(f'"minutes": {minutes[first]}', '"minutes": 999', 1)
    assert json.loads(edited)["notebooks"][0]["minutes"] == 999
    assert TOOL.course_json(edited, minutes) == course
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if f"(notebooks/{first})" in line)
    hand = readme.replace(row, row.replace(f"| {minutes[first]} min |", "| 999 min |"))
    assert hand != readme and TOOL.readme(hand, minutes) == readme
    total = sum(minutes.values())
    assert f"Total: about {T.hours_text(total)} ({total} minutes)" in readme
    guide = (ROOT / "instructor" / "README.md").read_text(encoding="utf-8")
    assert f"**{total}** ({T.hours_text(total)})" in guide


def test_no_notebook_states_its_own_time():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        stated = re.search(r"in (?:about )?(?:\d+ minutes|half an hour|an hour)", first)
        assert not stated, (
            f"{path.name} states its time by hand ({stated.group()}): objectives() shows the computed one"
        )
