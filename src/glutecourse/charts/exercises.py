"""Exercise illustrations: one original figure per exercise.

Drawn from ``data/exercises-poses.json`` (joint positions, authored with
``scripts/make_exercises_poses.py``) and ``data/exercises.json`` (names, types, targets):
``images/exercises-<id>.svg``. Every figure uses the same body at the same scale
(``SCALE`` inches per metre): a filled torso and pelvis, a head on a neck, limbs as tapered
segments. Colour-blind-safe (Okabe-Ito): near limbs dark blue, far limbs a light tint of
the same blue, both outlined; the start position faded grey behind the end position; the
muscle that works in vermillion, always with a text label and a legend; movement arrows in
black. The geometry (which joints make a chain, the camera) is in ``topics.exercises``.
"""

from __future__ import annotations

import math
from functools import partial

from ..core.palette import OKABE_ITO
from ..topics.exercises import TYPE_LABELS, exercise, image_name, poses, projected, segments
from ..topics.exercises import pose as pose_of
from . import FigureSpec
from .plotting import INK, styled

#: Inches per metre of body: one scale for every exercise figure.
SCALE = 1.9
NEAR = OKABE_ITO["blue"]
FAR = "#8CBFDC"  # the same blue mixed with 55% white
MID = "#4095C5"  # the torso and head: the same blue mixed with 25% white
OUTLINE = "#0B3A5A"
GHOST = "#D4D4D4"
GHOST_EDGE = "#B0B0B0"
MUSCLE = OKABE_ITO["vermillion"]
ARROW = INK
FLOOR = "#555555"
FLOOR_FILL = "#EEEEEE"
PROP = "#B8B8B8"
PROP_EDGE = "#5A5A5A"
ROLLER = OKABE_ITO["yellow"]
HEAD_R = 0.105
#: Half-widths (metres) of each segment at its two ends, for the tapered limbs.
HALF_WIDTHS = {
    "upper_arm": (0.048, 0.038),
    "forearm": (0.036, 0.028),
    "thigh": (0.078, 0.052),
    "shin": (0.05, 0.034),
    "foot": (0.032, 0.022),
    "neck_head": (0.045, 0.045),
}
TORSO_HALF = {"side": (0.1, 0.11), "side-lying": (0.14, 0.16)}
PELVIS_R = {"side": 0.11, "side-lying": 0.14}
HAND_R = 0.038
#: What the highlight means, by exercise type (label prefix, legend entry).
MUSCLE_WORDS = {
    "strength": ("Working", "working muscle"),
    "stretch": ("Stretched", "stretched muscle"),
    "mobility": ("Moving", "part that moves"),
    "recovery": ("Rolled", "rolled muscle"),
}
CHAR_W = 0.034  # metres per character of a 9 pt label at SCALE, for the layout only


def slug(text: str) -> str:
    """``gluteus maximus`` -> ``gluteus-maximus``: the id of a highlight in the SVG."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


# ---------------------------------------------------------------------------- shapes


def _ccw(poly):
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]))
    return poly if area >= 0 else poly[::-1]


def _circle(c, r, n=16):
    return [(c[0] + r * math.cos(2 * math.pi * i / n), c[1] + r * math.sin(2 * math.pi * i / n)) for i in range(n)]


def _capsule(a, b, ra, rb, n=6):
    """A tapered segment from a to b with round ends (radii ra, rb)."""
    th = math.atan2(b[1] - a[1], b[0] - a[0])
    pts = []
    for i in range(n + 1):  # round end around a, on the side away from b
        t = th + math.pi / 2 + math.pi * i / n
        pts.append((a[0] + ra * math.cos(t), a[1] + ra * math.sin(t)))
    for i in range(n + 1):
        t = th - math.pi / 2 + math.pi * i / n
        pts.append((b[0] + rb * math.cos(t), b[1] + rb * math.sin(t)))
    return pts


def _frame(a, b):
    """Unit vector a->b and the normal on the figure's back (side views face right)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    u = (dx / n, dy / n)
    return u, (-u[1], u[0])


def _torso_line(p, n, curve, steps=12):
    """Points and back-normal of the torso's centre line from pelvis p to neck n, bowed
    towards the back by ``curve`` metres at its middle (cat: positive, camel: negative)."""
    u, back = _frame(p, n)
    pts = []
    for i in range(steps + 1):
        t = i / steps
        bow = 4 * curve * t * (1 - t)
        pts.append((p[0] + (n[0] - p[0]) * t + back[0] * bow, p[1] + (n[1] - p[1]) * t + back[1] * bow))
    return pts, back


def _band(line, half_widths, offset=0.0, normal=None):
    """A polygon around a polyline; ``half_widths`` per point; shifted by ``offset`` along
    ``normal`` (or each point's own normal)."""
    left, right = [], []
    for i, (x, y) in enumerate(line):
        a = line[max(i - 1, 0)]
        b = line[min(i + 1, len(line) - 1)]
        u, nrm = _frame(a, b)
        nrm = normal or nrm
        w = half_widths[i]
        cx, cy = x + nrm[0] * offset, y + nrm[1] * offset
        left.append((cx + nrm[0] * w, cy + nrm[1] * w))
        right.append((cx - nrm[0] * w, cy - nrm[1] * w))
    return left + right[::-1]


def _body_shapes(j, view, curve, face):
    """The body as groups of polygons, drawn in order: far arm, far leg, torso, head, near
    leg, near arm. ``j``: projected joints."""
    groups = {}
    for chain, a, b, nominal in segments_of(j):
        if chain == "torso":
            continue  # drawn below as one curved band
        ra, rb = HALF_WIDTHS[nominal]
        groups.setdefault(chain, []).append(_capsule(j[a], j[b], ra, rb))
    for chain, wrist in (("arm", "wrist"), ("arm_f", "wrist_f")):
        if wrist in j:
            groups.setdefault(chain, []).append(_circle(j[wrist], HAND_R, 10))
    line, back = _torso_line(j["pelvis"], j["neck"], curve)
    w0, w1 = TORSO_HALF[view]
    widths = [w0 + (w1 - w0) * i / (len(line) - 1) for i in range(len(line))]
    groups["torso"] = [
        _band(line, widths),
        _circle(j["pelvis"], PELVIS_R[view]),
        _circle(j["neck"], w1, 14),
    ]
    head = [_circle(j["head"], HEAD_R, 20)]
    if face:  # a small nose shows which way the face points
        u, bk = _frame(j["neck"], j["head"])
        f = (-bk[0], -bk[1])
        h = j["head"]
        head.append(
            [
                (h[0] + f[0] * (HEAD_R + 0.03) - u[0] * 0.01, h[1] + f[1] * (HEAD_R + 0.03) - u[1] * 0.01),
                (h[0] + f[0] * HEAD_R * 0.7 - u[0] * 0.035, h[1] + f[1] * HEAD_R * 0.7 - u[1] * 0.035),
                (h[0] + f[0] * HEAD_R * 0.7 + u[0] * 0.03, h[1] + f[1] * HEAD_R * 0.7 + u[1] * 0.03),
            ]
        )
    groups["head"] = groups.get("head", []) + head
    order = ["arm_f", "leg_f", "torso", "head", "leg", "arm"]
    return [(name, groups[name]) for name in order if name in groups]


def segments_of(j):
    """``topics.exercises.segments`` for already projected joints (names are the same)."""
    named = {k: v for k, v in j.items() if k not in ("pelvis",)}
    return segments(named)


def _compound(polys):
    from matplotlib.path import Path

    verts, codes = [], []
    for poly in polys:
        poly = _ccw(list(poly))
        verts += poly + [poly[0]]
        codes += [Path.MOVETO] + [Path.LINETO] * (len(poly) - 1) + [Path.CLOSEPOLY]
    return Path(verts, codes)


def _draw_body(ax, j, view, curve, face, ghost=False):
    from matplotlib.patches import PathPatch

    for name, polys in _body_shapes(j, view, curve, face):
        path = _compound(polys)
        if ghost:  # behind the end position
            ax.add_patch(PathPatch(path, facecolor=GHOST, edgecolor=GHOST_EDGE, lw=0.8, zorder=2))
            continue
        colour = FAR if name.endswith("_f") else MID if name in ("torso", "head") else NEAR
        ax.add_patch(PathPatch(path, facecolor=colour, edgecolor=OUTLINE, lw=1.0, joinstyle="round", zorder=4))


# ---------------------------------------------------------------------------- muscles


def _muscle_shape(m, j, view, curve):
    """(polygon, anchor) of the highlighted region on the projected body ``j``."""
    s = "" if m.side == "near" else "_f"
    region = m.region
    if region in ("low-back", "back"):
        line, back = _torso_line(j["pelvis"], j["neck"], curve, steps=24)
        t0, t1 = (0.1, 0.45) if region == "low-back" else (0.12, 0.88)
        part = line[round(t0 * 24) : round(t1 * 24) + 1]
        w = TORSO_HALF[view][0]
        poly = _band(part, [0.04] * len(part), offset=w - 0.045, normal=back)
        return poly, part[len(part) // 2]
    if region in ("thigh-back", "thigh-front"):
        hip, knee = j["hip" + s], j["knee" + s]
        u, back = _frame(hip, knee)  # for a leg, this normal points to its front
        normal = (-back[0], -back[1]) if region == "thigh-back" else back
        part = [(hip[0] + (knee[0] - hip[0]) * t, hip[1] + (knee[1] - hip[1]) * t) for t in (0.2, 0.5, 0.85)]
        poly = _band(part, [0.035, 0.04, 0.03], offset=0.035, normal=normal)
        return poly, part[1]
    u, back = _frame(j["pelvis"], j["neck"])
    if region == "buttock":
        hip, knee = j["hip" + s], j["knee" + s]
        t, _ = _frame(hip, knee)
        c = (hip[0] + back[0] * 0.075 + t[0] * 0.03, hip[1] + back[1] * 0.075 + t[1] * 0.03)
        return _ellipse(c, 0.11, 0.075, math.atan2(u[1], u[0])), c
    # hip-side: gluteus medius, above and behind the top hip (side-lying, seen from behind)
    hip = j["hip" + s]
    c = (hip[0] + u[0] * 0.07, hip[1] + u[1] * 0.07 + 0.01)
    return _ellipse(c, 0.1, 0.065, math.atan2(u[1], u[0])), c


def _ellipse(c, a, b, angle, n=18):
    ca, sa = math.cos(angle), math.sin(angle)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = a * math.cos(t), b * math.sin(t)
        pts.append((c[0] + x * ca - y * sa, c[1] + x * sa + y * ca))
    return pts


# ---------------------------------------------------------------------------- props and floor


def _prop_polys(prop):
    if prop.kind == "roller":
        return [_circle(prop.center, prop.radius, 20)]
    x0, x1 = prop.seat
    y = prop.seat_y
    t = 0.035
    return [
        [(x0 - t, y - t), (x1, y - t), (x1, y), (x0 - t, y)],  # seat
        [(x0 - t, 0), (x0, 0), (x0, prop.back_top), (x0 - t, prop.back_top)],  # back and back leg
        [(x1 - t, 0), (x1, 0), (x1, y - t), (x1 - t, y - t)],  # front leg
    ]


def _draw_props(ax, props):
    from matplotlib.patches import PathPatch

    for prop in props:
        colour = ROLLER if prop.kind == "roller" else PROP
        ax.add_patch(PathPatch(_compound(_prop_polys(prop)), facecolor=colour, edgecolor=PROP_EDGE, lw=1, zorder=1))
        if prop.kind == "roller":
            (cx, cy), r = prop.center, prop.radius
            ax.annotate(
                "foam roller",
                (cx + r * 0.8, cy - r * 0.4),
                (cx + 0.3, cy - 0.04),
                fontsize=9,
                color=INK,
                va="center",
                arrowprops={"arrowstyle": "-", "color": PROP_EDGE, "lw": 0.8},
                zorder=6,
            )
        else:
            ax.text(prop.seat[0] - 0.05, prop.back_top, "chair", ha="right", va="top", fontsize=9, color=INK)


def _floor(pose, panels):
    """The floor's drawn band (y0, y1): a line for level views; for a camera looking down,
    the floor area between the nearest and farthest body points, with a margin."""
    e = pose.elevation
    if not e:
        return (-0.045, 0.0)
    zs = [p[2] for panel in panels for joints in _positions(panel) for p in joints.values() if len(p) > 2]
    s = math.sin(math.radians(e))
    return (-(max(zs) + 0.2) * s, -(min(zs) - 0.2) * s)


# ---------------------------------------------------------------------------- layout


def _positions(panel):
    """A panel's drawn positions: the end position, and the start position when it has one."""
    return (panel.joints,) if panel.start is None else (panel.joints, panel.start)


def _panel_box(pose, panel, floor, words):
    e = pose.elevation
    xs, ys = [], [floor[0]]
    for joints in _positions(panel):
        for x, y in projected(joints, e).values():
            xs += [x - 0.16, x + 0.16]
            ys += [y - 0.16, y + 0.16]
    for arrow in panel.arrows:
        for point in (arrow.from_, arrow.to):
            x, y = _proj(point, e)
            xs.append(x)
            ys.append(y - 0.05)
    for loop in panel.loops:
        (cx, cy), (w, h) = loop.center, loop.size
        xs += [cx - w / 2, cx + w / 2]
        ys += [cy - h / 2, cy + h / 2]
    for m in panel.muscles:
        lx, ly = m.label_at
        xs += [lx, lx + CHAR_W * len(f"{words[0]}: {m.target}")]
        ys += [ly - 0.05, ly + 0.05]
    for prop in pose.props + panel.props:
        for poly in _prop_polys(prop):
            xs += [p[0] for p in poly]
            ys += [p[1] for p in poly]
        if prop.kind == "chair":
            xs.append(prop.seat[0] - 0.05 - 5 * CHAR_W)
        else:
            xs.append(prop.center[0] + 0.3 + 11 * CHAR_W)
    pad = 0.05
    return min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad


def _proj(p, e):
    from ..topics.exercises import project

    return project(p, e)


def _draw_panel(ax, pose, panel, box, floor, words):
    from matplotlib.patches import Arc, FancyArrowPatch, PathPatch, Rectangle

    e = pose.elevation
    view = pose.view
    face = view == "side"
    x0, x1, y0, y1 = box
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Rectangle((x0, floor[0]), x1 - x0, floor[1] - floor[0], facecolor=FLOOR_FILL, lw=0, zorder=0))
    ax.plot([x0, x1], [floor[0], floor[0]] if e else [0, 0], color=FLOOR, lw=1.5, zorder=0.5)
    _draw_props(ax, pose.props + panel.props)
    if panel.start is not None:
        _draw_body(ax, projected(panel.start, e), view, 0.0, face, ghost=True)
    j = projected(panel.joints, e)
    curve = panel.spine_curve
    _draw_body(ax, j, view, curve, face)
    for m in panel.muscles:
        poly, anchor = _muscle_shape(m, j, view, curve)
        patch = PathPatch(_compound([poly]), facecolor=MUSCLE, edgecolor="white", lw=0.8, alpha=0.95, zorder=7)
        patch.set_gid(f"muscle-{slug(m.target)}")
        ax.add_patch(patch)
        label = ax.annotate(
            f"{words[0]}: {m.target}",
            anchor,
            tuple(m.label_at),
            fontsize=9,
            color=INK,
            ha="left",
            va="center",
            zorder=9,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": MUSCLE, "lw": 1.2},
            arrowprops={"arrowstyle": "-", "color": MUSCLE, "lw": 1.2, "shrinkB": 1},
        )
        label.set_gid(f"muscle-label-{slug(m.target)}")
    for arrow in panel.arrows:
        ax.add_patch(
            FancyArrowPatch(
                _proj(arrow.from_, e),
                _proj(arrow.to, e),
                connectionstyle=f"arc3,rad={arrow.curve}",
                arrowstyle="<|-|>" if arrow.both else "-|>",
                mutation_scale=14,
                color=ARROW,
                lw=2,
                zorder=8,
            )
        )
    for loop in panel.loops:
        (cx, cy), (w, h) = loop.center, loop.size
        ax.add_patch(Arc((cx, cy), w, h, theta1=200, theta2=520, color=ARROW, lw=2, zorder=3))
        t = math.radians(160)
        tip = (cx + w / 2 * math.cos(t), cy + h / 2 * math.sin(t))
        ax.add_patch(
            FancyArrowPatch(
                (tip[0] + 0.04, tip[1] + 0.012),
                tip,
                arrowstyle="-|>",
                mutation_scale=14,
                color=ARROW,
                lw=2,
                zorder=8,
            )
        )
    ax.set_title(panel.label, loc="left", fontsize=9.5, fontweight="bold", pad=3)


def _view_words(pose):
    e = pose.elevation
    if pose.view == "side-lying":
        return "Lying on the side, seen from the front" + (" and above" if e >= 20 else "")
    return "Seen from the side" + (" and a little above" if e else "")


@styled
def draw_exercise(exercise_id: str):
    """The illustration of one exercise (a matplotlib Figure), at ``SCALE`` inches per metre."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    pose = pose_of(exercise_id)
    ex = exercise(exercise_id)
    words = MUSCLE_WORDS[ex.type]
    floor = _floor(pose, pose.panels)
    boxes = [_panel_box(pose, panel, floor, words) for panel in pose.panels]
    top, bottom, margin, gap = 0.78, 0.42, 0.12, 0.3  # inches
    widths = [(b[1] - b[0]) * SCALE for b in boxes]
    height = max(b[3] - b[2] for b in boxes) * SCALE
    need = sum(widths) + gap * (len(widths) - 1) + 2 * margin
    fig_w = round(max(need, 6.4), 2)
    fig_h = round(height + top + bottom, 2)
    fig = Figure(figsize=(fig_w, fig_h))
    x = (fig_w - need) / 2 + margin
    for panel, box, w in zip(pose.panels, boxes, widths):
        h = (box[3] - box[2]) * SCALE
        ax = fig.add_axes((x / fig_w, (bottom + (height - h)) / fig_h, w / fig_w, h / fig_h))
        _draw_panel(ax, pose, panel, box, floor, words)
        x += w + gap
    fig.text(
        0.12 / fig_w,
        1 - 0.08 / fig_h,
        f"{ex.name}  ·  {TYPE_LABELS[ex.type].lower()}",
        fontsize=11.5,
        fontweight="bold",
        va="top",
        color=INK,
    )
    fig.text(0.12 / fig_w, 1 - 0.3 / fig_h, _view_words(pose), fontsize=9, va="top", color=INK)
    handles = [
        Patch(facecolor=NEAR, edgecolor=OUTLINE, label="near side"),
        Patch(facecolor=FAR, edgecolor=OUTLINE, label="far side"),
    ]
    if any(p.start is not None for p in pose.panels):
        handles.append(Patch(facecolor=GHOST, edgecolor=GHOST_EDGE, label="start position"))
    handles.append(Patch(facecolor=MUSCLE, edgecolor="white", label=words[1]))
    if any(p.arrows or p.loops for p in pose.panels):
        handles.append(Line2D([], [], color=ARROW, lw=2, marker=">", markersize=6, label="movement"))
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.08 / fig_w, 0.02 / fig_h),
        ncol=len(handles),
        fontsize=9,
        frameon=False,
        handlelength=1.4,
        columnspacing=1.2,
    )
    return fig


def figures():
    for pose in poses().poses:
        yield FigureSpec(name=image_name(pose.id), alt=pose.alt, draw=_drawer(pose.id))


def _drawer(exercise_id):
    fn = partial(draw_exercise, exercise_id)
    fn.__module__ = __name__
    return fn
