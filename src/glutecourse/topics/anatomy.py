"""Gluteal anatomy: muscle facts and the schematic diagram's data, as typed objects.

- ``muscles()``: the muscles in ``data/anatomy.json`` (the three glutes and the deep
  rotators) as :class:`Muscle` objects, validated against ``schemas/anatomy.schema.json``.
- ``diagram()``: the schematic in ``data/anatomy-diagram.json`` as a :class:`Diagram`
  (views of :class:`Body`, :class:`Bone`, :class:`MuscleShape`, :class:`Nerve`,
  :class:`Landmark` and :class:`Panel` objects), checked against the muscle list
  (``glutecourse.charts.anatomy`` draws from it).

The overview table and the muscle explorer are in ``glutecourse.ui.anatomy``.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record

GROUP_LABELS = {"gluteal": "Gluteal muscle", "deep rotator": "Deep rotator"}

LAYER_LABELS = {
    "surface": "Surface layer (just under the skin and fat)",
    "middle": "Middle layer",
    "deep": "Deep layer",
    "deepest": "Deepest layer",
}

#: Rows of the explorer's table: (field of Muscle, row heading).
DETAIL_ROWS = (
    ("where", "Where it lies"),
    ("origin", "Origin"),
    ("insertion", "Insertion"),
    ("action", "Action"),
    ("daily_life", "In daily life"),
    ("nerve", "Nerve"),
    ("roots", "Nerve roots"),
    ("sources_differ", "Where sources differ"),
    ("note", "Note"),
)

Point = tuple[float, float]


# ----------------------------------------------------------------------------- muscles


class Muscle(Record):
    """One muscle of ``data/anatomy.json``. Text fields may hold the course's small HTML
    subset (``<em>``); views escape them with ``safe_html``."""

    id: str
    name: str
    group: str
    layer: str
    where: str
    origin: str
    insertion: str
    action: str
    nerve: str
    roots: tuple[str, ...]
    refs: tuple[str, ...]
    daily_life: str = ""
    sources_differ: str = ""
    note: str = ""

    @classmethod
    def from_data(cls, item: dict) -> Muscle:
        return cls(**{**item, "roots": tuple(item["roots"]), "refs": tuple(item["refs"])})

    @property
    def roots_text(self) -> str:
        """Nerve roots as a reader writes them: 'L4, L5, S1'."""
        return ", ".join(self.roots)

    def detail(self, field: str) -> str:
        """The text of one row of the explorer's table ('' when the muscle has none)."""
        return self.roots_text if field == "roots" else getattr(self, field)

    @property
    def image_name(self) -> str:
        return highlight_image_name(self.id)


@lru_cache(maxsize=1)
def _anatomy() -> tuple[Muscle, ...]:
    data = load("anatomy.json", schema="anatomy")
    path = data_dir() / "anatomy.json"
    known = reference_keys()
    seen = set()
    for m in data["muscles"]:
        if m["id"] in seen:
            raise CourseDataError(path, f"muscle {m['id']!r}", "id used twice")
        seen.add(m["id"])
        for key in m["refs"]:
            if key not in known:
                raise CourseDataError(path, f"muscle {m['id']!r}", f"ref {key!r} is not in references.json")
    return tuple(Muscle.from_data(m) for m in data["muscles"])


def muscles(group: str | None = None) -> list[Muscle]:
    """The muscles of the gluteal region, in teaching order (optionally one group only)."""
    items = _anatomy()
    if group is None:
        return list(items)
    if group not in GROUP_LABELS:
        raise ValueError(f"unknown group {group!r}; choose one of {sorted(GROUP_LABELS)}")
    return [m for m in items if m.group == group]


def muscle(muscle_id: str) -> Muscle:
    """One muscle by id (KeyError naming the id if there is none)."""
    for m in _anatomy():
        if m.id == muscle_id:
            return m
    raise KeyError(f"no muscle {muscle_id!r} in anatomy.json")


def roots_text(m: Muscle) -> str:
    """Nerve roots as a reader writes them: 'L4, L5, S1'."""
    return m.roots_text


# ----------------------------------------------------------------------------- diagram


def _pt(xy) -> Point:
    return (float(xy[0]), float(xy[1]))


def _pts(items) -> tuple[Point, ...]:
    return tuple(_pt(p) for p in items)


class Body(Record):
    """The light silhouette around the hip (skin outline and creases), drawn behind
    everything so the picture reads as part of a body."""

    label: str
    outline: tuple[Point, ...]
    lines: tuple[tuple[Point, ...], ...]


class Bone(Record):
    id: str
    label: str
    points: tuple[Point, ...]
    holes: tuple[tuple[Point, ...], ...] = ()
    anchor: Point | None = None
    circle: tuple[Point, float] | None = None  # (centre, radius): the femoral head

    @property
    def label_anchor(self) -> Point:
        """Where a label's leader line ends: the data's anchor or the outline's centre."""
        if self.anchor is not None:
            return self.anchor
        n = len(self.points)
        return (sum(p[0] for p in self.points) / n, sum(p[1] for p in self.points) / n)


class Landmark(Record):
    id: str
    label: str
    at: Point


class MuscleShape(Record):
    id: str
    depth: float
    colour: str
    points: tuple[Point, ...]
    origin: tuple[Point, ...]
    insertion: tuple[Point, ...]
    anchor: Point
    hatch: str | None = None
    hidden: tuple[tuple[Point, ...], ...] = ()  # parts behind bone


class Nerve(Record):
    id: str
    label: str
    depth: float
    width: float
    points: tuple[Point, ...]
    anchor: Point


class Label(Record):
    target: str
    at: Point
    text: str | None = None  # None: the target's own name


class Panel(Record):
    title: str
    hide: tuple[str, ...]
    ghost: tuple[str, ...]
    labels: tuple[Label, ...]


class View(Record):
    id: str
    title: str
    xlim: Point
    ylim: Point
    directions: tuple[str, str]  # (left edge, right edge)
    body: Body
    bones: tuple[Bone, ...]
    landmarks: tuple[Landmark, ...]
    muscles: tuple[MuscleShape, ...]
    nerves: tuple[Nerve, ...]
    panels: tuple[Panel, ...]

    def shape(self, muscle_id: str) -> MuscleShape | None:
        return next((m for m in self.muscles if m.id == muscle_id), None)

    @property
    def targets(self) -> set[str]:
        """Every id a label may point at in this view."""
        return {x.id for group in (self.muscles, self.nerves, self.bones, self.landmarks) for x in group}

    @property
    def bony_targets(self) -> set[str]:
        """Ids of bones and bony landmarks (their labels are set in italics)."""
        return {b.id for b in self.bones} | {lm.id for lm in self.landmarks}


class Highlight(Record):
    muscle: str
    view: str
    panel: int


class Diagram(Record):
    note: str
    views: tuple[View, ...]
    highlights: tuple[Highlight, ...]

    def view(self, view_id: str) -> View:
        return next(v for v in self.views if v.id == view_id)

    def highlight(self, muscle_id: str) -> Highlight:
        return next(h for h in self.highlights if h.muscle == muscle_id)


def _view(v: dict) -> View:
    body = v["body"]
    return View(
        id=v["id"],
        title=v["title"],
        xlim=_pt(v["xlim"]),
        ylim=_pt(v["ylim"]),
        directions=(v["directions"]["left"], v["directions"]["right"]),
        body=Body(body["label"], _pts(body["outline"]), tuple(_pts(line) for line in body["lines"])),
        bones=tuple(
            Bone(
                id=b["id"],
                label=b["label"],
                points=_pts(b["points"]),
                holes=tuple(_pts(h) for h in b.get("holes", [])),
                anchor=_pt(b["anchor"]) if "anchor" in b else None,
                circle=(_pt(b["circle"]["centre"]), float(b["circle"]["r"])) if "circle" in b else None,
            )
            for b in v["bones"]
        ),
        landmarks=tuple(Landmark(lm["id"], lm["label"], _pt(lm["at"])) for lm in v.get("landmarks", [])),
        muscles=tuple(
            MuscleShape(
                id=m["id"],
                depth=m["depth"],
                colour=m["colour"],
                points=_pts(m["points"]),
                origin=_pts(m["origin"]),
                insertion=_pts(m["insertion"]),
                anchor=_pt(m["anchor"]),
                hatch=m.get("hatch"),
                hidden=tuple(_pts(h) for h in m.get("hidden", [])),
            )
            for m in v["muscles"]
        ),
        nerves=tuple(
            Nerve(n["id"], n["label"], n["depth"], n["width"], _pts(n["points"]), _pt(n["anchor"])) for n in v["nerves"]
        ),
        panels=tuple(
            Panel(
                title=p["title"],
                hide=tuple(p["hide"]),
                ghost=tuple(p["ghost"]),
                labels=tuple(Label(lab["target"], _pt(lab["at"]), lab.get("text")) for lab in p["labels"]),
            )
            for p in v["panels"]
        ),
    )


@lru_cache(maxsize=1)
def diagram() -> Diagram:
    """The schematic's coordinates, checked against data/anatomy.json."""
    data = load("anatomy-diagram.json", schema="anatomy-diagram")
    path = data_dir() / "anatomy-diagram.json"
    ids = {m.id for m in muscles()}
    d = Diagram(
        note=data["note"],
        views=tuple(_view(v) for v in data["views"]),
        highlights=tuple(Highlight(h["muscle"], h["view"], h["panel"]) for h in data["highlights"]),
    )
    views = {v.id: v for v in d.views}
    for view in d.views:
        for shape in view.muscles:
            if shape.id not in ids:
                raise CourseDataError(path, f"view {view.id!r}", f"muscle {shape.id!r} is not in anatomy.json")
        for i, panel in enumerate(view.panels):
            for label in panel.labels:
                if label.target not in view.targets:
                    raise CourseDataError(
                        path, f"view {view.id!r} panel {i}", f"label target {label.target!r} is not drawn in this view"
                    )
    highlighted = [h.muscle for h in d.highlights]
    for h in d.highlights:
        view = views.get(h.view)
        if view is None or h.panel >= len(view.panels):
            raise CourseDataError(path, f"highlight {h.muscle!r}", f"no panel {h.panel} in view {h.view!r}")
        if view.shape(h.muscle) is None:
            raise CourseDataError(path, f"highlight {h.muscle!r}", f"the muscle is not drawn in view {h.view!r}")
    missing = sorted(ids - set(highlighted))
    if missing or len(highlighted) != len(set(highlighted)):
        raise CourseDataError(path, "highlights", f"every muscle needs exactly one highlight (missing: {missing})")
    return d


def highlight_image_name(muscle_id: str) -> str:
    return f"anatomy-highlight-{muscle_id}.svg"
