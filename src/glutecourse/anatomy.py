"""Gluteal anatomy: muscle facts, the schematic diagram's data and the muscle explorer.

- ``muscles()``: the muscles in ``data/anatomy.json`` (the three glutes and the deep
  rotators), validated against ``schemas/anatomy.schema.json``.
- ``diagram()``: the schematic's shapes in ``data/anatomy-diagram.json``, checked against
  the muscle list (the figures in ``glutecourse/figures/anatomy.py`` draw from it).
- ``muscle_overview()``: a table of every muscle: group, layer, nerve and roots.
- ``muscle_explorer()``: pick a muscle; see it highlighted on a pre-drawn diagram with its
  origin, insertion, action, nerve and roots. No matplotlib at run time: the pictures are
  ``images/anatomy-highlight-<id>.svg``, drawn by ``make images``.

Only the standard library is imported at module level; ipywidgets loads when a widget is
built.
"""

from __future__ import annotations

from functools import lru_cache

from .data import by_id, load
from .errors import CourseDataError
from .paths import data_dir, images_dir
from .textfmt import safe_html, strip_tags

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
    from .references import reference_keys

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
                    raise CourseDataError(path, f"view {view['id']!r} panel {i}", f"label target {label['target']!r} is not drawn in this view")
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


# --- HTML -----------------------------------------------------------------------------

def _cell(m: dict, field: str) -> str:
    if field == "roots":
        return safe_html(roots_text(m))
    return safe_html(m[field])


def muscle_details_html(m: dict) -> str:
    """A two-column table of one muscle's facts, every value HTML-escaped."""
    from .references import short_citations

    rows = [
        f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:3px 10px 3px 0'>{head}</th>"
        f"<td style='text-align:left;padding:3px 0'>{_cell(m, field)}</td></tr>"
        for field, head in DETAIL_ROWS
        if m.get(field)
    ]
    cites = short_citations()
    sources = "; ".join(safe_html(cites.get(k, k)) for k in m["refs"])
    return (
        f"<div class='gc-muscle' aria-live='polite'><h4 style='margin:4px 0'>{safe_html(m['name'])}</h4>"
        f"<p style='margin:2px 0'><em>{safe_html(GROUP_LABELS[m['group']])} · {safe_html(LAYER_LABELS[m['layer']])}</em></p>"
        f"<table class='gc-muscle-table' style='border-collapse:collapse'>{''.join(rows)}</table>"
        f"<p style='margin:4px 0;font-size:90%'>Sources: {sources}. Reference texts differ slightly in detail.</p></div>"
    )


def overview_html(group: str | None = None) -> str:
    """Every muscle in one table: group, layer, nerve and roots."""
    head = "".join(f"<th scope='col' style='text-align:left'>{h}</th>" for h in ("Muscle", "Group", "Layer (from behind)", "Nerve", "Roots"))
    rows = "".join(
        f"<tr><td><strong>{safe_html(m['name'])}</strong></td><td>{safe_html(GROUP_LABELS[m['group']])}</td>"
        f"<td>{safe_html(m['layer'])}</td><td>{safe_html(m['nerve'])}</td><td>{safe_html(roots_text(m))}</td></tr>"
        for m in muscles(group)
    )
    return f"<table class='gc-anatomy-overview'><tr>{head}</tr>{rows}</table>"


def muscle_overview(group: str | None = None):
    """Show the overview table in a notebook."""
    from IPython.display import HTML

    return HTML(overview_html(group))


# --- explorer widget ------------------------------------------------------------------

def _shared():
    """One Layout and style per kind of widget, shared in the kernel (see widgets.py)."""
    from .widgets import layout, style

    return dict(
        image=layout(width="100%", max_width="640px", height="auto"), plain=layout(),
        desc_style=style("description", description_width="initial"), html_style=style("html"),
    )


class MuscleExplorer:
    """A Dropdown of muscles; the chosen one is shown highlighted, with its facts."""

    def __init__(self, start: str | None = None):
        import ipywidgets as w

        sh = _shared()
        items = muscles()
        ids = [m["id"] for m in items]
        self.dropdown = w.Dropdown(
            options=[(strip_tags(m["name"]), m["id"]) for m in items],
            value=start if start in ids else ids[0],
            description="Muscle",
            tooltip="Choose a muscle to see where it lies, what it does and which nerve supplies it",
            layout=sh["plain"],
            style=sh["desc_style"],
        )
        self.image = w.Image(format="svg+xml", layout=sh["image"])
        self.details = w.HTML(layout=sh["plain"], style=sh["html_style"])
        self.widget = w.VBox([self.dropdown, self.image, self.details], layout=sh["plain"])
        self.dropdown.observe(self._on_change, names="value")
        self.alt_text = ""
        if start is None or start in ids:
            self.show(self.dropdown.value)
        else:
            self.show(start)

    def _on_change(self, change):
        self.show(change["new"])

    def show(self, muscle_id) -> bool:
        """Show one muscle; returns False (with a message in the widget) if it cannot."""
        try:
            m = muscle(muscle_id)
        except KeyError:
            self.image.value = b""
            self.details.value = (
                "<p role='alert'><strong>Unknown muscle.</strong> "
                f"There is no muscle called “{safe_html(muscle_id)}” in the course data. Choose one from the list.</p>"
            )
            return False
        path = images_dir() / highlight_image_name(m["id"])
        try:
            self.image.value = path.read_bytes()
            picture = ""
        except OSError:
            self.image.value = b""
            picture = (
                "<p role='alert'><strong>Picture missing:</strong> "
                f"{safe_html(path.name)} was not found. Run <code>make images</code> in the course folder.</p>"
            )
        alt = f"Schematic of the right hip with {strip_tags(m['name'])} highlighted, its origin marked with dots and its insertion with squares."
        self.alt_text = alt
        self.details.value = picture + f"<p class='gc-sr-only' style='font-size:85%;color:#555'>Picture: {safe_html(alt)}</p>" + muscle_details_html(m)
        return True

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def muscle_explorer(start: str | None = None) -> MuscleExplorer:
    """Explore the gluteal muscles one by one (a drop-down list, a picture and a table)."""
    return MuscleExplorer(start)
