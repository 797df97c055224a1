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
BODY_FILL = "#E8ECF0"  # a light cool neutral, apart from the cream of the bones
BODY_EDGE = "#9AA5B1"
GREY_FILL = "#DDDDDD"
GREY_EDGE = "#8C8C8C"
NERVE_FILL = "#F0E442"  # Okabe-Ito yellow, with a black edge
TEXT = "#222222"
MUTED = "#555555"

#: Type sizes (points). Every text is at least MIN_PT: at the size JupyterLab shows these
#: pictures (tests/test_anatomy.py computes it from the figures) that is 12 px or more.
LABEL_PT = 9.5
TITLE_PT = 11
SUPTITLE_PT = 12.5
MIN_PT = 9
#: Labels wrap at this many characters (the label columns beside the drawing are narrow).
WRAP = 20
#: Figure widths (inches). A view's panels are stacked, one above the other, so each panel
#: is as wide as the figure: at 7.5 in (720 px) the picture is shown at its own size in
#: JupyterLab's notebook column. The explorer's picture is 6.6 in wide, shown 640 px wide.
VIEW_WIDTH_IN = 7.5
HIGHLIGHT_WIDTH_IN = 6.6


#: The widest JupyterLab 4 shows a Markdown picture of notebook 01 at 1280x800 with the
#: file browser open (its column), measured in Chromium by e2e/test_anatomy_pictures.py; a
#: narrower picture is shown at its own size. The figures are sized for it.
JUPYTERLAB_COLUMN_PX = 821
#: CSS pixels per inch: an SVG's size is in points (72 to the inch), a browser shows 96 px
#: to the inch at 100 % zoom.
CSS_PX_PER_IN = 96


def shown_texts(fig) -> list:
    """Every text a reader sees in ``fig`` (labels, titles, notes): not the tick labels
    of the hidden axes."""
    from matplotlib.text import Text

    hidden = {id(t) for ax in fig.axes if not ax.axison for axis in (ax.xaxis, ax.yaxis) for t in axis.findobj(Text)}
    return [t for t in fig.findobj(Text) if id(t) not in hidden and t.get_visible() and t.get_text().strip()]


def text_sizes_px(fig, shown_px: float) -> list[tuple[str, float]]:
    """Every text of ``fig`` with its type size in CSS px when the picture is shown
    ``shown_px`` wide: size in pt x (shown px / figure width in inches) / 72."""
    scale = shown_px / fig.get_figwidth() / 72
    return [(t.get_text(), t.get_fontsize() * scale) for t in shown_texts(fig)]


def _data():
    from ..topics.anatomy import diagram

    return diagram()


def _names():
    from ..core.text import strip_tags
    from ..topics.anatomy import muscles

    return {m.id: strip_tags(m.name) for m in muscles()}


def _panel_height(view, width_in):
    """Height (inches) of one panel drawn ``width_in`` wide, at the view's aspect ratio."""
    (x0, x1), (y0, y1) = view.xlim, view.ylim
    return width_in * (y1 - y0) / (x1 - x0)


def _draw_body(ax, body):
    from matplotlib.patches import Polygon

    ax.add_patch(Polygon(body.outline, closed=True, facecolor=BODY_FILL, edgecolor=BODY_EDGE, lw=1.2, zorder=0.5))
    for line in body.lines:
        xs, ys = zip(*line)
        ax.plot(xs, ys, color=BODY_EDGE, lw=1.0, solid_capstyle="round", zorder=0.6)


def _draw_panel(ax, view, panel, highlight=None, label_all=True):
    """Draw one panel of a view on ``ax``.

    highlight: a muscle id drawn in colour on top (everything else grey); None draws every
    muscle in its own colour, in depth order.
    """
    from matplotlib.patches import Circle, PathPatch, Polygon
    from matplotlib.path import Path as MplPath

    from ..core.palette import OKABE_ITO

    names = _names()
    ax.set_xlim(*view.xlim)
    ax.set_ylim(*view.ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()

    _draw_body(ax, view.body)

    # Bones (holes cut out with a compound path).
    for bone in view.bones:
        if bone.circle is not None:
            centre, r = bone.circle
            ax.add_patch(Circle(centre, r, facecolor=BONE_FILL, edgecolor=BONE_EDGE, lw=1, zorder=1))
        rings = [bone.points, *bone.holes]
        verts, codes = [], []
        for ring in rings:
            verts += [*ring, ring[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
        ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=BONE_FILL, edgecolor=BONE_EDGE, lw=1, zorder=1.1))

    hidden = set(panel.hide)
    layers = [(m.depth, "muscle", m) for m in view.muscles if m.id not in hidden]
    layers += [(n.depth, "nerve", n) for n in view.nerves]
    # Deepest first; ties keep data order. The highlighted muscle goes on top of muscles.
    layers.sort(key=lambda t: -t[0])
    z = 2.0
    focus = None
    for _depth, kind, item in layers:
        z += 0.01
        if kind == "muscle":
            if highlight is not None and item.id == highlight:
                focus = item
                continue
            colour = GREY_FILL if highlight else OKABE_ITO[item.colour]
            ax.add_patch(
                Polygon(
                    item.points,
                    closed=True,
                    facecolor=colour,
                    edgecolor="#333333" if not highlight else GREY_EDGE,
                    lw=0.8,
                    hatch=None if highlight else item.hatch,
                    zorder=z,
                )
            )
        else:
            xs, ys = zip(*item.points)
            ax.plot(
                xs, ys, color="black", lw=item.width + 1.6, solid_capstyle="round", solid_joinstyle="round", zorder=z
            )
            ax.plot(
                xs,
                ys,
                color=NERVE_FILL,
                lw=item.width,
                solid_capstyle="round",
                solid_joinstyle="round",
                zorder=z + 0.001,
            )

    for ghost_id in panel.ghost:
        m = view.shape(ghost_id)
        if m is not None:
            ax.add_patch(
                Polygon(m.points, closed=True, fill=False, edgecolor=MUTED, lw=0.9, ls=(0, (4, 3)), zorder=3.5)
            )

    if focus is not None:
        colour = OKABE_ITO[focus.colour]
        for part in focus.hidden:
            ax.add_patch(
                Polygon(
                    part, closed=True, facecolor=colour, alpha=0.35, edgecolor="black", lw=1, ls=(0, (3, 2)), zorder=3.6
                )
            )
        ax.add_patch(Polygon(focus.points, closed=True, facecolor=colour, edgecolor="black", lw=1.6, zorder=3.7))
        for x, y in focus.origin:
            ax.plot([x], [y], marker="o", ms=7, mfc="black", mec="white", mew=1.2, ls="none", zorder=4)
        for x, y in focus.insertion:
            ax.plot([x], [y], marker="s", ms=7, mfc="white", mec="black", mew=1.5, ls="none", zorder=4)

    # Labels with leader lines.
    anchors = {m.id: (m.anchor, names.get(m.id, m.id)) for m in view.muscles}
    anchors.update({n.id: (n.anchor, n.label) for n in view.nerves})
    anchors.update({lm.id: (lm.at, lm.label) for lm in view.landmarks})
    anchors.update({b.id: (b.label_anchor, b.label) for b in view.bones})
    labels = panel.labels if label_all else ()
    if highlight is not None:
        labels = [lab for lab in labels if lab.target != highlight]
    bony = view.bony_targets
    weak = highlight is not None
    for lab in labels:
        (ax_, ay_), text = anchors[lab.target]
        text = textwrap.fill(lab.text or text, WRAP)
        tx, ty = lab.at
        is_bone = lab.target in bony
        ax.annotate(
            text,
            xy=(ax_, ay_),
            xytext=(tx, ty),
            ha="left" if tx > ax_ else "right",
            va="center",
            fontsize=LABEL_PT,
            linespacing=1.15,
            color=MUTED if (is_bone or weak) else TEXT,
            style="italic" if is_bone else "normal",
            arrowprops=dict(arrowstyle="-", color=MUTED if weak else "#444444", lw=0.7, shrinkA=2, shrinkB=0),
            zorder=6,
        )
        ax.plot([ax_], [ay_], marker="o", ms=2.5, color="#444444", zorder=6)

    left, right = view.directions
    y0 = view.ylim[0] + 1
    ax.text(view.xlim[0] + 2, y0, left, fontsize=MIN_PT, color=MUTED, ha="left", va="bottom")
    ax.text(view.xlim[1] - 2, y0, right, fontsize=MIN_PT, color=MUTED, ha="right", va="bottom")
    ax.set_title(panel.title, fontsize=TITLE_PT, loc="left")


def _footer(fig, extra=""):
    """The grey note under the figure (supxlabel: constrained layout keeps room for it)."""
    fig.supxlabel(
        textwrap.fill("Schematic, not to scale: simplified shapes, true relative positions. " + extra, 90),
        fontsize=MIN_PT,
        color=MUTED,
        x=0.01,
        ha="left",
        linespacing=1.3,
    )


BODY_NOTE = "Pale grey-blue = the outline of the body."


def _draw_view(view_id):
    from .plotting import new_figure, styled

    @styled
    def draw():
        view = _data().view(view_id)
        n = len(view.panels)
        # Panels one above the other; room for the title, panel titles and the footer.
        fig = new_figure(figsize=(VIEW_WIDTH_IN, n * (_panel_height(view, VIEW_WIDTH_IN) + 0.35) + 0.9))
        axes = fig.subplots(n, 1, squeeze=False)[:, 0]
        for ax, panel in zip(axes, view.panels):
            _draw_panel(ax, view, panel)
        fig.suptitle(view.title, fontsize=SUPTITLE_PT, x=0.01, ha="left")
        _footer(fig, f"{BODY_NOTE} Yellow with a black edge = nerve; dashed outline = muscle removed.")
        return fig

    return draw


def _draw_highlight(muscle_id):
    from .plotting import new_figure, styled

    @styled
    def draw():
        data = _data()
        h = data.highlight(muscle_id)
        view = data.view(h.view)
        panel = view.panels[h.panel]
        panel_h = _panel_height(view, HIGHLIGHT_WIDTH_IN)
        fig = new_figure(figsize=(HIGHLIGHT_WIDTH_IN, panel_h + 2.1))
        ax, key = fig.subplots(2, 1, height_ratios=[panel_h, 0.75])
        _draw_panel(ax, view, panel, highlight=muscle_id)
        panel_name = re.sub(r"^[A-Z]\.\s*", "", panel.title)
        ax.set_title(
            f"{_names()[muscle_id]} (highlighted)\n{view.title}: {panel_name[0].lower() + panel_name[1:]}",
            fontsize=TITLE_PT,
            loc="left",
        )
        focus = view.shape(muscle_id)
        hidden_note = "\nDashed, see-through colour = part of the muscle hidden behind bone." if focus.hidden else ""
        key.set_axis_off()
        key.text(
            0,
            1,
            "\u25cf dot = origin (usually the fixed end)\n\u25a0 square = insertion (the end that moves)" + hidden_note,
            transform=key.transAxes,
            fontsize=LABEL_PT,
            color=TEXT,
            ha="left",
            va="top",
            linespacing=1.4,
        )
        _footer(fig, BODY_NOTE)
        return fig

    return draw


def figures():
    from ..core.text import strip_tags
    from ..topics.anatomy import muscles

    views = {v.id: v for v in _data().views}

    def body(view_id):
        """The sentence on the body outline, from the view's data."""
        label = views[view_id].body.label
        return f"A pale outline of the body is drawn around it ({label[0].lower() + label[1:]}). "

    yield FigureSpec(
        name="anatomy-posterior.svg",
        alt=(
            "Schematic of the right hip seen from behind, in two panels, one above the other. "
            + body("posterior")
            + "A, surface layer: gluteus maximus, "
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
            "Schematic of the right hip seen from the side, in two panels, one above the other. "
            + body("lateral")
            + "A, surface layer: gluteus medius "
            "covers the upper outer pelvis and narrows to the greater trochanter; gluteus maximus covers the back "
            "of the hip and continues into the band down the outer thigh. B, gluteus maximus and medius removed: "
            "gluteus minimus, the deepest glute, fans from the lower outer pelvis to the front of the greater "
            "trochanter, with piriformis running forwards to the top of the trochanter behind it."
        ),
        draw=_draw_view("lateral"),
    )
    for m in muscles():
        name = strip_tags(m.name)
        yield FigureSpec(
            name=m.image_name,
            alt=(
                f"Schematic of the right hip with {name} highlighted in colour and the other muscles in grey, "
                f"inside a pale outline of the body ({views[_data().highlight(m.id).view].title.lower()}). "
                f"Dots mark its origin ({strip_tags(m.origin)}); squares mark its insertion ({strip_tags(m.insertion)})"
            ),
            draw=_draw_highlight(m.id),
        )
