"""Boxes every notebook shows: the medical disclaimer."""

from __future__ import annotations

from .coursemap import course
from .textfmt import safe_html


def disclaimer_html() -> str:
    d = course()["disclaimer"]
    items = "".join(f"<li>{safe_html(x)}</li>" for x in d["emergency"])
    return (
        "<div class='gc-disclaimer' role='note' style='border:2px solid #D55E00;border-radius:6px;"
        "padding:8px 12px;margin:6px 0'>"
        f"<p><strong>⚠ Medical disclaimer.</strong> {safe_html(d['summary'])}</p>"
        f"<p><strong>Get emergency care now</strong> if you have back pain with any of:</p><ul>{items}</ul>"
        f"<p>{safe_html(d['emergency_action'])}</p><p>{safe_html(d['urgent_action'])}</p></div>"
    )


def disclaimer():
    """The full medical disclaimer with the signs that need care at once."""
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
