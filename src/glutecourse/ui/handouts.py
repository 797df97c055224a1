"""Printable one-page handouts, built from ``data/`` (``scripts/make_handouts.py``).

Four stand-alone HTML pages, each one printed page on A4 or Letter (``@page`` margins,
content sized to the smaller of the two), with no external references (the figures are
embedded as ``data:`` images), so they open offline and print anywhere:

1. ``when-to-get-help.html``: the emergency signs (red box, first) and the same-day signs
   (amber box) with their actions, from the ``disclaimer`` of ``data/course.json``;
2. ``exercise-sheet.html``: every exercise in ``data/exercises.json`` with its drawing
   (``images/exercises-*.svg``), dose and how often, and the stop rules;
3. ``flare-up-plan.html``: blank fields to fill in (``data/handouts.json``), what to do
   in a flare-up (the first phase of ``data/exercises.json``'s plan, and its stop rules),
   and when to get help;
4. ``clinician-checklist.html``: ``clinician_checklist`` of ``data/selfcheck.json`` with
   room to write.

Every word comes from ``data/`` (headings and blank fields from ``data/handouts.json``);
:func:`build` is a pure function of a :class:`Sources`, so a test can change a data item
in a copy and see the handout change. No ipywidgets or IPython here: these are pages, not
widgets.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.data import build as build_record
from ..core.data import validate
from ..core.palette import OKABE_ITO
from ..core.records import Record

if TYPE_CHECKING:
    from ..topics.exercises import Library

#: The handouts, in order: file name -> builder name.
HANDOUTS = {
    "when-to-get-help.html": "help_sheet",
    "exercise-sheet.html": "exercise_sheet",
    "flare-up-plan.html": "flare_plan",
    "clinician-checklist.html": "clinician_sheet",
}

STYLE = f"""
@page {{ margin: 12mm; }}
* {{ box-sizing: border-box; }}
html {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.3;
  color: #111; background: #fff; }}
body {{ margin: 0; }}
.sheet {{ max-width: 186mm; margin: 0 auto; padding: 4mm 0; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm; }}
h2 {{ font-size: 12.5pt; margin: 0 0 1.5mm; }}
p {{ margin: 0 0 2mm; }}
ul {{ margin: 0 0 1mm 0; padding-left: 6mm; }}
li {{ margin: 0 0 0.8mm; }}
.box {{ border: 2.5pt solid; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 3.5mm; break-inside: avoid; }}
.emergency {{ border-color: {OKABE_ITO["vermillion"]}; background: #fdeee6; }}
.emergency h2 {{ color: #8a3200; }}
.urgent {{ border-color: {OKABE_ITO["orange"]}; background: #fff6e0; }}
.urgent h2 {{ color: #6b4a00; }}
.plain {{ border-color: {OKABE_ITO["blue"]}; }}
.action {{ font-weight: bold; margin: 1.5mm 0 0; }}
.tag {{ display: inline-block; font-size: 9pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.05em;
  border: 1pt solid currentColor; border-radius: 1mm; padding: 0 1.5mm; margin-right: 2mm; }}
.grid {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 2.5mm; margin: 0 0 3mm; }}
.ex {{ border: 0.75pt solid #999; border-radius: 1.5mm; padding: 1.5mm; break-inside: avoid; font-size: 8pt;
  line-height: 1.2; }}
.ex img {{ width: 100%; height: 17mm; object-fit: contain; display: block; }}
.ex h2 {{ font-size: 9pt; margin: 1mm 0 0.5mm; }}
.ex p {{ margin: 0; }}
.fields {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }}
.field {{ margin: 0 0 2.5mm; break-inside: avoid; }}
.cols {{ columns: 2; column-gap: 6mm; }}
.field .label {{ font-weight: bold; }}
.line {{ border-bottom: 0.75pt solid #555; height: 7mm; }}
.checklist li {{ margin: 0 0 1mm; }}
.checklist .line {{ height: 6.5mm; }}
.links a {{ display: inline-block; padding: 1.5mm 0; }}
footer {{ font-size: 8pt; color: #444; border-top: 0.75pt solid #999; padding-top: 1.5mm; margin-top: 3mm; }}
@media screen {{ body {{ background: #eee; }} .sheet {{ background: #fff; padding: 12mm; margin: 8mm auto; }} }}
"""


class Sources(Record):
    """Everything the handouts show, read from one data folder and one images folder."""

    course: dict
    exercises: Library  # the exercise library's records (topics.exercises)
    selfcheck: dict
    handouts: dict
    references: dict
    images: Path

    @classmethod
    def read(cls, data: Path, images: Path) -> Sources:
        """The data files, each checked against its schema (CourseDataError names the
        file and item on a problem); the exercise library is built into its records."""
        from ..topics.exercises import Library

        loaded = {}
        for name, schema in (
            ("course", "course"),
            ("exercises", "exercises"),
            ("selfcheck", "selfcheck"),
            ("handouts", "handouts"),
            ("references", "references"),
        ):
            path = Path(data) / f"{name}.json"
            loaded[name] = validate(json.loads(path.read_text(encoding="utf-8")), schema, path)
        loaded["exercises"] = build_record(Library, loaded["exercises"])
        return cls(images=Path(images), **loaded)

    def image(self, name: str) -> tuple[str, str]:
        """An image as a ``data:`` address, and its alt text from ``manifest.json``."""
        path = self.images / name
        alt = json.loads((self.images / "manifest.json").read_text(encoding="utf-8"))[name]["alt"]
        return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii"), alt

    def sources_line(self, keys) -> str:
        """The short citations of ``keys`` (data/references.json), joined."""
        return "; ".join(escape(self.references[k]["short"]) for k in keys)


def _items(texts) -> str:
    return "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>"


def _lines(size: str) -> str:
    return "<div class='line'></div>" * (2 if size == "long" else 1)


def page(src: Sources, title: str, body: str, refs=()) -> str:
    """A whole stand-alone page: one printed sheet."""
    cited = src.sources_line(refs)
    sources = f" Sources: {cited}." if cited else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main class='sheet'>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n<footer>{escape(src.handouts['footer'])}{sources}</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def _signs_box(kind: str, tag: str, heading: str, part: dict) -> str:
    return (
        f"<section class='box {kind}'><h2><span class='tag'>{escape(tag)}</span>{escape(heading)}</h2>"
        f"<p>{escape(part['lead'])}</p>{_items(s['text'] for s in part['signs'])}"
        f"<p class='action'>{escape(part['action'])}</p></section>"
    )


def help_sheet(src: Sources) -> str:
    h = src.handouts["help"]
    d = src.course["disclaimer"]
    body = (
        f"<p>{escape(h['intro'])}</p>"
        + _signs_box("emergency", "Emergency", h["emergency_heading"], d["emergency"])
        + _signs_box("urgent", "Same day", h["urgent_heading"], d["urgent"])
        + f"<section class='box plain'><p>{escape(h['otherwise'])}</p></section>"
    )
    return page(src, h["title"], body, d["refs"])


def exercise_sheet(src: Sources) -> str:
    from ..topics.exercises import dose_text, frequency_text, image_name

    h = src.handouts["exercises"]
    cards = []
    for ex in src.exercises.exercises:
        address, alt = src.image(image_name(ex.id))
        cards.append(
            f"<div class='ex'><img src='{address}' alt='{escape(alt, quote=True)}'>"
            f"<h2>{escape(ex.name)}</h2><p>{escape(dose_text(ex))}</p><p>{escape(frequency_text(ex))}</p></div>"
        )
    body = (
        f"<p>{escape(h['intro'])} {escape(src.exercises.note)}</p>"
        f"<div class='grid'>{''.join(cards)}</div>"
        f"<section class='box urgent'><h2>{escape(h['stop_heading'])}</h2>"
        f"{_items(src.exercises.rules.stop_rules)}</section>"
    )
    return page(src, h["title"], body)


def flare_plan(src: Sources) -> str:
    h = src.handouts["flare_plan"]
    d = src.course["disclaimer"]
    rules = src.exercises.rules
    first_phase = rules.phase_plans[0]
    fields = "".join(
        f"<div class='field'><div class='label'>{escape(f['label'])}</div>{_lines(f['size'])}</div>"
        for f in h["fields"]
    )
    body = (
        f"<section class='box emergency'><h2><span class='tag'>Emergency</span>{escape(h['help_heading'])}</h2>"
        f"<p>{escape(d['emergency']['lead'])} {escape('; '.join(s['text'] for s in d['emergency']['signs']))}.</p>"
        f"<p class='action'>{escape(d['emergency']['action'])}</p>"
        f"<p><span class='tag'>Same day</span>{escape(d['urgent']['summary'])}. {escape(d['urgent']['action'])} "
        f"{escape(h['help_note'])}</p></section>"
        f"<section class='box plain'><h2>{escape(h['todo_heading'])}</h2><p>{escape(first_phase.why)}</p>"
        f"<p><strong>{escape(src.handouts['exercises']['stop_heading'])}</strong></p>"
        f"<div class='cols'>{_items(rules.stop_rules)}</div></section>"
        f"<p>{escape(h['intro'])}</p><div class='fields'>{fields}</div>"
    )
    return page(src, h["title"], body, d["refs"])


def clinician_sheet(src: Sources) -> str:
    h = src.handouts["checklist"]
    items = "".join(f"<li>{escape(text)}{_lines(h['size'])}</li>" for text in src.selfcheck["clinician_checklist"])
    body = f"<p>{escape(h['intro'])}</p><ol class='checklist'>{items}</ol>"
    return page(src, h["title"], body)


def index_page(src: Sources) -> str:
    links = "".join(
        f"<li><a href='{name}'>{escape(_title(src, builder))}</a></li>" for name, builder in HANDOUTS.items()
    )
    # Each link a target at least 24 px high (WCAG 2.2 target size; the axe audit checks).
    body = (
        f"<p>One page each: open one and print it from your browser (A4 or Letter).</p><ul class='links'>{links}</ul>"
    )
    return page(src, "Printable handouts", body)


def _title(src: Sources, builder: str) -> str:
    key = {
        "help_sheet": "help",
        "exercise_sheet": "exercises",
        "flare_plan": "flare_plan",
        "clinician_sheet": "checklist",
    }
    return src.handouts[key[builder]]["title"]


def build(src: Sources) -> dict[str, str]:
    """Every handout page (and the index), by file name. Pure: the same sources always
    give the same bytes."""
    out = {name: globals()[builder](src) for name, builder in HANDOUTS.items()}
    out["index.html"] = index_page(src)
    return out
