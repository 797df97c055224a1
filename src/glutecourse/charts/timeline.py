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
from .plotting import new_figure, styled

# --- chart ----------------------------------------------------------------------------


def timeline_figure(kind: str = "acute", start_pain=None):
    """Pain over weeks 0-52: the mean, its 95% CI band, published points marked, the
    example programme's phases shaded and named, and milestones annotated.

    The x axis is split: weeks 0-14 are stretched (most change happens there), weeks
    14-52 compressed; both halves are labelled.
    """

    return styled(_timeline_figure)(kind, start_pain)


SPLIT_WEEK = 14


def _timeline_figure(kind, start_pain):

    c = curve(kind)
    rows = series(kind, start_pain)
    factor = scale_factor(kind, start_pain)
    published = [r for r in rows if r["published"]]
    point_label = "published mean (95% CI)" + ("" if factor == 1.0 else ", rescaled")
    fig = new_figure(figsize=(8.6, 5.9))
    fig.set_layout_engine("none")  # placed by hand: the split axis and footnote confuse auto layout
    grid = fig.add_gridspec(
        2,
        2,
        width_ratios=[3, 2],
        height_ratios=[1, 9],
        wspace=0.0,
        hspace=0.0,
        left=0.075,
        right=0.985,
        top=0.88,
        bottom=0.2,
    )
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

        ax.fill_between(
            [r["week"] for r in rows],
            [r["low"] for r in rows],
            [r["high"] for r in rows],
            color=OKABE_ITO["sky_blue"],
            alpha=0.35,
            lw=0,
            zorder=1,
            label="95% CI (between published weeks: interpolated)",
        )
        ax.plot(
            [r["week"] for r in rows],
            [r["mean"] for r in rows],
            ls="--",
            lw=1.8,
            color=OKABE_ITO["blue"],
            zorder=2,
            label="straight-line interpolation between published points",
        )
        shown = [p for p in published if lo <= p["week"] <= hi and not (i == 1 and p["week"] == lo)]
        ax.errorbar(
            [p["week"] for p in shown],
            [p["mean"] for p in shown],
            yerr=[[p["mean"] - p["low"] for p in shown], [p["high"] - p["mean"] for p in shown]],
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
            if lo <= p["week"] <= hi and not (i == 0 and p["week"] == SPLIT_WEEK):
                ha = "left" if p["week"] < hi else "right"
                dx = 0.35 if ha == "left" else -1.2
                ax.text(
                    p["week"] + dx * (1 if i == 0 else 2.5),
                    min(p["mean"] + 3, 92),
                    f"{p['mean']:.0f}",
                    color=OKABE_ITO["vermillion"],
                    fontsize=8,
                    fontweight="bold",
                    ha=ha,
                    zorder=5,
                )
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
        ax.text(
            week + offset * (1 if ax is left else 3),
            97 - 11 * j,
            label,
            fontsize=7.5,
            va="top",
            ha="right" if to_left else "left",
            zorder=6,
            linespacing=1.15,
            bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85),
        )

    handles, labels = left.get_legend_handles_labels()
    order = [
        labels.index(x)
        for x in (
            point_label,
            "straight-line interpolation between published points",
            "95% CI (between published weeks: interpolated)",
        )
    ]
    fig.legend(
        [handles[k] for k in order],
        [labels[k] for k in order],
        loc="lower center",
        fontsize=7.5,
        bbox_to_anchor=(0.5, 0.05),
        ncol=3,
        frameon=False,
    )

    title = f"{c['name']}: average pain over a year ({_short(c['ref'])})"
    sub = prognosis()["label"]
    if factor != 1.0:
        sub += f". Rescaled to start at {int(start_pain)}: an illustration, not a prediction"
    fig.suptitle(f"{title}\n{sub}", fontsize=10.5)
    names = " · ".join(
        f"{n} {p['name']} (weeks {p['start_week']:g}-{p['end_week']:g})" for n, p in enumerate(phases(), 1)
    )
    fig.text(0.5, 0.01, f"Shaded: example programme phases. {names}", ha="center", va="bottom", fontsize=7, wrap=True)
    return fig


def _timeline(kind):
    def draw():
        return timeline_figure(kind)

    return draw


def figures():
    yield FigureSpec(
        name="timeline-acute.svg",
        alt=(
            "Line chart of average pain (0 to 100) over 52 weeks for acute low back pain, from Menezes Costa "
            "et al. 2012. Published means with 95% confidence intervals: 52 at week 0, 23 at week 6, 12 at "
            "week 26 and 6 at week 52, joined by dashed straight lines the course drew between them. Pain falls "
            "fast in the first 6 weeks, then slowly. Dotted lines mark about 1 month (average pain down by more "
            "than half), about 8 weeks (half recovered from pain), about 3 months (1 in 3 recovered) and 1 year "
            "(72% fully recovered; 65% still some pain). Shaded bands show the example programme's four phases. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("acute"),
    )
    yield FigureSpec(
        name="timeline-persistent.svg",
        alt=(
            "Line chart of average pain (0 to 100) over 52 weeks for persistent low back pain, from Menezes Costa "
            "et al. 2012. Published means with 95% confidence intervals: 51 at week 0, 33 at week 6, 26 at week 26 "
            "and 23 at week 52, joined by dashed straight lines the course drew between them. Pain eases in the "
            "first 6 weeks, then stays moderate. Shaded bands show the example programme's four phases. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("persistent"),
    )
