"""Small display helpers every view uses: an HTML output (with the course stylesheet when
asked: ``objectives()``) and ``panel`` for several boxes in one output (folded, if asked)."""

from __future__ import annotations

from .html import Markup, safe_html, tag, with_stylesheet


def html(text: str, stylesheet: bool = False):
    """An IPython HTML object (IPython is imported only when a view is shown); with
    ``stylesheet=True`` the course stylesheet goes in front (``objectives()``, every
    notebook's first call; widget views bring it themselves, see ``widgets.View``)."""
    from IPython.display import HTML

    return HTML(with_stylesheet(text, always=True) if stylesheet else text)


def panel(*items, fold: str | None = None):
    """Show several HTML boxes (glossary, study cards, tables) as one output.

    Each notebook cell costs a round trip to the kernel, so joining a definition box with
    the table or card that uses it keeps a notebook fast. ``fold`` (a label) shows them
    folded, as a ``<details>`` block a reader opens with a click: for reference tables a
    reader may skip (issue 13: long notebooks are shortened).
    """
    parts = []
    for item in items:
        rendered = item._repr_html_() if hasattr(item, "_repr_html_") else None
        parts.append(rendered if rendered is not None else safe_html(str(item)))
    body = "".join(parts)
    if fold is not None:
        if not str(fold).strip():
            raise ValueError("panel(fold=...): give the folded block a label that says what it holds")
        body = str(tag("details", Markup(tag("summary", safe_html(fold)) + body)))
    return html(body)
