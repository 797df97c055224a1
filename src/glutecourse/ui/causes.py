"""Cause views (notebooks 02 and 03): claim-vs-evidence cards, the strength key, the
cause picker, and the sitting-time calculator's widgets. Results live in
``ipywidgets.HTML`` so readers and tests can read them."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..charts.causes import LEVEL_COLOURS
from ..core.numbers import format_hours, format_number
from ..core.text import safe_html
from ..topics.causes import SittingResult, cause, causes, causes_data, level_info, sitting_settings, sitting_summary
from ..topics.evidence import study
from .display import html
from .widgets import shared_styles


def badge_html(level: str) -> str:
    info = level_info(level)
    colour = LEVEL_COLOURS[level]
    return (
        f"<span class='gc-badge gc-level-{level}' style='display:inline-block;border:2px solid {colour};"
        f"border-radius:10px;padding:0 8px;font-weight:bold'>"
        f"<span aria-hidden='true' style='color:{colour}'>{info['symbol']}</span> {safe_html(info['label'])}</span>"
    )


def cause_card_html(cause_id: str) -> str:

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
    return html(cause_card_html(cause_id))


def levels_key_html() -> str:
    """What each strength badge means."""
    items = "".join(
        f"<li>{badge_html(level)}: {safe_html(info['meaning'])}</li>" for level, info in causes_data()["levels"].items()
    )
    return f"<ul class='gc-levels' style='list-style:none;padding-left:0'>{items}</ul>"


def levels_key():
    return html(levels_key_html())


class CauseCards:
    """A drop-down of the seven claimed causes and the card for the one chosen."""

    def __init__(self):
        import ipywidgets as w

        sh = shared_styles()
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


def _bar_html(total: float, threshold: float) -> str:
    scale = max(12.0, total, threshold * 2)
    fill = 100 * total / scale
    mark = 100 * threshold / scale
    colour = "#D55E00" if total > threshold else "#0072B2"
    return (
        f"<div role='img' aria-label='Bar: your {format_hours(total)} of sitting against the study figure of "
        f"{format_hours(threshold)}' style='position:relative;height:22px;background:#eee;border:1px solid #888;"
        "max-width:420px;margin:6px 0 18px 0'>"
        f"<div style='width:{fill:.1f}%;height:100%;background:{colour}'></div>"
        f"<div style='position:absolute;left:{mark:.1f}%;top:-4px;height:30px;border-left:2px dashed #000'></div>"
        f"<div style='position:absolute;left:{mark:.1f}%;top:26px;font-size:85%;white-space:nowrap'>"
        f"&nbsp;study figure: {format_hours(threshold)}</div></div>"
    )


def sitting_report_html(result: SittingResult) -> str:

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
            f"That is <strong>more than</strong> the {format_hours(threshold)} a day that {safe_html(cite)} found "
            "associated with back pain coming back"
        )
    else:
        compare = (
            f"That is <strong>not more than</strong> the {format_hours(threshold)} a day that {safe_html(cite)} "
            "found associated with back pain coming back"
        )
    tips = "".join(f"<li>{safe_html(t)}</li>" for t in settings["suggestions"])
    tip_refs = "; ".join(safe_html(cites[r]) for r in settings["suggestion_refs"])
    return (
        "<div class='gc-sitting' role='status' aria-live='polite' style='border-left:4px solid #555;"
        "background:#f6f6f6;padding:6px 10px'>"
        f"<p style='margin:2px 0'><strong>Your total: about {format_hours(total)} of sitting a day.</strong></p>"
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

        sh = shared_styles()
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
