"""Spaced review: bring back the questions a reader missed or has not seen for a while.

The schedule is a **pure function of the reader's attempts and the clock** (Leitner boxes):

- A question enters a box the first time it is answered: box 1 after a miss, box 2 after a
  right answer.
- A right answer given when the question is due moves it up one box (at most
  :data:`INTERVALS`'s last box); a right answer given before it is due (the same quiz
  again, or *Try again* after a miss) changes nothing, so re-clicking never climbs boxes.
- A miss, at any time, returns it to box 1.
- A question in box *b* is due :data:`INTERVALS` ``[b - 1]`` calendar days after the day of
  its last answer that set the box: 1, 3, 7, 14 and 30 days. Days are the reader's own
  calendar days (the clock's time zone), so a question missed in the evening is due the
  next morning.

The schedule is not stored separately: the attempts already live in ``progress.json``,
saved through the storage layer (locked, re-read, merged by id, atomic), and a damaged
attempt is set aside there. Deriving the schedule from them means two windows reviewing at
once can never lose a schedule entry or disagree about one, and a damaged attempt simply
does not count. Answers given in a review are recorded like any other quiz answer (the
review uses the quiz widget), so the dashboard counts them.

:func:`review_session` picks one short session: due questions only, the ones missed last
time first, then the longest overdue, capped at :data:`SESSION_CAP`.

The clock is injected (``now``, an aware datetime); nothing here reads the time itself.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ..core.records import Record
from .progress import Attempt

#: Days until a question in box 1, 2, 3, 4, 5 is due again.
INTERVALS = (1, 3, 7, 14, 30)
#: The most questions in one review session.
SESSION_CAP = 8


class Entry(Record):
    """Where one question stands in the reader's schedule."""

    bank: str
    question: str
    box: int  # 1 .. len(INTERVALS)
    due: _dt.date  # the first day it is due again
    last_seen: _dt.date  # the day of its latest answer
    last_correct: bool  # whether that latest answer was right

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank, self.question)

    def is_due(self, today: _dt.date) -> bool:
        return self.due <= today


def _parse_at(text) -> _dt.datetime | None:
    """An attempt's time, aware (UTC when the file gives no offset), or None."""
    if not isinstance(text, str):
        return None
    try:
        when = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=_dt.timezone.utc)


def _check_now(now: _dt.datetime) -> _dt.datetime:
    if not isinstance(now, _dt.datetime) or now.tzinfo is None:
        raise ValueError("the review clock must give an aware datetime (with a time zone)")
    return now


def advance(entry: Entry | None, bank: str, question: str, correct: bool, day: _dt.date) -> Entry:
    """The entry after one answer given on ``day`` (pure)."""
    if entry is None:
        box = 2 if correct else 1
    elif not correct:
        box = 1
    elif entry.is_due(day):
        box = min(entry.box + 1, len(INTERVALS))
    else:  # right, but early: nothing changes except when it was last seen
        return Entry(bank, question, entry.box, entry.due, day, True)
    return Entry(bank, question, box, day + _dt.timedelta(days=INTERVALS[box - 1]), day, bool(correct))


def schedule(attempts: Iterable[Attempt], now: _dt.datetime) -> dict[tuple[str, str], Entry]:
    """Every answered question's entry, from the attempts (any order; sorted by time here).

    ``now`` gives the reader's time zone (calendar days are counted in it). Attempts
    without a readable time, or from the future (a clock that was wrong), are left out."""
    now = _check_now(now)
    tz = now.tzinfo
    timed = []
    for i, a in enumerate(attempts):
        when = _parse_at(a.at)
        if when is None or when > now:
            continue
        timed.append((when, i, a))
    timed.sort(key=lambda t: (t[0], t[1]))
    entries: dict[tuple[str, str], Entry] = {}
    for when, _, a in timed:
        key = a.key
        entries[key] = advance(entries.get(key), key[0], key[1], a.correct, when.astimezone(tz).date())
    return entries


def due_entries(entries: dict[tuple[str, str], Entry], now: _dt.datetime) -> list[Entry]:
    """The due entries, most urgent first: missed last time, then longest overdue, then
    lowest box; ties in a fixed order (bank, question)."""
    today = _check_now(now).date()
    due = [e for e in entries.values() if e.is_due(today)]
    return sorted(due, key=lambda e: (e.last_correct, e.due, e.box, e.bank, e.question))


class Session(Record):
    """One review session: the questions to ask, and what is waiting beyond it."""

    entries: tuple[Entry, ...]  # the ones to ask, in order (at most the cap)
    due: int  # how many are due in all
    next_due: _dt.date | None  # when the next not-yet-due question comes back (None: nothing answered)

    @property
    def keys(self) -> list[tuple[str, str]]:
        return [e.key for e in self.entries]


def review_session(
    attempts: Iterable[Attempt], now: _dt.datetime, known: set[tuple[str, str]] | None = None, cap: int = SESSION_CAP
) -> Session:
    """The questions to review now (pure). ``known`` limits them to questions that still
    exist in the banks (a question removed from the course is never asked)."""
    entries = schedule(attempts, now)
    if known is not None:
        entries = {k: e for k, e in entries.items() if k in known}
    due = due_entries(entries, now)
    today = now.date()
    later = [e.due for e in entries.values() if not e.is_due(today)]
    return Session(tuple(due[: max(0, cap)]), len(due), min(later) if later else None)


def local_now() -> _dt.datetime:
    """The real clock: now, in this computer's time zone (the default for the widgets)."""
    return _dt.datetime.now().astimezone()
