"""Recovery-timeline views (notebook 07): the published tables, the phases, and the
timeline explorer. At start the explorer shows the pre-drawn SVG from ``images/`` (no
matplotlib); it redraws (importing matplotlib) only when the reader picks another state."""

from __future__ import annotations

from ..catalog.phases import phases_data
from ..core.paths import images_dir
from ..topics.timeline import (
    _fmt,
    _short,
    _value,
    baseline,
    check_start_pain,
    curve,
    image_name,
    prognosis,
    scale_factor,
)
from .display import html
from .html import Markup, safe_html, table, td, th
from .widgets import View, image_alt, picture, shared_styles, slider


def findings_html(groups=("size", "early", "one-year", "recurrence")) -> str:
    """A table of the published figures in ``groups``, each with its source."""
    names = {
        "size": "Who was studied",
        "early": "The first weeks and months",
        "one-year": "After a year",
        "recurrence": "Coming back (recurrence)",
    }
    rows = []
    for group in groups:
        found = [f for f in prognosis().findings if f.group == group]
        if not found:
            continue
        rows.append([th(names[group], scope="rowgroup", colspan=3)])
        rows += [
            (f.text, td(Markup(f"<strong>{safe_html(_value(f))}</strong>"), cls="gc-num"), _short(f.ref)) for f in found
        ]
    return table(
        ["What was measured", "Figure", "Source"],
        rows,
        caption="Published figures behind the timeline",
        cls="gc-findings",
    )


def curve_table_html() -> str:
    """The published mean pain (95% CI) at each week, for both kinds."""
    curves = prognosis().curves
    weeks = [p.week for p in curves[0].points]
    rows = []
    for week in weeks:
        cells = []
        for c in curves:
            p = next((p for p in c.points if p.week == week), None)
            cells.append(f"{_fmt(p.mean)} ({_fmt(p.low)} to {_fmt(p.high)})" if p else "not reported")
        rows.append([th(f"week {_fmt(week)}"), *cells])
    refs = sorted({_short(c.ref) for c in curves})
    return table(
        ["Time", *(c.name for c in curves)],
        rows,
        caption=f"Mean pain, 0-100 (95% confidence interval). Source: {', '.join(refs)}. {prognosis().label}.",
        cls="gc-curve-table",
    )


def explorer_note_html(kind: str, start_pain=None) -> str:
    """What the explorer's chart shows, and the one-year and recurrence figures, honestly."""
    c = curve(kind)
    base = baseline(kind)
    if start_pain is None or check_start_pain(start_pain) == base:
        scaling = (
            f"The chart shows the published average for <strong>{safe_html(c.name.lower())}</strong>, "
            f"starting at {_fmt(base)} out of 100."
        )
    else:
        factor = scale_factor(kind, start_pain)
        scaling = (
            f"The chart shows the published average for <strong>{safe_html(c.name.lower())}</strong>, "
            f"multiplied by {start_pain}/{_fmt(base)} = {factor:.2f} so that it starts at your {start_pain} "
            "(and kept between 0 and 100). This is an <strong>illustration of the average shape, not a "
            "prediction for you</strong>."
        )
    if kind == "persistent":
        scaling += (
            " The milestones on the acute chart come from studies of recent-onset pain, so they are not drawn here."
        )
    items = "".join(
        f"<li><strong>{safe_html(_value(f))}</strong>: {safe_html(f.text.lower())} ({safe_html(_short(f.ref))})</li>"
        for f in prognosis().findings
        if f.group in ("one-year", "recurrence")
    )
    return (
        f"<div role='status' aria-live='polite'><p>{scaling}</p>"
        f"<p><strong>A year on, and coming back.</strong> These figures come from different studies "
        f"of different people, so they do not add up to one story:</p><ul>{items}</ul>"
        f"<p><em>{safe_html(prognosis().label)}.</em> Straight lines between the published weeks "
        "are the course's own drawing, not measurements.</p></div>"
    )


# --- widget ---------------------------------------------------------------------------


class TimelineExplorer(View):
    """Toggle acute/persistent, slide a starting pain; the chart and notes update.

    At start the chart is the pre-drawn SVG from ``images/`` (no matplotlib); a redraw,
    which imports matplotlib, happens only when the reader picks a non-default state.
    Changing the kind puts the slider back to that kind's published starting value.
    """

    def __init__(self):
        import ipywidgets as w

        # Shared layouts and styles, few models: every model is a message to the browser.
        sh = shared_styles()
        plain = sh["plain"]
        self.kind = w.ToggleButtons(
            options=[("Acute (recent) pain", "acute"), ("Persistent (long-lasting) pain", "persistent")],
            value="acute",
            description="Type of pain",
            style=sh["toggle_auto_style"],
            tooltips=["Pain that started recently (weeks)", "Pain that has lasted more than about three months"],
            layout=plain,
        )
        self.start = slider(
            "Your starting pain (0-100)",
            int(baseline("acute")),
            0,
            100,
            step=1,
            continuous_update=False,
            layout=w.Layout(width="480px", max_width="100%"),
            tooltip="Move to your own starting pain; the curve is rescaled to start there. "
            "Changing the type of pain puts it back to the published start.",
        )
        self.image = picture(format="svg+xml", layout=w.Layout(max_width="860px", width="100%"))
        self.note = w.HTML(layout=plain, style=sh["html_style"])
        self.drawn_at_runtime = False
        self._resetting = False
        self.kind.observe(self._on_kind, names="value")
        self.start.observe(self._on_start, names="value")
        self.widget = w.VBox([self.kind, self.start, self.image, self.note], layout=plain)
        self.show()

    def _reset_start(self):
        self._resetting = True
        try:
            self.start.value = int(baseline(self.kind.value))
        finally:
            self._resetting = False
        self.show()

    def _on_kind(self, change):
        self._reset_start()

    def _on_start(self, change):
        if not self._resetting:
            self.show()

    def show(self):
        kind, start = self.kind.value, self.start.value
        try:
            if start == baseline(kind):
                path = images_dir() / image_name(kind)
                self.image.format = "svg+xml"
                self.image.value = path.read_bytes()
                self.image.alt = image_alt(path.name)
                self.drawn_at_runtime = False
            else:
                from ..charts.plotting import figure_svg
                from ..charts.timeline import timeline_figure

                self.image.format = "svg+xml"
                self.image.value = figure_svg(timeline_figure(kind, start)).encode("utf-8")
                self.image.alt = (
                    f"Line chart of average pain (0 to 100) over one year for {kind} low back pain: the "
                    f"published average rescaled to start at your {start}, an illustration of the average "
                    "shape, not a prediction. The note below the chart gives the figures."
                )
                self.drawn_at_runtime = True
            self.image.layout.display = None
            self.note.value = explorer_note_html(kind, start)
        except (ValueError, OSError) as exc:
            self.image.layout.display = "none"
            self.note.value = f"<p role='alert'><strong>Could not draw the chart:</strong> {safe_html(exc)}</p>"


def timeline_explorer() -> TimelineExplorer:
    """Explore the example recovery timeline: acute or persistent, from your own starting pain."""
    return TimelineExplorer()


# --- display helpers for the notebook ------------------------------------------------


def phases_table_html() -> str:
    """The example programme's phases (``data/phases.json``), with each phase's source."""

    data = phases_data()
    rows = [
        (
            th(f"{n}. {p.name}"),
            f"weeks {p.start_week:g}-{p.end_week:g}",
            p.goal,
            _short(p.ref),
        )
        for n, p in enumerate(data.phases, start=1)
    ]
    return table(
        ["Phase", "When (example)", "Aim", "Source"],
        rows,
        caption=f"The example programme's phases. {data.note}",
        cls="gc-phases",
    )


def published_table():
    """Show the published mean pain (95% CI) at each week, acute and persistent."""
    return html(curve_table_html())


def findings_table(*groups: str):
    """Show the published figures (all groups, or those named: size, early, one-year, recurrence)."""
    return html(findings_html(groups) if groups else findings_html())


def phases_table():
    """Show the example programme's phases."""
    return html(phases_table_html())
