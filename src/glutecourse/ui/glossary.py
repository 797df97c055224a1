"""Glossary views: ``define("term", ...)`` boxes and the whole glossary as a table."""

from __future__ import annotations

from ..catalog.glossary import glossary, lookup
from ..core.text import safe_html
from .display import html


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
    return html(define_html(*terms))


def glossary_table():
    """The whole glossary, A to Z."""
    seen = {}
    for entry in glossary().values():
        seen[entry["term"]] = entry
    rows = "".join(
        f"<tr><td><strong>{safe_html(t)}</strong></td><td>{safe_html(seen[t]['definition'])}</td></tr>"
        for t in sorted(seen)
    )
    return html(
        f"<table class='gc-glossary-table'><tr><th scope='col'>Term</th><th scope='col'>Meaning</th></tr>{rows}</table>"
    )
