"""The course recap's data: claims from the original article against the evidence
(``data/myths.json``). The table is ``glutecourse.ui.myths.myths_table``."""

from __future__ import annotations

from functools import lru_cache

from ..catalog.course import notebook_stems
from ..catalog.references import reference_keys
from ..core.data import build_all, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record


class Myth(Record):
    """A claim of the original article, what the evidence says, its sources and the
    notebook (stem) that teaches it."""

    id: str
    claim: str
    evidence: str
    notebook: str
    refs: tuple[str, ...]


@lru_cache(maxsize=1)
def myths() -> tuple[Myth, ...]:
    data = load("myths.json", schema="myths")

    stems, keys = set(notebook_stems()), reference_keys()
    for m in data["myths"]:
        if m["notebook"] not in stems:
            raise CourseDataError(data_dir() / "myths.json", f"id {m['id']!r}", f"unknown notebook {m['notebook']!r}")
        for ref in m["refs"]:
            if ref not in keys:
                raise CourseDataError(data_dir() / "myths.json", f"id {m['id']!r}", f"unknown reference {ref!r}")
    return build_all(Myth, data["myths"])
