"""Evidence views: one box per study (design, size, findings, limits) and the forest
plot's numbers as a table (a text alternative to the plot)."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.text import safe_html
from ..topics.evidence import ci_text, effects, fmt_number, study
from .display import html


def study_card_html(study_id: str) -> str:

    s = study(study_id)
    cite = short_citations().get(s["ref"], s["ref"])
    findings = "".join(f"<li>{safe_html(f)}</li>" for f in s["findings"])
    return (
        f"<div class='gc-study' role='note' aria-label='Study: {safe_html(cite)}' "
        "style='border:1px solid #888;border-left:6px solid #0072B2;border-radius:4px;padding:6px 12px;margin:6px 0'>"
        f"<p style='margin:2px 0'><strong>{safe_html(cite)}</strong> · {safe_html(s['design'])} · {safe_html(s['size'])}</p>"
        f"<p style='margin:2px 0'><strong>Question:</strong> {safe_html(s['question'])}</p>"
        f"<p style='margin:2px 0'><strong>Found:</strong></p><ul style='margin:2px 0'>{findings}</ul>"
        f"<p style='margin:2px 0'><strong>What it cannot show:</strong> {safe_html(s['limits'])}</p>"
        f"<p style='margin:2px 0'><strong>Strength of evidence:</strong> {safe_html(s['strength'])}</p></div>"
    )


def study_card(*study_ids: str):
    """One box per study: design, size, what it found and what it cannot show."""
    return html("".join(study_card_html(sid) for sid in study_ids))


def effects_table_html(study_id: str = "laird-2014") -> str:
    rows = "".join(
        f"<tr><td>{safe_html(e['measure'])}</td><td>{fmt_number(e['smd'])}</td>"
        f"<td>{ci_text(e['ci'])}</td><td>{safe_html(e['reading'])}</td></tr>"
        for e in effects(study_id)
    )
    return (
        "<table class='gc-effects'><caption>People with vs without low back pain: standardised mean "
        "differences (SMD) with 95% confidence intervals</caption>"
        "<tr><th scope='col'>Measure</th><th scope='col'>SMD</th><th scope='col'>95% CI</th>"
        f"<th scope='col'>Reading</th></tr>{rows}</table>"
    )


def effects_table(study_id: str = "laird-2014", summary: str = "The same numbers as a table"):
    """The forest plot's numbers as a table, folded under ``summary`` (pass "" to show it open)."""
    table = effects_table_html(study_id)
    if summary:
        table = f"<details><summary>{safe_html(summary)}</summary>{table}</details>"
    return html(table)
