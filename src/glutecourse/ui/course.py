"""Course-map views: every notebook with its time and objectives, and a notebook's header."""

from __future__ import annotations

from ..catalog.course import notebook_info, notebooks
from ..topics.timing import hours_text
from .display import html
from .html import Markup, items, safe_html, table


def course_map():
    """An HTML table: every notebook, its time, and what you will be able to do after it."""
    rows = []
    total = 0
    for nb in notebooks():
        total += nb.minutes
        who = " <em>(for teachers)</em>" if nb.audience == "teachers" else ""
        title = Markup(f"<a href='{nb.file}'>{safe_html(nb.title)}</a>{who}<br><code>{safe_html(nb.file)}</code>")
        rows.append((title, f"{nb.minutes} min", items(nb.objectives)))
    return html(
        table(
            ["Notebook", "Time", "After it you can"],
            rows,
            caption=f"Course map: about {hours_text(total)} in all ({total} minutes)",
            cls="gc-course-map",
        )
    )


def objectives(stem: str):
    """The header box of a notebook: its learning objectives and estimated time. It also
    carries the course stylesheet: every notebook's first call."""
    nb = notebook_info(stem)
    return html(
        f"<div class='gc-objectives'><strong>Time:</strong> about {nb.minutes} minutes. "
        f"<strong>After this notebook you can:</strong>{items(nb.objectives)}</div>",
        stylesheet=True,
    )
