"""The beliefs check: what a reader believed at the start of the course (notebook 00) and at
its end (notebook 10), statement by statement (``data/beliefs.json``).

Each statement is one of the course's myths (``data/myths.json``) rated on a whole-number
scale from "sure it is false" to "sure it is true". Ratings are saved in the reader's
progress store (``ProgressStore.record_belief``: locked, re-read, merged, replaced
atomically, like quiz answers) and go into the export a teacher loads.

Pure logic, no widgets: :func:`save_rating` checks what was typed (a message, never an
exception), :func:`reader_changes` gives a reader's before and after per statement, and
:func:`class_changes` the class's change per statement from the loaded exports (readers
with only one of the two ratings are counted and listed apart, never mixed in). The widget
is ``glutecourse.ui.beliefs``; the class chart ``glutecourse.charts.classroom``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from functools import lru_cache

from ..catalog.references import reference_keys
from ..core.data import build, check_ids_and_refs, load
from ..core.errors import CourseDataError
from ..core.numbers import format_number, try_number
from ..core.paths import data_dir
from ..core.records import Record
from .myths import myths

#: When a statement is rated, and the notebook that asks.
PHASES = ("before", "after")
PHASE_NOTEBOOK = {"before": "00-start-here", "after": "10-conclusion-and-final-quiz"}

#: How strong the evidence is, in words (the data's ``strength``).
STRENGTH_WORDS = {
    "low": "Low: few studies, or only indirect ones",
    "moderate": "Moderate: several studies point the same way, with limits",
    "high": "High: several strong sources agree",
}


#: The rating scale's ends (the reader file's schema holds a rating to them too).
SCALE_LOW, SCALE_HIGH = 0, 10


class Scale(Record):
    """The rating scale: whole numbers from ``low`` to ``high``, with words (from the data)
    for both ends and the middle."""

    low_words: str
    high_words: str
    middle_words: str
    low: int = SCALE_LOW
    high: int = SCALE_HIGH

    @property
    def hint(self) -> str:
        """The scale in words, as a box's label or an error message shows it."""
        return f"{self.low} = {self.low_words}, {self.high} = {self.high_words}"

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


class Statement(Record):
    """One statement to rate: its text, the myth it comes from, which end of the scale the
    evidence points to (``"false"`` or ``"true"``), what the evidence says, how strong it is
    (a :data:`STRENGTH_WORDS` key and why) and its sources."""

    id: str
    text: str
    myth: str
    evidence_says: str
    evidence: str
    strength: str
    strength_why: str
    refs: tuple[str, ...]

    @property
    def strength_words(self) -> str:
        return STRENGTH_WORDS[self.strength]


class Beliefs(Record):
    """``data/beliefs.json``."""

    note: str
    scale: Scale
    statements: tuple[Statement, ...]


@lru_cache(maxsize=1)
def beliefs_data() -> Beliefs:
    data = load("beliefs.json", schema="beliefs")
    path = data_dir() / "beliefs.json"
    check_ids_and_refs(path, data["statements"], "statement", reference_keys())
    known = {m.id for m in myths()}
    for s in data["statements"]:
        if s["myth"] not in known:
            raise CourseDataError(
                path, f"statement {s['id']!r}", f"unknown myth {s['myth']!r} (not in data/myths.json)"
            )
    return build(Beliefs, data)


def statements() -> tuple[Statement, ...]:
    return beliefs_data().statements


def scale() -> Scale:
    return beliefs_data().scale


def statement_ids() -> tuple[str, ...]:
    return tuple(s.id for s in statements())


# ------------------------------------------------------------------ a reader's ratings


def parse_rating(value) -> tuple[int | None, str | None]:
    """A rating typed by a reader (or given by code): ``(rating, None)`` or ``(None, message)``
    in plain words (a number outside the scale, a fraction, a word, a blank box)."""
    sc = scale()
    rating, problem = try_number(value, what="Your rating", whole=True, low=sc.low, high=sc.high, hint=sc.hint)
    if problem and not problem.startswith(("Your rating", "Please")):  # not a number at all
        shown = " ".join(str(value).split())[:30]
        problem = f"“{shown}” is not a number. Type a whole number from {sc.low} to {sc.high} ({sc.hint})."
    elif problem and sc.hint not in problem:
        problem = f"{problem.rstrip('.')} ({sc.hint})."
    return rating, problem


class Saved(Record):
    """What :func:`save_rating` did: ``rating`` saved (None if not), and a message: why it was
    not taken, or why it could not be written to the file yet ("" when all is well)."""

    statement: str
    rating: int | None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.rating is not None and not self.message


def save_rating(store, statement: str, phase: str, value) -> Saved:
    """Check a rating and record it in the reader's progress ``store`` (see
    ``ProgressStore.record_belief``). Never raises for bad input: an unknown statement or
    phase, or a rating that is not a whole number on the scale, gets a message instead."""
    if statement not in statement_ids():
        return Saved(str(statement)[:60], None, f"There is no statement {str(statement)[:60]!r} in the beliefs check.")
    if phase not in PHASES:
        return Saved(statement, None, f"A rating is 'before' or 'after', not {str(phase)[:30]!r}.")
    rating, problem = parse_rating(value)
    if problem:
        return Saved(statement, None, problem)
    store.record_belief(statement=statement, phase=phase, rating=rating, notebook=PHASE_NOTEBOOK[phase])
    problem = getattr(store, "problem", "")
    return Saved(statement, rating, f"Kept for now but not saved to the file: {problem}" if problem else "")


def latest_ratings(records: Iterable[Mapping]) -> dict[tuple[str, str], int]:
    """The latest rating per (statement, phase) from a reader's belief records (oldest
    first), only for statements the course has."""
    known = set(statement_ids())
    out: dict[tuple[str, str], int] = {}
    for r in records:
        if r.get("statement") in known and r.get("phase") in PHASES:
            out[(r["statement"], r["phase"])] = r["rating"]
    return out


def direction(st: Statement, before: int, after: int) -> str:
    """``"towards"`` the evidence, ``"away"`` from it, or ``"same"``."""
    if before == after:
        return "same"
    lower = after < before
    return "towards" if lower == (st.evidence_says == "false") else "away"


def _rating_words(rating: int) -> str:
    sc = scale()
    if rating == sc.low:
        return sc.low_words
    if rating == sc.high:
        return sc.high_words
    if rating == sc.middle:
        return sc.middle_words
    return "leaning false" if rating < sc.middle else "leaning true"


class ReaderChange(Record):
    """One statement for one reader: the ratings (None where not given yet) and the change
    in words."""

    statement: Statement
    before: int | None
    after: int | None

    @property
    def direction(self) -> str | None:
        if self.before is None or self.after is None:
            return None
        return direction(self.statement, self.before, self.after)

    @property
    def text(self) -> str:
        """The change as a sentence (never a chart alone)."""
        if self.before is None and self.after is None:
            return "Not rated yet."
        if self.before is None:
            return (
                f"Now {self.after} ({_rating_words(self.after)}). You did not rate it at the start, so there is "
                "no change to show."
            )
        if self.after is None:
            return f"At the start {self.before} ({_rating_words(self.before)}). Rate it again to see your change."
        moved = abs(self.after - self.before)
        points = f"{moved} point{'' if moved == 1 else 's'}"
        side = f"the evidence says it is {self.statement.evidence_says}"
        how = {
            "same": "no change",
            "towards": f"{points} towards the evidence ({side})",
            "away": f"{points} away from the evidence ({side})",
        }[self.direction]
        return (
            f"At the start {self.before} ({_rating_words(self.before)}), now {self.after} "
            f"({_rating_words(self.after)}): {how}."
        )


def reader_changes(ratings: Mapping[tuple[str, str], int]) -> list[ReaderChange]:
    """Every statement, in the data's order, with this reader's before and after."""
    return [ReaderChange(s, ratings.get((s.id, "before")), ratings.get((s.id, "after"))) for s in statements()]


# ------------------------------------------------------------------ a class's change


class ClassChange(Record):
    """The class's change on one statement. Means and medians are over the readers with
    both ratings only (``paired``); readers with only one are counted and named apart."""

    statement: Statement
    paired: int
    mean_before: float | None
    mean_after: float | None
    median_before: float | None
    median_after: float | None
    towards: int
    away: int
    same: int
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]

    @property
    def text(self) -> str:
        """The row in words."""
        if not self.paired:
            return "No reader rated this statement both at the start and at the end yet."
        mean = f"mean {format_number(self.mean_before, 1)} before, {format_number(self.mean_after, 1)} after"
        return (
            f"{self.paired} reader{'' if self.paired == 1 else 's'} rated it both times: {mean}; "
            f"{self.towards} moved towards the evidence, {self.away} away from it, {self.same} did not change."
        )


def class_changes(readers: Iterable[tuple[str, Mapping[tuple[str, str], int]]]) -> list[ClassChange]:
    """One row per statement from ``(reader label, latest ratings)`` pairs (see
    :func:`latest_ratings`)."""
    readers = list(readers)
    rows = []
    for s in statements():
        pairs, only_before, only_after = [], [], []
        for label, ratings in readers:
            b, a = ratings.get((s.id, "before")), ratings.get((s.id, "after"))
            if b is not None and a is not None:
                pairs.append((b, a))
            elif b is not None:
                only_before.append(label)
            elif a is not None:
                only_after.append(label)
        moves = [direction(s, b, a) for b, a in pairs]
        before, after = [b for b, _ in pairs], [a for _, a in pairs]
        rows.append(
            ClassChange(
                statement=s,
                paired=len(pairs),
                mean_before=statistics.fmean(before) if pairs else None,
                mean_after=statistics.fmean(after) if pairs else None,
                median_before=statistics.median(before) if pairs else None,
                median_after=statistics.median(after) if pairs else None,
                towards=moves.count("towards"),
                away=moves.count("away"),
                same=moves.count("same"),
                only_before=tuple(only_before),
                only_after=tuple(only_after),
            )
        )
    return rows
