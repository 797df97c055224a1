"""Plain-language glossary: ``data/glossary/*.json`` merged into one dictionary.

Notebooks call ``define("term", ...)`` (``glutecourse.ui.glossary``) where a term is first
used. Unknown terms raise CourseDataError, so a typo fails the notebook's test.
"""

from __future__ import annotations

from functools import lru_cache

from ..core.data import load_validated
from ..core.errors import CourseDataError
from ..core.paths import data_dir


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict]:
    terms: dict[str, dict] = {}
    for path in sorted((data_dir() / "glossary").glob("*.json")):
        data = load_validated(path, "glossary", id_key="term")
        for entry in data["terms"]:
            for name in [entry["term"], *entry.get("aliases", [])]:
                key = name.lower()
                if key in terms:
                    raise CourseDataError(path, f"term {name!r}", f"already defined in {terms[key]['_file']}")
                terms[key] = {**entry, "_file": path.name}
    return terms


def lookup(term: str) -> dict:
    entry = glossary().get(term.lower())
    if entry is None:
        raise CourseDataError(data_dir() / "glossary", f"term {term!r}", "not in the glossary")
    return entry
