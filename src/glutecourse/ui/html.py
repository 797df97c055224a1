"""The course's rendering kit: the HTML helpers every view uses, and the stylesheet.

Views build HTML only through these helpers, and they carry no ``style=`` attributes: how
a box or table looks is in one stylesheet shipped with the package
(``glutecourse/ui/course.css``), keyed on the course's ``gc-*`` classes, with the colours
from the one palette (``glutecourse.core.palette``, as CSS custom properties).

Escaping
    Text is escaped by default. A plain ``str`` goes through :func:`safe_html` (the rule for
    the course's own data: escaped, with the small attribute-free subset ``<em>``,
    ``<strong>``, ``<code>``, ``<sub>``, ``<sup>``, ``<br>`` allowed back in). Text from a
    reader's own files goes through :func:`plain` (everything escaped, no markup at all).
    Markup the view built itself is passed as :class:`Markup` (or through :func:`plain`,
    :func:`safe_html` via :func:`markup`, or another helper here, which all return Markup):
    it is used as it is.

Helpers
    ``table(headers, rows, caption=..., cls=...)``; ``th(...)``/``td(...)`` for a cell with a
    header role, a class or a column span; ``callout(kind, title, body)`` for the course's
    boxes (:data:`CALLOUT_KINDS`); ``status_box(status, body)`` for a message after an action
    (:data:`STATUSES`); ``tag(name, body, cls=...)``; ``items(...)`` for a list.

The stylesheet
    :func:`stylesheet` returns it as a ``<style>`` element. It reaches a page once:
    ``objectives()`` (every notebook's first call) always includes it, and the first view
    shown in a kernel that has not sent it yet (an app page without ``objectives()``)
    includes it too (:func:`with_stylesheet`).
"""

from __future__ import annotations

import html as _html
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from ..core.palette import css_variables
from ..core.records import Record
from ..core.text import safe_html as _safe_html
from ..core.text import strip_tags

__all__ = [
    "CALLOUT_KINDS",
    "STATUSES",
    "Cell",
    "Markup",
    "callout",
    "cell_html",
    "items",
    "markup",
    "plain",
    "safe_html",
    "status_box",
    "strip_tags",
    "stylesheet",
    "table",
    "tag",
    "td",
    "th",
    "with_stylesheet",
]


class Markup(str):
    """A string of trusted HTML: the kit's helpers use it as it is (never escaped again)."""

    __slots__ = ()

    def __html__(self) -> str:  # the convention Jinja and MarkupSafe use too
        return str(self)


def markup(text: str) -> Markup:
    """Mark HTML built by the view itself as trusted."""
    return Markup(text)


def safe_html(text) -> Markup:
    """Course-data text: escaped, with the small allowed subset of tags kept (see core.text)."""
    return Markup(_safe_html(text))


def plain(text) -> Markup:
    """Text from a reader's file: everything escaped, no markup kept."""
    return Markup(_html.escape(str(text), quote=True))


def _text(content) -> str:
    """A cell's or box's content as HTML: Markup as it is, numbers as digits, text escaped."""
    if content is None:
        return ""
    if isinstance(content, Markup):
        return str(content)
    if isinstance(content, bool):
        return str(content)
    if isinstance(content, (int, float)):
        return str(content)
    return _safe_html(content)


def _classes(*names) -> str:
    return " ".join(n for n in names if n)


def _attr(name: str, value) -> str:
    return f" {name}='{_html.escape(str(value), quote=True)}'" if value not in (None, "") else ""


def tag(name: str, body="", cls: str = "", **attrs) -> Markup:
    """``<name class='cls' ...>body</name>``; attribute names use ``_`` for ``-``
    (``aria_label=...``) and a trailing ``_`` is dropped (``for_=...``)."""
    extra = "".join(_attr(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items())
    return Markup(f"<{name}{_attr('class', cls)}{extra}>{_text(body)}</{name}>")


def items(entries: Iterable, ordered: bool = False, cls: str = "") -> Markup:
    """A list; each entry is text (escaped as course data) or Markup."""
    name = "ol" if ordered else "ul"
    body = "".join(f"<li>{_text(e)}</li>" for e in entries)
    return Markup(f"<{name}{_attr('class', cls)}>{body}</{name}>")


class Cell(Record):
    """One table cell with more than content: a header role (``th(...)``), a class, a span."""

    content: object
    header: bool = False
    scope: str = "row"
    cls: str = ""
    colspan: int = 1


def th(content, scope: str = "row", cls: str = "", colspan: int = 1) -> Cell:
    """A header cell (``<th scope='row'>`` by default)."""
    return Cell(content, header=True, scope=scope, cls=cls, colspan=colspan)


def td(content, cls: str = "", colspan: int = 1) -> Cell:
    """A data cell with a class (``gc-num`` right-aligns a number) or a column span."""
    return Cell(content, cls=cls, colspan=colspan)


def cell_html(cell) -> str:
    if not isinstance(cell, Cell):
        return f"<td>{_text(cell)}</td>"
    name = "th" if cell.header else "td"
    scope = _attr("scope", cell.scope) if cell.header else ""
    span = _attr("colspan", cell.colspan) if cell.colspan != 1 else ""
    return f"<{name}{scope}{_attr('class', cell.cls)}{span}>{_text(cell.content)}</{name}>"


def table(
    headers: Sequence,
    rows: Iterable[Sequence],
    caption=None,
    cls: str = "",
) -> Markup:
    """A table: column headers (``<th scope='col'>``), rows of cells, an optional caption.

    Cells are escaped as course data unless they are Markup; ``th(...)`` makes a row
    header, ``td(..., cls="gc-num")`` a right-aligned number. ``cls`` names the table for
    the stylesheet and for tests (``gc-table`` is always added)."""
    head = "".join(cell_html(h if isinstance(h, Cell) else Cell(h, header=True, scope="col")) for h in headers)
    body = "".join("<tr>" + "".join(cell_html(c) for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{_text(caption)}</caption>" if caption not in (None, "") else ""
    head_row = f"<tr>{head}</tr>" if head else ""
    return Markup(f"<table class='{_classes('gc-table', cls)}'>{cap}{head_row}{body}</table>")


#: The course's callout kinds: the kind of box decides its look (``gc-callout-<kind>``).
CALLOUT_KINDS = {
    "emergency": "safety text: the disclaimer, the exercise stop rules (a heavy vermillion border)",
    "evidence": "a study or a claim against its evidence (a side bar, blue or the evidence level's colour)",
    "example": "a worked case to think through (a light border)",
    "person": "one of the course's made-up people (a side bar in the person's colour)",
    "info": "a neutral box of results (a grey side bar on a pale background)",
    "level": "a self-check level (the level's colour and tint: add gc-level-<level>)",
}


def callout(
    kind: str,
    title=None,
    body="",
    *,
    cls: str = "",
    role: str | None = "note",
    label: str | None = None,
    live: bool = False,
) -> Markup:
    """A box of one of the course's kinds (:data:`CALLOUT_KINDS`): an optional title line
    in bold, then the body. ``cls`` adds the view's own classes (for tests, and
    ``gc-level-<level>`` or ``gc-person-<n>`` for the colour); ``role`` and ``label`` are
    the box's ARIA role and name; ``live`` makes a screen reader announce changes."""
    if kind not in CALLOUT_KINDS:
        raise ValueError(f"unknown callout kind {kind!r}: choose one of {', '.join(CALLOUT_KINDS)}")
    head = f"<p class='gc-callout-title'><strong>{_text(title)}</strong></p>" if title not in (None, "") else ""
    aria = _attr("role", role) + _attr("aria-label", label) + (_attr("aria-live", "polite") if live else "")
    return Markup(f"<div class='{_classes(cls, 'gc-callout', 'gc-callout-' + kind)}'{aria}>{head}{_text(body)}</div>")


#: Status kinds: (tone for the stylesheet, default label, ARIA role). One palette for
#: every message after an action: quiz feedback, the diary's messages, saving problems.
STATUSES = {
    "correct": ("ok", "✔ Correct.", "status"),
    "incorrect": ("problem", "✘ Not quite.", "status"),
    "invalid": ("info", "Please check:", "status"),
    "revealed": ("neutral", "Answer shown.", "status"),
    "ok": ("ok", "✔ Saved.", "status"),
    "error": ("problem", "✖ Not saved.", "alert"),
    "warning": ("problem", "⚠ Please note.", "alert"),
    "info": ("info", "ℹ", "status"),
}


def is_symbol(char: str) -> bool:
    """An icon glyph, not a letter a screen reader should read: a symbol (✔, ⚠, ●), a
    private-use icon-font character, or a letter-like sign such as ℹ."""
    category = unicodedata.category(char)
    return category[0] == "S" or category == "Co" or (ord(char) >= 0x2100 and category[0] not in "PZ")


def _symbol_hidden(label) -> str:
    """A label's HTML with its symbols ("✔ Saved.", "Answered before: ✓ Correct.") hidden
    from screen readers (``aria-hidden``): they are shown, but a screen reader reads only
    the words, not "heavy check mark Saved". Markup is used as it is."""
    if isinstance(label, Markup):
        return str(label)
    parts = itertools.groupby(str(label), key=is_symbol)
    return "".join(
        f"<span aria-hidden='true'>{_text(''.join(run))}</span>" if symbol else _text("".join(run))
        for symbol, run in parts
    )


def status_box(status: str, body="", *, label=None, cls: str = "") -> Markup:
    """A message after an action, in one of :data:`STATUSES` (its label in bold, then the
    body). ``label=""`` leaves the label out; ``cls`` adds the view's own class."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
    tone, default, role = STATUSES[status]
    label = default if label is None else label
    lead = f"<strong>{_symbol_hidden(label)}</strong> " if label else ""
    return Markup(
        f"<div class='{_classes(cls, 'gc-status', 'gc-' + status, 'gc-tone-' + tone)}' role='{role}' "
        f"aria-live='polite'>{lead}{_text(body)}</div>"
    )


# ----------------------------------------------------------------------- the stylesheet


@cache
def stylesheet_css() -> str:
    """The course stylesheet: the palette as CSS custom properties, then ``course.css``."""
    css = resources.files("glutecourse.ui").joinpath("course.css").read_text(encoding="utf-8")
    variables = ";".join(f"{k}:{v}" for k, v in css_variables().items())
    return f":root{{{variables}}}\n{css}"


def stylesheet() -> Markup:
    """The stylesheet as one ``<style>`` element (a page needs it once)."""
    global _SENT
    _SENT = True
    return Markup(f"<style id='gc-course-css'>{stylesheet_css()}</style>")


_SENT = False


def with_stylesheet(text: str, always: bool = False) -> str:
    """``text`` with the stylesheet in front when this kernel has not sent it yet (or
    ``always``: ``objectives()``, every notebook's first call, so a re-run keeps it)."""
    if always or not _SENT:
        return stylesheet() + text
    return text
