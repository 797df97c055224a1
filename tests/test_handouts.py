"""The printable handouts: each exists and is current, is built only from data/ (change a
data item in a copy and the handout changes), needs no network, carries a print
stylesheet, and the "When to get help" sheet reads at grade 6 or below with the emergency
signs first. (One printed page each: e2e/test_handouts_print.py prints them.)"""

import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.ui.handouts import HANDOUTS, Sources, build

HANDOUT_DIR = ROOT / "handouts"


def _tool():
    spec = importlib.util.spec_from_file_location("make_handouts", ROOT / "scripts" / "make_handouts.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


TOOL = _tool()


def _text(markup: str) -> str:
    """The page's visible text; each list item and heading read as a sentence (as
    scripts/readability.py reads lists)."""
    body = markup.split("<body>", 1)[1]
    body = re.sub(r"</(li|h1|h2|h3)>", ". ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def data_copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def rebuilt(data):
    return build(Sources.read(data, ROOT / "images"))


def test_every_handout_is_committed_and_current():
    built = TOOL.pages()
    assert set(HANDOUTS) | {"index.html"} == set(built)
    for name, text in built.items():
        assert (HANDOUT_DIR / name).read_text(encoding="utf-8") == text, f"handouts/{name} is stale"


def test_a_stale_handout_fails_the_check(tmp_path, monkeypatch):
    out = tmp_path / "handouts"
    shutil.copytree(HANDOUT_DIR, out)
    monkeypatch.setattr(TOOL, "OUT", out)
    assert TOOL.main(["--check"]) == 0
    target = out / "flare-up-plan.html"
    target.write_text(target.read_text(encoding="utf-8").replace("flare", "flair"), encoding="utf-8")
    assert TOOL.main(["--check"]) == 1


def test_the_help_sheet_is_built_from_the_disclaimer(data_copy):
    course = json.loads((data_copy / "course.json").read_text(encoding="utf-8"))
    d = course["disclaimer"]
    page = rebuilt(data_copy)["when-to-get-help.html"]
    for part in ("emergency", "urgent"):
        for sign in d[part]["signs"]:
            assert sign["text"] in _text(page)
    # the urgent thing first: every emergency sign comes before the first same-day sign
    text = _text(page)
    last_emergency = max(text.index(s["text"]) for s in d["emergency"]["signs"])
    assert last_emergency < text.index(d["urgent"]["signs"][0]["text"])
    d["emergency"]["signs"][0]["text"] = "a changed sign for this test"
    (data_copy / "course.json").write_text(json.dumps(course), encoding="utf-8")
    changed = rebuilt(data_copy)["when-to-get-help.html"]
    assert "a changed sign for this test" in changed


def test_the_exercise_sheet_shows_every_exercise_with_its_drawing_and_dose(data_copy):
    from glutecourse.core.data import build
    from glutecourse.topics.exercises import Exercise, dose_text

    lib = json.loads((data_copy / "exercises.json").read_text(encoding="utf-8"))
    page = rebuilt(data_copy)["exercise-sheet.html"]
    assert page.count("<img src='data:image/svg+xml;base64,") == len(lib["exercises"])
    for ex in lib["exercises"]:
        assert ex["name"] in page and dose_text(build(Exercise, ex)) in _text(page)
    lib["exercises"][0]["sets"] = 5
    (data_copy / "exercises.json").write_text(json.dumps(lib), encoding="utf-8")
    assert dose_text(build(Exercise, lib["exercises"][0])) in _text(rebuilt(data_copy)["exercise-sheet.html"])


def test_the_flare_up_plan_has_blank_fields_what_to_do_and_when_to_get_help(data_copy):
    spec = json.loads((data_copy / "handouts.json").read_text(encoding="utf-8"))
    page = rebuilt(data_copy)["flare-up-plan.html"]
    fields = spec["flare_plan"]["fields"]
    assert page.count("class='line'") == sum(2 if f["size"] == "long" else 1 for f in fields)
    course = json.loads((data_copy / "course.json").read_text(encoding="utf-8"))
    assert course["disclaimer"]["emergency"]["action"] in _text(page)
    spec["flare_plan"]["fields"].append({"label": "A field added for this test", "size": "short"})
    (data_copy / "handouts.json").write_text(json.dumps(spec), encoding="utf-8")
    assert "A field added for this test" in rebuilt(data_copy)["flare-up-plan.html"]


def test_the_clinician_checklist_comes_from_the_self_check_data(data_copy):
    sc = json.loads((data_copy / "selfcheck.json").read_text(encoding="utf-8"))
    page = rebuilt(data_copy)["clinician-checklist.html"]
    assert page.count("<li>") == len(sc["clinician_checklist"])
    sc["clinician_checklist"][0] = "A point changed for this test"
    (data_copy / "selfcheck.json").write_text(json.dumps(sc), encoding="utf-8")
    assert "A point changed for this test" in rebuilt(data_copy)["clinician-checklist.html"]


def test_a_broken_handouts_file_is_named(data_copy):
    spec = json.loads((data_copy / "handouts.json").read_text(encoding="utf-8"))
    del spec["help"]["title"]
    (data_copy / "handouts.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(CourseDataError, match="handouts.json"):
        rebuilt(data_copy)


@pytest.mark.parametrize("name", sorted(HANDOUTS))
def test_each_handout_has_a_print_stylesheet_for_one_page(name):
    page = (HANDOUT_DIR / name).read_text(encoding="utf-8")
    assert "@page" in page and "size:" not in page.split("@page", 1)[1].split("}", 1)[0], (
        "no fixed paper size: the same page prints on A4 and Letter"
    )


def test_the_handouts_need_no_network():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "offline_check.py"), str(HANDOUT_DIR)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_help_sheet_reads_at_grade_6_or_below():
    import textstat

    text = _text((HANDOUT_DIR / "when-to-get-help.html").read_text(encoding="utf-8"))
    text = text.split("Sources:")[0]  # the source list is citations, not prose
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 6.0, f"grade {grade}"


def test_pdf_page_counter():
    one = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >>\n2 0 obj << /Type /Page /Parent 1 0 R >>"
    two = one + b"\n3 0 obj <</Type/Page/Parent 1 0 R>>"
    assert TOOL.pdf_pages(one) == 1 and TOOL.pdf_pages(two) == 2
