"""Gluteal anatomy: muscle facts and the schematic diagram's data.

- ``muscles()``: the muscles in ``data/anatomy.json`` (the three glutes and the deep
  rotators), validated against ``schemas/anatomy.schema.json``.
- ``diagram()``: the schematic's shapes in ``data/anatomy-diagram.json``, checked against
  the muscle list (``glutecourse.charts.anatomy`` draws from it).

The overview table and the muscle explorer are in ``glutecourse.ui.anatomy``.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import by_id, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir

GROUP_LABELS = {"gluteal": "Gluteal muscle", "deep rotator": "Deep rotator"}

LAYER_LABELS = {
    "surface": "Surface layer (just under the skin and fat)",
    "middle": "Middle layer",
    "deep": "Deep layer",
    "deepest": "Deepest layer",
}

#: Rows of the explorer's table: (field in anatomy.json, row heading).
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


@lru_cache(maxsize=1)
def _anatomy() -> dict:
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
    return data


def muscles(group: str | None = None) -> list[dict]:
    """The muscles of the gluteal region, in teaching order (optionally one group only)."""
    items = _anatomy()["muscles"]
    if group is None:
        return list(items)
    if group not in GROUP_LABELS:
        raise ValueError(f"unknown group {group!r}; choose one of {sorted(GROUP_LABELS)}")
    return [m for m in items if m["group"] == group]


def muscle(muscle_id: str) -> dict:
    return by_id(_anatomy()["muscles"], muscle_id)


def roots_text(m: dict) -> str:
    """Nerve roots as a reader writes them: 'L4, L5, S1'."""
    return ", ".join(m["roots"])


@lru_cache(maxsize=1)
def diagram() -> dict:
    """The schematic's coordinates, checked against data/anatomy.json."""
    data = load("anatomy-diagram.json", schema="anatomy-diagram")
    path = data_dir() / "anatomy-diagram.json"
    ids = {m["id"] for m in muscles()}
    views = {v["id"]: v for v in data["views"]}
    for view in data["views"]:
        targets = {m["id"] for m in view["muscles"]} | {n["id"] for n in view["nerves"]}
        targets |= {b["id"] for b in view["bones"]} | {lm["id"] for lm in view.get("landmarks", [])}
        for shape in view["muscles"]:
            if shape["id"] not in ids:
                raise CourseDataError(path, f"view {view['id']!r}", f"muscle {shape['id']!r} is not in anatomy.json")
        for i, panel in enumerate(view["panels"]):
            for label in panel["labels"]:
                if label["target"] not in targets:
                    raise CourseDataError(
                        path,
                        f"view {view['id']!r} panel {i}",
                        f"label target {label['target']!r} is not drawn in this view",
                    )
    highlighted = [h["muscle"] for h in data["highlights"]]
    for h in data["highlights"]:
        view = views.get(h["view"])
        if view is None or h["panel"] >= len(view["panels"]):
            raise CourseDataError(path, f"highlight {h['muscle']!r}", f"no panel {h['panel']} in view {h['view']!r}")
        if h["muscle"] not in {m["id"] for m in view["muscles"]}:
            raise CourseDataError(path, f"highlight {h['muscle']!r}", f"the muscle is not drawn in view {h['view']!r}")
    missing = sorted(ids - set(highlighted))
    if missing or len(highlighted) != len(set(highlighted)):
        raise CourseDataError(path, "highlights", f"every muscle needs exactly one highlight (missing: {missing})")
    return data


def highlight_image_name(muscle_id: str) -> str:
    return f"anatomy-highlight-{muscle_id}.svg"
