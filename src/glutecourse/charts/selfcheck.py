"""Self-check figures for notebook 05: how rare the serious causes of back pain are
(the prevalence rows of ``data/selfcheck.json``)."""

from ..catalog.references import short_citations
from ..core.palette import OKABE_ITO
from ..topics.selfcheck import prevalence
from . import FigureSpec
from .plotting import styled


def _per_10000(row) -> str:
    n = row.percent * 100
    count = f"{n:.0f}" if n >= 1 else f"{n:g}"
    if row.bound == "under":
        return f"under {row.percent:g}%: fewer than {count} in 10,000"
    if row.bound == "up to":
        return f"up to about {row.percent:g}%: up to {count} in 10,000"
    return f"about {row.percent:g}%: about {count} in 10,000"


def _sources() -> str:
    """'Verhagen et al. 2016; Henschke et al. 2009', from the rows' own references."""

    prev = prevalence()
    keys = list(dict.fromkeys([r.ref for r in prev.rows if r.ref] + list(prev.refs)))
    cite = short_citations()
    return "; ".join(cite[k] for k in keys)


#: People in each picture, and the pixels per person (a dot with a gap) in its raster.
PEOPLE = 10_000
SIDE = 100  # people per row and per column
CELL = 4
PERSON = "#D5D5D5"
FOUND = OKABE_ITO["vermillion"]


def people_count(row) -> int:
    """How many of 10,000 people the row's percentage is (at its upper limit when the source
    gives one: 'up to' and 'under')."""
    return round(row.percent / 100 * PEOPLE)


def people_grid(count: int):
    """An RGB picture of 10,000 people, one dot each, the first ``count`` coloured (filled
    row by row from the top left)."""
    import numpy as np
    from matplotlib.colors import to_rgb

    img = np.ones((SIDE * CELL, SIDE * CELL, 3))
    grey, found = np.array(to_rgb(PERSON)), np.array(to_rgb(FOUND))
    for i in range(PEOPLE):
        r, c = divmod(i, SIDE)
        if i < count:  # found: the whole cell, so neighbours join into a visible block
            img[r * CELL : r * CELL + CELL, c * CELL : c * CELL + CELL] = found
        else:
            img[r * CELL : r * CELL + CELL - 1, c * CELL : c * CELL + CELL - 1] = grey
    return img


def _words(row) -> str:
    n = people_count(row)
    if row.bound == "under":
        return f"fewer than {n:,}\nin 10,000"
    if row.bound == "up to":
        return f"up to {n:,}\nin 10,000"
    return f"about {n:,}\nin 10,000"


@styled
def draw_prevalence():
    import textwrap

    from matplotlib.figure import Figure

    prev = prevalence()
    rows = prev.rows
    w, side, gap = 8.8, 1.45, 0.3
    h = 3.95
    fig = Figure(figsize=(w, h))
    x = (w - len(rows) * side - (len(rows) - 1) * gap) / 2
    for row in rows:
        n = people_count(row)
        ax = fig.add_axes((x / w, 1.2 / h, side / w, side / h))
        ax.imshow(people_grid(n), interpolation="none")
        ax.set_axis_off()
        ax.set_gid(f"people-{row.id}")
        ax.set_title(textwrap.fill(row.label, 20), fontsize=9.5, fontweight="bold", pad=4, va="bottom")
        ax.text(0.0, -0.06, _words(row), transform=ax.transAxes, fontsize=9.5, va="top", color=FOUND if n else None)
        if n <= 10:  # a handful of dots: point at them
            ax.annotate(
                f"{n} {'person' if n == 1 else 'people'}",
                (CELL * min(n, SIDE) / 2, CELL / 2),
                (SIDE * CELL * 0.45, SIDE * CELL * 0.3),
                fontsize=9,
                color="#222222",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": FOUND},
                arrowprops={"arrowstyle": "-|>", "color": FOUND, "lw": 1.2},
            )
        x += side + gap
    fig.text(0.12 / w, 1 - 0.1 / h, prev.title, fontsize=11, fontweight="bold", va="top")
    fig.text(
        0.12 / w,
        1 - 0.35 / h,
        "Each square is 10,000 people seeing a GP with back pain: one dot is one person. Coloured: a serious cause was found.",
        fontsize=9,
        va="top",
    )
    fig.text(
        0.12 / w,
        0.1 / h,
        f"'Up to' and 'fewer than': the source gives an upper limit, and the picture shows that limit.\nSources: {_sources()}.",
        fontsize=8.5,
        va="bottom",
        color="#444444",
    )
    return fig


def _alt() -> str:

    rows = prevalence().rows
    parts = [f"{r.label[0].lower() + r.label[1:]} {_per_10000(r).replace(': ', ' (', 1)})" for r in rows]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        "Five squares of dots, one dot per person seeing a family doctor for low back pain, with "
        f"the people in whom a serious cause was found coloured: {listed}. Sources: {_sources()}."
    )


def figures():
    yield FigureSpec(name="selfcheck-prevalence.svg", alt=_alt(), draw=draw_prevalence)
