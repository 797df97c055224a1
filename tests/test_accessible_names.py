"""Buttons and marks a screen reader can read (issue 13): no control's accessible name
carries an icon glyph. ipywidgets draws a button's ``icon`` with CSS (FontAwesome), so it is
not in the name; a glyph typed into a ``description`` is read aloud ("heavy check mark
Check"). The quiz's marks beside a chosen answer sit inside the answer's label, so their
symbol is hidden from screen readers; a status box's leading symbol likewise.
"""

import unicodedata
from html.parser import HTMLParser

import pytest


def symbols(text: str) -> list[str]:
    """The icon glyphs in ``text``: symbols (✔ ⚠ ●), private-use icon-font characters, and
    letter-like signs (ℹ ⓘ), by their Unicode category; letters, digits, punctuation (the
    middle dot of "1 · Gentle") and spaces are read as words or pauses."""
    found = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] == "S" or category == "Co" or (ord(char) >= 0x2100 and category[0] not in "PZ"):
            found.append(f"{char} ({unicodedata.name(char, hex(ord(char)))})")
    return found


def test_the_rule_tells_a_glyph_from_a_word():
    assert symbols("✓ Correct") and symbols("ℹ") and symbols("⚠ Please note.") and symbols("\uf00c Check")
    assert not symbols("1 · Gentle") and not symbols("Check my symptoms") and not symbols("Don’t – stop")


class _Readable(HTMLParser):
    """The text of an HTML fragment a screen reader reads: everything outside elements
    marked ``aria-hidden='true'``."""

    def __init__(self, honour_hidden: bool = True):
        super().__init__()
        self.honour_hidden = honour_hidden
        self.hidden = 0
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "hr", "wbr"):
            return
        is_hidden = self.honour_hidden and dict(attrs).get("aria-hidden") == "true"
        self.stack.append(is_hidden)
        self.hidden += is_hidden

    def handle_endtag(self, tag):
        if self.stack:
            self.hidden -= self.stack.pop()

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def readable(fragment: str, honour_hidden: bool = True) -> str:
    parser = _Readable(honour_hidden)
    parser.feed(fragment)
    return "".join(parser.text)


def _visible(fragment: str) -> str:
    """All the text a sighted reader sees (hidden from screen readers or not)."""
    return readable(fragment, honour_hidden=False)


def _views(home):
    """Every view of the course with controls, each opened as far as a reader opens it (the
    self-check's gate and its other questions are built on demand)."""
    from glutecourse.topics.progress import ProgressStore
    from glutecourse.topics.quizzes import topic_banks
    from glutecourse.ui import (
        causes,
        classroom,
        diary,
        exercises,
        final_quiz,
        progress,
        quizzes,
        review,
        selfcheck,
        timeline,
    )

    store = ProgressStore(home / "progress.json")
    checker = selfcheck.symptom_checker()
    checker.open()
    checker.answer_gate(False, focus=False)
    builder = exercises.routine_builder()
    return [
        quizzes.quiz(topic_banks()[0].id, store=store),
        quizzes.quiz_picker(),
        final_quiz.final_quiz(store=store, start=True),
        review.review(store=store),
        progress.progress_dashboard(store=store),
        checker,
        builder,
        exercises.routine_timer(builder),
        diary.diary_widget(),
        classroom.class_results(),
        causes.sitting_calculator(),
        timeline.timeline_explorer(),
    ]


def _controls(widget, seen=None):
    """Every widget under ``widget`` (children, and the quiz's own parts)."""
    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _controls(child, seen)


def _names(view) -> list[tuple[str, str]]:
    """(what, accessible name) for every button-like control of ``view``."""
    import ipywidgets as w

    names = []
    for control in _controls(getattr(view, "widget", view)):
        kind = type(control).__name__
        if isinstance(control, w.Button):
            names.append((f"{kind} {control.description!r}", control.description))
        elif isinstance(control, w.ToggleButtons):
            names += [(f"{kind} option {label!r}", label) for label in control._options_labels]
        elif hasattr(control, "mark_text"):  # the quiz's answer list: what follows a checked answer
            names += [(f"{kind} mark {mark!r}", words) for mark, (_symbol, words) in control.mark_text.items()]
    return names


def test_no_button_of_the_course_carries_an_icon_glyph_in_its_name(home):
    names = [pair for view in _views(home) for pair in _names(view)]
    kinds = {what.split()[0] for what, _ in names}
    assert {"Button", "ToggleButtons"} <= kinds, kinds  # the walk reached the controls
    assert len(names) >= 20, names
    bad = [f"{what}: {symbols(name)}" for what, name in names if symbols(name)]
    assert not bad, "put the glyph in the button's icon (drawn by CSS), not in its description: " + "; ".join(bad)


def test_a_quiz_mark_shows_its_symbol_but_a_screen_reader_reads_only_its_words():
    from glutecourse.ui.quizzes import _CHOICES_ESM, MARKS, VERDICT

    for mark, (symbol, words) in MARKS.items():
        assert symbols(symbol) and not symbols(words), mark  # a symbol shown, words read
    # The front end puts the symbol in its own aria-hidden element, and reads the words.
    assert 'symbol.setAttribute("aria-hidden", "true")' in _CHOICES_ESM
    assert "symbol.textContent = text[0]" in _CHOICES_ESM and 'span.append(symbol, " " + text[1])' in _CHOICES_ESM
    for status, text in VERDICT.items():
        assert text == f"{MARKS[status][0]} {MARKS[status][1]}"


@pytest.mark.parametrize("status", ["correct", "incorrect", "ok", "error", "warning", "info", "invalid", "revealed"])
def test_a_status_box_shows_its_symbol_but_reads_only_words(status):
    from glutecourse.ui.html import STATUSES, status_box

    box = status_box(status, "Body text.")
    label = STATUSES[status][1]
    assert label in _visible(box)  # nothing a reader sees changes
    assert not symbols(readable(box)), readable(box)
    assert "Body text." in readable(box)


def test_a_status_label_given_by_a_view_is_read_without_its_symbol():
    from glutecourse.ui.html import status_box
    from glutecourse.ui.quizzes import VERDICT

    for label in (f"Answered before: {VERDICT['correct']}.", "✖ Could not read diary.csv", "✔ Done."):
        box = status_box("info", "x", label=label)
        assert label in _visible(box)
        assert not symbols(readable(box)), box
