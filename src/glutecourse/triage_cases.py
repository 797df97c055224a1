"""Worked cases for the self-check (``data/triage-cases.json``).

Each case is a short made-up person, the self-check items they would tick, and the level
that published public guidance gives them, with its source and why. The tests run the
self-check on every case; notebook 05 shows the cases marked ``teaching`` as "what would
you do?" questions whose answer is revealed on a click (plain HTML, so it works in the
static site too). No widgets, no matplotlib.
"""

from __future__ import annotations

from functools import lru_cache

from .data import load
from .errors import CourseDataError
from .paths import data_dir
from .textfmt import safe_html


def _path():
    return data_dir() / "triage-cases.json"


def check_cases(data: dict, path=None, known_items: set[str] | None = None, known_refs: set[str] | None = None) -> dict:
    """What the schema cannot say: ids unique, ticked items exist, references known."""
    from .triage import LEVELS, items

    path = path or _path()
    if known_items is None:
        known_items = set(items())
    if known_refs is None:
        from .references import reference_keys

        known_refs = reference_keys()
    seen: set[str] = set()
    for case in data["cases"]:
        where = f"case {case['id']!r}"
        if case["id"] in seen:
            raise CourseDataError(path, where, "id is used twice")
        seen.add(case["id"])
        if case["level"] not in LEVELS:
            raise CourseDataError(path, where, f"unknown level {case['level']!r}")
        for item_id in case["ticks"]:
            if item_id not in known_items:
                raise CourseDataError(path, where, f"ticks unknown item {item_id!r} (not in data/symptoms.json)")
        for src in case["source"]:
            if src["ref"] not in known_refs:
                raise CourseDataError(path, where, f"reference key {src['ref']!r} is not in references.json")
    return data


@lru_cache(maxsize=1)
def cases_data() -> dict:
    return check_cases(load("triage-cases.json", schema="triage-cases"))


def cases(teaching_only: bool = False) -> list[dict]:
    return [c for c in cases_data()["cases"] if c.get("teaching") or not teaching_only]


def worked_cases_html(teaching_only: bool = True) -> str:
    """Each case as a question ("what would you do?") with the answer behind a click."""
    from .references import short_citations
    from .triage import items, level_info

    labels = items()
    cite = short_citations()
    blocks = []
    for n, case in enumerate(cases(teaching_only), start=1):
        info = level_info(case["level"])
        ticks = "".join(f"<li>{safe_html(labels[i].label)}</li>" for i in case["ticks"])
        sources = "; ".join(f"{safe_html(cite[s['ref']])}: {safe_html(s['place'])}" for s in case["source"])
        blocks.append(
            "<div class='gc-case' style='border:1px solid #bbbbbb;border-radius:6px;padding:6px 12px;margin:8px 0'>"
            f"<p style='margin:4px 0'><strong>Case {n}.</strong> {safe_html(case['person'])}</p>"
            f"<p style='margin:4px 0'>They would tick:</p><ul style='margin:2px 0'>{ticks}</ul>"
            "<p style='margin:4px 0'><strong>What would you do?</strong> Decide before you look.</p>"
            "<details><summary>Show the answer</summary>"
            f"<p style='margin:4px 0'><strong>{safe_html(info['icon'])} {safe_html(info['title'])}</strong></p>"
            f"<p style='margin:4px 0'>{safe_html(case['why'])}</p>"
            f"<p style='margin:4px 0;font-size:0.9em'><em>Source: {sources}</em></p></details></div>"
        )
    return "<div class='gc-cases'>" + "".join(blocks) + "</div>"


def worked_cases(teaching_only: bool = True):
    """Show the teaching cases from data/triage-cases.json as "what would you do?" questions."""
    from IPython.display import HTML

    return HTML(worked_cases_html(teaching_only))
