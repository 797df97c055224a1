"""Reference lists for notebooks, from the course bibliography (``data/references.json``)."""

from __future__ import annotations

from ..catalog.references import bibliography
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from .display import html
from .html import safe_html


def references(*keys: str):
    """An HTML reference list for the given keys (in the order given).

    Unknown keys raise CourseDataError so a typo in a notebook is caught by nbval.
    """

    bib = bibliography()
    entries = []
    for key in keys:
        if key not in bib:
            raise CourseDataError(data_dir() / "references.json", f"key {key!r}", "no such reference")
        entry = bib[key]
        note = " <em>(read through a summary that quotes it)</em>" if entry.get("secondary") else ""
        entries.append(
            f'<li id="ref-{key}"><strong>{safe_html(entry["short"])}</strong>. {safe_html(entry["full"])}{note}</li>'
        )
    return html('<ol class="gc-references">' + "".join(entries) + "</ol>")
