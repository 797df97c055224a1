"""Treatments and what three guidelines say about them (``data/treatments.json``).

The data hold one row per treatment: its category (conventional, psychological, alternative,
home), the stance of NICE NG59, ACP 2017 and WHO 2023 from a fixed vocabulary, the group of
people it applies to, the evidence quality, where each stance comes from (recommendation
number or section, whether the guideline's own text or a summary was read, and the date it
was checked), other evidence, and the original article's claims set against the evidence.
This module checks them and computes where the guidelines disagree; the tables and the
filter widget are in ``glutecourse.ui.treatments``, the guideline grid is drawn by
``glutecourse.charts.treatments``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ..catalog.references import reference_keys
from ..core.data import build, by_id, load
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record

GUIDELINES = ("nice", "acp", "who")

CATEGORIES = ("conventional", "psychological", "alternative", "home")

CATEGORY_LABELS = {
    "conventional": "Conventional",
    "psychological": "Psychological care",
    "alternative": "Alternative",
    "home": "Home remedies",
}

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


class StanceSource(Record):
    """Where a guideline's stance comes from: the place (recommendation number or section,
    or what was searched), whether that number was seen in the text read, how it was read
    (``guideline`` or ``secondary``, then ``via`` names the summary), the strength the
    guideline gives it, and the date the course checked it."""

    place: str
    place_seen: bool
    read: str
    checked: str
    via: str | None = None
    strength: str | None = None


class Cell(Record):
    """One guideline's stance on one treatment. A stance that takes a side says who it is
    for (``population``), how good the evidence is and what it says (``note``)."""

    stance: str
    source: StanceSource
    population: str | None = None
    evidence: str | None = None
    note: str | None = None


class OtherEvidence(Record):
    """Evidence beyond the guidelines: what was found, in whom, its quality, whether it is
    a claim about an effect or background, and its source."""

    finding: str
    population: str
    quality: str
    kind: str
    ref: str


class Treatment(Record):
    """One treatment row: its category, each guideline's stance (by guideline id), other
    evidence and sources."""

    id: str
    name: str
    short: str  # the short name the grid chart uses
    category: str
    medicine: bool
    article_claim: bool  # the original article suggests it
    guidelines: Mapping[str, Cell]
    other_evidence: tuple[OtherEvidence, ...]
    refs: tuple[str, ...]


class Guideline(Record):
    """NICE NG59, ACP 2017 or WHO 2023: who wrote it, for whom, how it grades, and how the
    course read it."""

    id: str
    name: str
    publisher: str
    year: str
    scope: str
    grading: str
    how_read: str
    ref: str


class Stance(Record):
    """One word of the stance vocabulary, with its symbol and meaning."""

    id: str
    symbol: str
    label: str
    meaning: str


class TreatmentClaim(Record):
    """A claim of the original article about treatment, set against the evidence."""

    id: str
    claim: str
    evidence: str
    verdict: str
    refs: tuple[str, ...]


class TreatmentsData(Record):
    """``data/treatments.json``."""

    note: str
    guidelines: tuple[Guideline, ...]
    stances: tuple[Stance, ...]
    treatments: tuple[Treatment, ...]
    claims: tuple[TreatmentClaim, ...]


@lru_cache(maxsize=1)
def treatments_data() -> TreatmentsData:
    """The validated contents of ``data/treatments.json``.

    Beyond the schema: ids are unique, every stance in the vocabulary has one legend entry,
    the guidelines are NICE, ACP and WHO once each, and every cited key is in the
    bibliography.
    """
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
    return build(TreatmentsData, data)


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
            raise CourseDataError(
                path, item, f"guidelines.{guideline} ({cell['stance']}) is missing {', '.join(missing)}"
            )
    else:
        extra = [k for k in ("population", "evidence") if k in cell]
        if extra:
            raise CourseDataError(
                path, item, f"guidelines.{guideline} is {cell['stance']!r} and must not give {', '.join(extra)}"
            )


def treatments(category: str | None = None) -> list[Treatment]:
    """Treatment rows, optionally only one category (conventional, alternative, home)."""
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}: choose one of {', '.join(CATEGORIES)}")
    rows = treatments_data().treatments
    return [t for t in rows if category is None or t.category == category]


def treatment(treatment_id: str) -> Treatment:
    return by_id(treatments(), treatment_id)


def guideline_info() -> Mapping[str, Guideline]:
    return MappingProxyType({g.id: g for g in treatments_data().guidelines})


def stance_info() -> Mapping[str, Stance]:
    return MappingProxyType({s.id: s for s in treatments_data().stances})


def directions(row: Treatment) -> dict[str, str]:
    """{guideline: direction} for the guidelines that take a verified side on ``row``."""
    out = {}
    for g in GUIDELINES:
        d = DIRECTION[row.guidelines[g].stance]
        if d is not None:
            out[g] = d
    return out


def guidelines_disagree(row: Treatment) -> bool:
    return len(set(directions(row).values())) > 1


class Disagreement(Record):
    """A treatment on which the guidelines' verified stances point different ways."""

    id: str
    name: str
    category: str
    stances: dict[str, str]  # guideline name -> stance, for the guidelines that take a side


@lru_cache(maxsize=1)
def _disagreements() -> tuple[Disagreement, ...]:
    names = {g: info.name for g, info in guideline_info().items()}
    return tuple(
        Disagreement(row.id, row.name, row.category, {names[g]: row.guidelines[g].stance for g in directions(row)})
        for row in treatments()
        if guidelines_disagree(row)
    )


def disagreements() -> list[Disagreement]:
    """Treatments on which the guidelines' verified stances point different ways, in data
    order (built once, when first asked for)."""
    return list(_disagreements())


def source_text(cell: Cell) -> str:
    """Where a stance comes from, in words: place (and whether its number was seen), how it
    was read, strength, and the date checked."""
    src = cell.source
    place = src.place + ("" if src.place_seen else " (number not seen in the text read)")
    strength = f"; strength: {src.strength}" if src.strength is not None else ""
    how = (READ_LABELS if DIRECTION[cell.stance] is not None else SEARCH_LABELS)[src.read]
    return f"Source: {place}; {how}{strength}; checked {src.checked}."


VERDICT_SYMBOLS = {
    "supported": "✔",
    "partly supported": "≈",
    "not supported": "✘",
    "guidelines disagree": "⚠",
    "untested in back pain": "?",
}
