"""Evidence views: one box per study (design, size, findings, limits) and the forest
plot's numbers as a table (a text alternative to the plot)."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..topics.evidence import ci_text, effects, fmt_number, study
from .display import html
from .html import Markup, callout, items, safe_html, table


def study_card_html(study_id: str) -> str:

    s = study(study_id)
    cite = short_citations().get(s.ref, s.ref)
    body = Markup(
        f"<p><strong>{safe_html(cite)}</strong> · {safe_html(s.design)} · {safe_html(s.size)}</p>"
        f"<p><strong>Question:</strong> {safe_html(s.question)}</p>"
        f"<p><strong>Found:</strong></p>{items(s.findings)}"
        f"<p><strong>What it cannot show:</strong> {safe_html(s.limits)}</p>"
        f"<p><strong>Strength of evidence:</strong> {safe_html(s.strength)}</p>"
    )
    return callout("evidence", None, body, cls="gc-study", label=f"Study: {cite}")


def study_card(*study_ids: str):
    """One box per study: design, size, what it found and what it cannot show."""
    return html("".join(study_card_html(sid) for sid in study_ids))


def effects_table_html(study_id: str = "laird-2014") -> str:
    rows = [(e.measure, fmt_number(e.smd), ci_text(e.ci), e.reading) for e in effects(study_id)]
    return table(
        ["Measure", "SMD", "95% CI", "Reading"],
        rows,
        caption="People with vs without low back pain: standardised mean differences (SMD) with 95% confidence intervals",
        cls="gc-effects",
    )


def effects_table(study_id: str = "laird-2014", summary: str = "The same numbers as a table"):
    """The forest plot's numbers as a table, folded under ``summary`` (pass "" to show it open)."""
    table_html = effects_table_html(study_id)
    if summary:
        table_html = f"<details><summary>{safe_html(summary)}</summary>{table_html}</details>"
    return html(table_html)
