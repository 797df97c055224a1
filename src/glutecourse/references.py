"""The course bibliography (``data/references.json``) and reference lists for notebooks."""

from __future__ import annotations

from functools import lru_cache

from .data import load
from .textfmt import safe_html


@lru_cache(maxsize=1)
def bibliography() -> dict:
    return load("references.json", schema="references")


def reference_keys() -> set[str]:
    return set(bibliography())


def short_citations() -> dict[str, str]:
    return {key: entry["short"] for key, entry in bibliography().items()}


def references(*keys: str):
    """An HTML reference list for the given keys (in the order given).

    Unknown keys raise CourseDataError so a typo in a notebook is caught by nbval.
    """
    from IPython.display import HTML

    from .errors import CourseDataError
    from .paths import data_dir

    bib = bibliography()
    items = []
    for key in keys:
        if key not in bib:
            raise CourseDataError(data_dir() / "references.json", f"key {key!r}", "no such reference")
        entry = bib[key]
        note = " <em>(read through a summary that quotes it)</em>" if entry.get("secondary") else ""
        items.append(f'<li id="ref-{key}"><strong>{safe_html(entry["short"])}</strong>. {safe_html(entry["full"])}{note}</li>')
    return HTML('<ol class="gc-references">' + "".join(items) + "</ol>")
