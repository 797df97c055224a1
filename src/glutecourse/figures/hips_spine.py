"""Figures for notebooks 02 and 03: the forest plot of Laird et al. 2014, two movement
schematics (forward bending, single-leg stance) and the map of seven claimed causes.

All are drawn from ``data/evidence.json`` and ``data/causes.json`` (or, for the schematics,
from fixed angles chosen for clarity, labelled as schematic).
"""

from __future__ import annotations

import math

from ..plots import OKABE_ITO, new_figure, styled
from . import FigureSpec

INK = "#222222"
GREY = "#777777"


@styled
def draw_forest():
    from ..evidence import ci_text, effects, fmt_number, study
    from ..references import short_citations

    rows = effects("laird-2014")
    laird = study("laird-2014")
    cite = short_citations()[laird["ref"]]
    fig = new_figure((8, 3.9))
    ax = fig.add_subplot()
    n = len(rows)
    ax.axvspan(-1.05, 1.05, color="white")
    ax.axvline(0, color=INK, linewidth=1.4, zorder=1)
    for i, e in enumerate(rows):
        y = n - 1 - i
        colour = OKABE_ITO["blue"]
        if e["ci"] is not None:
            lo, hi = e["ci"]
            ax.plot([lo, hi], [y, y], color=colour, linewidth=2.5, solid_capstyle="butt", zorder=2)
            ax.plot([lo, lo], [y - 0.12, y + 0.12], color=colour, linewidth=2, zorder=2)
            ax.plot([hi, hi], [y - 0.12, y + 0.12], color=colour, linewidth=2, zorder=2)
            ax.plot(e["smd"], y, marker="s", markersize=9, color=colour, zorder=3)
        else:
            ax.plot(e["smd"], y, marker="s", markersize=9, markerfacecolor="white", markeredgecolor=colour,
                    markeredgewidth=2, zorder=3)
        label = f"SMD {fmt_number(e['smd'])}\n95% CI {ci_text(e['ci'])}"
        ax.text(1.1, y, label, va="center", ha="left", fontsize=9, color=INK, clip_on=False)
    ax.set_yticks(range(n))
    ax.set_yticklabels([e["measure"] for e in reversed(rows)])
    ax.set_ylim(-0.85, n - 0.2)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xticklabels(["\u22121", "\u22120.5", "0", "0.5", "1"])
    ax.text(0, n - 0.35, "0 = no difference", ha="center", va="bottom", fontsize=9, fontweight="bold",
            color=INK, bbox=dict(facecolor="white", edgecolor="none", pad=1))
    ax.text(-1.0, -0.55, "\u2190 lower in people\n    with back pain", ha="left", va="center", fontsize=8.5, color=GREY)
    ax.text(1.0, -0.55, "higher in people \u2192\nwith back pain    ", ha="right", va="center", fontsize=8.5, color=GREY)
    ax.set_xlabel("Standardised mean difference (SMD), people with vs without low back pain")
    ax.grid(axis="y", visible=False)
    ax.set_title(f"{cite}, {int(laird['numbers']['studies'])} studies: every line crosses or sits on zero",
                 loc="left", fontsize=11)
    note = " (hollow square: interval not given in our source)" if any(e["ci"] is None for e in rows) else ""
    _footnote(fig, f"Square = estimate; line = 95% confidence interval{note}.")
    return fig


def _footnote(fig, text):
    """A grey note under the figure; supxlabel keeps it clear of the axes (constrained layout)."""
    fig.supxlabel(text, fontsize=8.5, color=GREY, x=0.01, ha="left")


def _segment(ax, p, q, colour, width=5, z=2):
    ax.plot([p[0], q[0]], [p[1], q[1]], color=colour, linewidth=width, solid_capstyle="round", zorder=z)


def _add(p, length, angle_deg):
    """Point at ``length`` from ``p`` along ``angle_deg`` (degrees from vertical up, forward = +x)."""
    a = math.radians(angle_deg)
    return (p[0] + length * math.sin(a), p[1] + length * math.cos(a))


@styled
def draw_trendelenburg():
    fig = new_figure((8, 4.6))
    titles = [
        "A. Strong hip abductors:\npelvis stays level",
        "B. Weak hip abductors:\npelvis drops on the lifted-leg side",
    ]
    for k, (drop, title) in enumerate(zip((0.0, 11.0), titles)):
        ax = fig.add_subplot(1, 2, k + 1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_xlim(-2.6, 2.9)
        ax.set_ylim(-0.45, 6.5)
        ax.set_title(title, fontsize=10.5, loc="left")
        ax.plot([-2.4, 2.4], [0, 0], color=GREY, linewidth=1.5)
        ax.text(2.4, -0.08, "floor", ha="right", va="top", fontsize=8, color=GREY)
        stance_hip = (-0.55, 3.0)
        a = math.radians(-drop)
        width = 1.1
        other_hip = (stance_hip[0] + width * math.cos(a), stance_hip[1] + width * math.sin(a))
        # stance leg, straight to the floor
        _segment(ax, stance_hip, (-0.55, 0.05), INK)
        # lifted leg: knee bent so the foot is off the floor
        knee = (other_hip[0] + 0.05, other_hip[1] - 1.45)
        ankle = (knee[0] + 0.05, knee[1] - 0.75)
        _segment(ax, other_hip, knee, INK)
        _segment(ax, knee, ankle, INK)
        # pelvis: a block joining the hips, extended above them (iliac crests)
        ux, uy = math.cos(a), math.sin(a)
        nx, ny = -uy, ux
        pts = [
            (stance_hip[0] - 0.3 * ux, stance_hip[1] - 0.3 * uy),
            (other_hip[0] + 0.3 * ux, other_hip[1] + 0.3 * uy),
            (other_hip[0] + 0.3 * ux + 0.55 * nx, other_hip[1] + 0.3 * uy + 0.55 * ny),
            (stance_hip[0] - 0.3 * ux + 0.55 * nx, stance_hip[1] - 0.3 * uy + 0.55 * ny),
        ]
        ax.fill([p[0] for p in pts], [p[1] for p in pts], color=OKABE_ITO["sky_blue"], alpha=0.6, zorder=3,
                edgecolor=INK, linewidth=1.2)
        mid = ((pts[2][0] + pts[3][0]) / 2, (pts[2][1] + pts[3][1]) / 2)
        ax.text(mid[0] - 0.25, mid[1] - 0.28, "pelvis", ha="center", va="center", fontsize=8.5, zorder=4)
        # trunk and head
        shoulders = (mid[0], mid[1] + 1.9)
        _segment(ax, mid, shoulders, INK)
        _segment(ax, (shoulders[0] - 0.7, shoulders[1]), (shoulders[0] + 0.7, shoulders[1]), INK)
        ax.add_patch(__import__("matplotlib.patches", fromlist=["Circle"]).Circle(
            (shoulders[0], shoulders[1] + 0.45), 0.32, facecolor="white", edgecolor=INK, linewidth=2, zorder=3))
        # hip abductors on the stance side: pelvis rim to the top of the thigh bone
        muscle = [
            (pts[3][0] - 0.02, pts[3][1] - 0.05),
            (stance_hip[0] - 0.34, stance_hip[1] - 0.45),
            (stance_hip[0] - 0.12, stance_hip[1] - 0.45),
            (stance_hip[0] - 0.02, stance_hip[1] + 0.3),
        ]
        ax.fill([p[0] for p in muscle], [p[1] for p in muscle], color=OKABE_ITO["orange"], zorder=4,
                edgecolor=INK, linewidth=1, hatch=None if drop == 0 else "///")
        label = "hip abductors\n(gluteus medius,\nminimus): " + ("working" if drop == 0 else "weak")
        ax.annotate(label, xy=(stance_hip[0] - 0.3, stance_hip[1] - 0.1), xytext=(-2.55, 1.55), fontsize=8.5,
                    ha="left", va="center", arrowprops=dict(arrowstyle="->", color=INK, linewidth=1))
        # level reference and labels
        ax.plot([-1.3, 1.5], [stance_hip[1] + 0.55, stance_hip[1] + 0.55], linestyle="--", color=GREY, linewidth=1)
        ax.text(-0.55, -0.3, "stance leg", ha="center", va="top", fontsize=8.5)
        ax.text(ankle[0] + 0.2, ankle[1] - 0.05, "lifted leg", ha="left", va="top", fontsize=8.5)
        if drop:
            ax.annotate("", xy=(pts[2][0] + 0.05, pts[2][1]), xytext=(pts[2][0] + 0.05, stance_hip[1] + 0.55),
                        arrowprops=dict(arrowstyle="->", color=OKABE_ITO["vermillion"], linewidth=2))
            ax.text(pts[2][0] + 0.2, pts[2][1] + 0.55, "drops", ha="left", va="center", fontsize=9,
                    color=OKABE_ITO["vermillion"], fontweight="bold")
        else:
            ax.text(1.55, stance_hip[1] + 0.55, "level", ha="left", va="center", fontsize=9, color=GREY)
    _footnote(fig, "Seen from behind. Schematic, not to scale; the drop is exaggerated for clarity.")
    return fig


@styled
def draw_forward_bend():
    fig = new_figure((8, 3.6))
    stages = [("Standing", 0, 0, 0), ("Part way down", 20, 30, 10), ("Further down", 55, 40, 15)]
    pelvis_c, lumbar_c = OKABE_ITO["orange"], OKABE_ITO["blue"]
    for k, (name, p, l, t) in enumerate(stages):
        ax = fig.add_subplot(1, 3, k + 1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_xlim(-1.75, 2.9)
        ax.set_ylim(-0.3, 5.2)
        ax.set_title(name, fontsize=10.5)
        ax.plot([-1.0, 2.8], [0, 0], color=GREY, linewidth=1.5)
        ankle, hip = (0, 0.05), (0, 2.0)
        _segment(ax, ankle, hip, INK)
        pelvis_top = _add(hip, 0.45, p)
        lumbar_top = _add(pelvis_top, 0.9, p + l)
        chest_top = _add(lumbar_top, 1.0, p + l + t)
        _segment(ax, hip, pelvis_top, pelvis_c, width=9, z=3)
        _segment(ax, pelvis_top, lumbar_top, lumbar_c, width=7, z=3)
        _segment(ax, lumbar_top, chest_top, INK)
        head = _add(chest_top, 0.35, p + l + t)
        from matplotlib.patches import Circle

        ax.add_patch(Circle(head, 0.28, facecolor="white", edgecolor=INK, linewidth=2, zorder=3))
        if k == 0:
            ax.text(0.25, 2.15, "pelvis", color=INK, fontsize=9, ha="left", va="center")
            ax.text(0.25, 2.95, "lumbar spine\n(low back)", color=INK, fontsize=9, ha="left", va="center")
            ax.text(0.25, 1.0, "legs stay\nstraight", color=GREY, fontsize=8.5, ha="left", va="center")
        else:
            ax.text(-1.7, 0.6, "pelvis tips\nforward\nat the hips", fontsize=8.5, ha="left", va="center", color=INK)
            ax.annotate("", xy=_add(hip, 0.2, p), xytext=(-0.6, 1.0),
                        arrowprops=dict(arrowstyle="->", color=pelvis_c, linewidth=1.5))
            ax.text(lumbar_top[0], lumbar_top[1] + 0.45, "low back\nrounds", fontsize=8.5, ha="center",
                    va="bottom", color=INK)
    _footnote(fig, "Schematic: hips and low back share forward bending (lumbopelvic rhythm).\n"
              "How the movement is shared differs between people and along the movement.")
    return fig


@styled
def draw_causes_map():
    from ..causes import LEVEL_COLOURS, causes, level_info

    rows = causes()
    import textwrap

    fig = new_figure((8.5, 4.6))
    ax = fig.add_subplot()
    ax.axis("off")
    n = len(rows)
    ax.set_xlim(0, 10)
    ax.set_ylim(-1.0, n + 0.3)
    ax.text(0.05, n - 0.05, "Claimed cause", fontweight="bold", fontsize=10, va="center")
    ax.text(3.1, n - 0.05, "Strength of evidence the course found", fontweight="bold", fontsize=10, va="center")
    ax.text(6.5, n - 0.05, "Rating refers to", fontweight="bold", fontsize=10, va="center")
    for i, c in enumerate(rows):
        y = n - 1 - i - 0.15
        info = level_info(c["level"])
        colour = LEVEL_COLOURS[c["level"]]
        ax.text(0.05, y, f"{i + 1}. {c['name']}", fontsize=10, va="center")
        ax.text(3.1, y, f"{info['symbol']}  {info['label']}", fontsize=9.5, va="center", fontweight="bold",
                color=INK, bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=colour, linewidth=2))
        ax.text(6.5, y, textwrap.fill(c["level_note"], 36), fontsize=8.5, va="center", color=GREY)
        ax.plot([0, 10], [y - 0.5, y - 0.5], color="#dddddd", linewidth=0.8)
    ax.text(0.05, -0.8, "Filled dots: stronger evidence of a link (never proof of cause for one person).",
            fontsize=8.5, color=GREY, va="center")
    return fig


def figures():
    yield FigureSpec(
        name="hips-laird-forest.svg",
        alt=(
            "Forest plot from Laird et al. 2014 comparing people with and without low back pain. "
            "Standing lumbar curve: SMD 0.01, 95% CI -0.09 to 0.11. Lumbopelvic rhythm when bending forward: "
            "SMD -0.21, 95% CI -0.52 to 0.09. Standing pelvic tilt: SMD 0.24, 95% CI -0.03 to 0.50. "
            "Every estimate sits on or its interval crosses the zero line, which means no clear difference."
        ),
        draw=draw_forest,
    )
    yield FigureSpec(
        name="hips-trendelenburg.svg",
        alt=(
            "Two stick figures seen from behind, each standing on one leg with the other knee bent. "
            "In A the hip abductors on the standing side work and the pelvis stays level. In B they are weak "
            "and the pelvis drops on the side of the lifted leg: the Trendelenburg sign."
        ),
        draw=draw_trendelenburg,
    )
    yield FigureSpec(
        name="hips-forward-bend.svg",
        alt=(
            "Three side-view stick figures bending forward: standing, part way down and further down. "
            "The pelvis (orange) tips forward at the hips while the lumbar spine (blue) rounds; both "
            "share the movement, which is called lumbopelvic rhythm."
        ),
        draw=draw_forward_bend,
    )
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
