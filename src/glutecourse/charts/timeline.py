"""The example recovery timeline's chart (notebook 07), from ``data/timeline.json``.

``timeline_figure(kind, start_pain)`` draws the published mean with its 95% CI band, the
example programme's phases and the milestones; ``figures()`` draws the two committed
charts (``images/timeline-acute.svg``, ``images/timeline-persistent.svg``). matplotlib is
imported inside the drawing functions only.
"""

from __future__ import annotations

from ..catalog.phases import phases
from ..core.palette import OKABE_ITO
from ..topics.timeline import MAX_WEEK, _short, curve, milestones, prognosis, scale_factor, series
from . import FigureSpec
from .plotting import styled

# --- chart ----------------------------------------------------------------------------


def timeline_figure(kind: str = "acute", start_pain=None):
    """Pain over weeks 0-52 on one continuous axis: the mean, its 95% CI band, published
    points marked, the example programme's phases (one row each, each named once) and
    numbered milestones listed under the chart with their sources."""

    return styled(_timeline_figure)(kind, start_pain)


#: Ticks of the one time axis: (week, label).
TICKS = [(0, "0"), (6, "6 weeks"), (13, "3 months"), (26, "6 months"), (39, "9 months"), (52, "1 year")]
RECOVERY_NOTE = (
    "The studies counted \u2018recovered\u2019 in different ways and followed different people,\n"
    "so their numbers differ: read each one with its source."
)


def _timeline_figure(kind, start_pain):
    from matplotlib.figure import Figure

    c = curve(kind)
    rows = series(kind, start_pain)
    factor = scale_factor(kind, start_pain)
    published = [r for r in rows if r.published]
    point_label = "published mean (95% CI)" + ("" if factor == 1.0 else ", rescaled")
    marks = milestones(kind)
    plist = list(phases())
    # inches, top to bottom: title, phase strip, chart, axis labels and legend, milestone list
    title_h, strip_h, chart_h, below_h = 0.85, 0.22 * len(plist) + 0.1, 3.0, 1.15
    list_h = (0.21 * len(marks) + 0.5) if marks else 0.0
    w = 8.6
    h = title_h + strip_h + chart_h + below_h + list_h
    fig = Figure(figsize=(w, h))
    left, right = 0.8 / w, 1 - 0.25 / w
    bottom = (below_h + list_h) / h
    ax = fig.add_axes((left, bottom, right - left, chart_h / h))
    strip = fig.add_axes((left, bottom + chart_h / h, right - left, strip_h / h), sharex=ax)

    # the phases: one row each, the name once, beside its bar
    for n, ph in enumerate(plist, start=1):
        y = len(plist) - n
        a, b = ph.start_week, min(ph.end_week, MAX_WEEK)
        colour = OKABE_ITO["sky_blue"] if n % 2 else OKABE_ITO["blue"]
        strip.barh(y, b - a, left=a, height=0.7, color=colour, alpha=0.55, lw=0)
        ax.axvline(a, color="#BBBBBB", lw=0.8, zorder=0) if n > 1 else None
        name = f"{n}. {ph.name} (weeks {ph.start_week:g}-{ph.end_week:g})"
        if b - a > 20:
            strip.text(a + 0.4, y, name, va="center", ha="left", fontsize=9)
        else:
            strip.text(b + 0.4, y, name, va="center", ha="left", fontsize=9)
    strip.set_ylim(-0.6, len(plist) - 0.4)
    strip.set_axis_off()
    strip.set_title("Example programme phases", loc="left", fontsize=9, pad=2, color="#444444")

    ax.fill_between(
        [r.week for r in rows],
        [r.low for r in rows],
        [r.high for r in rows],
        color=OKABE_ITO["sky_blue"],
        alpha=0.35,
        lw=0,
        zorder=1,
        label="95% CI (between published weeks: interpolated)",
    )
    ax.plot(
        [r.week for r in rows],
        [r.mean for r in rows],
        ls="--",
        lw=1.8,
        color=OKABE_ITO["blue"],
        zorder=2,
        label="straight-line interpolation between published points",
    )
    ax.errorbar(
        [p.week for p in published],
        [p.mean for p in published],
        yerr=[[p.mean - p.low for p in published], [p.high - p.mean for p in published]],
        fmt="o",
        ms=7,
        color=OKABE_ITO["vermillion"],
        ecolor=OKABE_ITO["vermillion"],
        capsize=4,
        zorder=4,
        label=point_label,
        clip_on=False,
    )
    for p in published:
        at_end = p.week >= MAX_WEEK
        ax.annotate(
            f"{p.mean:.0f}",
            (p.week, p.high),
            xytext=(-6 if at_end else 5, 4),
            textcoords="offset points",
            ha="right" if at_end else "left",
            color=OKABE_ITO["vermillion"],
            fontsize=9,
            fontweight="bold",
            zorder=5,
        )
    # milestones: a numbered marker on the chart, the words in a list below it
    for n, m in enumerate(marks, start=1):
        ax.axvline(m.week, color=OKABE_ITO["black"], ls=":", lw=1, zorder=3)
        ax.text(
            m.week,
            92,
            str(n),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            zorder=6,
            bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": OKABE_ITO["black"], "lw": 1},
        )
    ax.set_xlim(0, MAX_WEEK)
    ax.set_ylim(0, 100)
    ax.set_xticks([t for t, _ in TICKS], [label for _, label in TICKS])
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("average pain (0 = none, 100 = worst)")
    ax.set_xlabel("time since the pain began")
    fig.legend(
        loc="upper left",
        bbox_to_anchor=(left, (below_h + list_h - 0.5) / h),
        fontsize=8.5,
        ncol=2,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.0,
    )
    y = list_h - 0.05
    for n, m in enumerate(marks, start=1):
        text = m.label
        if "(" not in text:
            text += f" ({_short(m.finding.ref)})"
        fig.text(left, y / h, f"{n}.  {text}", fontsize=9, va="top")
        y -= 0.21
    if marks:
        fig.text(left, y / h, RECOVERY_NOTE, fontsize=8.5, va="top", style="italic", color="#444444")

    title = f"{c.name}: average pain over a year ({_short(c.ref)})"
    sub = prognosis().label
    if factor != 1.0:
        sub += f". Rescaled to start at {int(start_pain)}: an illustration, not a prediction"
    fig.text(left, 1 - 0.1 / h, title, fontsize=11, fontweight="bold", va="top")
    fig.text(left, 1 - 0.34 / h, sub, fontsize=9.5, va="top")
    return fig


def _timeline(kind):
    def draw():
        return timeline_figure(kind)

    return draw


def figures():
    yield FigureSpec(
        name="timeline-acute.svg",
        alt=(
            "Line chart of average pain (0 to 100) on one time axis from the start of the pain to 1 year, for "
            "acute low back pain, from Menezes Costa et al. 2012. Published means with 95% confidence intervals: "
            "52 at the start, 23 at 6 weeks, 12 at 6 months and 6 at 1 year, joined by dashed straight lines the "
            "course drew between them. Pain falls fast in the first 6 weeks, then slowly. Above the chart, the "
            "example programme's four phases, one row each: 1 settle and keep moving (weeks 0-1), 2 mobility and "
            "stretching (weeks 1-3), 3 strengthening (weeks 3-8), 4 return to full activity (weeks 8-52). Four "
            "numbered dotted lines mark milestones listed under the chart with their sources: 1, about 1 month, "
            "average pain down by more than half; 2, about 8 weeks, half have recovered from pain; 3, about 3 "
            "months, 1 in 3 recovered; 4, 1 year, 72% fully recovered in one study and 65% still some pain in "
            "another. A note says the studies counted recovery in different ways, so their numbers differ. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("acute"),
    )
    yield FigureSpec(
        name="timeline-persistent.svg",
        alt=(
            "Line chart of average pain (0 to 100) on one time axis from the start of the pain to 1 year, for "
            "persistent low back pain, from Menezes Costa et al. 2012. Published means with 95% confidence "
            "intervals: 51 at the start, 33 at 6 weeks, 26 at 6 months and 23 at 1 year, joined by dashed "
            "straight lines the course drew between them. Pain eases in the first 6 weeks, then stays moderate. "
            "Above the chart, the example programme's four phases, one row each, each named once. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("persistent"),
    )
