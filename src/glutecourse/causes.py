"""Seven claimed causes against the evidence (``data/causes.json``), and the sitting-time
calculator of notebook 03.

- ``cause_cards()``: pick a claimed cause, read its claim-vs-evidence card.
- ``claim_vs_evidence(id)``: one card, without widgets (for notebook 02).
- ``sitting_summary(entries)``: the calculator's logic, a pure function.
- ``sitting_calculator()``: the calculator's widgets.

Widgets show their results in ``ipywidgets.HTML`` so readers and tests can read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .data import by_id, check_ids_and_refs, load
from .errors import CourseDataError
from .numbers import format_hours, format_number, try_number
from .paths import data_dir
from .textfmt import safe_html

#: Badge colours (Okabe-Ito) for each evidence level; every badge also carries its text label.
LEVEL_COLOURS = {
    "risk-factor": "#009E73",  # bluish green
    "association": "#0072B2",  # blue
    "no-consensus": "#E69F00",  # orange
    "no-source": "#D55E00",  # vermillion
}


def check_causes(data: dict, known_refs: set[str], study_ids: set[str]) -> dict:
    """Rules the schema cannot express: unique ids and known reference keys."""
    path = data_dir() / "causes.json"
    check_ids_and_refs(path, data["causes"], "cause", known_refs)
    sitting = data["sitting"]
    if sitting["evidence"] not in study_ids:
        raise CourseDataError(path, "sitting", f"evidence {sitting['evidence']!r} is not a study in data/evidence.json")
    for ref in sitting["suggestion_refs"]:
        if ref not in known_refs:
            raise CourseDataError(path, "sitting", f"reference key {ref!r} is not in data/references.json")
    act_ids = [a["id"] for a in sitting["activities"]]
    if len(set(act_ids)) != len(act_ids):
        raise CourseDataError(path, "sitting", "duplicate activity ids")
    return data


@lru_cache(maxsize=1)
def causes_data() -> dict:
    from .evidence import studies
    from .references import reference_keys

    return check_causes(load("causes.json", schema="causes"), reference_keys(), {s["id"] for s in studies()})


def causes() -> list[dict]:
    return causes_data()["causes"]


def cause(cause_id: str) -> dict:
    return by_id(causes(), cause_id)


def level_info(level: str) -> dict:
    return causes_data()["levels"][level]


def badge_html(level: str) -> str:
    info = level_info(level)
    colour = LEVEL_COLOURS[level]
    return (
        f"<span class='gc-badge gc-level-{level}' style='display:inline-block;border:2px solid {colour};"
        f"border-radius:10px;padding:0 8px;font-weight:bold'>"
        f"<span aria-hidden='true' style='color:{colour}'>{info['symbol']}</span> {safe_html(info['label'])}</span>"
    )


def cause_card_html(cause_id: str) -> str:
    from .references import short_citations

    c = cause(cause_id)
    info = level_info(c["level"])
    cites = short_citations()
    evidence = "".join(f"<li>{safe_html(e)}</li>" for e in c["evidence"])
    sources = "; ".join(safe_html(cites[r]) for r in c["refs"])
    return (
        f"<div class='gc-cause-card' role='region' aria-label='Claim versus evidence: {safe_html(c['name'])}' "
        f"style='border:1px solid #888;border-left:6px solid {LEVEL_COLOURS[c['level']]};border-radius:4px;"
        "padding:6px 12px;margin:6px 0'>"
        f"<h4 style='margin:4px 0'>{safe_html(c['name'])}</h4>"
        f"<p style='margin:4px 0'><strong>The claim:</strong> {safe_html(c['claim'])}</p>"
        f"<p style='margin:4px 0'><strong>What the evidence shows:</strong></p><ul style='margin:2px 0'>{evidence}</ul>"
        f"<p style='margin:4px 0'><strong>Strength:</strong> {badge_html(c['level'])} "
        f"({safe_html(c['level_note'])}). {safe_html(info['meaning'])}</p>"
        f"<p style='margin:4px 0'><strong>What this means for you:</strong> {safe_html(c['takeaway'])}</p>"
        f"<p class='gc-source' style='margin:4px 0;font-size:90%'>Sources: {sources}.</p></div>"
    )


def claim_vs_evidence(cause_id: str):
    """One claim-vs-evidence card, as static HTML."""
    from IPython.display import HTML

    return HTML(cause_card_html(cause_id))


def levels_key_html() -> str:
    """What each strength badge means."""
    items = "".join(
        f"<li>{badge_html(level)}: {safe_html(info['meaning'])}</li>" for level, info in causes_data()["levels"].items()
    )
    return f"<ul class='gc-levels' style='list-style:none;padding-left:0'>{items}</ul>"


def levels_key():
    from IPython.display import HTML

    return HTML(levels_key_html())


def _shared():
    from .quizzes import shared_styles as quiz_shared

    return quiz_shared()


class CauseCards:
    """A drop-down of the seven claimed causes and the card for the one chosen."""

    def __init__(self):
        import ipywidgets as w

        sh = _shared()
        self.picker = w.Dropdown(
            options=[(c["name"], c["id"]) for c in causes()],
            value=causes()[0]["id"],
            description="Claimed cause:",
            tooltip="Choose one of the seven claimed causes to see the evidence",
            layout=sh["plain"],
            style=sh["desc_style"],
        )
        self.card = w.HTML(layout=sh["plain"], style=sh["html_style"])
        self.picker.observe(self._show, names="value")
        self._show()
        self.widget = w.VBox([self.picker, self.card], layout=sh["plain"])

    def _show(self, _change=None):
        self.card.value = cause_card_html(self.picker.value)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def cause_cards() -> CauseCards:
    """Choose a claimed cause to see the claim, the evidence and its strength."""
    return CauseCards()


# ----------------------------------------------------------------------- sitting time


def sitting_settings() -> dict:
    return causes_data()["sitting"]


def sitting_threshold() -> float:
    """The daily sitting time (hours) that the cited study found associated with recurrence."""
    from .evidence import study

    return float(study(sitting_settings()["evidence"])["numbers"]["sitting_hours_per_day"])


fmt_hours = format_hours  # the course's one hours formatter (glutecourse.numbers)


def parse_hours(text, label: str, max_hours: float = 24) -> tuple[float | None, str | None]:
    """Read hours typed by a reader with the course's number parser (glutecourse.numbers).
    Returns (hours, None) or (None, message naming the box). A blank box counts as 0 hours."""
    value, error = try_number(text, what="Hours", empty=0.0)
    if error:
        return None, f"{label}: {error}"
    if value < 0:
        return None, f"{label}: hours cannot be less than 0 (you typed {format_number(value)})."
    if value > max_hours:
        return None, f"{label}: a day has only {format_number(max_hours)} hours (you typed {format_number(value)})."
    return float(value), None


@dataclass(frozen=True)
class SittingResult:
    hours: dict = field(default_factory=dict)  # activity id -> hours, for valid entries
    errors: list = field(default_factory=list)  # messages, in the order of the boxes
    threshold: float = 5.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> float | None:
        return round(sum(self.hours.values()), 2) if self.ok else None

    @property
    def above_threshold(self) -> bool | None:
        """More than the study's figure (the study said 'more than'), or None if invalid."""
        return None if not self.ok else self.total > self.threshold


def sitting_summary(entries: dict, activities: list[dict] | None = None, threshold: float | None = None,
                    max_hours: float | None = None) -> SittingResult:
    """Add up daily sitting time. Pure: ``entries`` maps activity id to what the reader typed.

    Every bad box gets its own message; a total above a day's length, or nothing typed at
    all, is an error too.
    """
    settings = None
    if activities is None or max_hours is None:
        settings = sitting_settings()
    activities = activities if activities is not None else settings["activities"]
    max_hours = max_hours if max_hours is not None else settings["max_hours"]
    threshold = threshold if threshold is not None else sitting_threshold()
    hours, errors = {}, []
    typed_anything = False
    for act in activities:
        raw = entries.get(act["id"], "")
        if raw is not None and str(raw).strip():
            typed_anything = True
        value, error = parse_hours(raw, act["label"], max_hours)
        if error:
            errors.append(error)
        else:
            hours[act["id"]] = value
    if not typed_anything:
        errors.append("Type your usual hours of sitting in at least one box (leave a box blank for none).")
    elif not errors and sum(hours.values()) > max_hours:
        errors.append(
            f"Together your entries come to {fmt_hours(sum(hours.values()))}, more than the "
            f"{format_number(max_hours)} hours in a day. Please check them."
        )
    return SittingResult(hours=hours, errors=errors, threshold=threshold)


def _bar_html(total: float, threshold: float) -> str:
    scale = max(12.0, total, threshold * 2)
    fill = 100 * total / scale
    mark = 100 * threshold / scale
    colour = "#D55E00" if total > threshold else "#0072B2"
    return (
        f"<div role='img' aria-label='Bar: your {fmt_hours(total)} of sitting against the study figure of "
        f"{fmt_hours(threshold)}' style='position:relative;height:22px;background:#eee;border:1px solid #888;"
        "max-width:420px;margin:6px 0 18px 0'>"
        f"<div style='width:{fill:.1f}%;height:100%;background:{colour}'></div>"
        f"<div style='position:absolute;left:{mark:.1f}%;top:-4px;height:30px;border-left:2px dashed #000'></div>"
        f"<div style='position:absolute;left:{mark:.1f}%;top:26px;font-size:85%;white-space:nowrap'>"
        f"&nbsp;study figure: {fmt_hours(threshold)}</div></div>"
    )


def sitting_report_html(result: SittingResult) -> str:
    from .evidence import study
    from .references import short_citations

    settings = sitting_settings()
    if not result.ok:
        items = "".join(f"<li>{safe_html(e)}</li>" for e in result.errors)
        return (
            "<div class='gc-feedback gc-invalid' role='status' aria-live='polite' "
            "style='border-left:4px solid #1a4f8b;background:#eaf1fb;padding:6px 10px'>"
            f"<strong>ⓘ Please check your entries.</strong><ul style='margin:2px 0'>{items}</ul></div>"
        )
    s = study(settings["evidence"])
    cites = short_citations()
    cite = cites[s["ref"]]
    total, threshold = result.total, result.threshold
    people = s["numbers"].get("people")
    group = f"{format_number(people, thousands=',')} people" if people else "people"
    if result.above_threshold:
        compare = (
            f"That is <strong>more than</strong> the {fmt_hours(threshold)} a day that {safe_html(cite)} found "
            "associated with back pain coming back"
        )
    else:
        compare = (
            f"That is <strong>not more than</strong> the {fmt_hours(threshold)} a day that {safe_html(cite)} "
            "found associated with back pain coming back"
        )
    tips = "".join(f"<li>{safe_html(t)}</li>" for t in settings["suggestions"])
    tip_refs = "; ".join(safe_html(cites[r]) for r in settings["suggestion_refs"])
    return (
        "<div class='gc-sitting' role='status' aria-live='polite' style='border-left:4px solid #555;"
        "background:#f6f6f6;padding:6px 10px'>"
        f"<p style='margin:2px 0'><strong>Your total: about {fmt_hours(total)} of sitting a day.</strong></p>"
        f"{_bar_html(total, threshold)}"
        f"<p style='margin:2px 0'>{compare}, in a study of {group} who had recovered from an episode of low back pain.</p>"
        "<p style='margin:2px 0'><strong>Read this carefully:</strong> that was an <em>association</em> in a group, "
        "not proof that sitting causes back pain, and not a prediction of what will happen to you. "
        "No study the course found sets a safe number of hours.</p>"
        f"<p style='margin:6px 0 2px 0'><strong>Modest, practical ideas</strong> (whatever your number):</p>"
        f"<ul style='margin:2px 0'>{tips}</ul>"
        f"<p class='gc-source' style='margin:2px 0;font-size:90%'>Sources: {safe_html(cite)}; {tip_refs}.</p></div>"
    )


class SittingCalculator:
    """Boxes for hours of sitting a day, an Add-up button and the result."""

    def __init__(self):
        import ipywidgets as w

        sh = _shared()
        self.settings = sitting_settings()
        self.inputs = {}
        for act in self.settings["activities"]:
            self.inputs[act["id"]] = w.Text(
                value="",
                placeholder=act["placeholder"],
                description=f"{act['label']}:",
                tooltip=f"Hours a day you usually sit for: {act['label'].lower()}",
                layout=sh["plain"],
                style=sh["text_style"],
            )
        self.button = w.Button(
            description="Add up my sitting time",
            tooltip="Add up the hours and compare them with what research found",
            icon="calculator",
            layout=sh["auto"],
            style=sh["button_style"],
        )
        self.result = w.HTML(layout=sh["plain"], style=sh["html_style"])
        self.button.on_click(lambda _b: self.update())
        self.widget = w.VBox([*self.inputs.values(), self.button, self.result], layout=sh["plain"])

    def update(self) -> SittingResult:
        result = sitting_summary({k: box.value for k, box in self.inputs.items()})
        self.result.value = sitting_report_html(result)
        return result

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def sitting_calculator() -> SittingCalculator:
    """Type your usual hours of sitting a day; see the total and what research found."""
    return SittingCalculator()
