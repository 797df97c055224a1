"""The course map (data/course.json), the notebooks folder and the README table agree;
the Binder badge opens a notebook that exists; a broken course map is refused by name."""

import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from conftest import NOTEBOOKS, ROOT
from glutecourse.catalog.course import course, notebooks
from glutecourse.core.errors import CourseDataError
from glutecourse.ui.course import course_map


def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def readme_table_files():
    return re.findall(r"^\|\s*\[[^\]]+\]\(notebooks/([^)]+\.ipynb)\)", readme(), flags=re.M)


def test_course_map_lists_exactly_the_notebooks_folder():
    mapped = [nb.file for nb in notebooks()]
    on_disk = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(mapped) == on_disk
    assert mapped == sorted(mapped), "course.json must list notebooks in their numbered order"


def test_readme_table_lists_exactly_the_course_map_in_order():
    assert readme_table_files() == [nb.file for nb in notebooks()]


def test_readme_table_shows_time_from_course_map():
    text = readme()
    for nb in notebooks():
        row = next(line for line in text.splitlines() if f"(notebooks/{nb.file})" in line)
        assert f"{nb.minutes} min" in row, row


def test_binder_badge_opens_an_existing_notebook_in_jupyterlab():
    links = re.findall(r"\((https://mybinder\.org/v2/[^)\s]+)\)", readme())
    assert links, "README has no Binder link"
    for link in links:
        query = parse_qs(urlparse(link).query)
        urlpath = unquote(query["urlpath"][0])
        assert urlpath.startswith("lab/tree/"), urlpath
        assert (ROOT / urlpath.removeprefix("lab/tree/")).is_file(), urlpath


def test_course_map_html_mentions_every_notebook_with_time():
    html = course_map().data
    for nb in notebooks():
        assert nb.file in html and f"{nb.minutes} min" in html


def test_start_notebook_is_first_and_has_objectives():
    first = notebooks()[0]
    assert first.file.startswith("00-")
    assert course().disclaimer.emergency


@pytest.fixture
def course_with(tmp_path, monkeypatch):
    """Load the course map from a modified copy of data/course.json (the real notebooks
    folder and bibliography stay)."""
    from glutecourse.catalog.references import bibliography

    def _load(change):
        data = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))
        change(data)
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        (folder / "references.json").write_text((ROOT / "data" / "references.json").read_text(encoding="utf-8"))
        (folder / "course.json").write_text(json.dumps(data), encoding="utf-8")
        monkeypatch.setenv("GLUTECOURSE_DATA", str(folder))
        course.cache_clear()
        bibliography.cache_clear()
        return course()

    yield _load
    monkeypatch.delenv("GLUTECOURSE_DATA", raising=False)
    course.cache_clear()
    bibliography.cache_clear()


REAL = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))
SECOND = REAL["notebooks"][1]["file"]


def _duplicate(data):
    data["notebooks"].append(dict(data["notebooks"][1]))


def _missing(data):
    data["notebooks"][1]["file"] = "98-not-written-yet.ipynb"


def _unknown_ref(data):
    data["disclaimer"]["refs"].append("no-such-guideline")


@pytest.mark.parametrize(
    "change, item, problem",
    [
        (_duplicate, f"notebook {SECOND!r}", "listed twice"),
        (_missing, "notebook '98-not-written-yet.ipynb'", "no such notebook"),
        (_unknown_ref, "disclaimer", "'no-such-guideline' is not in data/references.json"),
    ],
    ids=["duplicate-file", "missing-notebook", "unknown-disclaimer-ref"],
)
def test_course_map_refuses_what_its_schema_cannot(course_with, change, item, problem):
    with pytest.raises(CourseDataError) as caught:
        course_with(change)
    message = str(caught.value)
    assert message.startswith(str(Path(os.environ["GLUTECOURSE_DATA"]) / "course.json"))
    assert caught.value.item == item and problem in caught.value.problem, message


def test_unchanged_copy_of_the_course_map_loads(course_with):
    assert [nb.file for nb in course_with(lambda data: None).notebooks] == [nb["file"] for nb in REAL["notebooks"]]
