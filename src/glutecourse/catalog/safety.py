"""One emergency message everywhere, from one place: the ``disclaimer`` in data/course.json.

That object holds the emergency list and action and the same-day (urgent) list and action,
as short bullets. From it come:

- the banner at the top of every notebook (cell 0, between the marker comments below),
  written by ``scripts/make_banners.py`` (``make generate``) so it shows before any cell
  runs, in JupyterLab, in slides, in the Voila app and on the static site;
- the ``disclaimer()`` box (``glutecourse.ui.safety``);
- the self-check's emergency and urgent actions (``{emergency_action}``, ``{urgent_action}``
  in data/selfcheck.json).

Each bullet names the self-check items and combination rules it stands for; the self-check
(``glutecourse.topics.selfcheck.check_disclaimer``, one layer up, where the items and rules
are known) insists that every emergency item and rule is on the emergency list and every
urgent one on the same-day list, so the banner and the self-check cannot drift apart.
Everything that shows the message (the banner generator, the disclaimer box) goes through
that check. No widgets, no matplotlib.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .course import Disclaimer, course

BANNER_START = (
    "<!-- safety-banner:start (generated from data/course.json by scripts/make_banners.py: "
    "edit the data, then run make banners) -->"
)

BANNER_END = "<!-- safety-banner:end -->"

BANNER_RE = re.compile(r"<!-- safety-banner:start.*?-->.*?<!-- safety-banner:end -->", re.S)


@lru_cache(maxsize=1)
def disclaimer_data() -> Disclaimer:
    """The ``disclaimer`` object of data/course.json (schema-checked; its agreement with the
    self-check is checked by ``glutecourse.topics.selfcheck.checked_disclaimer``)."""
    return course().disclaimer


def _md(text: str) -> str:
    """Plain data text, safe inside Markdown (no accidental emphasis, links or HTML)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def banner_markdown(d: Disclaimer | None = None) -> str:
    """The banner every notebook shows at the top of its first cell, markers included,
    from the disclaimer ``d`` (default: the one in data/course.json)."""
    d = disclaimer_data() if d is None else d
    emergency, urgent = d.emergency, d.urgent
    lines = [
        BANNER_START,
        f"> ⚠ **Educational only, never a diagnosis.** {_md(d.banner_note)}",
        ">",
        f"> **{_md(emergency.lead)}**",
        ">",
        *(f"> - {_md(s.text)}" for s in emergency.signs),
        ">",
        f"> **{_md(emergency.action)}**",
        ">",
        "> <details><summary>"
        + html.escape(urgent.summary)
        + "</summary><p>"
        + html.escape(urgent.lead)
        + "</p><ul>"
        + "".join(f"<li>{html.escape(s.text)}</li>" for s in urgent.signs)
        + "</ul><p>"
        + html.escape(urgent.action)
        + "</p></details>",
        "",
        BANNER_END,
    ]
    return "\n".join(lines)


def set_banner(source: str, d: Disclaimer | None = None) -> str:
    """``source`` (a notebook's first cell) with its banner replaced by the generated one.
    A cell without markers gets the banner after its "In one line" paragraph (or its title)."""
    banner = banner_markdown(d)
    if BANNER_RE.search(source):
        return BANNER_RE.sub(lambda _m: banner, source, count=1)
    paragraphs = source.split("\n\n")
    at = next((n + 1 for n, p in enumerate(paragraphs) if p.lstrip().startswith("**In one line:**")), 1)
    return "\n\n".join([*paragraphs[:at], banner, *paragraphs[at:]])


def emergency_signs_in(text: str) -> list[str]:
    """The emergency bullets whose ``match`` pattern occurs in ``text`` (the banner itself
    removed first). Tests use it to find a notebook that keeps its own copy of the list."""
    text = BANNER_RE.sub("", text)
    return [s.text for s in disclaimer_data().emergency.signs if re.search(s.match, text, re.I)]
