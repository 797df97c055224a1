"""The medical disclaimer box, from the one emergency message in data/course.json."""

from __future__ import annotations

from ..core.text import safe_html
from ..topics.selfcheck import checked_disclaimer
from .display import html


def disclaimer_html() -> str:
    """The full disclaimer: the emergency list and the same-day list, both from the one
    emergency message in data/course.json (see ``glutecourse.catalog.safety``)."""

    d = checked_disclaimer()
    emergency, urgent = d["emergency"], d["urgent"]
    emergency_items = "".join(f"<li>{safe_html(s['text'])}</li>" for s in emergency["signs"])
    urgent_items = "".join(f"<li>{safe_html(s['text'])}</li>" for s in urgent["signs"])
    return (
        "<div class='gc-disclaimer' role='note' style='border:2px solid #D55E00;border-radius:6px;"
        "padding:8px 12px;margin:6px 0'>"
        f"<p><strong>⚠ Medical disclaimer.</strong> {safe_html(d['summary'])}</p>"
        f"<p><strong>‼ {safe_html(emergency['lead'])}</strong></p><ul>{emergency_items}</ul>"
        f"<p><strong>{safe_html(emergency['action'])}</strong></p>"
        f"<p><strong>⚠ {safe_html(urgent['lead'])}</strong></p><ul>{urgent_items}</ul>"
        f"<p>{safe_html(urgent['action'])}</p></div>"
    )


def disclaimer():
    """The full medical disclaimer with the signs that need care at once or the same day."""

    return html(disclaimer_html())
