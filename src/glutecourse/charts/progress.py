"""The progress chart: answered and correct per notebook (the dashboard's chart, drawn when
a reader asks), and an example of it for notebook 00 and the static site."""

from __future__ import annotations

from ..core.palette import OKABE_ITO
from . import FigureSpec
from .plotting import new_figure, styled


def summary_figure(*args, **kwargs):

    return styled(_summary_figure)(*args, **kwargs)


def _plain_label(text: str) -> str:
    """A label matplotlib draws as plain text (a ``$`` would start mathtext)."""
    return str(text).replace("$", r"\$")[:60]


def _summary_figure(rows: list[dict], title: str = "Your quiz progress"):
    """Horizontal bars: answered and correct per notebook, each bar labelled in text."""

    rows = [r for r in rows if r["questions"] or r["answered"]]
    fig = new_figure(figsize=(7, 0.45 * len(rows) + 1.3))
    ax = fig.subplots()
    ys = list(range(len(rows)))[::-1]
    height = 0.38
    answered = [r["answered"] for r in rows]
    correct = [r["correct"] for r in rows]
    ax.barh([y + height / 2 for y in ys], answered, height, color=OKABE_ITO["sky_blue"], label="answered")
    ax.barh([y - height / 2 for y in ys], correct, height, color=OKABE_ITO["blue"], label="correct")
    for y, r in zip(ys, rows):
        ax.text(
            r["answered"] + 0.1,
            y + height / 2,
            f"{r['answered']} of {r['questions']} answered",
            va="center",
            fontsize=8,
        )
        ax.text(r["correct"] + 0.1, y - height / 2, f"{r['correct']} correct", va="center", fontsize=8)
    ax.set_yticks(ys, [_plain_label(r["notebook"]) for r in rows])
    ax.set_xlim(0, max([r["questions"] for r in rows] + answered + [1]) * 1.45)
    ax.set_xlabel("questions")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


def _draw():

    rows = [
        {"notebook": "00-start-here", "questions": 3, "answered": 3, "correct": 2},
        {"notebook": "01-glute-anatomy", "questions": 8, "answered": 5, "correct": 4},
        {"notebook": "02-hips-pelvis-and-back", "questions": 7, "answered": 0, "correct": 0},
    ]
    return summary_figure(rows, title="Example: a reader's quiz progress")


def figures():
    yield FigureSpec(
        name="progress-example.svg",
        alt=(
            "Example bar chart of quiz progress. For each notebook two bars: questions answered "
            "and questions correct, each labelled with its number, e.g. 5 of 8 answered, 4 correct."
        ),
        draw=_draw,
    )
