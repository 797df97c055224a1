"""Plain-language glossary: ``data/glossary/*.json`` merged into one dictionary.

Notebooks call ``define("term", ...)`` where a term is first used: a small box defines it.
Unknown terms raise CourseDataError, so a typo fails the notebook's test.
"""

from __future__ import annotations

from functools import lru_cache

from .data import load_validated
from .errors import CourseDataError
from .paths import data_dir
from .textfmt import safe_html


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


def define_html(*terms: str) -> str:
    items = "".join(
        f"<dt><strong>{safe_html(t)}</strong></dt><dd style='margin-left:1.2em'>{safe_html(lookup(t)['definition'])}</dd>"
        for t in terms
    )
    return (
        "<details class='gc-glossary' open><summary><strong>Words used here</strong></summary>"
        f"<dl style='margin:4px 0'>{items}</dl></details>"
    )


def define(*terms: str):
    """Show plain-language definitions of ``terms`` (from the course glossary)."""
    from IPython.display import HTML

    return HTML(define_html(*terms))


def glossary_table():
    """The whole glossary, A to Z."""
    from IPython.display import HTML

    seen = {}
    for entry in glossary().values():
        seen[entry["term"]] = entry
    rows = "".join(
        f"<tr><td><strong>{safe_html(t)}</strong></td><td>{safe_html(seen[t]['definition'])}</td></tr>"
        for t in sorted(seen)
    )
    return HTML(f"<table class='gc-glossary-table'><tr><th scope='col'>Term</th><th scope='col'>Meaning</th></tr>{rows}</table>")
