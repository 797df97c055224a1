"""The example recovery timeline (notebook 07): published averages, drawn honestly.

The numbers live in ``data/recovery/prognosis.json`` (schema ``prognosis``): the mean pain
(0-100) with its 95% confidence interval at 0, 6, 26 and 52 weeks for acute and for
persistent low back pain (Menezes Costa et al. 2012), plus milestones and recurrence
figures from other studies. Two things here are the course's own, and are labelled so
wherever they are shown:

- **Interpolation.** Between the published weeks the curve is a straight line. Studies did
  not measure those weeks; :func:`interpolate` says which values are published.
- **Rescaling.** :func:`rescale` multiplies the curve by ``start / baseline`` (capped to
  0-100) so a reader can see the average *shape* starting from their own pain level. It is
  an illustration, not a prediction: nobody's pain follows an average.

Only the chart functions and the explorer widget import matplotlib or ipywidgets, inside
the function, so importing this module is cheap.
"""

from __future__ import annotations

from functools import lru_cache

from .data import by_id, load
from .errors import CourseDataError
from .paths import data_dir, images_dir
from .textfmt import safe_html

KINDS = ("acute", "persistent")
DATA_NAME = "recovery/prognosis.json"
MAX_WEEK = 52


def _fail(item, problem):
    raise CourseDataError(data_dir() / DATA_NAME, item, problem)


@lru_cache(maxsize=1)
def prognosis() -> dict:
    """The published figures, checked: the schema, then rules a schema cannot express."""
    data = load(DATA_NAME, schema="prognosis", id_key="kind")
    ids = set()
    for f in data["findings"]:
        if f["id"] in ids:
            _fail(f"finding {f['id']!r}", "duplicate id")
        ids.add(f["id"])
    kinds = [c["kind"] for c in data["curves"]]
    if sorted(kinds) != sorted(KINDS):
        _fail("curves", f"need exactly one curve for each of {KINDS}, found {kinds}")
    for c in data["curves"]:
        weeks = [p["week"] for p in c["points"]]
        if weeks[0] != 0 or weeks != sorted(set(weeks)):
            _fail(f"curve {c['kind']!r}", "weeks must start at 0 and increase")
        for p in c["points"]:
            if not p["low"] <= p["mean"] <= p["high"]:
                _fail(f"curve {c['kind']!r}, week {p['week']}", "needs low <= mean <= high")
    for m in data["milestones"]:
        if m["finding"] not in ids:
            _fail(f"milestone {m['label']!r}", f"unknown finding {m['finding']!r}")
    return data


def curve(kind: str) -> dict:
    """The published curve for ``kind`` ("acute" or "persistent")."""
    for c in prognosis()["curves"]:
        if c["kind"] == kind:
            return c
    raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")


def finding(finding_id: str) -> dict:
    return by_id(prognosis()["findings"], finding_id)


def baseline(kind: str) -> float:
    """The published mean pain at week 0."""
    return curve(kind)["points"][0]["mean"]


def interpolate(points: list[dict], week: float) -> dict:
    """Mean, low and high at ``week``, with ``published`` True only at a published week.

    Between published weeks the values lie on a straight line: the course's own
    assumption, not a measurement. Outside the published range it raises ValueError.
    """
    first, last = points[0]["week"], points[-1]["week"]
    if not first <= week <= last:
        raise ValueError(f"week {week} is outside the published range {first}-{last}")
    for p in points:
        if p["week"] == week:
            return {"week": week, "mean": p["mean"], "low": p["low"], "high": p["high"], "published": True}
    for a, b in zip(points, points[1:]):
        if a["week"] < week < b["week"]:
            t = (week - a["week"]) / (b["week"] - a["week"])
            return {
                "week": week,
                "published": False,
                **{k: a[k] + t * (b[k] - a[k]) for k in ("mean", "low", "high")},
            }
    raise ValueError(f"week {week} not bracketed")  # pragma: no cover - ranges checked above


def check_start_pain(start_pain) -> int:
    """A starting pain level typed or chosen by a reader: a whole number from 0 to 100.

    Read with the course's number parser (glutecourse.numbers), so typed text follows the
    same rules as every other number; raises ValueError (NumberError) with a message."""
    from .numbers import parse_number

    return parse_number(start_pain, what="Starting pain", whole=True, low=0, high=100,
                        hint="0 = no pain, 100 = worst pain imaginable")


def scale_factor(kind: str, start_pain=None) -> float:
    """How much the published curve is stretched so it starts at ``start_pain``."""
    if start_pain is None:
        return 1.0
    return check_start_pain(start_pain) / baseline(kind)


def rescale(value: float, factor: float) -> float:
    """``value * factor``, kept within the 0-100 scale. An illustration, not a prediction."""
    return min(100.0, max(0.0, value * factor))


def series(kind: str, start_pain=None, step: float = 0.5) -> list[dict]:
    """The curve sampled every ``step`` weeks from 0 to 52 (published weeks always
    included), rescaled to ``start_pain`` when given. Each row says if it is published."""
    points = curve(kind)["points"]
    factor = scale_factor(kind, start_pain)
    weeks = {round(i * step, 6) for i in range(int(MAX_WEEK / step) + 1)} | {p["week"] for p in points}
    rows = []
    for week in sorted(w for w in weeks if w <= points[-1]["week"]):
        row = interpolate(points, week)
        rows.append({**row, **{k: rescale(row[k], factor) for k in ("mean", "low", "high")}})
    return rows


def milestones(kind: str) -> list[dict]:
    """Milestones that apply to ``kind``, each with its finding (value, source)."""
    return [{**m, "finding": finding(m["finding"])} for m in prognosis()["milestones"] if kind in m["applies_to"]]


def image_name(kind: str) -> str:
    curve(kind)  # unknown kinds fail here
    return f"timeline-{kind}.svg"


# --- HTML ---------------------------------------------------------------------------

def _short(ref: str) -> str:
    from .references import short_citations

    return short_citations().get(ref, ref)


def _fmt(value) -> str:
    from .numbers import format_number

    return format_number(value, thousands=",")


def _value(f: dict) -> str:
    unit = f["unit"]
    return f"{_fmt(f['value'])}{unit}" if unit == "%" else f"{_fmt(f['value'])} {unit}"


def findings_html(groups=("size", "early", "one-year", "recurrence")) -> str:
    """A table of the published figures in ``groups``, each with its source."""
    names = {"size": "Who was studied", "early": "The first weeks and months",
             "one-year": "After a year", "recurrence": "Coming back (recurrence)"}
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
        + "".join(rows) + "</table>"
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
            cells += f"<td>{_fmt(p['mean'])} ({_fmt(p['low'])} to {_fmt(p['high'])})</td>" if p else "<td>not reported</td>"
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
        scaling = (f"The chart shows the published average for <strong>{safe_html(c['name'].lower())}</strong>, "
                   f"starting at {_fmt(base)} out of 100.")
    else:
        factor = scale_factor(kind, start_pain)
        scaling = (
            f"The chart shows the published average for <strong>{safe_html(c['name'].lower())}</strong>, "
            f"multiplied by {start_pain}/{_fmt(base)} = {factor:.2f} so that it starts at your {start_pain} "
            "(and kept between 0 and 100). This is an <strong>illustration of the average shape, not a "
            "prediction for you</strong>."
        )
    if kind == "persistent":
        scaling += (" The milestones on the acute chart come from studies of recent-onset pain, so they "
                    "are not drawn here.")
    items = "".join(
        f"<li><strong>{safe_html(_value(f))}</strong>: {safe_html(f['text'].lower())} "
        f"({safe_html(_short(f['ref']))})</li>"
        for f in prognosis()["findings"] if f["group"] in ("one-year", "recurrence")
    )
    return (
        f"<div role='status' aria-live='polite'><p>{scaling}</p>"
        f"<p><strong>A year on, and coming back.</strong> These figures come from different studies "
        f"of different people, so they do not add up to one story:</p><ul>{items}</ul>"
        f"<p><em>{safe_html(prognosis()['label'])}.</em> Straight lines between the published weeks "
        "are the course's own drawing, not measurements.</p></div>"
    )


# --- chart ----------------------------------------------------------------------------

def timeline_figure(kind: str = "acute", start_pain=None):
    """Pain over weeks 0-52: the mean, its 95% CI band, published points marked, the
    example programme's phases shaded and named, and milestones annotated.

    The x axis is split: weeks 0-14 are stretched (most change happens there), weeks
    14-52 compressed; both halves are labelled.
    """
    from .plots import styled

    return styled(_timeline_figure)(kind, start_pain)


SPLIT_WEEK = 14


def _timeline_figure(kind, start_pain):
    from .phases import phases
    from .plots import OKABE_ITO, new_figure

    c = curve(kind)
    rows = series(kind, start_pain)
    factor = scale_factor(kind, start_pain)
    published = [r for r in rows if r["published"]]
    point_label = "published mean (95% CI)" + ("" if factor == 1.0 else ", rescaled")
    fig = new_figure(figsize=(8.6, 5.9))
    fig.set_layout_engine("none")  # placed by hand: the split axis and footnote confuse auto layout
    grid = fig.add_gridspec(2, 2, width_ratios=[3, 2], height_ratios=[1, 9], wspace=0.0, hspace=0.0,
                            left=0.075, right=0.985, top=0.88, bottom=0.2)
    strips = [fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])]
    axes = [fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])]
    ranges = [(0, SPLIT_WEEK), (SPLIT_WEEK, MAX_WEEK)]
    shades = ["#F2F2F2", "#FFFFFF"]
    for i, (strip, ax, (lo, hi)) in enumerate(zip(strips, axes, ranges)):
        for n, ph in enumerate(phases(), start=1):
            a, b = max(ph["start_week"], lo), min(ph["end_week"], hi)
            if a >= b:
                continue
            shade = shades[n % 2]
            ax.axvspan(a, b, color=shade, zorder=0, lw=0)
            strip.axvspan(a, b, color=OKABE_ITO["sky_blue"] if n % 2 else OKABE_ITO["blue"], alpha=0.35, lw=0)
            strip.axvline(b, color="white", lw=1.5)
            width = b - a
            if i == 1:
                name = f"{n} {ph['name']}" + (" (continued)" if lo > ph["start_week"] else "")
            elif width >= 4.5:
                name = f"{n} {ph['name']}" if len(ph["name"]) * 0.28 < width else f"{n} {ph['name'].split()[0]}"
            else:
                name = str(n)
            strip.text((a + b) / 2, 0.5, name, ha="center", va="center", fontsize=8, fontweight="bold")
        strip.set_xlim(lo, hi)
        strip.set_ylim(0, 1)
        strip.set_axis_off()

        ax.fill_between([r["week"] for r in rows], [r["low"] for r in rows], [r["high"] for r in rows],
                        color=OKABE_ITO["sky_blue"], alpha=0.35, lw=0, zorder=1,
                        label="95% CI (between published weeks: interpolated)")
        ax.plot([r["week"] for r in rows], [r["mean"] for r in rows], ls="--", lw=1.8, color=OKABE_ITO["blue"],
                zorder=2, label="straight-line interpolation between published points")
        shown = [p for p in published if lo <= p["week"] <= hi and not (i == 1 and p["week"] == lo)]
        ax.errorbar([p["week"] for p in shown], [p["mean"] for p in shown],
                    yerr=[[p["mean"] - p["low"] for p in shown], [p["high"] - p["mean"] for p in shown]],
                    fmt="o", ms=7, color=OKABE_ITO["vermillion"], ecolor=OKABE_ITO["vermillion"], capsize=4,
                    zorder=4, label=point_label, clip_on=False)
        for p in published:
            if lo <= p["week"] <= hi and not (i == 0 and p["week"] == SPLIT_WEEK):
                ha = "left" if p["week"] < hi else "right"
                dx = 0.35 if ha == "left" else -1.2
                ax.text(p["week"] + dx * (1 if i == 0 else 2.5), min(p["mean"] + 3, 92), f"{p['mean']:.0f}",
                        color=OKABE_ITO["vermillion"], fontsize=8, fontweight="bold", ha=ha, zorder=5)
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, 100)
        ax.grid(axis="x", visible=False)
    left, right = axes
    left.set_xticks([0, 1, 3, 6, 8, 10, 12, 14])
    right.set_xticks([20, 26, 30, 40, 52])
    right.tick_params(axis="y", left=False, labelleft=False)
    left.spines["right"].set_linestyle((0, (4, 3)))
    right.spines["left"].set_linestyle((0, (4, 3)))
    left.set_ylabel("average pain (0 = none, 100 = worst)")
    left.set_xlabel(f"weeks 0-{SPLIT_WEEK} (stretched)")
    right.set_xlabel(f"weeks {SPLIT_WEEK}-{MAX_WEEK} (squeezed)")

    # Milestones: dotted lines with text, stacked so they never overlap. Labels near the
    # right edge of a panel are written to the left of their line.
    for j, m in enumerate(milestones(kind)):
        week = m["week"]
        ax, hi = (left, SPLIT_WEEK) if week <= SPLIT_WEEK else (right, MAX_WEEK)
        ax.axvline(week, color=OKABE_ITO["black"], ls=":", lw=1, zorder=3)
        label = m["label"].replace(": ", ":\n", 1).replace("; ", ";\n")
        if "(" not in m["label"]:
            label += f"\n({_short(m['finding']['ref'])})"
        to_left = week > hi - (3 if ax is left else 12)
        offset = -0.15 if to_left else 0.15
        ax.text(week + offset * (1 if ax is left else 3), 97 - 11 * j, label, fontsize=7.5, va="top",
                ha="right" if to_left else "left", zorder=6, linespacing=1.15,
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))

    handles, labels = left.get_legend_handles_labels()
    order = [labels.index(x) for x in (point_label, "straight-line interpolation between published points",
                                       "95% CI (between published weeks: interpolated)")]
    fig.legend([handles[k] for k in order], [labels[k] for k in order], loc="lower center", fontsize=7.5,
               bbox_to_anchor=(0.5, 0.05), ncol=3, frameon=False)

    title = f"{c['name']}: average pain over a year ({_short(c['ref'])})"
    sub = prognosis()["label"]
    if factor != 1.0:
        sub += f". Rescaled to start at {int(start_pain)}: an illustration, not a prediction"
    fig.suptitle(f"{title}\n{sub}", fontsize=10.5)
    names = " · ".join(f"{n} {p['name']} (weeks {p['start_week']:g}-{p['end_week']:g})" for n, p in enumerate(phases(), 1))
    fig.text(0.5, 0.01, f"Shaded: example programme phases. {names}", ha="center", va="bottom", fontsize=7, wrap=True)
    return fig


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
            value="acute", description="Type of pain", style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Pain that started recently (weeks)", "Pain that has lasted more than about three months"],
            layout=plain,
        )
        self.start = w.IntSlider(value=int(baseline("acute")), min=0, max=100, step=1, continuous_update=False,
                                 description="Your starting pain (0-100)", style={"description_width": "initial"},
                                 layout=w.Layout(width="480px"),
                                 tooltip="Move to your own starting pain; the curve is rescaled to start there. "
                                         "Changing the type of pain puts it back to the published start.")
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
                from .plots import figure_svg

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
    from .phases import phases_data

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


def _html(text: str):
    from IPython.display import HTML

    return HTML(text)


def published_table():
    """Show the published mean pain (95% CI) at each week, acute and persistent."""
    return _html(curve_table_html())


def findings_table(*groups: str):
    """Show the published figures (all groups, or those named: size, early, one-year, recurrence)."""
    return _html(findings_html(groups) if groups else findings_html())


def phases_table():
    """Show the example programme's phases."""
    return _html(phases_table_html())
