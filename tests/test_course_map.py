"""The course map (data/course.json), the notebooks folder and the README table agree;
the Binder badge opens a notebook that exists."""

import re
from urllib.parse import parse_qs, unquote, urlparse

from conftest import NOTEBOOKS, ROOT, course_notebooks

from glutecourse.coursemap import course, course_map, notebooks


def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def readme_table_files():
    return re.findall(r"^\|\s*\[[^\]]+\]\(notebooks/([^)]+\.ipynb)\)", readme(), flags=re.M)


def test_course_map_lists_exactly_the_notebooks_folder():
    mapped = [nb["file"] for nb in notebooks()]
    on_disk = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(mapped) == on_disk
    assert mapped == sorted(mapped), "course.json must list notebooks in their numbered order"


def test_readme_table_lists_exactly_the_course_map_in_order():
    assert readme_table_files() == [nb["file"] for nb in notebooks()]


def test_readme_table_shows_time_from_course_map():
    text = readme()
    for nb in notebooks():
        row = next(line for line in text.splitlines() if f"(notebooks/{nb['file']})" in line)
        assert f"{nb['minutes']} min" in row, row


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
        assert nb["file"] in html and f"{nb['minutes']} min" in html


def test_start_notebook_is_first_and_has_objectives():
    first = notebooks()[0]
    assert first["file"].startswith("00-")
    assert course()["disclaimer"]["emergency"]
