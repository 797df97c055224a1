"""Exercise illustrations: one original stick-figure card per exercise.

Drawn from ``data/exercises-poses.json`` (joint coordinates) and ``data/exercises.json``
(names, types): ``images/exercises-<id>.svg``. Colour-blind-safe (Okabe-Ito): the figure in
black (far limbs grey), the working muscle area in vermillion with a text label, movement
arrows in blue, props in sky blue. Every colour is paired with a text label.
"""

from __future__ import annotations

from functools import partial

from ..core.palette import OKABE_ITO
from ..topics.exercises import TYPE_LABELS, exercise, image_name, poses
from . import FigureSpec
from .plotting import new_figure, styled

NEAR = "#1a1a1a"
FAR = "#8c8c8c"
FLOOR = "#6b6b6b"
MUSCLE = OKABE_ITO["vermillion"]
ARROW = OKABE_ITO["blue"]
PROP = OKABE_ITO["sky_blue"]
HEAD_R = 0.1

BONES = [("elbow", "wrist"), ("knee", "ankle"), ("ankle", "toe"), ("hip", "knee")]
ARM = [("neck", "elbow"), ("elbow", "wrist")]
LEG = [("hip", "knee"), ("knee", "ankle"), ("ankle", "toe")]


def _bbox(panel, props):
    xs, ys = [], []
    for x, y in panel["joints"].values():
        xs.append(x)
        ys.append(y)
    hx, hy = panel["joints"]["head"]
    xs += [hx - HEAD_R, hx + HEAD_R]
    ys += [hy + HEAD_R, 0.0]
    for arrow in panel.get("arrows", []):
        for key in ("from", "to"):
            xs.append(arrow[key][0])
            ys.append(arrow[key][1])
    for loop in panel.get("loops", []):
        (cx, cy), (w, h) = loop["center"], loop["size"]
        xs += [cx - w / 2, cx + w / 2]
        ys += [cy - h / 2, cy + h / 2]
    m = panel.get("muscle")
    if m:
        xs.append(m["label_at"][0])
        ys.append(m["label_at"][1])
    for prop in props:
        if prop["kind"] == "chair":
            xs += list(prop["seat"])
            ys.append(prop["back_top"])
    return min(xs), max(xs), min(ys), max(ys)


def _line(ax, joints, a, b, colour, width, z):
    if a in joints and b in joints:
        (x1, y1), (x2, y2) = joints[a], joints[b]
        ax.plot([x1, x2], [y1, y2], color=colour, lw=width, solid_capstyle="round", zorder=z)


def _torso(ax, joints, curve):
    """The spine from hip (or mid-pelvis in front views) to neck, bowed by ``curve``."""
    import numpy as np

    if "hip_f" in joints:
        hx = (joints["hip"][0] + joints["hip_f"][0]) / 2
        hy = (joints["hip"][1] + joints["hip_f"][1]) / 2
    else:
        hx, hy = joints["hip"]
    nx, ny = joints["neck"]
    t = np.linspace(0, 1, 30)
    dx, dy = nx - hx, ny - hy
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    # Normal pointing to the left of the hip->neck direction; for a figure facing right with
    # the torso rising from the hip, a positive curve bows the back upwards.
    px, py = -dy / length, dx / length
    if px > 0:  # keep "positive = towards the ceiling / back" whatever the torso direction
        px, py = -px, -py
    if py < 0:
        px, py = -px, -py
    bow = 4 * curve * t * (1 - t)
    xs = hx + dx * t + px * bow
    ys = hy + dy * t + py * bow
    ax.plot(xs, ys, color=NEAR, lw=6, solid_capstyle="round", zorder=4)


def _draw_props(ax, props, z=1):
    from matplotlib.patches import Circle

    for prop in props:
        if prop["kind"] == "roller":
            (cx, cy), r = prop["center"], prop["radius"]
            ax.add_patch(Circle((cx, cy), r, facecolor=PROP, edgecolor="#1f5f80", lw=1.5, zorder=2))
            ax.annotate(
                "foam roller",
                (cx + r * 0.7, cy - r * 0.3),
                (cx + 0.28, cy - 0.02),
                fontsize=8,
                color="#1a1a1a",
                arrowprops={"arrowstyle": "-", "color": "#1f5f80", "lw": 0.8},
                zorder=6,
            )
        elif prop["kind"] == "chair":
            x0, x1 = prop["seat"]
            y = prop["seat_y"]
            kw = {"color": PROP, "lw": 3, "solid_capstyle": "round", "zorder": z}
            ax.plot([x0, x1], [y, y], **kw)
            ax.plot([x0, x0], [0, prop["back_top"]], **kw)
            ax.plot([x1, x1], [0, y], **kw)
            ax.text(x0 - 0.03, prop["back_top"], "chair", ha="right", va="top", fontsize=8, color="#1a1a1a")


def _draw_panel(ax, panel, props, limits, title):
    from matplotlib.patches import Circle, Ellipse, FancyArrowPatch

    j = panel["joints"]
    x0, x1, y0, y1 = limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.axis("off")
    # floor with a light hatch underneath
    ax.plot([x0, x1], [0, 0], color=FLOOR, lw=1.5, zorder=1)
    ax.fill_between([x0, x1], [-0.05, -0.05], [0, 0], color="#e6e6e6", zorder=0, lw=0)
    _draw_props(ax, props + panel.get("props", []))
    # far limbs first (grey), then torso and near limbs
    for a, b in [("neck", "elbow_f"), ("elbow_f", "wrist_f")]:
        _line(ax, j, a, b, FAR, 4.5, 2)
    far_hip = "hip_f" if "hip_f" in j else "hip"
    for a, b in [(far_hip, "knee_f"), ("knee_f", "ankle_f"), ("ankle_f", "toe_f")]:
        _line(ax, j, a, b, FAR, 4.5, 2)
    if "hip_f" in j:
        _line(ax, j, "hip", "hip_f", NEAR, 5, 4)
    _torso(ax, j, panel.get("spine_curve", 0.0))
    for a, b in LEG + ARM:
        _line(ax, j, a, b, NEAR, 5, 5)
    hx, hy = j["head"]
    ax.add_patch(Circle((hx, hy), HEAD_R, facecolor="white", edgecolor=NEAR, lw=2.5, zorder=6))
    m = panel.get("muscle")
    if m:
        (cx, cy), (w, h) = m["center"], m["size"]
        ax.add_patch(
            Ellipse((cx, cy), w, h, angle=m["angle"], facecolor=MUSCLE, alpha=0.55, edgecolor=MUSCLE, lw=1.5, zorder=7)
        )
        lx, ly = m["label_at"]
        ax.annotate(
            f"Working: {m['label']}",
            (cx, cy),
            (lx, ly),
            fontsize=8.5,
            color="#1a1a1a",
            ha="left",
            va="center",
            zorder=9,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": MUSCLE, "lw": 1.2},
            arrowprops={"arrowstyle": "-", "color": MUSCLE, "lw": 1.2, "shrinkB": 2},
        )
    for arrow in panel.get("arrows", []):
        style = "<|-|>" if arrow.get("both") else "-|>"
        ax.add_patch(
            FancyArrowPatch(
                tuple(arrow["from"]),
                tuple(arrow["to"]),
                connectionstyle=f"arc3,rad={arrow['curve']}",
                arrowstyle=style,
                mutation_scale=16,
                color=ARROW,
                lw=2.2,
                zorder=8,
            )
        )
    for loop in panel.get("loops", []):
        from matplotlib.patches import Arc

        (cx, cy), (w, h) = loop["center"], loop["size"]
        ax.add_patch(Arc((cx, cy), w, h, theta1=20, theta2=340, color=ARROW, lw=2.2, zorder=8))
        import math

        tx, ty = cx + w / 2 * math.cos(math.radians(340)), cy + h / 2 * math.sin(math.radians(340))
        ax.add_patch(
            FancyArrowPatch(
                (tx - 0.01, ty - 0.012),
                (tx + 0.03, ty + 0.03),
                arrowstyle="-|>",
                mutation_scale=16,
                color=ARROW,
                lw=2.2,
                zorder=8,
            )
        )
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold", pad=2)


def _limits(panels, props, pad=0.12):
    boxes = [_bbox(p, props) for p in panels]
    y0 = -0.08
    y1 = max(b[3] for b in boxes) + pad
    return [(b[0] - pad, b[1] + pad, y0, y1) for b in boxes]


@styled
def draw_exercise(exercise_id: str):
    """The illustration of one exercise (a matplotlib Figure)."""

    pose = next(p for p in poses()["poses"] if p["id"] == exercise_id)
    ex = exercise(exercise_id)
    props = pose.get("props", [])
    limits = _limits(pose["panels"], props)
    widths = [lim[1] - lim[0] for lim in limits]
    height = limits[0][3] - limits[0][2]
    fig_w = 7.2
    fig_h = max(2.4, min(4.2, fig_w * height / sum(widths) + 0.7))
    if len(limits) == 1:  # one panel: as wide as the drawing needs, not the full width
        fig_w = max(6.0, min(7.2, (fig_h - 0.7) * sum(widths) / height))
    fig = new_figure(figsize=(fig_w, fig_h))
    axes = fig.subplots(1, len(limits), width_ratios=widths, squeeze=False)[0]
    for ax, panel, lim in zip(axes, pose["panels"], limits):
        _draw_panel(ax, panel, props, lim, panel["label"])
    view = "seen from the side" if pose["view"] == "side" else "lying on the side, seen from the front"
    fig.suptitle(
        f"{ex['name']}  ·  {TYPE_LABELS[ex['type']].lower()}  ·  {view}",
        fontsize=11.5,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    return fig


def figures():

    for pose in poses()["poses"]:
        yield FigureSpec(name=image_name(pose["id"]), alt=pose["alt"], draw=_drawer(pose["id"]))


def _drawer(exercise_id):
    fn = partial(draw_exercise, exercise_id)
    fn.__module__ = __name__
    return fn
