"""The course map (``data/course.json``): every notebook with its time and objectives.

Beyond its schema, the file is checked for what a schema cannot express: each notebook is
listed once, every listed notebook exists in ``notebooks/``, and the disclaimer cites only
keys of ``data/references.json``. A problem raises CourseDataError naming the file, the
item and the problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .data import load
from .errors import CourseDataError
from .paths import data_dir, repo_root
from .textfmt import safe_html


def notebooks_dir() -> Path:
    """The folder the course map's ``file`` names are relative to."""
    return repo_root() / "notebooks"


def check_course(data: dict, path, folder: Path, known_refs: set[str]) -> dict:
    """Raise CourseDataError if a notebook is listed twice or is missing from ``folder``,
    or if the disclaimer cites a key that is not in the bibliography."""
    seen: set[str] = set()
    for nb in data["notebooks"]:
        where = f"notebook {nb['file']!r}"
        if nb["file"] in seen:
            raise CourseDataError(path, where, "listed twice (each notebook appears once in the course map)")
        seen.add(nb["file"])
        if not (folder / nb["file"]).is_file():
            raise CourseDataError(path, where, f"no such notebook in {folder}")
    for key in data["disclaimer"]["refs"]:
        if key not in known_refs:
            raise CourseDataError(path, "disclaimer", f"reference key {key!r} is not in data/references.json")
    return data


@lru_cache(maxsize=1)
def course() -> dict:
    from .references import reference_keys

    data = load("course.json", schema="course", id_key="file")
    return check_course(data, data_dir() / "course.json", notebooks_dir(), reference_keys())


def notebooks() -> list[dict]:
    return course()["notebooks"]


def notebook_stems() -> list[str]:
    return [nb["file"].removesuffix(".ipynb") for nb in notebooks()]


def notebook_info(stem: str) -> dict:
    for nb in notebooks():
        if nb["file"].removesuffix(".ipynb") == stem:
            return nb
    raise KeyError(stem)


def course_map():
    """An HTML table: every notebook, its time, and what you will be able to do after it."""
    from IPython.display import HTML

    rows = []
    total = 0
    for nb in notebooks():
        total += nb["minutes"]
        objectives = "".join(f"<li>{safe_html(o)}</li>" for o in nb["objectives"])
        who = " <em>(for teachers)</em>" if nb.get("audience") == "teachers" else ""
        rows.append(
            f"<tr style='vertical-align:top'><td style='text-align:left'><a href='{nb['file']}'>{safe_html(nb['title'])}</a>{who}<br><code>{nb['file']}</code></td>"
            f"<td style='text-align:left'>{nb['minutes']} min</td><td style='text-align:left'><ul>{objectives}</ul></td></tr>"
        )
    return HTML(
        "<table class='gc-course-map' style='text-align:left'><caption>Course map: about "
        f"{total} minutes in all</caption><tr><th scope='col'>Notebook</th><th scope='col'>Time</th>"
        f"<th scope='col'>After it you can</th></tr>{''.join(rows)}</table>"
    )


def objectives(stem: str):
    """The header box of a notebook: its learning objectives and estimated time."""
    from IPython.display import HTML

    nb = notebook_info(stem)
    items = "".join(f"<li>{safe_html(o)}</li>" for o in nb["objectives"])
    return HTML(
        f"<div class='gc-objectives'><strong>Time:</strong> about {nb['minutes']} minutes. "
        f"<strong>After this notebook you can:</strong><ul>{items}</ul></div>"
    )
