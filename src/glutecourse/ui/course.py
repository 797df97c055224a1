"""Course-map views: every notebook with its time and objectives, and a notebook's header."""

from __future__ import annotations

from ..catalog.course import notebook_info, notebooks
from ..core.text import safe_html
from ..topics.timing import hours_text
from .display import html


def course_map():
    """An HTML table: every notebook, its time, and what you will be able to do after it."""
    rows = []
    total = 0
    for nb in notebooks():
        total += nb["minutes"]
        objectives = "".join(f"<li>{safe_html(o)}</li>" for o in nb["objectives"])
        who = " <em>(for teachers)</em>" if nb.get("audience") == "teachers" else ""
        rows.append(
            f"<tr style='vertical-align:top'><td style='text-align:left'><a href='{nb['file']}'>{safe_html(nb['title'])}</a>{who}<br><code>{nb['file']}</code></td>"
            f"<td style='text-align:left'>{nb['minutes']} min</td><td style='text-align:left'><ul>{objectives}</ul></td></tr>"
        )
    return html(
        "<table class='gc-course-map' style='text-align:left'><caption>Course map: about "
        f"{hours_text(total)} in all ({total} minutes)</caption><tr><th scope='col'>Notebook</th><th scope='col'>Time</th>"
        f"<th scope='col'>After it you can</th></tr>{''.join(rows)}</table>"
    )


def objectives(stem: str):
    """The header box of a notebook: its learning objectives and estimated time."""
    nb = notebook_info(stem)
    items = "".join(f"<li>{safe_html(o)}</li>" for o in nb["objectives"])
    return html(
        f"<div class='gc-objectives'><strong>Time:</strong> about {nb['minutes']} minutes. "
        f"<strong>After this notebook you can:</strong><ul>{items}</ul></div>"
    )
