"""One emergency message everywhere, from one place: the ``disclaimer`` in data/course.json.

That object holds the emergency list and action and the same-day (urgent) list and action,
as short bullets. From it come:

- the banner at the top of every notebook (cell 0, between the marker comments below),
  written by ``scripts/make_banners.py`` (``make banners``) so it shows before any cell runs,
  in JupyterLab, in slides, in the Voila app and on the static site;
- the ``disclaimer()`` box (``glutecourse.display``);
- the self-check's emergency and urgent actions (``{emergency_action}``, ``{urgent_action}``
  in data/symptoms.json).

Each bullet names the self-check items and combination rules it stands for, and
``check_disclaimer`` insists that every emergency item and rule is on the emergency list and
every urgent one on the same-day list, so the banner and the self-check cannot drift apart.
No widgets, no matplotlib.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .errors import CourseDataError
from .paths import data_dir

BANNER_START = (
    "<!-- safety-banner:start (generated from data/course.json by scripts/make_banners.py: "
    "edit the data, then run make banners) -->"
)
BANNER_END = "<!-- safety-banner:end -->"
BANNER_RE = re.compile(r"<!-- safety-banner:start.*?-->.*?<!-- safety-banner:end -->", re.S)


def _path():
    return data_dir() / "course.json"


def check_disclaimer(d: dict, path=None, known_items: dict | None = None, known_rules: dict | None = None) -> dict:
    """Every emergency item and rule of the self-check is on the emergency list, every urgent
    one on the same-day list; every id named exists; every ``match`` is a valid pattern."""
    path = path or _path()
    if known_items is None or known_rules is None:
        from .triage import items, rules

        known_items = {i.id: i.level for i in items().values()} if known_items is None else known_items
        known_rules = {r.id: r.level for r in rules()} if known_rules is None else known_rules
    covered: dict[str, dict[str, str]] = {"items": {}, "rules": {}}
    for level in ("emergency", "urgent"):
        for n, sign in enumerate(d[level]["signs"], start=1):
            where = f"disclaimer {level} sign {n} ({sign['text'][:40]!r})"
            if "match" in sign:
                try:
                    re.compile(sign["match"])
                except re.error as exc:
                    raise CourseDataError(path, where, f"match is not a valid regular expression ({exc})") from None
            for kind, known in (("items", known_items), ("rules", known_rules)):
                for ident in sign.get(kind, []):
                    if ident not in known:
                        source = "data/symptoms.json" if kind == "items" else "data/triage-rules.json"
                        raise CourseDataError(path, where, f"unknown {kind[:-1]} {ident!r} (not in {source})")
                    if known[ident] != level:
                        raise CourseDataError(path, where, f"{kind[:-1]} {ident!r} is {known[ident]!r} in the self-check, not {level!r}")
                    covered[kind][ident] = level
            if not sign.get("items") and not sign.get("rules"):
                raise CourseDataError(path, where, "names no self-check item or rule: say which it stands for")
    for kind, known in (("items", known_items), ("rules", known_rules)):
        for ident, level in known.items():
            if level in ("emergency", "urgent") and ident not in covered[kind]:
                raise CourseDataError(
                    path, f"disclaimer {level} signs",
                    f"the self-check's {level} {kind[:-1]} {ident!r} is on no bullet: add it to the {level} list",
                )
    return d


@lru_cache(maxsize=1)
def disclaimer_data() -> dict:
    """The checked ``disclaimer`` object of data/course.json."""
    from .coursemap import course

    return check_disclaimer(course()["disclaimer"])


def _md(text: str) -> str:
    """Plain data text, safe inside Markdown (no accidental emphasis, links or HTML)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def banner_markdown() -> str:
    """The banner every notebook shows at the top of its first cell, markers included."""
    d = disclaimer_data()
    emergency, urgent = d["emergency"], d["urgent"]
    lines = [
        BANNER_START,
        f"> ⚠ **Educational only, never a diagnosis.** {_md(d['banner_note'])}",
        ">",
        f"> **{_md(emergency['lead'])}**",
        ">",
        *(f"> - {_md(s['text'])}" for s in emergency["signs"]),
        ">",
        f"> **{_md(emergency['action'])}**",
        ">",
        "> <details><summary>" + html.escape(urgent["summary"]) + "</summary><p>" + html.escape(urgent["lead"]) + "</p><ul>"
        + "".join(f"<li>{html.escape(s['text'])}</li>" for s in urgent["signs"])
        + "</ul><p>" + html.escape(urgent["action"]) + "</p></details>",
        "",
        BANNER_END,
    ]
    return "\n".join(lines)


def set_banner(source: str) -> str:
    """``source`` (a notebook's first cell) with its banner replaced by the generated one.
    A cell without markers gets the banner after its "In one line" paragraph (or its title)."""
    banner = banner_markdown()
    if BANNER_RE.search(source):
        return BANNER_RE.sub(lambda _m: banner, source, count=1)
    paragraphs = source.split("\n\n")
    at = next((n + 1 for n, p in enumerate(paragraphs) if p.lstrip().startswith("**In one line:**")), 1)
    return "\n\n".join([*paragraphs[:at], banner, *paragraphs[at:]])


def emergency_signs_in(text: str) -> list[str]:
    """The emergency bullets whose ``match`` pattern occurs in ``text`` (the banner itself
    removed first). Tests use it to find a notebook that keeps its own copy of the list."""
    text = BANNER_RE.sub("", text)
    return [s["text"] for s in disclaimer_data()["emergency"]["signs"] if re.search(s["match"], text, re.I)]
