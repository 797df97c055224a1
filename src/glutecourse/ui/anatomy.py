"""Anatomy views: the overview table and the muscle explorer (a drop-down list, a
pre-drawn picture and a table). No matplotlib at run time: the pictures are
``images/anatomy-highlight-<id>.svg``, drawn by ``make generate``."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.paths import images_dir
from ..topics.anatomy import DETAIL_ROWS, GROUP_LABELS, LAYER_LABELS, Muscle, muscle, muscles
from .display import html
from .html import Markup, safe_html, strip_tags, table, th
from .widgets import View, picture, shared_styles

# --- HTML -----------------------------------------------------------------------------


def muscle_details_html(m: Muscle) -> str:
    """A two-column table of one muscle's facts, every value HTML-escaped."""

    rows = [(th(head), Markup(safe_html(m.detail(field)))) for field, head in DETAIL_ROWS if m.detail(field)]
    cites = short_citations()
    sources = "; ".join(safe_html(cites.get(k, k)) for k in m.refs)
    return (
        f"<div class='gc-muscle' aria-live='polite'><h3>{safe_html(m.name)}</h3>"
        f"<p><em>{safe_html(GROUP_LABELS[m.group])} · {safe_html(LAYER_LABELS[m.layer])}</em></p>"
        f"{table([], rows, cls='gc-muscle-table')}"
        f"<p class='gc-small'>Sources: {sources}. Reference texts differ slightly in detail.</p></div>"
    )


def overview_html(group: str | None = None) -> str:
    """Every muscle in one table: group, layer, nerve and roots."""
    rows = [
        (
            Markup(f"<strong>{safe_html(m.name)}</strong>"),
            GROUP_LABELS[m.group],
            m.layer,
            m.nerve,
            m.roots_text,
        )
        for m in muscles(group)
    ]
    return table(["Muscle", "Group", "Layer (from behind)", "Nerve", "Roots"], rows, cls="gc-anatomy-overview")


def muscle_overview(group: str | None = None):
    """Show the overview table in a notebook."""
    return html(overview_html(group))


# --- explorer widget ------------------------------------------------------------------


class MuscleExplorer(View):
    """A Dropdown of muscles; the chosen one is shown highlighted, with its facts."""

    def __init__(self, start: str | None = None):
        import ipywidgets as w

        sh = shared_styles()
        items = muscles()
        ids = [m.id for m in items]
        self.dropdown = w.Dropdown(
            options=[(strip_tags(m.name), m.id) for m in items],
            value=start if start in ids else ids[0],
            description="Muscle",
            tooltip="Choose a muscle to see where it lies, what it does and which nerve supplies it",
            layout=sh["plain"],
            style=sh["desc_style"],
        )
        self.image = picture(format="svg+xml", layout=sh["image"])
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
        path = images_dir() / m.image_name
        try:
            self.image.value = path.read_bytes()
            picture = ""
        except OSError:
            self.image.value = b""
            picture = (
                "<p role='alert'><strong>Picture missing:</strong> "
                f"{safe_html(path.name)} was not found. Run <code>make images</code> in the course folder.</p>"
            )
        alt = (
            f"Schematic of the right hip with {strip_tags(m.name)} highlighted, inside a pale outline of the body; "
            "its origin is marked with dots and its insertion with squares."
        )
        self.alt_text = self.image.alt = alt
        self.details.value = (
            picture + f"<p class='gc-sr-only gc-picture-alt'>Picture: {safe_html(alt)}</p>" + muscle_details_html(m)
        )
        return True


def muscle_explorer(start: str | None = None) -> MuscleExplorer:
    """Explore the gluteal muscles one by one (a drop-down list, a picture and a table)."""
    return MuscleExplorer(start)
