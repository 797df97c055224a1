"""Treatments and what three guidelines say about them (``data/treatments.json``).

The data hold one row per treatment: its category (conventional, psychological, alternative,
home), the stance of NICE NG59, ACP 2017 and WHO 2023 from a fixed vocabulary, the group of
people it applies to, the evidence quality, where each stance comes from (recommendation
number or section, whether the guideline's own text or a summary was read, and the date it
was checked), other evidence, and the original article's claims set against the evidence. This module turns them into HTML tables, computes where the
guidelines disagree, and offers a small filter widget. ipywidgets is imported only when the
widget is built.
"""

from __future__ import annotations

from functools import lru_cache

from .data import by_id, load
from .errors import CourseDataError
from .paths import data_dir
from .textfmt import safe_html

GUIDELINES = ("nice", "acp", "who")
CATEGORIES = ("conventional", "psychological", "alternative", "home")
CATEGORY_LABELS = {"conventional": "Conventional", "psychological": "Psychological care",
                   "alternative": "Alternative", "home": "Home remedies"}

#: Which way a stance points. Guidelines disagree on a treatment when their verified
#: stances point more than one way ("not covered" and "unverified" take no side).
#: "not recommended" (reviewed, no benefit, left out) points against, like "do not offer".
DIRECTION = {
    "recommend": "for",
    "consider": "for",
    "only with exercise": "only with exercise",
    "last resort": "last resort",
    "do not offer": "against",
    "not recommended": "against",
    "not covered": None,
    "unverified": None,
}

POPULATION_LABELS = {
    "acute": "recent-onset (acute) pain",
    "chronic": "long-lasting (chronic) pain",
    "acute and chronic": "acute and chronic pain",
    "sciatica": "sciatica (leg pain from a nerve in the back)",
    "any": "all low back pain",
}

READ_LABELS = {"guideline": "read in the guideline's own text", "secondary": "read through a summary"}
#: For "not covered" and "unverified" the course looked and found no (confirmed) statement.
SEARCH_LABELS = {"guideline": "looked for in the guideline's own text", "secondary": "looked for through a summary"}


@lru_cache(maxsize=1)
def treatments_data() -> dict:
    """The validated contents of ``data/treatments.json``.

    Beyond the schema: ids are unique, every stance in the vocabulary has one legend entry,
    the guidelines are NICE, ACP and WHO once each, and every cited key is in the
    bibliography.
    """
    from .references import reference_keys

    data = load("treatments.json", schema="treatments")
    path = data_dir() / "treatments.json"
    known = reference_keys()
    for kind in ("treatments", "claims", "guidelines", "stances"):
        ids = [row["id"] for row in data[kind]]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise CourseDataError(path, f"{kind} {dupes[0]!r}", "id used more than once")
    if sorted(g["id"] for g in data["guidelines"]) != sorted(GUIDELINES):
        raise CourseDataError(path, "guidelines", "must list nice, acp and who once each")
    if sorted(s["id"] for s in data["stances"]) != sorted(DIRECTION):
        raise CourseDataError(path, "stances", f"must describe each stance once: {sorted(DIRECTION)}")
    for row in data["treatments"]:
        for g in GUIDELINES:
            _check_cell(path, row["id"], g, row["guidelines"][g])
    cited = [(g["id"], g["ref"]) for g in data["guidelines"]]
    for row in data["treatments"]:
        cited += [(row["id"], key) for key in row["refs"]]
        cited += [(row["id"], ev["ref"]) for ev in row["other_evidence"]]
    for row in data["claims"]:
        cited += [(row["id"], key) for key in row["refs"]]
    for item, key in cited:
        if key not in known:
            raise CourseDataError(path, repr(item), f"cites unknown reference {key!r}")
    return data


def _check_cell(path, treatment_id: str, guideline: str, cell: dict) -> None:
    """A stance that takes a side must say who it is for, how good the evidence is, what it
    says and how strong the guideline makes it; "not covered" and "unverified" must not carry
    a (guessed) grade. (The schema already requires every cell's source place and date.)"""
    takes_side = DIRECTION[cell["stance"]] is not None
    item = f"treatment {treatment_id!r}"
    if takes_side:
        missing = [k for k in ("population", "evidence", "note") if k not in cell]
        missing += ["source.strength"] if "strength" not in cell["source"] else []
        if missing:
            raise CourseDataError(path, item, f"guidelines.{guideline} ({cell['stance']}) is missing {', '.join(missing)}")
    else:
        extra = [k for k in ("population", "evidence") if k in cell]
        if extra:
            raise CourseDataError(path, item, f"guidelines.{guideline} is {cell['stance']!r} and must not give {', '.join(extra)}")


def treatments(category: str | None = None) -> list[dict]:
    """Treatment rows, optionally only one category (conventional, alternative, home)."""
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}: choose one of {', '.join(CATEGORIES)}")
    rows = treatments_data()["treatments"]
    return [t for t in rows if category is None or t["category"] == category]


def treatment(treatment_id: str) -> dict:
    return by_id(treatments(), treatment_id)


def guideline_info() -> dict[str, dict]:
    return {g["id"]: g for g in treatments_data()["guidelines"]}


def stance_info() -> dict[str, dict]:
    return {s["id"]: s for s in treatments_data()["stances"]}


def directions(row: dict) -> dict[str, str]:
    """{guideline: direction} for the guidelines that take a verified side on ``row``."""
    out = {}
    for g in GUIDELINES:
        d = DIRECTION[row["guidelines"][g]["stance"]]
        if d is not None:
            out[g] = d
    return out


def guidelines_disagree(row: dict) -> bool:
    return len(set(directions(row).values())) > 1


def disagreements() -> list[dict]:
    """Treatments on which the guidelines' verified stances point different ways.

    Each item: ``id``, ``name``, ``category`` and ``stances`` ({guideline name: stance}),
    in data order.
    """
    names = {g: info["name"] for g, info in guideline_info().items()}
    out = []
    for row in treatments():
        if guidelines_disagree(row):
            out.append({
                "id": row["id"],
                "name": row["name"],
                "category": row["category"],
                "stances": {names[g]: row["guidelines"][g]["stance"] for g in directions(row)},
            })
    return out


# ---------------------------------------------------------------- HTML

_TABLE_STYLE = "border-collapse:collapse;margin:6px 0"
_CELL = "border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left"


def _stance_html(stance: str) -> str:
    s = stance_info()[stance]
    return f"<span aria-hidden='true'>{safe_html(s['symbol'])}</span> <strong>{safe_html(s['label'])}</strong>"


def source_text(cell: dict) -> str:
    """Where a stance comes from, in words: place (and whether its number was seen), how it
    was read, strength, and the date checked."""
    src = cell["source"]
    place = src["place"] + ("" if src["place_seen"] else " (number not seen in the text read)")
    strength = f"; strength: {src['strength']}" if "strength" in src else ""
    how = (READ_LABELS if DIRECTION[cell["stance"]] is not None else SEARCH_LABELS)[src["read"]]
    return f"Source: {place}; {how}{strength}; checked {src['checked']}."


def _cell_html(cell: dict) -> str:
    parts = [_stance_html(cell["stance"])]
    if "population" in cell:
        evidence = cell["evidence"]
        grade = {"not stated": "evidence grade not stated", "unverified": "evidence grade unverified"}.get(
            evidence, f"evidence: {evidence}")
        parts.append(f"<br><small>{safe_html(POPULATION_LABELS[cell['population']])}; {safe_html(grade)}</small>")
    if cell.get("note"):
        parts.append(f"<br><small>{safe_html(cell['note'])}</small>")
    src = cell["source"]
    via = f" title='{safe_html(src['via'])}'" if "via" in src else ""
    parts.append(f"<br><small class='gc-source'{via}><em>{safe_html(source_text(cell))}</em></small>")
    return "".join(parts)


def _other_html(row: dict) -> str:
    from .references import short_citations

    cites = short_citations()
    if not row["other_evidence"]:
        return "<small>No other evidence in the course's sources.</small>"
    items = []
    for ev in row["other_evidence"]:
        quality = "" if ev["quality"] == "not stated" else f" <em>Evidence: {safe_html(ev['quality'])}.</em>"
        items.append(
            f"<li><small>{safe_html(ev['finding'])} <em>Studied in: {safe_html(ev['population'])}.</em>"
            f"{quality} ({safe_html(cites[ev['ref']])})</small></li>"
        )
    return f"<ul style='margin:0;padding-left:1.1em'>{''.join(items)}</ul>"


def treatment_table_html(category: str | None = None, guideline: str | None = None,
                         disagreements_only: bool = False) -> str:
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
    head = "".join(
        f"<th scope='col' style='{_CELL}'>{safe_html(info[g]['name'])}</th>" for g in cols
    )
    body = []
    for row in rows:
        flag = (
            "<br><small><span aria-hidden='true'>⚠</span> <strong>guidelines disagree</strong></small>"
            if guidelines_disagree(row) else ""
        )
        cat = "" if category else f"<br><small>{safe_html(CATEGORY_LABELS[row['category']])}</small>"
        cells = "".join(f"<td style='{_CELL}'>{_cell_html(row['guidelines'][g])}</td>" for g in cols)
        body.append(
            f"<tr><th scope='row' style='{_CELL}'>{safe_html(row['name'])}{cat}{flag}</th>{cells}"
            f"<td style='{_CELL}'>{_other_html(row)}</td></tr>"
        )
    return (
        f"<table class='gc-treatments' style='{_TABLE_STYLE}'><caption style='text-align:left'><strong>"
        f"{safe_html(caption)}</strong></caption><tr><th scope='col' style='{_CELL}'>Treatment</th>{head}"
        f"<th scope='col' style='{_CELL}'>Other evidence</th></tr>{''.join(body)}</table>"
    )


def treatment_table(category: str | None = None, guideline: str | None = None):
    """Show the treatment table (see ``treatment_table_html``)."""
    from IPython.display import HTML

    return HTML(treatment_table_html(category, guideline))


def stance_legend_html() -> str:
    items = "".join(
        f"<li>{_stance_html(s['id'])}: {safe_html(s['meaning'])}</li>" for s in treatments_data()["stances"]
    )
    return f"<div class='gc-legend'><strong>How to read the stances</strong><ul>{items}</ul></div>"


def guidelines_html() -> str:
    """The three guidelines: who wrote them, for whom, and how they grade."""
    from .references import short_citations

    cites = short_citations()
    rows = "".join(
        f"<tr><th scope='row' style='{_CELL}'>{safe_html(g['name'])}<br><small>{safe_html(g['publisher'])}, "
        f"{safe_html(g['year'])}</small></th><td style='{_CELL}'>{safe_html(g['scope'])}</td>"
        f"<td style='{_CELL}'>{safe_html(g['grading'])}</td><td style='{_CELL}'>{safe_html(cites[g['ref']])}"
        f"<br><small>{safe_html(g['how_read'])}</small></td></tr>"
        for g in treatments_data()["guidelines"]
    )
    return (
        f"<table class='gc-guidelines' style='{_TABLE_STYLE}'><tr><th scope='col' style='{_CELL}'>Guideline</th>"
        f"<th scope='col' style='{_CELL}'>Who it is for</th><th scope='col' style='{_CELL}'>How strong</th>"
        f"<th scope='col' style='{_CELL}'>Source, and how the course read it</th></tr>{rows}</table>"
    )


def guidelines_overview():
    """Show the three guidelines and the stance legend."""
    from IPython.display import HTML

    return HTML(guidelines_html() + stance_legend_html())


def disagreement_html() -> str:
    items = []
    for d in disagreements():
        sides = "; ".join(f"{safe_html(g)}: {_stance_html(s)}" for g, s in d["stances"].items())
        items.append(f"<li><strong>{safe_html(d['name'])}</strong>: {sides}</li>")
    return (
        f"<div class='gc-disagreements'><strong>Treatments where the guidelines point different ways "
        f"({len(items)})</strong><ul>{''.join(items)}</ul></div>"
    )


def disagreement_summary():
    """Show the list of treatments on which the guidelines disagree (computed from the data)."""
    from IPython.display import HTML

    return HTML(disagreement_html())


VERDICT_SYMBOLS = {
    "supported": "✔",
    "partly supported": "≈",
    "not supported": "✘",
    "guidelines disagree": "⚠",
    "untested in back pain": "?",
}


def claims_html() -> str:
    from .references import short_citations

    cites = short_citations()
    rows = []
    for c in treatments_data()["claims"]:
        refs = "; ".join(safe_html(cites[k]) for k in c["refs"])
        rows.append(
            f"<tr><td style='{_CELL}'>“{safe_html(c['claim'])}”</td><td style='{_CELL}'>{safe_html(c['evidence'])} "
            f"<small>({refs})</small></td><td style='{_CELL}'><span aria-hidden='true'>{VERDICT_SYMBOLS[c['verdict']]}</span> "
            f"<strong>{safe_html(c['verdict'])}</strong></td></tr>"
        )
    return (
        f"<table class='gc-claims' style='{_TABLE_STYLE}'><caption style='text-align:left'><strong>The article's advice "
        f"against the evidence</strong></caption><tr><th scope='col' style='{_CELL}'>The article says</th>"
        f"<th scope='col' style='{_CELL}'>What the evidence says</th><th scope='col' style='{_CELL}'>Verdict</th></tr>"
        f"{''.join(rows)}</table>"
    )


def claims_table():
    """Show the article's treatment claims next to the evidence."""
    from IPython.display import HTML

    return HTML(claims_html())


# ---------------------------------------------------------------- widget


class TreatmentExplorer:
    """Filter the treatment table by category (or only the rows where the guidelines
    disagree) and by guideline. The result is an HTML widget (``.output.value``), so tests
    and screen readers can read it. Layouts and styles are shared with the quiz widgets."""

    def __init__(self, show: str = "all"):
        import ipywidgets as w

        from .quizzes import shared_styles

        sh = shared_styles()
        choices = ["all", *CATEGORIES, "disagree"]
        if show not in choices:
            raise ValueError(f"unknown view {show!r}: choose one of {', '.join(choices)}")
        self.category = w.ToggleButtons(
            options=[("All", "all")] + [(CATEGORY_LABELS[c], c) for c in CATEGORIES]
            + [("Where they disagree", "disagree")],
            value=show,
            description="Show:",
            tooltips=["All treatments", "Conventional care", "Psychological care", "Alternative therapies",
                      "Home remedies", "Only treatments on which the guidelines point different ways"],
            style={"description_width": "initial", "button_width": "auto"},
            layout=sh["auto"],
        )
        names = guideline_info()
        self.guideline = w.Dropdown(
            options=[("All three guidelines", "all")] + [(names[g]["name"], g) for g in GUIDELINES],
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
            self.output.value = f"<p role='alert'><strong>Sorry, that filter could not be shown:</strong> {safe_html(exc)}</p>"

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def treatment_explorer(show: str = "all") -> TreatmentExplorer:
    """A filterable treatment table: choose a category or only disagreements, and a guideline.

    ``show`` is the first view: "all", a category, or "disagree"."""
    return TreatmentExplorer(show)
