"""Study results behind notebooks 02 and 03 (``data/evidence.json``).

``study(id)`` gives one study's design, size, findings and limits; ``study_card(id)`` shows
them as a box; ``effects()`` gives the standardised mean differences drawn in the forest
plot, and ``effects_table()`` the same numbers as a table (a text alternative to the plot).
"""

from __future__ import annotations

from functools import lru_cache

from .data import by_id, check_ids_and_refs, load
from .errors import CourseDataError
from .paths import data_dir
from .display import panel  # noqa: F401  (re-exported: notebooks import it from here)
from .textfmt import safe_html


def _fail(item: str, problem: str):
    raise CourseDataError(data_dir() / "evidence.json", item, problem)


def check_evidence(data: dict, known_refs: set[str]) -> dict:
    """Rules the schema cannot express: unique ids, known reference keys, effects that
    belong to a listed study, and confidence intervals that contain their estimate."""
    check_ids_and_refs(data_dir() / "evidence.json", data["studies"], "study", known_refs, lambda s: [s["ref"]])
    ids = [s["id"] for s in data["studies"]]
    for e in data["effects"]:
        where = f"effect {e['id']!r}"
        if e["study"] not in ids:
            _fail(where, f"study {e['study']!r} is not listed in studies")
        ci = e["ci"]
        if ci is not None and not (ci[0] <= e["smd"] <= ci[1]):
            _fail(where, f"confidence interval {ci} does not contain the estimate {e['smd']}")
    return data


@lru_cache(maxsize=1)
def evidence_data() -> dict:
    from .references import reference_keys

    return check_evidence(load("evidence.json", schema="evidence"), reference_keys())


def studies() -> list[dict]:
    return evidence_data()["studies"]


def study(study_id: str) -> dict:
    return by_id(studies(), study_id)


def effects(study_id: str | None = None) -> list[dict]:
    return [e for e in evidence_data()["effects"] if study_id is None or e["study"] == study_id]


def fmt_number(x: float) -> str:
    """Two decimal places, as published, with a real minus sign."""
    return f"{x:.2f}".replace("-", "\u2212")


def ci_text(ci) -> str:
    if ci is None:
        return "not given in our source"
    return f"{fmt_number(ci[0])} to {fmt_number(ci[1])}"


def includes_zero(effect: dict) -> bool | None:
    """True if the 95% CI includes 0 (no clear difference), None if no CI is known."""
    ci = effect["ci"]
    if ci is None:
        return None
    return ci[0] <= 0 <= ci[1]


def study_card_html(study_id: str) -> str:
    from .references import short_citations

    s = study(study_id)
    cite = short_citations().get(s["ref"], s["ref"])
    findings = "".join(f"<li>{safe_html(f)}</li>" for f in s["findings"])
    return (
        f"<div class='gc-study' role='note' aria-label='Study: {safe_html(cite)}' "
        "style='border:1px solid #888;border-left:6px solid #0072B2;border-radius:4px;padding:6px 12px;margin:6px 0'>"
        f"<p style='margin:2px 0'><strong>{safe_html(cite)}</strong> · {safe_html(s['design'])} · {safe_html(s['size'])}</p>"
        f"<p style='margin:2px 0'><strong>Question:</strong> {safe_html(s['question'])}</p>"
        f"<p style='margin:2px 0'><strong>Found:</strong></p><ul style='margin:2px 0'>{findings}</ul>"
        f"<p style='margin:2px 0'><strong>What it cannot show:</strong> {safe_html(s['limits'])}</p>"
        f"<p style='margin:2px 0'><strong>Strength of evidence:</strong> {safe_html(s['strength'])}</p></div>"
    )


def study_card(*study_ids: str):
    """One box per study: design, size, what it found and what it cannot show."""
    from IPython.display import HTML

    return HTML("".join(study_card_html(sid) for sid in study_ids))


def effects_table_html(study_id: str = "laird-2014") -> str:
    rows = "".join(
        f"<tr><td>{safe_html(e['measure'])}</td><td>{fmt_number(e['smd'])}</td>"
        f"<td>{ci_text(e['ci'])}</td><td>{safe_html(e['reading'])}</td></tr>"
        for e in effects(study_id)
    )
    return (
        "<table class='gc-effects'><caption>People with vs without low back pain: standardised mean "
        "differences (SMD) with 95% confidence intervals</caption>"
        "<tr><th scope='col'>Measure</th><th scope='col'>SMD</th><th scope='col'>95% CI</th>"
        f"<th scope='col'>Reading</th></tr>{rows}</table>"
    )


def effects_table(study_id: str = "laird-2014", summary: str = "The same numbers as a table"):
    """The forest plot's numbers as a table, folded under ``summary`` (pass "" to show it open)."""
    from IPython.display import HTML

    table = effects_table_html(study_id)
    if summary:
        table = f"<details><summary>{safe_html(summary)}</summary>{table}</details>"
    return HTML(table)


