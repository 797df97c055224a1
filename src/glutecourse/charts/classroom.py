"""The class results' charts: readers per score band and percent correct per topic, and the
class's change on the beliefs check (drawn when a teacher asks), and the sample class's
charts for the class-results notebook and the static site."""

from __future__ import annotations

from ..core.numbers import format_number
from ..core.palette import OKABE_ITO
from ..topics.beliefs import ClassChange, scale
from ..topics.classroom import (
    ClassData,
    belief_changes,
    load_class,
    sample_class_folder,
    score_bins,
    topic_strengths,
)
from . import FigureSpec
from .plotting import new_figure, styled


def class_figure(cls: ClassData, title: str = "Class results"):

    @styled
    def draw():
        fig = new_figure(figsize=(9, 3.6))
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1, 1.3])
        bins = score_bins(cls)
        ax1.bar(range(len(bins)), [b.readers for b in bins], color=OKABE_ITO["blue"])
        for i, b in enumerate(bins):
            if b.readers:
                ax1.text(i, b.readers + 0.1, str(b.readers), ha="center", va="bottom", fontsize=8)
        ax1.set_xticks(range(len(bins)), [str(b.low) for b in bins], fontsize=7)
        ax1.set_xlabel("score band (% correct, lower bound)")
        ax1.set_ylabel("readers")
        ax1.set_title("Score distribution")
        topics = topic_strengths(cls)[::-1]
        ys = range(len(topics))
        ax2.barh(ys, [t.percent for t in topics], color=OKABE_ITO["bluish_green"])
        for y, t in zip(ys, topics):
            ax2.text(t.percent + 1, y, f"{t.percent}%", va="center", fontsize=8)
        ax2.set_yticks(list(ys), [t.topic for t in topics], fontsize=8)
        ax2.set_xlim(0, 110)
        ax2.set_xlabel("% of answers correct")
        ax2.set_title("Per topic")
        ax2.grid(axis="y", visible=False)
        ax2.grid(axis="x", visible=True)
        # Only course data (topics) and numbers are drawn, never text from the exports; the
        # title is drawn literally too ("$" would otherwise start matplotlib's math mode).
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", parse_math=False)
        return fig

    return draw()


def beliefs_alt(changes: list[ClassChange]) -> str:
    """The beliefs chart in words (its alt text): every number it draws."""
    sc = scale()
    parts = []
    for c in changes:
        if c.paired:
            parts.append(
                f"{c.statement.text} Mean {format_number(c.mean_before, 1)} before, "
                f"{format_number(c.mean_after, 1)} after, over {c.paired} readers with both ratings; "
                f"{c.towards} moved towards the evidence."
            )
        else:
            parts.append(f"{c.statement.text} No reader with both ratings yet.")
    return (
        f"Dot chart of the class's mean rating of each statement of the beliefs check, from {sc.low} "
        f"({sc.low_words}) to {sc.high} ({sc.high_words}): a circle before the course, a square after it, "
        "joined by an arrow. " + " ".join(parts)
    )


def beliefs_figure(changes: list[ClassChange], title: str = "What the class believed"):
    """One row per statement: the mean rating before (circle) and after (square) over the
    readers with both, an arrow between them, each labelled with its value and the count;
    the scale's ends in words. Shape and label, never colour alone."""
    import textwrap

    sc = scale()

    @styled
    def draw():
        fig = new_figure(figsize=(9, 0.9 + 0.75 * len(changes)))
        ax = fig.subplots()
        ys = list(range(len(changes)))[::-1]
        for y, c in zip(ys, changes):
            if not c.paired:
                ax.text(sc.middle, y, "no reader with both ratings yet", ha="center", va="center", fontsize=8)
                continue
            ax.annotate(
                "",
                xy=(c.mean_after, y),
                xytext=(c.mean_before, y),
                arrowprops={"arrowstyle": "->", "color": OKABE_ITO["black"], "lw": 1.2},
            )
            ax.plot(c.mean_before, y, "o", color=OKABE_ITO["orange"], markersize=8, label="before (notebook 00)")
            ax.plot(c.mean_after, y, "s", color=OKABE_ITO["blue"], markersize=8, label="after (notebook 10)")
            for x, va, dy in ((c.mean_before, "bottom", 0.18), (c.mean_after, "top", -0.18)):
                ax.text(x, y + dy, format_number(x, 1), ha="center", va=va, fontsize=8)
            ax.text(
                sc.high + 0.3,
                y,
                f"{c.towards} of {c.paired} towards the evidence",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(ys, [textwrap.fill(c.statement.text, 34) for c in changes], fontsize=8)
        ax.set_xlim(sc.low - 0.3, sc.high + 4.2)
        ax.set_ylim(-0.7, len(changes) - 0.3)
        ax.set_xticks(range(sc.low, sc.high + 1))
        ax.set_xlabel(f"mean rating: {sc.low} = {sc.low_words}, {sc.high} = {sc.high_words}")
        ax.grid(axis="y", visible=False)
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            fig.legend(handles[:2], labels[:2], loc="outside upper right", ncol=2, fontsize=8, frameon=False)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", parse_math=False)
        return fig

    return draw()


def _sample_changes() -> list[ClassChange]:
    return belief_changes(load_class(sample_class_folder()))


def _draw_beliefs():
    return beliefs_figure(_sample_changes(), title="What the sample class believed (generated)")


def _draw():

    return class_figure(load_class(sample_class_folder()), title="Sample class (generated, anonymised)")


def figures():
    yield FigureSpec(
        name="classroom-sample-results.svg",
        alt=(
            "Two charts of the generated sample class. Left: bar chart of how many readers fall in "
            "each 10-point band of percent correct. Right: horizontal bars of percent of answers "
            "correct per topic, each labelled with its percentage."
        ),
        draw=_draw,
    )
    yield FigureSpec(name="classroom-sample-beliefs.svg", alt=beliefs_alt(_sample_changes()), draw=_draw_beliefs)
