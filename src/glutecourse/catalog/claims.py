"""The clinical claims register (``data/claims.json``) and the scanner that checks it.

Every clinical number the course shows, and every guideline stance it states, is held in
one register with its source: the reference key, the exact place in the source (page,
table, recommendation or section), whether the source's own text or a named summary was
read, and the date it was checked. Guideline stances and self-check items already carry
their place and date in their own files (``treatments.json``, ``selfcheck.json``,
``selfcheck-rules.json``), so the register points at those records instead of copying them.

The scanner finds the numbers a reader sees: in notebooks' markdown cells and in the
reader-facing text and numbers of the data files (which the package renders), the quiz
banks and the recurring cases included. What counts as a clinical number, and what does
not, is defined here once (``RULE``); the tests use it to fail on any number the register
does not hold. Two kinds of claim cover numbers that are not findings: a derived claim
holds the course's own arithmetic on registered numbers with the computation written out
(``evaluate`` redoes it), and a scenario claim lists the made-up details of a quiz
question's or a case's story, or of a notebook's worked example or Think prompt, exempt only
in the questions, cases, fields or notebook cells it names.

This module is for authors and tests; no notebook imports it.
"""

from __future__ import annotations

import ast
import json
import operator
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path

from ..core.data import build, load_validated
from ..core.errors import CourseDataError
from ..core.paths import data_dir, repo_root
from ..core.records import Record, replace

RULE = """\
A clinical number is any quantity stated about health, the body, a study or a treatment:
percentages and proportions, rates, effect sizes and their confidence intervals, p-values,
counts of people, studies, trials or red flags, durations and doses, ages and thresholds.
It is found as
  * a numeral (digits, with or without a sign, thousands commas or decimals), with any
    range ("30-49", "-0.52 to 0.09") and unit after it ("%", "per 100,000", "days",
    "s", "people", "studies", "4 in 10,000"); or
  * a number written in words when it carries a unit ("six weeks", "two previous
    episodes", "a thousand people") or is a ratio ("four in five"); or a fraction in
    words ("more than half", "about a third", "two thirds of people").
These are NOT clinical numbers (masked before scanning; the list is EXCLUSIONS):
  * numbers inside code: code cells, `inline code`, <code>, <kbd>, links and image paths;
  * numbering of the course itself: headings and numbered lists (also a numbered item
    that follows a sentence on the same line: "... first? 2. What is the evidence?"),
    notebook numbers ("notebook 05", "01 · Anatomy"), section, step, question and level
    numbers (also the routine builder's level names: "1 · Gentle");
  * where a claim comes from: recommendation and section numbers ("1.2.22",
    "Recommendation 3", "B.4"), years and dates in citations and editions ("2016, updated
    2020", "Woodfield 2022"), document codes ("NG59", "CD007612"), nerve-root labels
    ("L5", "S1");
  * reading times ("in about 25 minutes") and quiz lengths ("Eight questions", the final
    quiz's number of questions per topic);
  * the ends of a rating scale ("0 to 10", "0-100 scale", "10 = worst"), the 95% that
    names a confidence interval, and a rate's denominator that follows a word rather
    than its number ("incidence per 100,000 per year"); a rate keeps it as its unit ("2.7 per 100,000",
    "2.7 new cases per 100,000 people", "2.7 people per 100,000" are one number);
  * the course's own chart and diary settings ("7-day rolling mean", "weeks 0-14 are
    stretched"), and image descriptions of made-up examples and exercise drawings;
  * UK phone numbers for help (999, 111);
  * made-up or drawing values in data: worked-case people, drawing coordinates, example
    programme weeks, reading minutes, exercise settings (checked against registered dose
    ranges instead), and the diary's made-up sample;
  * the text of a quiz option that is not the keyed answer (a distractor is shown as
    wrong; its feedback, which says what is right, is scanned).
Two kinds of number are not clinical claims but are still held by the register, each as
narrowly as the scanner can tell them apart (never by a broad exclusion):
  * SCENARIO numbers: the made-up details of a quiz question's or a case's story, or of a
    notebook's worked example or Think prompt about the course's made-up people (ages,
    "two years ago", "200 people" at a practice, "1 March", a diary value "about 5", "the
    five people"). A scenario claim lists them with their places: a question
    ("data/quizzes/<bank>.json#<id>"), a case field ("data/cases.json#<id>/story",
    ".../notebooks/<notebook>/text"), or one notebook cell by its id
    ("notebooks/<notebook>.ipynb#<cell id>"; never a whole notebook, and a cell must show
    every value of the claim that names it). They are exempt only there, with the same value
    and unit: the same number in another question, field or cell or with another unit is
    caught, and so is any clinical number beside them.
  * DERIVED numbers: the course's own arithmetic on registered numbers ("4% of 200 is 8",
    "51 − 23 = 28 points", "65% is about two thirds"). A derived claim names the claims it
    computes from and writes each computation out ("4 / 100 * 200"); the tests redo it, and
    the number shown must equal it rounded as shown (or be within the stated margin of an
    "about"), or the comparison must hold ("11 / 1172 * 100 < 1"). A computation may use
    only numbers of the claims it names and unit conversions (CONVERSIONS). A derived
    claim shown in a quiz bank or a case carries its arithmetic: every number in digits it
    shows is a result of it or a number it computes from. Sums written out for readers ("1.5 + 7 + 2 = 10.5 hours") are read as operands
    (restated numbers, matched on value since their unit is often dropped) and a result,
    and the tests redo every one of them too.
"""

#: Files that hold no clinical number (see RULE). Keep this short and specific.
EXCLUDED_FILES = {
    "data/anatomy-diagram.json": "drawing coordinates",
    "data/exercises-poses.json": "drawing coordinates",
    "data/references.json": "the bibliography: volumes, issues, pages and years",
    "data/claims.json": "the register itself",
    "notebooks/instructor/class-results.ipynb": "a class's quiz scores: no clinical content",
}
#: (file, field) pairs whose values are not clinical numbers (see RULE).
EXCLUDED_FIELDS = {
    ("data/selfcheck-cases.json", "person"): "made-up people: their ages and stories are fiction",
    ("data/course.json", "minutes"): "reading times",
    ("data/phases.json", "start_week"): "example programme weeks, labelled illustrative",
    ("data/phases.json", "end_week"): "example programme weeks, labelled illustrative",
    (
        "data/timeline.json",
        "week",
    ): "where a point sits on the chart's time axis (the week itself is in the curve's source)",
    ("data/timeline.json", "week_note"): "how a milestone is placed on the chart",
    ("data/exercises.json", "steps"): "exercise instructions (the example programme's own settings)",
    ("data/exercises.json", "dose"): "the example programme's settings; checked against registered dose ranges",
    ("data/exercises.json", "sides"): "the example programme's settings",
    ("data/exercises.json", "sets"): "the example programme's settings; checked against registered dose ranges",
    ("data/exercises.json", "min_sets"): "the example programme's settings",
    ("data/exercises.json", "rest_seconds"): "the example programme's settings",
    (
        "data/exercises.json",
        "days_per_week",
    ): "the example programme's settings; checked against registered dose ranges",
    ("data/exercises.json", "difficulty"): "the example programme's settings",
    ("data/exercises.json", "rules"): "the routine builder's settings",
    ("data/causes.json", "placeholder"): "example input in the sitting calculator",
    ("data/causes.json", "max_hours"): "hours in a day (the calculator's input limit)",
    ("quiz", "tolerance"): "how close a typed answer must be",
    ("data/final-quiz.json", "count"): "quiz lengths: how many questions the final quiz takes from each topic",
    ("data/final-quiz.json", "min"): "quiz lengths: how many emergency or urgent items the final quiz must include",
}
#: Text fields that are never shown as prose (a regular expression used for matching).
MACHINE_FIELDS = frozenset({"match", "checked"})
#: Strings that are identifiers (item ids, reference keys, enum values), never prose.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# ----------------------------------------------------------------------------- scanning

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "thousand": 1000,
}
_FRACTIONS = {
    "a third": "1/3",
    "one third": "1/3",
    "two thirds": "2/3",
    "a quarter": "1/4",
    "one quarter": "1/4",
    "three quarters": "3/4",
}
#: Unit words after a number, mapped to one canonical spelling.
_UNITS = [
    (r"%|per ?cent", "%"),
    # a rate: "2.7 per 100,000", "2.7 new cases per 100,000 people", "2.7 people per 100,000"
    (r"(?:(?:new )?cases |people )?per 100,000(?: people| women| adults| females)?", "per 100000"),
    (r"per million(?: people)?", "per 1000000"),
    (r"days?", "day"),
    (r"weeks?", "week"),
    (r"months?", "month"),
    (r"years?", "year"),
    (r"hours?|h", "hour"),
    (r"minutes?|mins?", "minute"),
    (r"seconds?|secs?|s", "second"),
    (r"mm", "mm"),
    (r"points?", "point"),
    (r"degrees|°", "degree"),
    (r"mg", "mg"),
    (r"people|patients|participants|adults|women|men|persons", "people"),
    (r"cohort studies|case-control studies|studies|trials|RCTs|cohorts|reviews", "studies"),
    (r"guidelines", "guidelines"),
    (r"red flags", "red flags"),
    (r"(?:previous )?episodes", "episodes"),
    (r"repetitions|reps|times", "times"),
    (r"sets", "sets"),
]
_UNIT_RE = "|".join(f"(?:{pattern})" for pattern, _ in _UNITS).replace(" ", r"\s+")
_TIME_AND_COUNT = r"days?|weeks?|months?|years?|hours?|minutes?|seconds?|people|patients|adults|women|men|studies|trials|cohort studies|(?:previous )?episodes|repetitions"

_TOKEN_RE = re.compile(
    rf"""
    (?P<num>(?P<neg>(?<![\w.,)\]])[-−])?(?:{_NUM}))
    (?:\s*(?:-|–|−|to)\s*(?P<num2>[-−]?(?:{_NUM})))?            # a range or interval
    (?:
        (?:\s(?:people|person))?\s(?P<ratio>(?:in|out\ of)\ (?:every\ )?(?:{_NUM}))  # "4 in 10,000"
      | \s?-?\s?(?P<unit>{_UNIT_RE})(?![\w])                    # a unit ("30 s", "7-day")
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_WORD_TOKEN_RE = re.compile(
    r"(?<![\w-])(?P<word>"
    + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
    + rf")[ -](?P<unit>{_TIME_AND_COUNT})\b",
    re.IGNORECASE,
)
_SMALL_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
_WORD_RATIO_RE = re.compile(
    rf"(?<![\w-])(?P<a>{_SMALL_WORDS}) in (?:every )?(?P<b>{_SMALL_WORDS}|a hundred|\d[\d,]*)\b", re.IGNORECASE
)
_QUALIFIER = r"(?:about|nearly|almost|only|roughly|over|under|(?:more|less|fewer) than)"
_FRACTION_RE = re.compile(
    # A fraction in words counts where it is a share of people or of a score: after a word
    # like "about" or "more than", or before "of", "had", "were"... Not "a third factor",
    # "half an hour" or "half of each file".
    rf"\b{_QUALIFIER} (?P<q>"
    + "|".join(f.replace(" ", "[ -]") for f in sorted(_FRACTIONS, key=len, reverse=True))
    + r"|half)\b"
    r"|(?<![\w-])(?P<f>"
    + "|".join(f.replace(" ", "[ -]") for f in sorted(_FRACTIONS, key=len, reverse=True))
    + r"|half)"
    r"(?= (?:of (?:them|those|people|any|all|the people)|had|have|were|are|recovered|still)\b)",
    re.IGNORECASE,
)

#: Spans masked before scanning (RULE, second list). Each pattern is specific on purpose.
EXCLUSIONS = [
    ("code", r"`[^`\n]*`|<code>.*?</code>|<kbd>.*?</kbd>"),
    ("link targets and file names", r"\]\([^)]*\)|https?://\S+|\b[\w./-]+\.(?:svg|png|ipynb|json|csv|md|py)\b"),
    ("html comments and attributes", r"<!--.*?-->|\b(?:style|class|href|src)=(?:'[^']*'|\"[^\"]*\")"),
    ("heading and list numbering", r"^\s{0,3}(?:#+\s*\d+(?:\.\d+)*\.?|\d+\.\s|\*\*\d+\.\*\*)"),
    # a numbered item run on after a sentence ("... first (notebook 05). 2. What is the
    # evidence?"): a one- or two-digit number right after a sentence's end, itself followed
    # by a full stop and a capital. A number ending a sentence ("fell to 2. Then") is kept.
    ("numbered item after a sentence", r"(?<=[.?!]\s)\d{1,2}\.\s(?=\*{0,2}[A-Z])"),
    ("notebook numbers", r"\b[Nn]otebooks?\s+\*{0,2}\d\d\b(?:\*{0,2}(?:,| and| or)\s+\*{0,2}\d\d\b)*|\b\d\d\s·\s"),
    # the routine builder's level names as its menu shows them (LEVEL_LABELS in exercises.py)
    ("builder level names", r"\b[1-3]\s·\s(?=(?:Gentle|Moderate|Harder)\b)"),
    (
        "section, step, question and level numbers",
        r"\b(?:[Ss]ections?|[Ss]teps?|[Qq]uestions?|[Ll]evels?|[Pp]hases?|[Cc]hapters?|[Tt]ables?|[Ff]igures?|[Pp]ages?|p\.|No\.?|[Rr]ecommendations?|[Rr]ec\.)"
        r"\s+\d+(?:\.\d+)*(?:\s*(?:,|and|to|or|-)\s*\d+(?:\.\d+)*)*",
    ),
    (
        "recommendation and section codes",
        r"\b\d+(?:\.\d+){2,}\b|\b1\.\d\s+to\s+1\.\d\b|\b[A-E]\.\d+\b|\bOpenStax(?: Anatomy and Physiology 2e)?,? (?:section )?\d+\.\d+",
    ),
    (
        "document codes and nerve roots",
        r"\b(?:NG|CG|QS|CD|NBK|PMC|[LST])\d+\b|\b[LS]\d-[LS]?\d\b|\bdoi\s+\S+|\b\d+\(\d+\):\d+(?:-\d+)?|\b\d+:\d+(?:-\d+)?\b|\b\d+(?:st|nd|rd|th)\b",
    ),
    ("years and dates", r"\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d\d\b(?!\s*(?:%|people|days|weeks))"),
    (
        "reading times and quiz lengths",
        r"\bin (?:about )?(?:\d+ minutes|half an hour)\b|\*\*Time:\*\* about \d+ minutes|\b(?:\d+|[A-Z]?[a-z]+) questions\b",
    ),
    (
        "rating-scale ends and rate denominators",
        r"\b0\s?(?:-|–|to)\s?10{1,2}\b|\b(?:0|10|100)\s?=\s?\w+|\b0 \(no pain\)|\b10 \(worst|\bout of 10{1,2}\b"
        r"|\b(?:between 0 and|capped at|from 0 to) 10{1,2}\b|\bpain 11\b"
        r"|(?<!\d cases )(?<!\d new cases )(?<!\d people )(?<=[a-z] )per \d{1,3}(?:,\d{3})+",
    ),
    ("confidence level", r"\b95\s?%(?=\s*(?:CI|confidence|of (?:the |such )?intervals|describes the method))"),
    (
        "made-up examples and chart settings",
        r"!\[(?:Example|Stick figure|[^\]]*made-up)[^\]]*\]|\b7-day(?= (?:rolling )?mean)|\bsix (?:calendar )?days before it\b|(?<=made-up sample diary\*\* of )eight weeks|\bweeks \d+-\d+(?= are (?:stretched|squeezed))",
    ),
    ("help lines", r"\b(?:999|111)\b(?!\s*(?:%|people|days|weeks))"),
]
_EXCLUDE_RE = re.compile("|".join(f"(?:{p})" for _, p in EXCLUSIONS), re.DOTALL | re.MULTILINE)


class Number(Record):
    """One clinical number found in a text: its value and unit, normalised for matching."""

    value: str
    unit: str
    text: str
    context: str
    #: In a data file made of records (quiz questions, cases): the record's id and the path
    #: of the field inside it ("sitting-total/explanation", "desk-worker/story"); in a
    #: notebook: the id of its markdown cell; else "".
    where: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.value, self.unit)


def norm_value(raw) -> str:
    """'1,088' -> '1088'; '0.50' -> '0.5'; '−0.33' -> '-0.33'; 4.0 -> '4'."""
    text = str(raw).replace(",", "").replace("−", "-").strip()
    if "/" in text:
        return text
    value = Decimal(text)
    if value == value.to_integral():
        return str(int(value))
    return format(value.normalize(), "f")


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.strip().lower()
    return _known_unit(raw) or raw


def _known_unit(raw: str) -> str | None:
    """The canonical spelling of a unit the rule knows ("hours" -> "hour"), else None."""
    for pattern, canon in _UNITS:
        if re.fullmatch(pattern, raw.strip(), re.IGNORECASE):
            return canon
    return None


#: Worked arithmetic written out ("1.5 + 7 + 2 = 10.5 hours", "51 ÷ 66 = 0.77",
#: "70 / 52 ≈ 1.35"): each operand is a number restated (its unit is often dropped), and the
#: result is the course's own number, held by a derived claim whose arithmetic is checked.
_ARITH_RE = re.compile(
    rf"(?<![\w.,])(?P<expr>(?:{_NUM})(?:\s?[A-Za-z%]+)?(?:\s*[-+−×÷*/]\s*(?:{_NUM})(?:\s?[A-Za-z%]+)?)+)"
    rf"\s*[=≈]\s*(?P<result>{_NUM})(?:\s?(?P<unit>{_UNIT_RE})(?![\w]))?",
    re.IGNORECASE,
)
_OPERAND_RE = re.compile(rf"(?P<num>{_NUM})(?:\s?(?P<word>[A-Za-z%]+))?")


_SCALE_SENTENCE = re.compile(r"[^.;:\n]*\b(?:rating )?scale\b[^.;:\n]*", re.IGNORECASE)
_SCALE_END = re.compile(r"(?<![\d.,])\b(?:0|10|100)\b(?![.,]\d)(?!\s*(?:%|people|points))")


def _blank(m: re.Match) -> str:
    return re.sub(r"\S", " ", m.group(0))


def masked(text: str) -> str:
    """``text`` with every excluded span (RULE) replaced by spaces, offsets kept. In a
    sentence about a rating scale, 0, 10 and 100 are the scale's ends."""
    text = _EXCLUDE_RE.sub(_blank, text)
    return _SCALE_SENTENCE.sub(lambda m: _SCALE_END.sub(_blank, m.group(0)), text)


def numbers_in(text: str, mask: bool = True) -> list[Number]:
    """Every clinical number in ``text``, in order (see RULE)."""
    scan = masked(text) if mask else text
    found: list[tuple[int, Number]] = []

    def add(start, end, value, unit):
        context = re.sub(r"\s+", " ", text[max(0, start - 50) : end + 50]).strip()
        found.append((start, Number(norm_value(value), unit, text[start:end].strip(), context)))

    for m in _ARITH_RE.finditer(scan):
        for op in _OPERAND_RE.finditer(m.group("expr")):
            unit = _known_unit(op.group("word") or "") or ANY_UNIT
            add(m.start("expr") + op.start(), m.start("expr") + op.end(), op.group("num"), unit)
        add(m.start("result"), m.end(), m.group("result"), _unit(m.group("unit")))
    scan = _ARITH_RE.sub(_blank, scan)
    for m in _TOKEN_RE.finditer(scan):
        before = scan[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in "._":
            continue  # glued to a word or a longer number: a code, not a quantity
        after = scan[m.end() : m.end() + 1]
        if after.isalpha() and not m.group("unit"):
            continue
        if m.group("ratio"):
            unit = re.sub(r"\s+", " ", m.group("ratio").replace("every ", "").replace(",", "")).replace("out of ", "/")
        else:
            unit = _unit(m.group("unit"))
        add(m.start(), m.end(), m.group("num"), unit)
        if m.group("num2"):
            add(m.start(), m.end(), m.group("num2"), unit)
    for m in _WORD_TOKEN_RE.finditer(scan):
        add(m.start(), m.end(), _WORD_NUMBERS[m.group("word").lower()], _unit(m.group("unit")))
    for m in _WORD_RATIO_RE.finditer(scan):
        b = m.group("b").lower()
        denominator = _WORD_NUMBERS.get(b) or norm_value(b)
        add(m.start(), m.end(), _WORD_NUMBERS[m.group("a").lower()], f"in {denominator}")
    for m in _FRACTION_RE.finditer(scan):
        frac = re.sub(r"[ -]+", " ", (m.group("q") or m.group("f")).lower())
        add(m.start(), m.end(), _FRACTIONS.get(frac, "1/2"), "")
    return [n for _, n in sorted(found, key=lambda pair: pair[0])]


def worked_arithmetic(text: str) -> list[tuple[str, Number]]:
    """The sums written out in ``text`` ("51 ÷ 66 = 0.77"), as (expression, result shown):
    the expression with plain operators and without units, for ``evaluate``."""
    out = []
    for m in _ARITH_RE.finditer(masked(text)):
        expression = re.sub(r"\s?[A-Za-z%]+", "", m.group("expr"))
        expression = re.sub(r"\s*([-+−×÷*/])\s*", r" \1 ", expression.replace(",", ""))
        expression = expression.replace("−", "-").replace("×", "*").replace("÷", "/")
        out.append((expression, Number(norm_value(m.group("result")), _unit(m.group("unit")), m.group(0), text)))
    return out


# ------------------------------------------------------------------ where readers see text


def rel(path: Path) -> str:
    return Path(path).resolve().relative_to(repo_root()).as_posix()


# The scanner reads the same files many times (each test of a file, each scenario place in
# a file); it parses and scans each distinct content once. The caches are keyed by the
# file's text, not its name, so a changed file (or a changed copy at the same path) is
# read afresh, and they hand out immutable values (tuples, frozen Numbers) or copies.


def _text(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def _json(text: str):
    """The parsed JSON of ``text``: shared, so callers only read it (never change it)."""
    return json.loads(text)


@lru_cache(maxsize=256)
def _markdown_cells(text: str) -> tuple[tuple[str, str], ...]:
    cells = _json(text)["cells"]
    return tuple((c.get("id", ""), "".join(c["source"])) for c in cells if c["cell_type"] == "markdown")


def notebook_cells(path: Path) -> list[tuple[str, str]]:
    """(cell id, text) for each markdown cell of a notebook (code cells hold no prose; what
    they render comes from data files, which are scanned themselves)."""
    return list(_markdown_cells(_text(path)))


def notebook_text(path: Path) -> str:
    """The markdown cells of a notebook, as one text."""
    return "\n\n".join(text for _, text in notebook_cells(path))


def _excluded(file: str, key: str) -> bool:
    kind = "quiz" if file.startswith("data/quizzes/") else file
    return (file, key) in EXCLUDED_FIELDS or (kind, key) in EXCLUDED_FIELDS


def data_values(node, file: str, field: str | None = None, unit: str = ""):
    """(field, value, unit) for every reader-facing string and number in a data file's JSON.
    A number's unit comes from a ``unit`` beside it or from its field's name."""
    for path, value, unit_ in _walk(node, file, (), unit):
        yield (path[-1] if path else field), value, unit_


#: Lists of records in a data file whose items a scenario place can name by id.
RECORD_LISTS = ("questions", "cases")


def _walk(node, file: str, path: tuple[str, ...], unit: str = ""):
    """(path, value, unit) for every reader-facing string and number; ``path`` names dict
    keys, and list items by their ``id`` where they have one (else by position)."""
    if isinstance(node, dict):
        sibling_unit = ""
        if isinstance(node.get("unit"), str):
            # a unit the rule does not know ("muscles", "ticks") says nothing to match on
            sibling_unit = _known_unit(node["unit"].split(" ")[0]) or ANY_UNIT
        for key, value in node.items():
            if key in MACHINE_FIELDS or _excluded(file, key):
                continue
            yield from _walk(value, file, path + (key,), sibling_unit)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            step = value["id"] if isinstance(value, dict) and isinstance(value.get("id"), str) else str(i)
            yield from _walk(value, file, path + (step,), unit)
    elif isinstance(node, bool) or node is None:
        return
    elif isinstance(node, str):
        if not _SLUG.match(node):
            yield path, node, ""
    elif isinstance(node, (int, float)):
        yield path, node, unit or _field_unit(path[-1] if path else "")


def _record_path(path: tuple[str, ...]) -> str:
    """Where a value sits, as a scenario place names it: "<record id>/<field>/..." for a
    value inside a quiz question or a case, else ""."""
    if len(path) >= 2 and path[0] in RECORD_LISTS:
        return "/".join(path[1:])
    return ""


def _field_unit(field: str) -> str:
    """A number's unit from its field name ("recurrence_percent" -> "%"), or ANY_UNIT."""
    for suffix, canon in (("percent", "%"), ("days", "day"), ("hours_per_day", "hour"), ("weeks", "week")):
        if field.endswith(suffix):
            return canon
    return ANY_UNIT


#: The unit of a number in a data field whose name does not say it ("with_lbp": 150): it
#: matches the register's value whatever unit the register gives it.
ANY_UNIT = "*"


def numbers_in_file(path: Path, name: str | None = None) -> list[Number]:
    """Every clinical number a reader can see from one notebook or data file. ``name`` is
    the file's place in the repository (given when ``path`` is a copy elsewhere)."""
    path = Path(path)
    name = name or rel(path)
    if name in EXCLUDED_FILES:
        return []
    return list(_numbers_in_text(_text(path), name, path.suffix == ".ipynb"))


@lru_cache(maxsize=256)
def _numbers_in_text(text: str, name: str, notebook: bool) -> tuple[Number, ...]:
    """``numbers_in_file`` for a file's ``text``: each distinct content is scanned once."""
    if notebook:
        # each cell on its own, so that a number knows its cell (a scenario place)
        return tuple(replace(n, where=cell_id) for cell_id, cell in _markdown_cells(text) for n in numbers_in(cell))
    found: list[Number] = []
    data = json.loads(text)  # a copy of its own: the distractors' text is removed below
    for question in data.get("questions", []) if isinstance(data, dict) else []:
        keyed = question.get("answer")
        keyed = set(keyed) if isinstance(keyed, list) else {keyed}
        for option in question.get("options", []):
            if option.get("id") not in keyed:
                option.pop("text", None)  # a wrong option (distractor) is shown as wrong, not stated
    for path_, value, unit in _walk(data, name, ()):
        where = _record_path(path_)
        if isinstance(value, str):
            found += [replace(n, where=where) for n in numbers_in(value)]
        else:
            found.append(Number(norm_value(value), unit, str(value), f"{path_[-1]}: {value}", where))
    return tuple(found)


def token_matches(key: tuple[str, str], registered: set[tuple[str, str]]) -> bool:
    """Whether a number found in a text is one of the ``registered`` (value, unit) pairs.
    Value and unit must both agree; a number from a data field with no unit in its name
    (ANY_UNIT) needs only the value to agree."""
    value, unit = key
    if unit == ANY_UNIT:
        return any(v == value for v, _ in registered)
    return key in registered


# ------------------------------------------------------------------------------ the register


class DoseCheck(Record):
    """A dose range a dose claim holds the example programme to (``min`` and/or ``max`` of
    one ``measure`` of every exercise of one ``type``)."""

    type: str
    measure: str
    min: int | float | None = None
    max: int | float | None = None


class ArithmeticLine(Record):
    """One line of a derived claim's arithmetic: the number readers see (``shows``), its
    computation (the JSON key ``is``), and how far an "about" may be from it."""

    shows: str
    computation: str
    within: int | float | None = None


class PointsTo(Record):
    """Where a pointer claim's records live: the file, the list in it, and their ids."""

    file: str
    list: str
    ids: tuple[str, ...]


class Claim(Record):
    """One entry of the register. Which fields a claim carries depends on its ``kind`` (the
    schema says which): number claims (finding, article, dose) their source and reading
    record, derived claims what they derive from (the JSON key ``from``) and how, scenario
    claims the places they exempt, pointer claims (guideline stances, self-check items)
    where their records are."""

    id: str
    kind: str
    statement: str
    values: tuple[str, ...] = ()
    ref: str | None = None
    place: str | None = None
    read: str | None = None
    via: str | None = None
    seen_in_source: bool | None = None
    checked: str | None = None
    appears_in: tuple[str, ...] = ()
    note: str | None = None
    checks: tuple[DoseCheck, ...] = ()
    derives_from: tuple[str, ...] = ()
    how: str | None = None
    arithmetic: tuple[ArithmeticLine, ...] = ()
    places: tuple[str, ...] = ()
    points_to: PointsTo | None = None


class Register(Record):
    """``data/claims.json``: the note and every claim."""

    note: str
    claims: tuple[Claim, ...]


def build_register(data: dict) -> Register:
    """The register record from schema-checked JSON. Two JSON keys are Python keywords, so
    they are renamed on the way: a claim's ``from`` is ``derives_from``, an arithmetic
    line's ``is`` is ``computation``."""

    def line(raw: dict):
        return {("computation" if k == "is" else k): v for k, v in raw.items()}

    def claim(raw: dict):
        out = {("derives_from" if k == "from" else k): v for k, v in raw.items()}
        if "arithmetic" in out:
            out["arithmetic"] = [line(x) for x in raw["arithmetic"]]
        return out

    return build(Register, {"note": data["note"], "claims": [claim(c) for c in data["claims"]]})


NUMBER_KINDS = ("finding", "article", "dose")
POINTER_KINDS = ("guideline-stances", "self-check")
#: Made-up details of a quiz question's or a case's story (see RULE): not clinical claims,
#: and exempt only in the places the claim names.
SCENARIO = "scenario"
#: The quiz banks, the recurring cases and the final quiz's blueprint: checked file by file
#: like every other data file (they have their own test so a failure names the bank).
QUIZ_GLOBS = ("data/quizzes/*.json", "data/cases.json", "data/final-quiz.json")
#: Numbers a derived claim's arithmetic may use without a source: unit conversions only.
CONVERSIONS = {
    7: "days in a week",
    10: "a 0-10 scale against a 0-100 scale",
    12: "months in a year",
    100: "per cent (out of 100)",
    10000: "out of 10,000",
}


def _fraction(value: str) -> Fraction:
    return Fraction(norm_value(value))


# ------------------------------------------------------------- derived claims' arithmetic

_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_COMPARE = {ast.Lt: operator.lt, ast.Gt: operator.gt, ast.LtE: operator.le, ast.GtE: operator.ge}


def evaluate(expression: str) -> tuple[Fraction | bool, list[Fraction]]:
    """The value of a derived claim's arithmetic (exact fractions; a comparison gives True or
    False) and the numbers it uses. Only numbers, + - * / (also × ÷ −), brackets and one
    comparison (< > <= >=) are allowed; anything else raises ValueError."""
    text = expression.replace("×", "*").replace("÷", "/").replace("−", "-")
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"{expression!r} is not arithmetic: {exc.msg}") from None
    literals: list[Fraction] = []

    def value(node):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            literals.append(Fraction(str(node.value)))
            return literals[-1]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            return _BINOPS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        raise ValueError(f"{ast.unparse(node)!r} in {expression!r} is not plain arithmetic")

    if isinstance(tree, ast.Compare):
        if len(tree.ops) != 1 or type(tree.ops[0]) not in _COMPARE:
            raise ValueError(f"{expression!r}: only one comparison (<, >, <=, >=) is allowed")
        return _COMPARE[type(tree.ops[0])](value(tree.left), value(tree.comparators[0])), literals
    return value(tree), literals


def _shown_precision(number: Number) -> int:
    value = number.value
    return 0 if "/" in value or "." not in value else len(value.split(".")[1])


def arithmetic_problems(claim: Claim, by_id: Mapping[str, Claim]) -> list[str]:
    """What is wrong with a derived claim's arithmetic (empty when it is right): each line's
    number must be one the claim shows, equal to its computation rounded as shown (or within
    ``within``), or its comparison must hold; the computation may use only numbers of the
    claims it derives from and CONVERSIONS. Where arithmetic is given (or required: the
    claim is shown in a quiz bank or a case), every number in digits that the claim shows
    must be a result, a number of a claim it derives from, or a conversion."""
    problems = []
    sources = {_fraction(v) for other in claim.derives_from if other in by_id for v, _ in claim_tokens(by_id[other])}
    allowed = sources | {Fraction(k) for k in CONVERSIONS}
    results: set[Fraction] = set()
    for line in claim.arithmetic:
        label = f"arithmetic {line.shows!r} = {line.computation!r}"
        shown = numbers_in(line.shows)
        if not shown or shown[0].key not in claim_tokens(claim):
            problems.append(f"{label}: 'shows' must be a number the claim's values show")
            continue
        target = _fraction(shown[0].value)
        try:
            result, used = evaluate(line.computation)
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
            continue
        extra = {target} if isinstance(result, bool) else set()
        for number in used:
            if number not in allowed | extra:
                problems.append(
                    f"{label}: uses {number}, which is neither a number of the claims it derives from "
                    f"({', '.join(claim.derives_from)}) nor a unit conversion ({', '.join(map(str, CONVERSIONS))})"
                )
        if isinstance(result, bool):
            if not result:
                problems.append(f"{label}: the comparison does not hold")
        elif line.within is not None:
            if abs(result - target) > Fraction(str(line.within)):
                problems.append(f"{label}: gives {float(result):g}, not within {line.within} of {float(target):g}")
        else:
            places = _shown_precision(shown[0])
            rounded = Decimal(result.numerator) / Decimal(result.denominator)
            rounded = rounded.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            if Fraction(rounded) != target:
                problems.append(f"{label}: gives {float(result):g}, which rounds to {rounded}, not {shown[0].value}")
        results.add(target)
    in_banks = any(
        f.startswith("data/quizzes/") or f in ("data/cases.json", "data/final-quiz.json") for f in claim.appears_in
    )
    if claim.arithmetic or in_banks:
        for value in claim.values:
            for n in numbers_in(value):
                if n.text[:1].isdigit() or n.text[:1] in "-−":
                    if _fraction(n.value) not in results | allowed:
                        problems.append(
                            f"shows {n.text!r} in {value!r}: no arithmetic line computes it and no claim "
                            f"it derives from holds it"
                        )
    return problems


# ------------------------------------------------------------------------ scenario places


def parse_place(place: str) -> tuple[str, str, str]:
    """'data/cases.json#desk-worker/story' -> ('data/cases.json', 'desk-worker', 'desk-worker/story');
    'notebooks/08-exercise-programme.ipynb#t005' -> ('notebooks/08-exercise-programme.ipynb', 't005', 't005')."""
    file, _, inner = place.partition("#")
    return file, inner.split("/")[0], inner


def is_notebook_place(place: str) -> bool:
    return parse_place(place)[0].endswith(".ipynb")


def _place_problem(place: str, root: Path) -> str | None:
    file, record, inner = parse_place(place)
    target = root / file
    if not target.is_file():
        return f"place {place!r}: {file} does not exist"
    if target.suffix == ".ipynb":
        cells = _json(_text(target))["cells"]
        cell = next((c for c in cells if c.get("id") == inner), None)
        if cell is None:
            return f"place {place!r}: {file} has no cell {inner!r}"
        if cell["cell_type"] != "markdown":
            return f"place {place!r}: cell {inner!r} is a {cell['cell_type']} cell; only markdown cells are read"
        return None
    data = _json(_text(target))
    records = [r for key in RECORD_LISTS for r in (data.get(key, []) if isinstance(data, dict) else [])]
    if not records:
        return f"place {place!r}: {file} has no quiz questions or cases to name"
    node = next((r for r in records if r.get("id") == record), None)
    if node is None:
        return f"place {place!r}: {file} has no question or case {record!r}"
    for step in inner.split("/")[1:]:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list):
            by_id = [x for x in node if isinstance(x, dict) and x.get("id") == step]
            node = by_id[0] if by_id else (node[int(step)] if step.isdigit() and int(step) < len(node) else None)
        else:
            node = None
        if node is None:
            return f"place {place!r}: {record!r} has no field {step!r}"
    return None


def in_place(number: Number, file: str, place: str) -> bool:
    """Whether ``number`` (found in ``file``) sits inside the question, case, field or
    notebook cell that ``place`` names."""
    place_file, _, inner = parse_place(place)
    return place_file == file and bool(number.where) and (number.where == inner or number.where.startswith(inner + "/"))


# ------------------------------------------------------------------------------ the register


def check_register(data: dict, path, known_refs: set[str], root: Path | None = None) -> Register:
    """Rules the schema cannot express: unique ids, known reference keys, derived claims that
    point at number claims and whose arithmetic is right, honest reading records, scenario
    places that exist, and files that exist; on the schema-checked JSON ``data``, built
    into a ``Register`` first (which is what it returns)."""
    root = root or repo_root()
    register = build_register(data)
    claims = register.claims
    seen: dict[str, Claim] = {}
    for c in claims:
        where = f"claim {c.id!r}"
        if c.id in seen:
            raise CourseDataError(path, where, "duplicate id: another claim uses it")
        seen[c.id] = c
        if c.kind in NUMBER_KINDS:
            if c.ref not in known_refs:
                raise CourseDataError(path, where, f"reference key {c.ref!r} is not in data/references.json")
            if c.read == "summary" and c.seen_in_source:
                raise CourseDataError(
                    path, where, "read through a summary, so its values cannot have been seen in the source's own text"
                )
            if not c.seen_in_source and c.note is None and c.read == "source":
                raise CourseDataError(path, where, "a value not seen in the source's own text needs a note saying why")
        files = [*c.appears_in, *([c.points_to.file] if c.points_to is not None else [])]
        for name in files:
            if not (root / name).is_file():
                raise CourseDataError(path, where, f"{name} does not exist")
        for name in c.appears_in:
            if name in EXCLUDED_FILES:
                raise CourseDataError(path, where, f"{name} is excluded from the scan ({EXCLUDED_FILES[name]})")
        for place in c.places:
            problem = _place_problem(place, root)
            if problem:
                raise CourseDataError(path, where, problem)
    for c in claims:
        for other in c.derives_from:
            if other not in seen:
                raise CourseDataError(path, f"claim {c.id!r}", f"derives from {other!r}, which is not a claim")
            if seen[other].kind not in NUMBER_KINDS + ("derived", SCENARIO):
                raise CourseDataError(path, f"claim {c.id!r}", f"derives from {other!r}, which holds no numbers")
        if c.kind == "derived":
            problems = arithmetic_problems(c, seen)
            if problems:
                raise CourseDataError(path, f"claim {c.id!r}", "; ".join(problems))
    return register


@lru_cache(maxsize=1)
def register() -> Register:
    """``data/claims.json``, validated (schema and the rules in ``check_register``)."""
    from .references import bibliography

    path = data_dir() / "claims.json"
    data = load_validated(path, "claims")
    return check_register(data, path, set(bibliography()))


def number_claims(data: Register | None = None) -> list[Claim]:
    """Claims that hold clinical numbers: findings, articles, doses and derived claims."""
    data = data or register()
    return [c for c in data.claims if c.kind not in POINTER_KINDS + (SCENARIO,)]


def scenario_claims(data: Register | None = None) -> list[Claim]:
    data = data or register()
    return [c for c in data.claims if c.kind == SCENARIO]


def claim_tokens(claim: Claim) -> frozenset[tuple[str, str]]:
    """The (value, unit) pairs of a claim's values, read with the same rule as the course."""
    return _tokens(claim.values)


@cache
def _tokens(values: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    return frozenset(n.key for value in values for n in numbers_in(value))


def registered(file: str | None = None, data: Register | None = None) -> set[tuple[str, str]]:
    """The clinical numbers the register holds for ``file`` (a path relative to the
    repository), or for the whole course when ``file`` is None. Scenario numbers are not
    among them: they are exempt only in their own places (``unregistered``)."""
    return {key for c in number_claims(data) if file is None or file in c.appears_in for key in claim_tokens(c)}


def scenario_exempt(number: Number, file: str, data: Register | None = None) -> bool:
    """Whether ``number`` is a made-up detail that a scenario claim lists for the question,
    case or field where it was found."""
    return any(
        in_place(number, file, place) and token_matches(number.key, claim_tokens(c))
        for c in scenario_claims(data)
        for place in c.places
    )


def unregistered(path: Path, name: str | None = None, data: Register | None = None) -> list[Number]:
    """Numbers readers see in ``path`` that the register does not hold for that file, and
    that no scenario claim lists for the place where they are. ``name`` is the file's place
    in the repository when ``path`` is a copy elsewhere."""
    name = name or rel(path)
    if name in EXCLUDED_FILES:
        return []
    keys = registered(name, data)
    return [
        n for n in numbers_in_file(path, name) if not token_matches(n.key, keys) and not scenario_exempt(n, name, data)
    ]


def stale_claims(path: Path, data: Register | None = None, name: str | None = None) -> list[str]:
    """Claims that list ``path`` in appears_in although none of their values is there, and
    scenario claims with a place in ``path`` that shows none of their values."""
    name = name or rel(path)
    numbers = numbers_in_file(path, name)
    found = [n.key for n in numbers]
    stale = [
        c.id
        for c in number_claims(data)
        if name in c.appears_in and not any(token_matches(k, claim_tokens(c)) for k in found)
    ]
    for c in scenario_claims(data):
        for place in c.places:
            if parse_place(place)[0] == name and not any(
                in_place(n, name, place) and token_matches(n.key, claim_tokens(c)) for n in numbers
            ):
                stale.append(f"{c.id} ({place})")
    return stale


def unshown_scenario_values(data: Register | None = None, root: Path | None = None) -> list[str]:
    """Scenario values that none of the claim's places shows (a value listed 'just in case'
    would widen the exemption for nothing), and values that a notebook cell named as a place
    does not show (a cell is a whole passage, so each cell must show every value)."""
    root = root or repo_root()
    problems = []

    def shown(keys, numbers):
        return bool(keys) and all(any(token_matches(n.key, {k}) for n in numbers) for k in keys)

    for c in scenario_claims(data):
        by_place = {}
        for place in c.places:
            file = parse_place(place)[0]
            by_place[place] = [n for n in numbers_in_file(root / file, file) if in_place(n, file, place)]
        everywhere = [n for numbers in by_place.values() for n in numbers]
        for value in c.values:
            keys = [n.key for n in numbers_in(value)]
            if not shown(keys, everywhere):
                problems.append(f"{c.id}: {value!r} is not shown in any of its places")
                continue
            for place, numbers in by_place.items():
                if is_notebook_place(place) and not shown(keys, numbers):
                    problems.append(
                        f"{c.id}: {value!r} is not shown in {place} (a notebook cell must show "
                        f"every value of the claim that names it)"
                    )
    return problems


def course_files(root: Path | None = None) -> list[Path]:
    """Every notebook and data file a reader sees, except task E's quiz files (QUIZ_GLOBS)."""
    root = root or repo_root()
    quiz = set(quiz_files(root))
    paths = sorted((root / "notebooks").rglob("*.ipynb")) + sorted((root / "data").rglob("*.json"))
    return [
        p
        for p in paths
        if ".ipynb_checkpoints" not in p.parts
        and "classroom-sample" not in p.parts
        and p not in quiz
        and rel(p) not in EXCLUDED_FILES
    ]


def quiz_files(root: Path | None = None) -> list[Path]:
    root = root or repo_root()
    return sorted(p for pattern in QUIZ_GLOBS for p in root.glob(pattern))


def exercise_measure(ex: dict, measure: str) -> float | None:
    """One dose measure of an exercise in data/exercises.json (None if it does not apply)."""
    dose = ex["dose"]
    return {
        "hold_seconds": dose.get("seconds") if dose["kind"] == "hold" else None,
        "reps": dose.get("reps") if dose["kind"] == "reps" else None,
        "sets": ex["sets"],
        "days_per_week_min": ex["days_per_week"]["min"],
        "days_per_week_max": ex["days_per_week"]["max"],
    }[measure]


def dose_violations(exercises: list[dict], data: Register | None = None) -> list[str]:
    """Each place where the example programme (data/exercises.json) leaves a dose range the
    register holds (dose claims' ``checks``), as a sentence naming the exercise."""
    problems = []
    for claim in number_claims(data):
        for check in claim.checks:
            for ex in exercises:
                if ex["type"] != check.type:
                    continue
                value = exercise_measure(ex, check.measure)
                if value is None:
                    continue
                low = check.min if check.min is not None else float("-inf")
                high = check.max if check.max is not None else float("inf")
                if not low <= value <= high:
                    problems.append(
                        f"exercise {ex['id']!r}: {check.measure} is {value:g}, outside "
                        f"{_or_dash(check.min)}..{_or_dash(check.max)} ({claim.id}, {claim.ref})"
                    )
    return problems


def _or_dash(bound: float | None):
    return "-" if bound is None else bound
