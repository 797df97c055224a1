"""The sample class's results chart, for the class-results notebook and the static site."""

from . import FigureSpec


def _draw():
    from ..classroom import class_figure, load_class
    from ..paths import data_dir

    return class_figure(load_class(data_dir() / "class-sample"), title="Sample class (generated, anonymised)")


def figures():
    yield FigureSpec(
        name="class-sample-results.svg",
        alt=(
            "Two charts of the generated sample class. Left: bar chart of how many readers fall in "
            "each 10-point band of percent correct. Right: horizontal bars of percent of answers "
            "correct per topic, each labelled with its percentage."
        ),
        draw=_draw,
    )
