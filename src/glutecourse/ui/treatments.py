"""Treatment views: the tables of what NICE, ACP and WHO say, the stance legend, the
disagreements, the article's claims against the evidence, and a filter widget (its result
is an HTML widget, so tests and screen readers can read it)."""

from __future__ import annotations

from ..catalog.references import short_citations
from ..core.errors import CourseDataError
from ..topics.treatments import (
    CATEGORIES,
    CATEGORY_LABELS,
    GUIDELINES,
    POPULATION_LABELS,
    VERDICT_SYMBOLS,
    Cell,
    Treatment,
    disagreements,
    guideline_info,
    guidelines_disagree,
    source_text,
    stance_info,
    treatments,
    treatments_data,
)
from .display import html
from .html import Markup, safe_html, table, th
from .widgets import View, shared_styles

# ---------------------------------------------------------------- HTML


def _stance_html(stance: str) -> str:
    s = stance_info()[stance]
    return f"<span aria-hidden='true'>{safe_html(s.symbol)}</span> <strong>{safe_html(s.label)}</strong>"


def _cell_html(cell: Cell) -> str:
    parts = [_stance_html(cell.stance)]
    if cell.population is not None:
        evidence = cell.evidence
        grade = {"not stated": "evidence grade not stated", "unverified": "evidence grade unverified"}.get(
            evidence, f"evidence: {evidence}"
        )
        parts.append(f"<br><small>{safe_html(POPULATION_LABELS[cell.population])}; {safe_html(grade)}</small>")
    if cell.note:
        parts.append(f"<br><small>{safe_html(cell.note)}</small>")
    src = cell.source
    via = f" title='{safe_html(src.via)}'" if src.via is not None else ""
    parts.append(f"<br><small class='gc-source'{via}><em>{safe_html(source_text(cell))}</em></small>")
    return "".join(parts)


def _other_html(row: Treatment) -> str:

    cites = short_citations()
    if not row.other_evidence:
        return "<small>No other evidence in the course's sources.</small>"
    items = []
    for ev in row.other_evidence:
        quality = "" if ev.quality == "not stated" else f" <em>Evidence: {safe_html(ev.quality)}.</em>"
        items.append(
            f"<li><small>{safe_html(ev.finding)} <em>Studied in: {safe_html(ev.population)}.</em>"
            f"{quality} ({safe_html(cites[ev.ref])})</small></li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def treatment_table_html(
    category: str | None = None, guideline: str | None = None, disagreements_only: bool = False
) -> str:
    """An HTML table of treatments (one category or all) with each guideline's stance as a
    symbol plus words, and other evidence. ``guideline`` limits it to one guideline's column."""
    if guideline is not None and guideline not in GUIDELINES:
        raise ValueError(f"unknown guideline {guideline!r}: choose one of {', '.join(GUIDELINES)}")
    rows = treatments(category)
    if disagreements_only:
        rows = [r for r in rows if guidelines_disagree(r)]
    info = guideline_info()
    cols = [guideline] if guideline else list(GUIDELINES)
    what = CATEGORY_LABELS[category].lower() if category else "all treatments"
    caption = f"What the guidelines say: {what}"
    if disagreements_only:
        caption += " (only where the guidelines disagree)"
    if not rows:
        return "<p role='status'><strong>No treatments match these filters.</strong> Try another choice.</p>"
    body = []
    for row in rows:
        flag = (
            "<br><small><span aria-hidden='true'>⚠</span> <strong>guidelines disagree</strong></small>"
            if guidelines_disagree(row)
            else ""
        )
        cat = "" if category else f"<br><small>{safe_html(CATEGORY_LABELS[row.category])}</small>"
        body.append(
            [
                th(Markup(f"{safe_html(row.name)}{cat}{flag}")),
                *(Markup(_cell_html(row.guidelines[g])) for g in cols),
                Markup(_other_html(row)),
            ]
        )
    return table(
        ["Treatment", *(info[g].name for g in cols), "Other evidence"],
        body,
        caption=Markup(f"<strong>{safe_html(caption)}</strong>"),
        cls="gc-treatments",
    )


def treatment_table(category: str | None = None, guideline: str | None = None):
    """Show the treatment table (see ``treatment_table_html``)."""
    return html(treatment_table_html(category, guideline))


def stance_legend_html() -> str:
    items = "".join(f"<li>{_stance_html(s.id)}: {safe_html(s.meaning)}</li>" for s in treatments_data().stances)
    return f"<div class='gc-legend'><strong>How to read the stances</strong><ul>{items}</ul></div>"


def guidelines_html() -> str:
    """The three guidelines: who wrote them, for whom, and how they grade."""

    cites = short_citations()
    rows = [
        (
            th(Markup(f"{safe_html(g.name)}<br><small>{safe_html(g.publisher)}, {safe_html(g.year)}</small>")),
            g.scope,
            g.grading,
            Markup(f"{safe_html(cites[g.ref])}<br><small>{safe_html(g.how_read)}</small>"),
        )
        for g in treatments_data().guidelines
    ]
    return table(
        ["Guideline", "Who it is for", "How strong", "Source, and how the course read it"], rows, cls="gc-guidelines"
    )


def guidelines_overview():
    """Show the three guidelines and the stance legend."""
    return html(guidelines_html() + stance_legend_html())


def disagreement_html() -> str:
    items = []
    for d in disagreements():
        sides = "; ".join(f"{safe_html(g)}: {_stance_html(s)}" for g, s in d.stances.items())
        items.append(f"<li><strong>{safe_html(d.name)}</strong>: {sides}</li>")
    return (
        f"<div class='gc-disagreements'><strong>Treatments where the guidelines point different ways "
        f"({len(items)})</strong><ul>{''.join(items)}</ul></div>"
    )


def disagreement_summary():
    """Show the list of treatments on which the guidelines disagree (computed from the data)."""
    return html(disagreement_html())


def claims_html() -> str:

    cites = short_citations()
    rows = []
    for c in treatments_data().claims:
        refs = "; ".join(safe_html(cites[k]) for k in c.refs)
        rows.append(
            (
                Markup(f"“{safe_html(c.claim)}”"),
                Markup(f"{safe_html(c.evidence)} <small>({refs})</small>"),
                Markup(
                    f"<span aria-hidden='true'>{VERDICT_SYMBOLS[c.verdict]}</span> "
                    f"<strong>{safe_html(c.verdict)}</strong>"
                ),
            )
        )
    return table(
        ["The article says", "What the evidence says", "Verdict"],
        rows,
        caption=Markup("<strong>The article's advice against the evidence</strong>"),
        cls="gc-claims gc-claims-treatments",
    )


def treatment_claims_table():
    """Show the article's treatment claims next to the evidence."""
    return html(claims_html())


# ---------------------------------------------------------------- widget


class TreatmentExplorer(View):
    """Filter the treatment table by category (or only the rows where the guidelines
    disagree) and by guideline. The result is an HTML widget (``.output.value``), so tests
    and screen readers can read it. Layouts and styles are shared with the quiz widgets."""

    def __init__(self, show: str = "all"):
        import ipywidgets as w

        sh = shared_styles()
        choices = ["all", *CATEGORIES, "disagree"]
        if show not in choices:
            raise ValueError(f"unknown view {show!r}: choose one of {', '.join(choices)}")
        self.category = w.ToggleButtons(
            options=[("All", "all")]
            + [(CATEGORY_LABELS[c], c) for c in CATEGORIES]
            + [("Where they disagree", "disagree")],
            value=show,
            description="Show:",
            tooltips=[
                "All treatments",
                "Conventional care",
                "Psychological care",
                "Alternative therapies",
                "Home remedies",
                "Only treatments on which the guidelines point different ways",
            ],
            style=sh["toggle_auto_style"],
            layout=sh["auto"],
        )
        names = guideline_info()
        self.guideline = w.Dropdown(
            options=[("All three guidelines", "all")] + [(names[g].name, g) for g in GUIDELINES],
            value="all",
            description="Guideline:",
            style=sh["desc_style"],
            layout=sh["auto"],
        )
        self.output = w.HTML(layout=sh["plain"], style=sh["html_style"])
        for control in (self.category, self.guideline):
            control.observe(self._update, names="value")
        self.widget = w.VBox([self.category, self.guideline, self.output], layout=sh["plain"])
        self._update()

    def _update(self, change=None):
        choice = self.category.value
        category = None if choice in ("all", "disagree") else choice
        guideline = None if self.guideline.value == "all" else self.guideline.value
        try:
            self.output.value = treatment_table_html(category, guideline, disagreements_only=choice == "disagree")
        except (ValueError, KeyError, CourseDataError) as exc:
            self.output.value = (
                f"<p role='alert'><strong>Sorry, that filter could not be shown:</strong> {safe_html(exc)}</p>"
            )


def treatment_explorer(show: str = "all") -> TreatmentExplorer:
    """A filterable treatment table: choose a category or only disagreements, and a guideline.

    ``show`` is the first view: "all", a category, or "disagree"."""
    return TreatmentExplorer(show)
