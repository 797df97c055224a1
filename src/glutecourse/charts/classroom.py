"""The class results' chart: readers per score band and percent correct per topic (drawn
when a teacher asks), and the sample class's chart for the class-results notebook and the
static site."""

from __future__ import annotations

from ..core.palette import OKABE_ITO
from ..topics.classroom import ClassData, load_class, sample_class_folder, score_bins, topic_strengths
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
