"""The course recap: each claim from the original article, what the evidence says, its
sources, and where the course teaches it (``data/myths.json``)."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.text import safe_html
from ..topics.myths import myths
from .display import html


def myths_table():
    """A table: each claim, what the evidence says, its sources, and where the course teaches it."""

    cites = short_citations()
    rows = "".join(
        f"<tr style='vertical-align:top'><td style='text-align:left'>{safe_html(m['claim'])}</td>"
        f"<td style='text-align:left'>{safe_html(m['evidence'])} <em>({safe_html('; '.join(cites[r] for r in m['refs']))})</em></td>"
        f"<td style='text-align:left'><a href='{m['notebook']}.ipynb'>{m['notebook']}</a></td></tr>"
        for m in myths()
    )
    return html(
        "<table class='gc-claims'><caption style='text-align:left'><strong>Claim vs evidence: the whole course on one page</strong></caption>"
        "<tr><th scope='col' style='text-align:left'>The claim</th><th scope='col' style='text-align:left'>What the evidence says</th>"
        f"<th scope='col' style='text-align:left'>Where</th></tr>{rows}</table>"
    )
