"""Movement schematics for notebook 02 (forward bending, single-leg stance), drawn from
fixed angles chosen for clarity and labelled as schematic: no data file behind them."""

from __future__ import annotations

import math

from ..core.palette import OKABE_ITO
from . import FigureSpec
from .plotting import GREY, INK, footnote, new_figure, styled


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
        ax.fill(
            [p[0] for p in pts],
            [p[1] for p in pts],
            color=OKABE_ITO["sky_blue"],
            alpha=0.6,
            zorder=3,
            edgecolor=INK,
            linewidth=1.2,
        )
        mid = ((pts[2][0] + pts[3][0]) / 2, (pts[2][1] + pts[3][1]) / 2)
        ax.text(mid[0] - 0.25, mid[1] - 0.28, "pelvis", ha="center", va="center", fontsize=8.5, zorder=4)
        # trunk and head
        shoulders = (mid[0], mid[1] + 1.9)
        _segment(ax, mid, shoulders, INK)
        _segment(ax, (shoulders[0] - 0.7, shoulders[1]), (shoulders[0] + 0.7, shoulders[1]), INK)
        ax.add_patch(
            __import__("matplotlib.patches", fromlist=["Circle"]).Circle(
                (shoulders[0], shoulders[1] + 0.45), 0.32, facecolor="white", edgecolor=INK, linewidth=2, zorder=3
            )
        )
        # hip abductors on the stance side: pelvis rim to the top of the thigh bone
        muscle = [
            (pts[3][0] - 0.02, pts[3][1] - 0.05),
            (stance_hip[0] - 0.34, stance_hip[1] - 0.45),
            (stance_hip[0] - 0.12, stance_hip[1] - 0.45),
            (stance_hip[0] - 0.02, stance_hip[1] + 0.3),
        ]
        ax.fill(
            [p[0] for p in muscle],
            [p[1] for p in muscle],
            color=OKABE_ITO["orange"],
            zorder=4,
            edgecolor=INK,
            linewidth=1,
            hatch=None if drop == 0 else "///",
        )
        label = "hip abductors\n(gluteus medius,\nminimus): " + ("working" if drop == 0 else "weak")
        ax.annotate(
            label,
            xy=(stance_hip[0] - 0.3, stance_hip[1] - 0.1),
            xytext=(-2.55, 1.55),
            fontsize=8.5,
            ha="left",
            va="center",
            arrowprops=dict(arrowstyle="->", color=INK, linewidth=1),
        )
        # level reference and labels
        ax.plot([-1.3, 1.5], [stance_hip[1] + 0.55, stance_hip[1] + 0.55], linestyle="--", color=GREY, linewidth=1)
        ax.text(-0.55, -0.3, "stance leg", ha="center", va="top", fontsize=8.5)
        ax.text(ankle[0] + 0.2, ankle[1] - 0.05, "lifted leg", ha="left", va="top", fontsize=8.5)
        if drop:
            ax.annotate(
                "",
                xy=(pts[2][0] + 0.05, pts[2][1]),
                xytext=(pts[2][0] + 0.05, stance_hip[1] + 0.55),
                arrowprops=dict(arrowstyle="->", color=OKABE_ITO["vermillion"], linewidth=2),
            )
            ax.text(
                pts[2][0] + 0.2,
                pts[2][1] + 0.55,
                "drops",
                ha="left",
                va="center",
                fontsize=9,
                color=OKABE_ITO["vermillion"],
                fontweight="bold",
            )
        else:
            ax.text(1.55, stance_hip[1] + 0.55, "level", ha="left", va="center", fontsize=9, color=GREY)
    footnote(fig, "Seen from behind. Schematic, not to scale; the drop is exaggerated for clarity.")
    return fig


@styled
def draw_forward_bend():
    fig = new_figure((8, 3.6))
    stages = [("Standing", 0, 0, 0), ("Part way down", 20, 30, 10), ("Further down", 55, 40, 15)]
    pelvis_c, lumbar_c = OKABE_ITO["orange"], OKABE_ITO["blue"]
    for k, (name, p, lumbar, t) in enumerate(stages):
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
        lumbar_top = _add(pelvis_top, 0.9, p + lumbar)
        chest_top = _add(lumbar_top, 1.0, p + lumbar + t)
        _segment(ax, hip, pelvis_top, pelvis_c, width=9, z=3)
        _segment(ax, pelvis_top, lumbar_top, lumbar_c, width=7, z=3)
        _segment(ax, lumbar_top, chest_top, INK)
        head = _add(chest_top, 0.35, p + lumbar + t)
        from matplotlib.patches import Circle

        ax.add_patch(Circle(head, 0.28, facecolor="white", edgecolor=INK, linewidth=2, zorder=3))
        if k == 0:
            ax.text(0.25, 2.15, "pelvis", color=INK, fontsize=9, ha="left", va="center")
            ax.text(0.25, 2.95, "lumbar spine\n(low back)", color=INK, fontsize=9, ha="left", va="center")
            ax.text(0.25, 1.0, "legs stay\nstraight", color=GREY, fontsize=8.5, ha="left", va="center")
        else:
            ax.text(-1.7, 0.6, "pelvis tips\nforward\nat the hips", fontsize=8.5, ha="left", va="center", color=INK)
            ax.annotate(
                "",
                xy=_add(hip, 0.2, p),
                xytext=(-0.6, 1.0),
                arrowprops=dict(arrowstyle="->", color=pelvis_c, linewidth=1.5),
            )
            ax.text(
                lumbar_top[0],
                lumbar_top[1] + 0.45,
                "low back\nrounds",
                fontsize=8.5,
                ha="center",
                va="bottom",
                color=INK,
            )
    footnote(
        fig,
        "Schematic: hips and low back share forward bending (lumbopelvic rhythm).\n"
        "How the movement is shared differs between people and along the movement.",
    )
    return fig


def figures():
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
