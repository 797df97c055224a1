"""Schematic anatomy of the right hip, drawn from data/anatomy-diagram.json.

- ``anatomy-posterior.svg``: from behind, surface layer and deep layer side by side.
- ``anatomy-lateral.svg``: from the side, surface layer and the deepest glute.
- ``anatomy-highlight-<id>.svg``: one per muscle, that muscle in colour (others grey),
  its origin marked with dots and its insertion with squares (for the muscle explorer).

Every shape carries a text label; colours come from the Okabe-Ito palette, and muscles
that share a colour differ by hatching and by label.
"""

from __future__ import annotations

import re
import textwrap

from . import FigureSpec

BONE_FILL = "#F2EBDD"
BONE_EDGE = "#7A6A55"
GREY_FILL = "#DDDDDD"
GREY_EDGE = "#8C8C8C"
NERVE_FILL = "#F0E442"  # Okabe-Ito yellow, with a black edge
TEXT = "#222222"
MUTED = "#555555"


def _data():
    from ..topics.anatomy import diagram

    return diagram()


def _names():
    from ..core.text import strip_tags
    from ..topics.anatomy import muscles

    return {m["id"]: strip_tags(m["name"]) for m in muscles()}


def _view(view_id):
    return next(v for v in _data()["views"] if v["id"] == view_id)


def _draw_panel(ax, view, panel, highlight=None, label_all=True):
    """Draw one panel of a view on ``ax``.

    highlight: a muscle id drawn in colour on top (everything else grey); None draws every
    muscle in its own colour, in depth order.
    """
    from matplotlib.patches import Circle, PathPatch, Polygon
    from matplotlib.path import Path as MplPath

    from ..core.palette import OKABE_ITO

    names = _names()
    ax.set_xlim(*view["xlim"])
    ax.set_ylim(*view["ylim"])
    ax.set_aspect("equal")
    ax.set_axis_off()

    # Bones (holes cut out with a compound path).
    for bone in view["bones"]:
        if "circle" in bone:
            c = bone["circle"]
            ax.add_patch(Circle(c["centre"], c["r"], facecolor=BONE_FILL, edgecolor=BONE_EDGE, lw=1, zorder=1))
        rings = [bone["points"], *bone.get("holes", [])]
        verts, codes = [], []
        for ring in rings:
            verts += [tuple(p) for p in ring] + [tuple(ring[0])]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
        ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=BONE_FILL, edgecolor=BONE_EDGE, lw=1, zorder=1.1))

    hidden = set(panel["hide"])
    layers = []  # (depth, kind, item)
    for m in view["muscles"]:
        if m["id"] not in hidden:
            layers.append((m["depth"], "muscle", m))
    for n in view["nerves"]:
        layers.append((n["depth"], "nerve", n))
    # Deepest first; ties keep data order. The highlighted muscle goes on top of muscles.
    layers.sort(key=lambda t: -t[0])
    z = 2.0
    focus = None
    for _depth, kind, item in layers:
        z += 0.01
        if kind == "muscle":
            if highlight is not None and item["id"] == highlight:
                focus = item
                continue
            colour = GREY_FILL if highlight else OKABE_ITO[item["colour"]]
            ax.add_patch(
                Polygon(
                    item["points"],
                    closed=True,
                    facecolor=colour,
                    edgecolor="#333333" if not highlight else GREY_EDGE,
                    lw=0.8,
                    hatch=None if highlight else item.get("hatch"),
                    zorder=z,
                )
            )
        else:
            xs, ys = zip(*item["points"])
            width = item["width"]
            ax.plot(xs, ys, color="black", lw=width + 1.6, solid_capstyle="round", solid_joinstyle="round", zorder=z)
            ax.plot(
                xs, ys, color=NERVE_FILL, lw=width, solid_capstyle="round", solid_joinstyle="round", zorder=z + 0.001
            )

    for ghost_id in panel["ghost"]:
        m = next((m for m in view["muscles"] if m["id"] == ghost_id), None)
        if m is not None:
            ax.add_patch(
                Polygon(m["points"], closed=True, fill=False, edgecolor=MUTED, lw=0.9, ls=(0, (4, 3)), zorder=3.5)
            )

    if focus is not None:
        colour = OKABE_ITO[focus["colour"]]
        for part in focus.get("hidden", []):
            ax.add_patch(
                Polygon(
                    part, closed=True, facecolor=colour, alpha=0.35, edgecolor="black", lw=1, ls=(0, (3, 2)), zorder=3.6
                )
            )
        ax.add_patch(Polygon(focus["points"], closed=True, facecolor=colour, edgecolor="black", lw=1.6, zorder=3.7))
        for x, y in focus["origin"]:
            ax.plot([x], [y], marker="o", ms=7, mfc="black", mec="white", mew=1.2, ls="none", zorder=4)
        for x, y in focus["insertion"]:
            ax.plot([x], [y], marker="s", ms=7, mfc="white", mec="black", mew=1.5, ls="none", zorder=4)

    # Labels with leader lines.
    anchors = {m["id"]: (m["anchor"], names.get(m["id"], m["id"])) for m in view["muscles"]}
    anchors.update({n["id"]: (n["anchor"], n["label"]) for n in view["nerves"]})
    anchors.update({lm["id"]: (lm["at"], lm["label"]) for lm in view.get("landmarks", [])})
    for bone in view["bones"]:
        pts = bone["points"]
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
        anchors.setdefault(bone["id"], (bone.get("anchor", (cx, cy)), bone["label"]))
    labels = panel["labels"] if label_all else []
    if highlight is not None:
        labels = [lab for lab in labels if lab["target"] != highlight]
    for lab in labels:
        (ax_, ay_), text = anchors[lab["target"]]
        text = textwrap.fill(lab.get("text", text), 26)
        tx, ty = lab["at"]
        is_bone = lab["target"] in {b["id"] for b in view["bones"]} | {lm["id"] for lm in view.get("landmarks", [])}
        weak = highlight is not None
        ax.annotate(
            text,
            xy=(ax_, ay_),
            xytext=(tx, ty),
            ha="left" if tx > ax_ else "right",
            va="center",
            fontsize=8.5,
            color=MUTED if (is_bone or weak) else TEXT,
            style="italic" if is_bone else "normal",
            arrowprops=dict(arrowstyle="-", color=MUTED if weak else "#444444", lw=0.7, shrinkA=2, shrinkB=0),
            zorder=6,
        )
        ax.plot([ax_], [ay_], marker="o", ms=2.5, color="#444444", zorder=6)

    d = view["directions"]
    y0 = view["ylim"][0] + 1
    ax.text(view["xlim"][0] + 2, y0, d["left"], fontsize=8, color=MUTED, ha="left", va="bottom")
    ax.text(view["xlim"][1] - 2, y0, d["right"], fontsize=8, color=MUTED, ha="right", va="bottom")
    ax.set_title(panel["title"], fontsize=10, loc="left")


def _footer(fig, extra=""):
    fig.text(
        0.01,
        0.005,
        "Schematic, not to scale: simplified shapes, true relative positions. " + extra,
        fontsize=8,
        color=MUTED,
        ha="left",
        va="bottom",
    )


def _draw_view(view_id):
    from .plotting import new_figure, styled

    @styled
    def draw():
        view = _view(view_id)
        n = len(view["panels"])
        fig = new_figure(figsize=(6.5 * n, 5.0))
        axes = fig.subplots(1, n, squeeze=False)[0]
        for ax, panel in zip(axes, view["panels"]):
            _draw_panel(ax, view, panel)
        fig.suptitle(view["title"], fontsize=12, x=0.01, ha="left")
        _footer(fig, "Yellow with a black edge = nerve; dashed outline = muscle removed.")
        return fig

    return draw


def _draw_highlight(muscle_id):
    from .plotting import new_figure, styled

    @styled
    def draw():
        data = _data()
        h = next(h for h in data["highlights"] if h["muscle"] == muscle_id)
        view = _view(h["view"])
        panel = view["panels"][h["panel"]]
        fig = new_figure(figsize=(6.6, 5.8))
        ax = fig.subplots()
        _draw_panel(ax, view, panel, highlight=muscle_id)
        panel_name = re.sub(r"^[A-Z]\.\s*", "", panel["title"])
        ax.set_title(
            f"{_names()[muscle_id]} (highlighted)\n{view['title']}: {panel_name[0].lower() + panel_name[1:]}",
            fontsize=10,
            loc="left",
        )
        hidden_note = (
            "\nDashed, see-through colour = part of the muscle hidden behind bone."
            if any(m.get("hidden") for m in view["muscles"] if m["id"] == muscle_id)
            else ""
        )
        fig.text(
            0.01,
            0.035,
            "\u25cf dot = origin (usually the fixed end)    \u25a0 square = insertion (the end that moves)"
            + hidden_note,
            fontsize=8.5,
            color=TEXT,
            ha="left",
            va="bottom",
            linespacing=1.4,
        )
        _footer(fig)
        return fig

    return draw


def figures():
    from ..core.text import strip_tags
    from ..topics.anatomy import muscles

    yield FigureSpec(
        name="anatomy-posterior.svg",
        alt=(
            "Schematic of the right hip seen from behind, in two panels. A, surface layer: gluteus maximus, "
            "the large muscle running from the sacrum and back of the pelvis down and outwards to the outer thigh, "
            "with the upper part of gluteus medius showing above it. B, gluteus maximus removed: gluteus medius "
            "fans from the upper pelvis to the greater trochanter; below it, from top to bottom, piriformis "
            "(from the sacrum to the top of the greater trochanter), superior gemellus, obturator internus, "
            "inferior gemellus, a sliver of obturator externus and quadratus femoris. The sciatic nerve leaves "
            "the pelvis just below piriformis and runs down the back of the thigh over the lower rotators; the "
            "superior gluteal nerve exits above piriformis and the inferior gluteal nerve below it."
        ),
        draw=_draw_view("posterior"),
    )
    yield FigureSpec(
        name="anatomy-lateral.svg",
        alt=(
            "Schematic of the right hip seen from the side, in two panels. A, surface layer: gluteus medius "
            "covers the upper outer pelvis and narrows to the greater trochanter; gluteus maximus covers the back "
            "of the hip and continues into the band down the outer thigh. B, gluteus maximus and medius removed: "
            "gluteus minimus, the deepest glute, fans from the lower outer pelvis to the front of the greater "
            "trochanter, with piriformis running forwards to the top of the trochanter behind it."
        ),
        draw=_draw_view("lateral"),
    )
    for m in muscles():
        name = strip_tags(m["name"])
        yield FigureSpec(
            name=f"anatomy-highlight-{m['id']}.svg",
            alt=(
                f"Schematic of the right hip with {name} highlighted in colour and the other muscles in grey. "
                f"Dots mark its origin ({strip_tags(m['origin'])}); squares mark its insertion ({strip_tags(m['insertion'])})"
            ),
            draw=_draw_highlight(m["id"]),
        )
