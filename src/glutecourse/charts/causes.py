"""The map of seven claimed causes and the strength of evidence for each (notebook 03),
drawn from ``data/causes.json``."""

from __future__ import annotations

import textwrap

from ..core.palette import OKABE_ITO
from ..topics.causes import causes, level_info
from . import FigureSpec
from .plotting import GREY, INK, new_figure, styled

#: Badge colours (Okabe-Ito) for each evidence level, shared with the cards
#: (``glutecourse.ui.causes``); every badge also carries its text label.
LEVEL_COLOURS = {
    "risk-factor": OKABE_ITO["bluish_green"],
    "association": OKABE_ITO["blue"],
    "no-consensus": OKABE_ITO["orange"],
    "no-source": OKABE_ITO["vermillion"],
}


@styled
def draw_causes_map():
    rows = causes()

    fig = new_figure((8.5, 4.6))
    ax = fig.add_subplot()
    ax.axis("off")
    n = len(rows)
    ax.set_xlim(0, 10)
    ax.set_ylim(-1.0, n + 0.45)
    # headers wrapped to their column's width, so no header runs into the next one
    for x, header in (
        (0.05, "Claimed cause"),
        (3.1, "Strength of evidence\nthe course found"),
        (6.5, "Rating refers to"),
    ):
        ax.text(x, n - 0.05, header, fontweight="bold", fontsize=10, va="center", linespacing=1.1)
    for i, c in enumerate(rows):
        y = n - 1 - i - 0.15
        info = level_info(c.level)
        colour = LEVEL_COLOURS[c.level]
        ax.text(0.05, y, f"{i + 1}. {c.name}", fontsize=10, va="center")
        ax.text(
            3.1,
            y,
            f"{info.symbol}  {info.label}",
            fontsize=9.5,
            va="center",
            fontweight="bold",
            color=INK,
            bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=colour, linewidth=2),
        )
        ax.text(6.5, y, textwrap.fill(c.level_note, 36), fontsize=8.5, va="center", color=GREY)
        ax.plot([0, 10], [y - 0.5, y - 0.5], color="#dddddd", linewidth=0.8)
    ax.text(
        0.05,
        -0.8,
        "Filled dots: stronger evidence of a link (never proof of cause for one person).",
        fontsize=8.5,
        color=GREY,
        va="center",
    )
    return fig


def figures():
    yield FigureSpec(
        name="causes-evidence-map.svg",
        alt=(
            "Table-like chart of seven claimed causes of back pain and the strength of evidence for each: "
            "muscle imbalance, association only (for weakness, none for tightness); sedentary lifestyle, "
            "association only; poor posture, no consensus; overtraining, no source found; stress and tension, "
            "supported as a risk factor for pain that lasts; inadequate stretching, no source found; "
            "injury or trauma, no source found."
        ),
        draw=draw_causes_map,
    )
