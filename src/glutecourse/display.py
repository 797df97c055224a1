"""Boxes every notebook shows: the medical disclaimer."""

from __future__ import annotations

from .textfmt import safe_html


def disclaimer_html() -> str:
    """The full disclaimer: the emergency list and the same-day list, both from the one
    emergency message in data/course.json (see ``glutecourse.safety``)."""
    from .safety import disclaimer_data

    d = disclaimer_data()
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
    from IPython.display import HTML

    return HTML(disclaimer_html())


def panel(*items):
    """Show several HTML boxes (glossary, study cards, tables) as one output.

    Each notebook cell costs a round trip to the kernel, so joining a definition box with
    the table or card that uses it keeps a notebook fast.
    """
    from IPython.display import HTML

    parts = []
    for item in items:
        html = item._repr_html_() if hasattr(item, "_repr_html_") else None
        parts.append(html if html is not None else safe_html(str(item)))
    return HTML("".join(parts))
