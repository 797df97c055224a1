"""Small display helpers every view uses."""

from __future__ import annotations

from ..core.text import safe_html


def html(text: str):
    """An IPython HTML object (IPython is imported only when a view is shown)."""
    from IPython.display import HTML

    return HTML(text)


def panel(*items):
    """Show several HTML boxes (glossary, study cards, tables) as one output.

    Each notebook cell costs a round trip to the kernel, so joining a definition box with
    the table or card that uses it keeps a notebook fast.
    """
    parts = []
    for item in items:
        rendered = item._repr_html_() if hasattr(item, "_repr_html_") else None
        parts.append(rendered if rendered is not None else safe_html(str(item)))
    return html("".join(parts))
