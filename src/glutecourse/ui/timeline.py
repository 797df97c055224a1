"""Recovery-timeline views (notebook 07): the published tables, the phases, and the
timeline explorer. At start the explorer shows the pre-drawn SVG from ``images/`` (no
matplotlib); it redraws (importing matplotlib) only when the reader picks another state."""

from __future__ import annotations

from ..catalog.phases import phases_data
from ..core.paths import images_dir
from ..core.text import safe_html
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
        items = [f for f in prognosis()["findings"] if f["group"] == group]
        if not items:
            continue
        rows.append(f"<tr><th scope='rowgroup' colspan='3' style='text-align:left'>{safe_html(names[group])}</th></tr>")
        rows += [
            f"<tr><td>{safe_html(f['text'])}</td><td style='text-align:right'><strong>{safe_html(_value(f))}</strong></td><td>{safe_html(_short(f['ref']))}</td></tr>"
            for f in items
        ]
    return (
        "<table class='gc-findings'><caption>Published figures behind the timeline</caption>"
        "<tr><th scope='col'>What was measured</th><th scope='col'>Figure</th><th scope='col'>Source</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def curve_table_html() -> str:
    """The published mean pain (95% CI) at each week, for both kinds."""
    head = "".join(f"<th scope='col'>{safe_html(c['name'])}</th>" for c in prognosis()["curves"])
    weeks = [p["week"] for p in prognosis()["curves"][0]["points"]]
    body = ""
    for week in weeks:
        cells = ""
        for c in prognosis()["curves"]:
            p = next((p for p in c["points"] if p["week"] == week), None)
            cells += (
                f"<td>{_fmt(p['mean'])} ({_fmt(p['low'])} to {_fmt(p['high'])})</td>" if p else "<td>not reported</td>"
            )
        body += f"<tr><th scope='row'>week {_fmt(week)}</th>{cells}</tr>"
    refs = sorted({_short(c["ref"]) for c in prognosis()["curves"]})
    return (
        f"<table class='gc-curve-table'><caption>Mean pain, 0-100 (95% confidence interval). "
        f"Source: {safe_html(', '.join(refs))}. {safe_html(prognosis()['label'])}.</caption>"
        f"<tr><th scope='col'>Time</th>{head}</tr>{body}</table>"
    )


def explorer_note_html(kind: str, start_pain=None) -> str:
    """What the explorer's chart shows, and the one-year and recurrence figures, honestly."""
    c = curve(kind)
    base = baseline(kind)
    if start_pain is None or check_start_pain(start_pain) == base:
        scaling = (
            f"The chart shows the published average for <strong>{safe_html(c['name'].lower())}</strong>, "
            f"starting at {_fmt(base)} out of 100."
        )
    else:
        factor = scale_factor(kind, start_pain)
        scaling = (
            f"The chart shows the published average for <strong>{safe_html(c['name'].lower())}</strong>, "
            f"multiplied by {start_pain}/{_fmt(base)} = {factor:.2f} so that it starts at your {start_pain} "
            "(and kept between 0 and 100). This is an <strong>illustration of the average shape, not a "
            "prediction for you</strong>."
        )
    if kind == "persistent":
        scaling += (
            " The milestones on the acute chart come from studies of recent-onset pain, so they are not drawn here."
        )
    items = "".join(
        f"<li><strong>{safe_html(_value(f))}</strong>: {safe_html(f['text'].lower())} "
        f"({safe_html(_short(f['ref']))})</li>"
        for f in prognosis()["findings"]
        if f["group"] in ("one-year", "recurrence")
    )
    return (
        f"<div role='status' aria-live='polite'><p>{scaling}</p>"
        f"<p><strong>A year on, and coming back.</strong> These figures come from different studies "
        f"of different people, so they do not add up to one story:</p><ul>{items}</ul>"
        f"<p><em>{safe_html(prognosis()['label'])}.</em> Straight lines between the published weeks "
        "are the course's own drawing, not measurements.</p></div>"
    )


# --- widget ---------------------------------------------------------------------------


class TimelineExplorer:
    """Toggle acute/persistent, slide a starting pain; the chart and notes update.

    At start the chart is the pre-drawn SVG from ``images/`` (no matplotlib); a redraw,
    which imports matplotlib, happens only when the reader picks a non-default state.
    Changing the kind puts the slider back to that kind's published starting value.
    """

    def __init__(self):
        import ipywidgets as w
        from ipywidgets.widgets.widget_string import HTMLStyle

        # One shared plain Layout and few models: every model is a message to the browser.
        plain = w.Layout()
        self.kind = w.ToggleButtons(
            options=[("Acute (recent) pain", "acute"), ("Persistent (long-lasting) pain", "persistent")],
            value="acute",
            description="Type of pain",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Pain that started recently (weeks)", "Pain that has lasted more than about three months"],
            layout=plain,
        )
        self.start = w.IntSlider(
            value=int(baseline("acute")),
            min=0,
            max=100,
            step=1,
            continuous_update=False,
            description="Your starting pain (0-100)",
            style={"description_width": "initial"},
            layout=w.Layout(width="480px"),
            tooltip="Move to your own starting pain; the curve is rescaled to start there. "
            "Changing the type of pain puts it back to the published start.",
        )
        self.image = w.Image(format="svg+xml", layout=w.Layout(max_width="860px", width="100%"))
        self.note = w.HTML(layout=plain, style=HTMLStyle())
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
                self.drawn_at_runtime = False
            else:
                from ..charts.plotting import figure_svg
                from ..charts.timeline import timeline_figure

                self.image.format = "svg+xml"
                self.image.value = figure_svg(timeline_figure(kind, start)).encode("utf-8")
                self.drawn_at_runtime = True
            self.image.layout.display = None
            self.note.value = explorer_note_html(kind, start)
        except (ValueError, OSError) as exc:
            self.image.layout.display = "none"
            self.note.value = f"<p role='alert'><strong>Could not draw the chart:</strong> {safe_html(exc)}</p>"

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def timeline_explorer() -> TimelineExplorer:
    """Explore the example recovery timeline: acute or persistent, from your own starting pain."""
    return TimelineExplorer()


# --- display helpers for the notebook ------------------------------------------------


def phases_table_html() -> str:
    """The example programme's phases (``data/phases.json``), with each phase's source."""

    data = phases_data()
    rows = "".join(
        f"<tr><th scope='row'>{n}. {safe_html(p['name'])}</th><td>weeks {p['start_week']:g}-{p['end_week']:g}</td>"
        f"<td>{safe_html(p['goal'])}</td><td>{safe_html(_short(p['ref']))}</td></tr>"
        for n, p in enumerate(data["phases"], start=1)
    )
    return (
        f"<table class='gc-phases'><caption>The example programme's phases. {safe_html(data['note'])}</caption>"
        "<tr><th scope='col'>Phase</th><th scope='col'>When (example)</th><th scope='col'>Aim</th>"
        f"<th scope='col'>Source</th></tr>{rows}</table>"
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
