"""Course chart style and helpers, without global side effects.

``use_course_style()`` applies the packaged style to pyplot for a reader who wants it. The
package's own charts use the object-oriented API (``matplotlib.figure.Figure``) inside
``course_style()``, so they never touch pyplot's global state. matplotlib is imported only
inside these functions: importing ``glutecourse`` stays cheap.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from ..core.paths import package_file

STYLE_PATH = package_file("styles", "course.mplstyle")
#: Text and rule colours of the schematic charts (neutral, beside the palette's colours).
INK = "#222222"
GREY = "#777777"


def use_course_style() -> None:
    """Apply the course style to matplotlib (an explicit, global choice by the caller)."""
    import matplotlib.style

    matplotlib.style.use(str(STYLE_PATH))


@contextlib.contextmanager
def course_style():
    """Use the course style for the duration of a ``with`` block only."""
    import matplotlib.style

    with matplotlib.style.context(str(STYLE_PATH)):
        yield


def styled(func):
    """Decorator: run a chart-drawing function inside ``course_style()``.

    rcParams are read when axes, lines and text are created, so the whole drawing
    function (not just the Figure constructor) must run inside the style.
    """
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with course_style():
            return func(*args, **kwargs)

    return wrapper


def new_figure(figsize=(7, 3.5)):
    """A Figure not registered with pyplot (no global state). Call it from a function
    decorated with ``@styled`` so the course style applies to everything drawn on it."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout="constrained")


def footnote(fig, text):
    """A grey note under the figure; supxlabel keeps it clear of the axes (constrained layout)."""
    fig.supxlabel(text, fontsize=8.5, color=GREY, x=0.01, ha="left")


def figure_png(fig, dpi: int = 100) -> bytes:
    with course_style():
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def figure_svg(fig) -> str:
    """Deterministic SVG: no date, fixed id salt, text kept as text (searchable, small)."""
    import matplotlib

    with course_style(), matplotlib.rc_context({"svg.hashsalt": "glutecourse", "svg.fonttype": "none"}):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def save_svg(fig, path: Path | str) -> bool:
    """Write ``fig`` as deterministic SVG; returns True if the file changed."""
    path = Path(path)
    text = figure_svg(fig)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
