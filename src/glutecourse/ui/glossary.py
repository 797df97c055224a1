"""Glossary views: ``define("term", ...)`` boxes and the whole glossary as a table."""

from __future__ import annotations

from ..catalog.glossary import glossary, lookup
from .display import html
from .html import Markup, safe_html, table


def define_html(*terms: str) -> str:
    entries = "".join(
        f"<dt><strong>{safe_html(t)}</strong></dt><dd>{safe_html(lookup(t).definition)}</dd>" for t in terms
    )
    return (
        "<details class='gc-glossary' open><summary><strong>Words used here</strong></summary>"
        f"<dl>{entries}</dl></details>"
    )


def define(*terms: str):
    """Show plain-language definitions of ``terms`` (from the course glossary)."""
    return html(define_html(*terms))


def glossary_table():
    """The whole glossary, A to Z."""
    seen = {}
    for entry in glossary().values():
        seen[entry.term] = entry
    rows = [(Markup(f"<strong>{safe_html(t)}</strong>"), seen[t].definition) for t in sorted(seen)]
    return html(table(["Term", "Meaning"], rows, cls="gc-glossary-table"))
