"""Plain-language glossary: ``data/glossary/*.json`` merged into one lookup of ``Term``s.

Notebooks call ``define("term", ...)`` (``glutecourse.ui.glossary``) where a term is first
used. Unknown terms raise CourseDataError, so a typo fails the notebook's test.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ..core.data import build, load_validated
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record


class Term(Record):
    """One glossary entry: the term (lower case), its definition, other names a reader may
    look it up by, its source key, and the glossary file that defines it."""

    term: str
    definition: str
    file: str
    aliases: tuple[str, ...] = ()
    ref: str | None = None


@lru_cache(maxsize=1)
def glossary() -> Mapping[str, Term]:
    """Every term and alias (lower case) -> its entry (read-only)."""
    terms: dict[str, Term] = {}
    for path in sorted((data_dir() / "glossary").glob("*.json")):
        data = load_validated(path, "glossary", id_key="term")
        for raw in data["terms"]:
            entry = build(Term, {**raw, "file": path.name})
            for name in (entry.term, *entry.aliases):
                key = name.lower()
                if key in terms:
                    raise CourseDataError(path, f"term {name!r}", f"already defined in {terms[key].file}")
                terms[key] = entry
    return MappingProxyType(terms)


def lookup(term: str) -> Term:
    entry = glossary().get(term.lower())
    if entry is None:
        raise CourseDataError(data_dir() / "glossary", f"term {term!r}", "not in the glossary")
    return entry
