"""The medical disclaimer box, from the one emergency message in data/course.json."""

from __future__ import annotations

from ..topics.selfcheck import checked_disclaimer
from .display import html
from .html import Markup, callout, items, safe_html


def disclaimer_html() -> str:
    """The full disclaimer: the emergency list and the same-day list, both from the one
    emergency message in data/course.json (see ``glutecourse.catalog.safety``)."""

    d = checked_disclaimer()
    emergency, urgent = d.emergency, d.urgent
    body = Markup(
        f"<p><strong>⚠ Medical disclaimer.</strong> {safe_html(d.summary)}</p>"
        f"<p><strong>‼ {safe_html(emergency.lead)}</strong></p>{items(s.text for s in emergency.signs)}"
        f"<p><strong>{safe_html(emergency.action)}</strong></p>"
        f"<p><strong>⚠ {safe_html(urgent.lead)}</strong></p>{items(s.text for s in urgent.signs)}"
        f"<p>{safe_html(urgent.action)}</p>"
    )
    return callout("emergency", None, body, cls="gc-disclaimer")


def disclaimer():
    """The full medical disclaimer with the signs that need care at once or the same day."""

    return html(disclaimer_html())
