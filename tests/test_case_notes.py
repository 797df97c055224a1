"""The case cards (glutecourse.ui.cases): each notebook shows its people from data/cases.json,
with every entry's sources, and a bad call names the problem instead of failing deep inside."""

import json
import re

import msgspec
import pytest

from conftest import NOTEBOOKS, ROOT
from glutecourse import case_notes
from glutecourse.catalog.cases import cases
from glutecourse.catalog.references import bibliography
from glutecourse.core.errors import CourseDataError
from glutecourse.core.text import safe_html
from glutecourse.ui.cases import case_notes_html

STEMS = sorted({stem for c in cases() for stem in c.notebooks})


@pytest.mark.parametrize("stem", STEMS)
def test_every_person_with_an_entry_gets_a_card_with_its_text_and_sources(stem):
    html = case_notes_html(stem)
    bib = bibliography()
    for person in cases():
        entry = person.notebooks.get(stem)
        label = safe_html(f"{person.name}, {person.age}")
        if entry is None:
            assert f"aria-label='{label}'" not in html
            continue
        assert f"aria-label='{label}'" in html
        assert safe_html(entry.text) in html
        for ref in entry.refs:
            assert safe_html(bib[ref].short) in html  # cited beside the text
            assert safe_html(bib[ref].full) in html  # and listed in full underneath


def test_the_start_notebook_tells_each_story_and_later_ones_do_not():
    start = case_notes_html("00-start-here")
    later = case_notes_html("05-when-to-see-a-doctor")
    for person in cases():
        assert safe_html(person.story) in start
        assert safe_html(person.story) not in later


def test_naming_people_shows_only_them():
    one = cases()[1]
    html = case_notes_html("03-causes-and-risk-factors", one.id)
    assert len(re.findall(r"class='gc-case\b", html)) == 1 and safe_html(one.name) in html


def test_data_text_is_escaped(monkeypatch):
    import glutecourse.ui.cases as ui

    first, stem = cases()[0], "03-causes-and-risk-factors"
    entry = msgspec.structs.replace(first.notebooks[stem], text="<script>alert(1)</script> <em>ok</em>")
    hostile = (msgspec.structs.replace(first, notebooks={**first.notebooks, stem: entry}), *cases()[1:])
    monkeypatch.setattr(ui, "cases", lambda: hostile)
    html = ui.case_notes_html("03-causes-and-risk-factors")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<em>ok</em>" in html


@pytest.mark.parametrize(
    "args, needle",
    [
        (("99-no-such-notebook",), "notebook '99-no-such-notebook'"),
        (("03-causes-and-risk-factors", "nobody"), "case 'nobody'"),
    ],
)
def test_a_bad_call_names_the_file_and_the_problem(args, needle):
    with pytest.raises(CourseDataError) as err:
        case_notes(*args)
    assert "cases.json" in str(err.value) and needle in str(err.value)


def test_a_person_without_an_entry_for_that_notebook_is_refused_by_name():
    person = next(c for c in cases() if "02-hips-pelvis-and-back" not in c.notebooks)
    with pytest.raises(CourseDataError, match=f"case '{person.id}'.*no entry"):
        case_notes_html("02-hips-pelvis-and-back", person.id)


def _calls(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return re.findall(r"\bcase_notes\(([^)]*)\)", code)


@pytest.mark.parametrize("stem", STEMS)
def test_each_notebook_with_case_entries_shows_every_one_of_its_people(stem):
    """Issue 11: the people are introduced in 00 and met again in 03-09 (and 01-02 where the
    data has something for them); a notebook shows its own entries, all of them."""
    calls = _calls(NOTEBOOKS / f"{stem}.ipynb")
    assert calls, f"{stem} does not call case_notes()"
    shown = set()
    for call in calls:
        args = re.findall(r"[\"']([a-z0-9-]+)[\"']", call)
        assert args and args[0] == stem, f"{stem} calls case_notes({call})"
        shown |= set(args[1:]) or {c.id for c in cases() if stem in c.notebooks}
    assert shown == {c.id for c in cases() if stem in c.notebooks}


def test_the_card_helper_is_exported_lazily():
    import glutecourse

    assert "case_notes" in glutecourse.__all__ and "define" in glutecourse.__all__
    assert (ROOT / "src" / "glutecourse" / "ui" / "cases.py").is_file()
