"""Case cards: the course's recurring people, as each notebook meets them.

``case_notes("<notebook stem>")`` shows one card per person who has an entry for that
notebook in ``data/cases.json``: who they are, what this notebook means for them, and the
sources of that text (short citations beside the text, full references underneath). In
``00-start-here`` (the "meet" entries) each card also tells the person's story. Naming
people (``case_notes(stem, "runner-hip")``) shows only those cards.

HTML only, no widgets. Everything shown comes from ``data/cases.json`` and
``data/references.json``, escaped with ``safe_html`` (the data may use the small markup
subset that ``glutecourse.core.text`` allows).
"""

from __future__ import annotations

from ..catalog.cases import Case, CaseEntry, cases
from ..catalog.references import bibliography
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from .display import html
from .html import Markup, callout, safe_html

#: What each kind of entry tells the reader (the schema's ``focus`` values).
FOCUS_LABELS = {
    "meet": "",  # the entry's text introduces the person itself
    "anatomy": "The anatomy, for {name}",
    "movement": "How the body moves, for {name}",
    "cause": "What the evidence says about the cause",
    "self-check": "What the self-check says",
    "when-to-get-help": "When to get help",
    "guidelines": "What guidelines suggest",
    "recovery": "What recovery may look like",
    "exercise": "Exercise",
    "diary": "The pain diary",
}

#: How many people have their own colour (``gc-person-<n>`` in the stylesheet: one
#: Okabe-Ito colour each, in data order); the name is always written beside it.
PERSON_COLOURS = 6

NOTE = (
    "These people are made up for teaching. What the course says about them is never a "
    "diagnosis of you: if you see yourself in a story, the self-check and a health "
    "professional are the next steps."
)


def _path():
    return data_dir() / "cases.json"


def people_in(notebook: str, *people: str) -> list[tuple[Case, CaseEntry]]:
    """(person, entry) for each person with an entry for ``notebook``, in data order;
    only ``people`` (ids) when given. Unknown notebooks and people raise CourseDataError."""
    everyone = cases()
    known = {c.id for c in everyone}
    unknown = [p for p in people if p not in known]
    if unknown:
        raise CourseDataError(_path(), f"case {unknown[0]!r}", "no such person (ids: " + ", ".join(sorted(known)) + ")")
    chosen = [c for c in everyone if not people or c.id in people]
    if not any(notebook in c.notebooks for c in everyone):
        raise CourseDataError(
            _path(), f"notebook {notebook!r}", "no person has an entry for this notebook (check its name)"
        )
    missing = [c.id for c in chosen if notebook not in c.notebooks]
    if people and missing:
        raise CourseDataError(_path(), f"case {missing[0]!r}", f"has no entry for notebook {notebook!r}")
    return [(c, c.notebooks[notebook]) for c in chosen if notebook in c.notebooks]


def _citations(refs) -> str:
    bib = bibliography()
    return "; ".join(safe_html(bib[r].short) for r in refs)


def _card(person: Case, entry: CaseEntry, colour: int) -> str:
    name = f"{person.name}, {person.age}"
    label = FOCUS_LABELS[entry.focus].format(name=person.name)
    parts = [f"<p><strong>{safe_html(name)}</strong>: {safe_html(person.summary)}</p>"]
    if entry.focus == "meet":
        parts.append(f"<p>{safe_html(person.story)}</p>")
    cite = f" <em>({_citations(entry.refs)})</em>" if entry.refs else ""
    lead = f"<strong>{safe_html(label)}.</strong> " if label else ""
    parts.append(f"<p>{lead}{safe_html(entry.text)}{cite}</p>")
    return callout("person", None, Markup("".join(parts)), cls=f"gc-case gc-person-{colour}", role="group", label=name)


def case_notes_html(notebook: str, *people: str) -> str:
    found = people_in(notebook, *people)
    order = [c.id for c in cases()]
    cards = "".join(_card(p, e, order.index(p.id) % PERSON_COLOURS) for p, e in found)
    keys: list[str] = []
    for _, entry in found:
        keys += [r for r in entry.refs if r not in keys]
    sources = ""
    if keys:
        bib = bibliography()
        items = "".join(f"<li><strong>{safe_html(bib[k].short)}</strong>. {safe_html(bib[k].full)}</li>" for k in keys)
        sources = f"<details><summary>Sources for these notes</summary><ol>{items}</ol></details>"
    title = (
        "Meet the people in this course"
        if all(e.focus == "meet" for _, e in found)
        else "The course's people: what this means for them"
    )
    return (
        f"<section class='gc-cases' aria-label='{safe_html(title)}'>"
        f"<p><strong>{safe_html(title)}</strong></p>"
        f"<p><em>{safe_html(NOTE)}</em></p>{cards}{sources}</section>"
    )


def case_notes(notebook: str, *people: str):
    """Case cards for ``notebook`` (a stem such as ``"03-causes-and-risk-factors"``)."""
    return html(case_notes_html(notebook, *people))
