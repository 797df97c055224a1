"""The course recap: claims from the original article against the evidence."""

from __future__ import annotations

from .data import load
from .errors import CourseDataError
from .paths import data_dir
from .textfmt import safe_html


def myths() -> list[dict]:
    data = load("myths.json", schema="myths")
    from .coursemap import notebook_stems
    from .references import reference_keys

    stems, keys = set(notebook_stems()), reference_keys()
    for m in data["myths"]:
        if m["notebook"] not in stems:
            raise CourseDataError(data_dir() / "myths.json", f"id {m['id']!r}", f"unknown notebook {m['notebook']!r}")
        for ref in m["refs"]:
            if ref not in keys:
                raise CourseDataError(data_dir() / "myths.json", f"id {m['id']!r}", f"unknown reference {ref!r}")
    return data["myths"]


def claims_table():
    """A table: each claim, what the evidence says, its sources, and where the course teaches it."""
    from IPython.display import HTML

    from .references import short_citations

    cites = short_citations()
    rows = "".join(
        f"<tr style='vertical-align:top'><td style='text-align:left'>{safe_html(m['claim'])}</td>"
        f"<td style='text-align:left'>{safe_html(m['evidence'])} <em>({safe_html('; '.join(cites[r] for r in m['refs']))})</em></td>"
        f"<td style='text-align:left'><a href='{m['notebook']}.ipynb'>{m['notebook']}</a></td></tr>"
        for m in myths()
    )
    return HTML(
        "<table class='gc-claims'><caption style='text-align:left'><strong>Claim vs evidence: the whole course on one page</strong></caption>"
        "<tr><th scope='col' style='text-align:left'>The claim</th><th scope='col' style='text-align:left'>What the evidence says</th>"
        f"<th scope='col' style='text-align:left'>Where</th></tr>{rows}</table>"
    )
