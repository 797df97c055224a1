"""The pain diary's chart (notebook 09): daily pain, its 7-day rolling mean, exercise
minutes, and what the reader is compared with; ``figures()`` draws the made-up sample
diary (``images/diary-sample.svg``). matplotlib is imported inside the drawing function only.
"""

from __future__ import annotations

import datetime as _dt

from ..core.numbers import format_number
from ..core.palette import OKABE_ITO
from ..topics.diary import Settings, comparison, example_curve, rolling_mean, sample_entries
from . import FigureSpec
from .plotting import new_figure, styled

# --- chart ----------------------------------------------------------------------------

#: The comparison line (dashed), the reader's goals (dotted) and the comparison's label.
DASHED = {"ls": "--", "lw": 1.6, "color": OKABE_ITO["bluish_green"]}
DOTTED = {"ls": ":", "lw": 1.8, "color": OKABE_ITO["vermillion"]}
COMPARISON_LABEL = {"color": "#006B4F", "fontsize": 8, "va": "bottom", "ha": "left", "fontweight": "bold"}


def diary_figure(entries, title: str = "Your pain diary", settings: Settings | None = None, today=None):
    """Daily pain (dots), 7-day rolling mean (line), exercise minutes (bars), and what the
    reader is compared with (see :func:`comparison`): the acute average from the day the
    pain began (labelled as not a target), or their own first week; plus their goals.

    The time axis ends at ``today`` (a ``datetime.date``, passed in so the chart stays a pure
    function of its inputs) or, without it, at the last entry: nothing is drawn in the future."""

    return styled(_diary_figure)(sorted(entries), title, settings or Settings(), today)


def chart_end(entries, today=None):
    """The last day the chart shows: ``today``, or the last entry when ``today`` is not given
    (or is earlier than the last entry)."""
    last = max(e.date for e in entries)
    return max(today, last) if today is not None else last


def _diary_figure(entries, title, settings, today):
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    fig = new_figure(figsize=(8, 4.6))
    ax, bars = fig.subplots(2, 1, sharex=True, height_ratios=[4, 1])
    first, last = entries[0].date, entries[-1].date
    compare = comparison(entries, settings)
    if compare.kind == "acute":
        offset = compare.offset
        ex = example_curve(offset + (chart_end(entries, today) - first).days, start=offset)
        ex_days = [first + _dt.timedelta(days=d - offset) for d, _ in ex]
        ax.plot(
            ex_days,
            [v for _, v in ex],
            **DASHED,
            label="example average, not a target (acute back pain, 0-10)",
        )
        dashed = "dashed: example average, not a target"
    else:
        ax.axhline(
            compare.first_week, **DASHED, label=f"your first week's average ({format_number(compare.first_week, 1)})"
        )
        dashed = "dashed: your first week's average"
    ax.plot(
        [e.date for e in entries],
        [e.pain for e in entries],
        "o",
        ms=4.5,
        color=OKABE_ITO["orange"],
        label="pain that day",
    )
    roll = rolling_mean(entries)
    ax.plot(
        [d for d, _, _ in roll],
        [m for _, m, _ in roll],
        "-",
        lw=2.2,
        color=OKABE_ITO["blue"],
        label="7-day rolling mean",
    )
    if settings.goal_pain is not None:
        ax.axhline(settings.goal_pain, **DOTTED, label=f"your pain goal ({settings.goal_pain})")
    ax.text(  # above the line's end, inside the chart (the axis ends at the last day shown)
        last,
        roll[-1][1] + 0.9,
        "7-day mean",
        color=OKABE_ITO["blue"],
        fontsize=8,
        va="center",
        ha="right",
        fontweight="bold",
    )
    if compare.kind == "acute":
        mid = len(ex) * 2 // 5
        ax.text(
            ex_days[mid],
            ex[mid][1] + 0.5,
            "example average,\nnot a target",
            **COMPARISON_LABEL,
        )
    else:
        ax.text(first, compare.first_week + 0.3, "your first week", **COMPARISON_LABEL)
    ax.set_ylim(0, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("pain (0-10)")
    ax.set_xlim(first - _dt.timedelta(days=1), chart_end(entries, today) + _dt.timedelta(days=1))
    ax.legend(loc="upper right", fontsize=8, framealpha=0.95)
    ax.set_title(f"{title}\nDots: pain each day · line: 7-day rolling mean · {dashed}", fontsize=10)
    bars.bar(
        [e.date for e in entries],
        [e.minutes for e in entries],
        width=0.8,
        color=OKABE_ITO["sky_blue"],
        label="exercise (minutes)",
    )
    if settings.goal_minutes is not None:
        bars.axhline(settings.goal_minutes, ls=":", lw=1.5, color=OKABE_ITO["vermillion"])
        bars.text(
            last + _dt.timedelta(days=0.8),
            settings.goal_minutes,
            "goal",
            fontsize=7,
            va="center",
            color=OKABE_ITO["vermillion"],
        )
    bars.set_ylabel("exercise\n(min)", fontsize=8)
    bars.grid(axis="x", visible=False)
    locator = AutoDateLocator(minticks=4, maxticks=9)
    bars.xaxis.set_major_locator(locator)
    bars.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    return fig


def _diary_sample():

    entries = sample_entries()
    # The sample's pain began on its first day (its first note says so): recent pain, so
    # the chart compares it with the acute average from that day.
    return diary_figure(
        entries, title="Sample diary (made-up data for illustration)", settings=Settings(pain_began=entries[0].date)
    )


def figures():
    yield FigureSpec(
        name="diary-sample.svg",
        alt=(
            "Sample pain diary over 8 weeks (made-up data). Dots show daily pain from 0 to 10, starting around 7 "
            "and falling with ups and downs to around 2; a solid line shows the 7-day rolling average, which falls "
            "smoothly. A dashed line shows the published average for acute low back pain rescaled to 0-10, "
            "labelled example average, not a target. Bars along the bottom show minutes of exercise each day."
        ),
        draw=_diary_sample,
    )
