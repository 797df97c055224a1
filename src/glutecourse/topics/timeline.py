"""The example recovery timeline (notebook 07): published averages, drawn honestly.

The numbers live in ``data/timeline.json`` (schema ``timeline``): the mean pain
(0-100) with its 95% confidence interval at 0, 6, 26 and 52 weeks for acute and for
persistent low back pain (Menezes Costa et al. 2012), plus milestones and recurrence
figures from other studies. Two things here are the course's own, and are labelled so
wherever they are shown:

- **Interpolation.** Between the published weeks the curve is a straight line. Studies did
  not measure those weeks; :func:`interpolate` says which values are published.
- **Rescaling.** :func:`rescale` multiplies the curve by ``start / baseline`` (capped to
  0-100) so a reader can see the average *shape* starting from their own pain level. It is
  an illustration, not a prediction: nobody's pain follows an average.

The chart is drawn by ``glutecourse.charts.timeline``; the tables and the explorer widget
are in ``glutecourse.ui.timeline``.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalog.references import short_citations
from ..core.data import build, by_id, load
from ..core.errors import CourseDataError
from ..core.numbers import format_number, parse_number
from ..core.paths import data_dir
from ..core.records import Record

KINDS = ("acute", "persistent")

DATA_NAME = "timeline.json"

MAX_WEEK = 52


class Point(Record):
    """A published week: mean pain (0-100) and its 95% confidence interval."""

    week: int | float
    mean: int | float
    low: int | float
    high: int | float


class Curve(Record):
    """The published average for one kind of pain ("acute" or "persistent")."""

    kind: str
    name: str
    ref: str
    points: tuple[Point, ...]


class Finding(Record):
    """One published figure (``value`` in ``unit``), what it measures, and its source."""

    id: str
    group: str
    value: int | float
    unit: str
    text: str
    ref: str


class Milestone(Record):
    """A finding placed on the chart at ``week`` (``week_note`` says why there)."""

    finding: str  # a finding id
    week: int | float
    week_note: str
    label: str
    applies_to: tuple[str, ...]


class Prognosis(Record):
    """``data/timeline.json``: the published figures, and the label every chart carries."""

    title: str
    label: str
    scale: str
    curves: tuple[Curve, ...]
    findings: tuple[Finding, ...]
    milestones: tuple[Milestone, ...]


class Estimate(Record):
    """Mean, low and high at a week; ``published`` only at a week a study measured (between
    them, the course's straight line)."""

    week: float
    mean: float
    low: float
    high: float
    published: bool


class Mark(Record):
    """A milestone with its finding (value and source), as the chart shows it."""

    week: int | float
    week_note: str
    label: str
    applies_to: tuple[str, ...]
    finding: Finding


def _fail(item, problem):
    raise CourseDataError(data_dir() / DATA_NAME, item, problem)


@lru_cache(maxsize=1)
def prognosis() -> Prognosis:
    """The published figures, checked: the schema, then rules a schema cannot express."""
    data = load(DATA_NAME, schema="timeline", id_key="kind")
    ids = set()
    for f in data["findings"]:
        if f["id"] in ids:
            _fail(f"finding {f['id']!r}", "duplicate id")
        ids.add(f["id"])
    kinds = [c["kind"] for c in data["curves"]]
    if sorted(kinds) != sorted(KINDS):
        _fail("curves", f"need exactly one curve for each of {KINDS}, found {kinds}")
    for c in data["curves"]:
        weeks = [p["week"] for p in c["points"]]
        if weeks[0] != 0 or weeks != sorted(set(weeks)):
            _fail(f"curve {c['kind']!r}", "weeks must start at 0 and increase")
        for p in c["points"]:
            if not p["low"] <= p["mean"] <= p["high"]:
                _fail(f"curve {c['kind']!r}, week {p['week']}", "needs low <= mean <= high")
    for m in data["milestones"]:
        if m["finding"] not in ids:
            _fail(f"milestone {m['label']!r}", f"unknown finding {m['finding']!r}")
    return build(Prognosis, data)


def curve(kind: str) -> Curve:
    """The published curve for ``kind`` ("acute" or "persistent")."""
    for c in prognosis().curves:
        if c.kind == kind:
            return c
    raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")


def finding(finding_id: str) -> Finding:
    return by_id(prognosis().findings, finding_id)


def baseline(kind: str) -> float:
    """The published mean pain at week 0."""
    return curve(kind).points[0].mean


def interpolate(points: tuple[Point, ...], week: float) -> Estimate:
    """Mean, low and high at ``week``, with ``published`` True only at a published week.

    Between published weeks the values lie on a straight line: the course's own
    assumption, not a measurement. Outside the published range it raises ValueError.
    """
    first, last = points[0].week, points[-1].week
    if not first <= week <= last:
        raise ValueError(f"week {week} is outside the published range {first}-{last}")
    for p in points:
        if p.week == week:
            return Estimate(week, p.mean, p.low, p.high, True)
    for a, b in zip(points, points[1:]):
        if a.week < week < b.week:
            t = (week - a.week) / (b.week - a.week)
            return Estimate(
                week, a.mean + t * (b.mean - a.mean), a.low + t * (b.low - a.low), a.high + t * (b.high - a.high), False
            )
    raise ValueError(f"week {week} not bracketed")  # pragma: no cover - ranges checked above


def check_start_pain(start_pain) -> int:
    """A starting pain level typed or chosen by a reader: a whole number from 0 to 100.

    Read with the course's number parser (glutecourse.core.numbers), so typed text follows the
    same rules as every other number; raises ValueError (NumberError) with a message."""
    return parse_number(
        start_pain, what="Starting pain", whole=True, low=0, high=100, hint="0 = no pain, 100 = worst pain imaginable"
    )


def scale_factor(kind: str, start_pain=None) -> float:
    """How much the published curve is stretched so it starts at ``start_pain``."""
    if start_pain is None:
        return 1.0
    return check_start_pain(start_pain) / baseline(kind)


def rescale(value: float, factor: float) -> float:
    """``value * factor``, kept within the 0-100 scale. An illustration, not a prediction."""
    return min(100.0, max(0.0, value * factor))


def series(kind: str, start_pain=None, step: float = 0.5) -> list[Estimate]:
    """The curve sampled every ``step`` weeks from 0 to 52 (published weeks always
    included), rescaled to ``start_pain`` when given. Each row says if it is published."""
    points = curve(kind).points
    factor = scale_factor(kind, start_pain)
    weeks = {round(i * step, 6) for i in range(int(MAX_WEEK / step) + 1)} | {p.week for p in points}
    rows = []
    for week in sorted(w for w in weeks if w <= points[-1].week):
        e = interpolate(points, week)
        rows.append(
            Estimate(e.week, rescale(e.mean, factor), rescale(e.low, factor), rescale(e.high, factor), e.published)
        )
    return rows


def milestones(kind: str) -> list[Mark]:
    """Milestones that apply to ``kind``, each with its finding (value, source)."""
    return [
        Mark(m.week, m.week_note, m.label, m.applies_to, finding(m.finding))
        for m in prognosis().milestones
        if kind in m.applies_to
    ]


def image_name(kind: str) -> str:
    curve(kind)  # unknown kinds fail here
    return f"timeline-{kind}.svg"


# --- HTML ---------------------------------------------------------------------------


def _short(ref: str) -> str:
    return short_citations().get(ref, ref)


def _fmt(value) -> str:
    return format_number(value, thousands=",")


def _value(f: Finding) -> str:
    unit = f.unit
    return f"{_fmt(f.value)}{unit}" if unit == "%" else f"{_fmt(f.value)} {unit}"
