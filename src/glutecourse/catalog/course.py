"""The course map (``data/course.json``): every notebook with its time and objectives.

Beyond its schema, the file is checked for what a schema cannot express: each notebook is
listed once, every listed notebook exists in ``notebooks/`` (when the course runs from its
repository; a wheel ships no notebooks), and the disclaimer cites only keys of
``data/references.json``. A problem raises CourseDataError naming the file, the item and
the problem. The views (``course_map()``, ``objectives()``) are in ``glutecourse.ui.course``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..core.data import load
from ..core.errors import CourseDataError
from ..core.paths import data_dir, notebooks_dir
from .references import reference_keys


def check_course(data: dict, path, folder: Path | None, known_refs: set[str]) -> dict:
    """Raise CourseDataError if a notebook is listed twice or is missing from ``folder``
    (not checked when ``folder`` is None: no notebooks beside the data), or if the
    disclaimer cites a key that is not in the bibliography."""
    seen: set[str] = set()
    for nb in data["notebooks"]:
        where = f"notebook {nb['file']!r}"
        if nb["file"] in seen:
            raise CourseDataError(path, where, "listed twice (each notebook appears once in the course map)")
        seen.add(nb["file"])
        if folder is not None and not (folder / nb["file"]).is_file():
            raise CourseDataError(path, where, f"no such notebook in {folder}")
    for key in data["disclaimer"]["refs"]:
        if key not in known_refs:
            raise CourseDataError(path, "disclaimer", f"reference key {key!r} is not in data/references.json")
    return data


@lru_cache(maxsize=1)
def course() -> dict:
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
