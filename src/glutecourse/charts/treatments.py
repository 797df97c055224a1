"""Treatment figures: a grid of what NICE, ACP and WHO say about each treatment, drawn from
``data/treatments.json``, with the rows where the guidelines disagree marked."""

from __future__ import annotations

from ..core.palette import OKABE_ITO
from ..topics.treatments import (
    CATEGORIES,
    CATEGORY_LABELS,
    GUIDELINES,
    disagreements,
    guideline_info,
    guidelines_disagree,
    stance_info,
    treatments,
)
from . import FigureSpec
from .plotting import new_figure, styled

#: Fill per stance. Every cell also carries the stance in words and a symbol, so the colour is
#: only an extra cue ("not recommended" and "do not offer" both point against: warm colours).
STANCE_FILL = {
    "recommend": OKABE_ITO["bluish_green"],
    "consider": OKABE_ITO["sky_blue"],
    "only with exercise": OKABE_ITO["yellow"],
    "last resort": OKABE_ITO["reddish_purple"],
    "do not offer": OKABE_ITO["vermillion"],
    "not recommended": OKABE_ITO["orange"],
    "not covered": "#E8E8E8",
    "unverified": "#FFFFFF",
}


def _rows():
    """Treatment rows grouped by category, with a header row before each group."""

    rows = []
    for cat in CATEGORIES:
        rows.append(("header", CATEGORY_LABELS[cat]))
        rows.extend(("treatment", t) for t in treatments(cat))
    return rows


@styled
def draw_guideline_grid():
    from matplotlib.patches import Rectangle

    rows = _rows()
    names = guideline_info()
    stances = stance_info()
    n = len(rows)
    fig = new_figure(figsize=(9.2, 0.34 * n + 1.4))
    ax = fig.add_subplot()
    ax.set_xlim(-2.35, 4.3)
    ax.set_ylim(n + 0.05, -1.0)
    ax.axis("off")
    ax.grid(False)
    ax.set_title("What three guidelines say, treatment by treatment")

    for j, g in enumerate(GUIDELINES):
        ax.text(j + 0.5, -0.45, names[g].name, ha="center", va="center", fontsize=10, fontweight="bold")
    for i, (kind, item) in enumerate(rows):
        y = i
        if kind == "header":
            ax.text(
                -2.3, y + 0.55, item, ha="left", va="center", fontsize=10, fontweight="bold", color=OKABE_ITO["blue"]
            )
            continue
        disagree = guidelines_disagree(item)
        ax.text(
            -0.08,
            y + 0.5,
            item.short,
            ha="right",
            va="center",
            fontsize=9,
            fontweight="bold" if disagree else "normal",
        )
        for j, g in enumerate(GUIDELINES):
            stance = item.guidelines[g].stance
            ax.add_patch(
                Rectangle(
                    (j + 0.03, y + 0.06),
                    0.94,
                    0.88,
                    facecolor=STANCE_FILL[stance],
                    edgecolor="#777777",
                    linewidth=0.6,
                    linestyle="--" if stance == "unverified" else "-",
                )
            )
            s = stances[stance]
            ax.text(j + 0.5, y + 0.52, f"{s.symbol} {s.label}", ha="center", va="center", fontsize=8.5)
        if disagree:
            ax.add_patch(Rectangle((0.0, y + 0.02), 3.0, 0.96, fill=False, edgecolor="#000000", linewidth=1.8))
            ax.text(3.08, y + 0.52, "⚠ guidelines disagree", ha="left", va="center", fontsize=8.5, fontweight="bold")
    ax.text(
        -2.3,
        n + 0.0,
        "WHO 2023 covers long-lasting (chronic) pain only. “not recommended”: reviewed, no benefit found, "
        "left out; “not covered”: no statement found;\n“unverified”: not confirmed. Each cell's source "
        "(recommendation number, how it was read, date checked) is in data/treatments.json and notebook 06.",
        ha="left",
        va="top",
        fontsize=7.5,
        color="#333333",
    )
    return fig


def _grid_alt() -> str:

    short = {t.id: t.short for t in treatments()}
    names = "; ".join(short[d.id] for d in disagreements())
    groups = (
        ", ".join(CATEGORY_LABELS[c].lower() for c in CATEGORIES[:-1])
        + " and "
        + CATEGORY_LABELS[CATEGORIES[-1]].lower()
    )
    stances = list(stance_info())
    words = ", ".join(stances[:-1]) + " or " + stances[-1]
    psych = "; ".join(t.short for t in treatments("psychological"))
    return (
        f"Grid of {len(treatments())} treatments (rows, grouped as {groups}) against three guidelines "
        f"(columns: NICE NG59, ACP 2017, WHO 2023). Each cell names the stance in words with a symbol: {words}. "
        f"Psychological care rows: {psych}. Rows outlined and labelled 'guidelines disagree': {names}. "
        "Many home-remedy cells read not covered or unverified."
    )


def figures():
    yield FigureSpec(name="treatments-guideline-grid.svg", alt=_grid_alt(), draw=draw_guideline_grid)
