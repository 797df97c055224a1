"""The course recap: each claim from the original article, what the evidence says, its
sources, and where the course teaches it (``data/myths.json``)."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..topics.myths import myths
from .display import html
from .html import Markup, safe_html, table


def myths_table():
    """A table: each claim, what the evidence says, its sources, and where the course teaches it."""

    cites = short_citations()
    rows = [
        (
            m.claim,
            Markup(f"{safe_html(m.evidence)} <em>({safe_html('; '.join(cites[r] for r in m.refs))})</em>"),
            Markup(f"<a href='{m.notebook}.ipynb'>{safe_html(m.notebook)}</a>"),
        )
        for m in myths()
    ]
    return html(
        table(
            ["The claim", "What the evidence says", "Where"],
            rows,
            caption=Markup("<strong>Claim vs evidence: the whole course on one page</strong>"),
            cls="gc-claims",
        )
    )
