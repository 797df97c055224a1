"""The forest plot of Laird et al. 2014 (notebook 02), drawn from ``data/evidence.json``."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.palette import OKABE_ITO
from ..topics.evidence import ci_text, effects, fmt_number, study
from . import FigureSpec
from .plotting import GREY, INK, footnote, new_figure, styled


@styled
def draw_forest():
    rows = effects("laird-2014")
    laird = study("laird-2014")
    cite = short_citations()[laird.ref]
    fig = new_figure((8, 3.9))
    ax = fig.add_subplot()
    n = len(rows)
    ax.axvspan(-1.05, 1.05, color="white")
    ax.axvline(0, color=INK, linewidth=1.4, zorder=1)
    for i, e in enumerate(rows):
        y = n - 1 - i
        colour = OKABE_ITO["blue"]
        if e.ci is not None:
            lo, hi = e.ci
            ax.plot([lo, hi], [y, y], color=colour, linewidth=2.5, solid_capstyle="butt", zorder=2)
            ax.plot([lo, lo], [y - 0.12, y + 0.12], color=colour, linewidth=2, zorder=2)
            ax.plot([hi, hi], [y - 0.12, y + 0.12], color=colour, linewidth=2, zorder=2)
            ax.plot(e.smd, y, marker="s", markersize=9, color=colour, zorder=3)
        else:
            ax.plot(
                e.smd,
                y,
                marker="s",
                markersize=9,
                markerfacecolor="white",
                markeredgecolor=colour,
                markeredgewidth=2,
                zorder=3,
            )
        label = f"SMD {fmt_number(e.smd)}\n95% CI {ci_text(e.ci)}"
        ax.text(1.1, y, label, va="center", ha="left", fontsize=9, color=INK, clip_on=False)
    ax.set_yticks(range(n))
    ax.set_yticklabels([e.measure for e in reversed(rows)])
    ax.set_ylim(-0.85, n - 0.2)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xticklabels(["\u22121", "\u22120.5", "0", "0.5", "1"])
    ax.text(
        0,
        n - 0.35,
        "0 = no difference",
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color=INK,
        bbox=dict(facecolor="white", edgecolor="none", pad=1),
    )
    ax.text(-1.0, -0.55, "\u2190 lower in people\n    with back pain", ha="left", va="center", fontsize=8.5, color=GREY)
    ax.text(
        1.0, -0.55, "higher in people \u2192\nwith back pain    ", ha="right", va="center", fontsize=8.5, color=GREY
    )
    ax.set_xlabel("Standardised mean difference (SMD), people with vs without low back pain")
    ax.grid(axis="y", visible=False)
    ax.set_title(
        f"{cite}, {int(laird.numbers['studies'])} studies: every line crosses or sits on zero",
        loc="left",
        fontsize=11,
    )
    note = " (hollow square: interval not given in our source)" if any(e.ci is None for e in rows) else ""
    footnote(fig, f"Square = estimate; line = 95% confidence interval{note}.")
    return fig


def figures():
    yield FigureSpec(
        name="evidence-laird-forest.svg",
        alt=(
            "Forest plot from Laird et al. 2014 comparing people with and without low back pain. "
            "Standing lumbar curve: SMD 0.01, 95% CI -0.09 to 0.11. Lumbopelvic rhythm when bending forward: "
            "SMD -0.21, 95% CI -0.52 to 0.09. Standing pelvic tilt: SMD 0.24, 95% CI -0.03 to 0.50. "
            "Every estimate sits on or its interval crosses the zero line, which means no clear difference."
        ),
        draw=draw_forest,
    )
