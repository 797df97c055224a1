"""How long a notebook takes, computed from what a reader sees (pure: no files, no widgets).

``scripts/make_timing.py`` runs every notebook's code once at generate time (no kernel),
counts the words of its Markdown cells and of the HTML its calls render (glossary boxes,
study cards, tables, case cards), its figures, its quiz questions and its activities, and
hands them to :func:`minutes`; the result is written into ``data/course.json``
(``minutes``) and into the README and the instructor guide (``make generate``; a test fails
when they are stale). The figures used:

- **Reading speed:** :data:`WORDS_PER_MINUTE` = 175 words a minute. Adults read English
  non-fiction silently at 238 words a minute on average, most between 175 and 300
  (Brysbaert 2019, a meta-analysis of 190 studies, J Mem Lang 109:104047), and more slowly
  when older or reading to learn; health information read to be used, full of new terms,
  is reading to learn, so the course takes the bottom of the usual range.
- **Quiz questions:** :data:`MINUTES_PER_QUESTION` = 1 minute each (read the question and
  the options, answer, read the feedback and its source).
- **Figures:** :data:`MINUTES_PER_FIGURE` = 1 minute for each chart or drawing in the
  Markdown (reading axes, labels and the caption).
- **Activities:** :data:`ACTIVITY_MINUTES`, minutes for each tool a reader works with
  (an explorer to try several choices with, the self-check, the routine builder and its
  timer, the diary).
- Reference lists and the whole-glossary table are skimmed, not read (:data:`SKIMMED`);
  the safety banner is read in full once, in the first notebook.

A notebook's time is rounded up to the next 5 minutes.
"""

from __future__ import annotations

import math
import re

from ..core.records import Record

WORDS_PER_MINUTE = 175
MINUTES_PER_QUESTION = 1
MINUTES_PER_FIGURE = 1
#: Minutes a reader spends with each interactive tool (keyed by the public function).
ACTIVITY_MINUTES = {
    "progress_dashboard": 2,  # refresh, look at the table, perhaps export
    "beliefs_check": 2,  # rate a few statements (in 10, then read the change beside the evidence)
    "muscle_explorer": 5,  # pick several of the nine muscles, read each one's facts
    "cause_cards": 7,  # the seven claimed causes, one card each
    "sitting_calculator": 3,  # add up one's own sitting day
    "symptom_checker": 5,  # tick, check, read the level and its reasons
    "treatment_explorer": 3,  # filter the table a few ways
    "timeline_explorer": 4,  # acute and persistent, a few starting pains
    "routine_builder": 3,  # choose phase, minutes and level
    "routine_timer": 10,  # follow a short routine once (the builder's shortest routines)
    "diary_widget": 5,  # add a few entries, draw the chart
}
#: Calls whose output a reader consults rather than reads through.
SKIMMED = ("references", "more_references", "glossary_table")
#: Rounding step, minutes.
ROUND_TO = 5

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")


def count_words(text: str) -> int:
    """Words in plain text (numbers like 2.5 or 1,172 are one word)."""
    return len(_WORD.findall(text))


class Parts(Record):
    """Minutes for each part of a notebook, unrounded."""

    reading: float
    figures: float
    questions: float
    activities: float

    @property
    def total(self) -> float:
        return self.reading + self.figures + self.questions + self.activities


class Reading(Record):
    """What one notebook asks of a reader."""

    words: int
    figures: int = 0
    questions: int = 0
    activities: tuple[str, ...] = ()

    def parts(self) -> Parts:
        """Minutes for each part, unrounded."""
        unknown = [a for a in self.activities if a not in ACTIVITY_MINUTES]
        if unknown:
            raise ValueError(f"no time set for the activity {unknown[0]!r} (add it to ACTIVITY_MINUTES)")
        return Parts(
            reading=self.words / WORDS_PER_MINUTE,
            figures=self.figures * MINUTES_PER_FIGURE,
            questions=self.questions * MINUTES_PER_QUESTION,
            activities=sum(ACTIVITY_MINUTES[a] for a in self.activities),
        )


def minutes(reading: Reading) -> int:
    """The notebook's time in minutes, rounded up to the next :data:`ROUND_TO`."""
    total = reading.parts().total
    return max(ROUND_TO, math.ceil(total / ROUND_TO - 1e-9) * ROUND_TO)


def hours_text(total_minutes: int) -> str:
    """``335`` -> ``"5 h 35 min"``."""
    h, m = divmod(int(total_minutes), 60)
    return f"{h} h {m} min" if h and m else (f"{h} h" if h else f"{m} min")
