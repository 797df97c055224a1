"""Reference lists for notebooks, from the course bibliography (``data/references.json``)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ..catalog.references import Reference, bibliography
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from .display import html
from .html import safe_html


def source_link(entry: Reference) -> str:
    """A link to the source: its DOI (https://doi.org/...) or the publisher's page. Just a
    link: nothing is fetched."""
    if entry.doi:
        address = "https://doi.org/" + entry.doi
    elif entry.url:
        address = entry.url
    else:
        return ""
    shown = escape(address)
    return f' <a class="gc-source-link" href="{escape(quote(address, safe=":/?=&#%()"))}">{shown}</a>'


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
        note = " <em>(read through a summary that quotes it)</em>" if entry.secondary else ""
        entries.append(
            f'<li id="ref-{key}"><strong>{safe_html(entry.short)}</strong>. {safe_html(entry.full)}{note}'
            f"{source_link(entry)}</li>"
        )
    return html('<ol class="gc-references">' + "".join(entries) + "</ol>")
