"""Cause views (notebooks 02 and 03): claim-vs-evidence cards, the strength key, the
cause picker, and the sitting-time calculator's widgets. Results live in
``ipywidgets.HTML`` so readers and tests can read them."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.numbers import format_hours, format_number
from ..topics.causes import SittingResult, cause, causes, causes_data, level_info, sitting_settings, sitting_summary
from ..topics.evidence import study
from .display import html
from .html import Markup, callout, items, safe_html, status_box
from .widgets import View, button, html_widget, shared_styles


def badge_html(level: str) -> str:
    info = level_info(level)
    return (
        f"<span class='gc-badge gc-level-{level}'>"
        f"<span aria-hidden='true' class='gc-badge-symbol'>{info.symbol}</span> {safe_html(info.label)}</span>"
    )


def cause_card_html(cause_id: str) -> str:

    c = cause(cause_id)
    info = level_info(c.level)
    cites = short_citations()
    sources = "; ".join(safe_html(cites[r]) for r in c.refs)
    body = Markup(
        f"<h3>{safe_html(c.name)}</h3>"
        f"<p><strong>The claim:</strong> {safe_html(c.claim)}</p>"
        f"<p><strong>What the evidence shows:</strong></p>{items(c.evidence)}"
        f"<p><strong>Strength:</strong> {badge_html(c.level)} "
        f"({safe_html(c.level_note)}). {safe_html(info.meaning)}</p>"
        f"<p><strong>What this means for you:</strong> {safe_html(c.takeaway)}</p>"
        f"<p class='gc-source gc-small'>Sources: {sources}.</p>"
    )
    return callout(
        "evidence",
        None,
        body,
        cls=f"gc-cause-card gc-level-{c.level}",
        role="region",
        label=f"Claim versus evidence: {c.name}",
    )


def claim_vs_evidence(cause_id: str):
    """One claim-vs-evidence card, as static HTML."""
    return html(cause_card_html(cause_id))


def levels_key_html() -> str:
    """What each strength badge means."""
    entries = "".join(
        f"<li>{badge_html(level)}: {safe_html(info.meaning)}</li>" for level, info in causes_data().levels.items()
    )
    return f"<ul class='gc-levels'>{entries}</ul>"


def levels_key():
    return html(levels_key_html())


class CauseCards(View):
    """A drop-down of the seven claimed causes and the card for the one chosen."""

    def __init__(self):
        import ipywidgets as w

        sh = shared_styles()
        self.picker = w.Dropdown(
            options=[(c.name, c.id) for c in causes()],
            value=causes()[0].id,
            description="Claimed cause:",
            tooltip="Choose one of the seven claimed causes to see the evidence",
            layout=sh["plain"],
            style=sh["desc_style"],
        )
        self.card = html_widget()
        self.picker.observe(self._show, names="value")
        self._show()
        self.widget = w.VBox([self.picker, self.card], layout=sh["plain"])

    def _show(self, _change=None):
        self.card.value = cause_card_html(self.picker.value)


def cause_cards() -> CauseCards:
    """Choose a claimed cause to see the claim, the evidence and its strength."""
    return CauseCards()


def _bar_html(total: float, threshold: float) -> str:
    """The reader's total as a bar against the study's figure (a dashed mark), in SVG:
    sizes are attributes, colours come from the stylesheet."""
    scale = max(12.0, total, threshold * 2)
    fill = 100 * total / scale
    mark = 100 * threshold / scale
    tone = "over" if total > threshold else "under"
    label = f"Bar: your {format_hours(total)} of sitting against the study figure of {format_hours(threshold)}"
    return (
        f"<svg class='gc-bar' role='img' aria-label='{safe_html(label)}' width='100%' height='44' "
        "viewBox='0 0 420 44' preserveAspectRatio='none'>"
        "<rect class='gc-bar-track' x='0.5' y='4.5' width='419' height='22'/>"
        f"<rect class='gc-bar-{tone}' x='1' y='5' width='{4.18 * fill:.1f}' height='21'/>"
        f"<line class='gc-bar-mark' x1='{4.2 * mark:.1f}' y1='0' x2='{4.2 * mark:.1f}' y2='30'/>"
        f"<text x='{4.2 * mark:.1f}' y='42'>&#160;study figure: {format_hours(threshold)}</text></svg>"
    )


def sitting_report_html(result: SittingResult) -> str:

    settings = sitting_settings()
    if not result.ok:
        return status_box("invalid", items(result.errors), label="Please check your entries.", cls="gc-feedback")
    s = study(settings.evidence)
    cites = short_citations()
    cite = cites[s.ref]
    total, threshold = result.total, result.threshold
    people = s.numbers.get("people")
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
    tip_refs = "; ".join(safe_html(cites[r]) for r in settings.suggestion_refs)
    body = Markup(
        f"<p><strong>Your total: about {format_hours(total)} of sitting a day.</strong></p>"
        f"{_bar_html(total, threshold)}"
        f"<p>{compare}, in a study of {group} who had recovered from an episode of low back pain.</p>"
        "<p><strong>Read this carefully:</strong> that was an <em>association</em> in a group, "
        "not proof that sitting causes back pain, and not a prediction of what will happen to you. "
        "No study the course found sets a safe number of hours.</p>"
        f"<p><strong>Modest, practical ideas</strong> (whatever your number):</p>"
        f"{items(settings.suggestions)}"
        f"<p class='gc-source gc-small'>Sources: {safe_html(cite)}; {tip_refs}.</p>"
    )
    return callout("info", None, body, cls="gc-sitting", role="status", live=True)


class SittingCalculator(View):
    """Boxes for hours of sitting a day, an Add-up button and the result."""

    def __init__(self):
        import ipywidgets as w

        sh = shared_styles()
        self.settings = sitting_settings()
        self.inputs = {}
        for act in self.settings.activities:
            self.inputs[act.id] = w.Text(
                value="",
                placeholder=act.placeholder,
                description=f"{act.label}:",
                tooltip=f"Hours a day you usually sit for: {act.label.lower()}",
                layout=sh["plain"],
                style=sh["text_style"],
            )
        self.button = button(
            "Add up my sitting time",
            "Add up the hours and compare them with what research found",
            "calculator",
            layout_name="auto",
        )
        self.result = html_widget()
        self.button.on_click(lambda _b: self.update())
        self.widget = w.VBox([*self.inputs.values(), self.button, self.result], layout=sh["plain"])

    def update(self) -> SittingResult:
        result = sitting_summary({k: box.value for k, box in self.inputs.items()})
        self.result.value = sitting_report_html(result)
        return result


def sitting_calculator() -> SittingCalculator:
    """Type your usual hours of sitting a day; see the total and what research found."""
    return SittingCalculator()
