"""Small display helpers every view uses: an HTML output (with the course stylesheet when
asked: ``objectives()``) and ``panel`` for several boxes in one output."""

from __future__ import annotations

from .html import safe_html, with_stylesheet


def html(text: str, stylesheet: bool = False):
    """An IPython HTML object (IPython is imported only when a view is shown); with
    ``stylesheet=True`` the course stylesheet goes in front (``objectives()``, every
    notebook's first call; widget views bring it themselves, see ``widgets.View``)."""
    from IPython.display import HTML

    return HTML(with_stylesheet(text, always=True) if stylesheet else text)


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
