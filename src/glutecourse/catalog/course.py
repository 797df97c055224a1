"""The course map (``data/course.json``): every notebook with its time and objectives.

Beyond its schema, the file is checked for what a schema cannot express: each notebook is
listed once, every listed notebook exists in ``notebooks/`` (when the course runs from its
repository; a wheel ships no notebooks), and the disclaimer cites only keys of
``data/references.json``. A problem raises CourseDataError naming the file, the item and
the problem. Then the file is built into a ``Course`` record once. The views
(``course_map()``, ``objectives()``) are in ``glutecourse.ui.course``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..core.data import build, check_unique, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir, notebooks_dir
from ..core.records import Record
from .references import reference_keys


class Sign(Record):
    """One bullet of the emergency or same-day list: its plain text, the self-check items
    and combination rules it stands for, and a pattern that finds it in prose."""

    text: str
    items: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    match: str | None = None


class SignList(Record):
    """The emergency list or the same-day list: lead line, bullets, what to do."""

    lead: str
    signs: tuple[Sign, ...]
    action: str
    summary: str | None = None


class Disclaimer(Record):
    """The one emergency message (see ``glutecourse.catalog.safety``)."""

    summary: str
    banner_note: str
    emergency: SignList
    urgent: SignList
    refs: tuple[str, ...]


class NotebookInfo(Record):
    """One notebook of the course map."""

    file: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    audience: str = "everyone"

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".ipynb")


class Course(Record):
    title: str
    promise: str
    disclaimer: Disclaimer
    notebooks: tuple[NotebookInfo, ...]


def check_course(data: dict, path, folder: Path | None, known_refs: set[str]) -> None:
    """Raise CourseDataError if a notebook is listed twice or is missing from ``folder``
    (not checked when ``folder`` is None: no notebooks beside the data), or if the
    disclaimer cites a key that is not in the bibliography."""
    check_unique(
        path,
        data["notebooks"],
        "notebook",
        key="file",
        problem="listed twice (each notebook appears once in the course map)",
    )
    for nb in data["notebooks"]:
        if folder is not None and not (folder / nb["file"]).is_file():
            raise CourseDataError(path, f"notebook {nb['file']!r}", f"no such notebook in {folder}")
    for key in data["disclaimer"]["refs"]:
        if key not in known_refs:
            raise CourseDataError(path, "disclaimer", f"reference key {key!r} is not in data/references.json")


@lru_cache(maxsize=1)
def course() -> Course:
    data = load("course.json", schema="course", id_key="file")
    check_course(data, data_dir() / "course.json", notebooks_dir(), reference_keys())
    return build(Course, data)


def notebooks() -> tuple[NotebookInfo, ...]:
    return course().notebooks


def notebook_stems() -> list[str]:
    return [nb.stem for nb in notebooks()]


def notebook_info(stem: str) -> NotebookInfo:
    for nb in notebooks():
        if nb.stem == stem:
            return nb
    raise KeyError(stem)
