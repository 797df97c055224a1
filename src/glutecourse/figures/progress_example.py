"""An example of the progress dashboard's chart, for the start notebook and the static site."""

from . import FigureSpec


def _draw():
    from ..progress import summary_figure

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
