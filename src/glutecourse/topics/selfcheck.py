"""The symptom self-check: its items, combination rules, worked cases, and ``triage``.

Everything a reader can tick, the urgency level each item triggers and the advice for each
level live in ``data/selfcheck.json`` (schema ``schemas/selfcheck.schema.json``). The rule is
simple and safe: the result is the **most severe** level among the ticked items
(emergency > urgent > routine > selfcare), so a red flag always wins, whatever else is
ticked. Then the combination rules in ``data/selfcheck-rules.json`` (schema
``schemas/selfcheck-rules.schema.json``) may raise it: a history of cancer with a new nerve
symptom, for example, is an emergency. A rule can only raise the level, never lower it.
The result lists the ticked items that caused it, in the reader's own words, explains any
combination that raised it, and never names a diagnosis.

Worked cases (``data/selfcheck-cases.json``) are short made-up people, the items they would
tick, and the level that published public guidance gives them, with its source and why.
The tests run the self-check on every case; notebook 05 shows the teaching ones.

The self-check also owns the agreement between the one emergency message
(``glutecourse.catalog.safety``) and its items and rules (:func:`check_disclaimer`), and
between the recurring people (``glutecourse.catalog.cases``) and its items and levels
(:func:`checked_cases`): this layer is the one that knows both sides.

``triage(ids)`` is a pure function (no widgets, no files beyond the data); tests drive it
exhaustively. The views and the ``symptom_checker()`` widget are in
``glutecourse.ui.selfcheck``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import lru_cache

from ..catalog import cases as _cases
from ..catalog.course import Disclaimer, course
from ..catalog.references import reference_keys
from ..catalog.safety import disclaimer_data
from ..core.data import check_ids_and_refs, check_unique, load, validate
from ..core.errors import CourseDataError
from ..core.paths import data_dir
from ..core.records import Record

#: Urgency levels, most severe first. The data file must list exactly these, in this order.
LEVELS = ("emergency", "urgent", "routine", "selfcare")

#: Groups of tickable items, in display order.
GROUPS = ("common", "less-common", "see-a-doctor", "about-you", "red-flag")

#: Red-flag items may only trigger one of these levels.
RED_FLAG_LEVELS = ("emergency", "urgent")

#: Words that name a diagnosis. Outcome texts (level advice, notes, reminders) must not
#: contain them: a self-check guides, it never diagnoses.
DIAGNOSIS_WORDS = re.compile(
    r"\b(sciatica|cauda equina|piriformis|slipped disc|discs?|herniat\w*|cancer|tumou?rs?|"
    r"fractures?|infections?|arthritis|spondyl\w*|syndrome|stenosis|aneurysm)\b",
    re.IGNORECASE,
)


class UnknownSymptomError(ValueError):
    """``triage`` was given an item id that is not in ``data/selfcheck.json``."""


class Item(Record):
    id: str
    group: str
    level: str
    label: str
    refs: tuple[str, ...]
    note: str = ""
    #: (reference key, exact place) pairs: where each source says it
    sources: tuple[tuple[str, str], ...] = ()
    checked: str = ""


class Level(Record):
    """An urgency level of data/selfcheck.json, placeholders filled in."""

    id: str
    title: str
    #: the level's name everywhere in the course ("Urgent (same day)")
    short: str
    icon: str
    action: str
    message: str
    refs: tuple[str, ...]


class Group(Record):
    """A group of tickable items, in display order."""

    id: str
    title: str
    intro: str


class PrevalenceRow(Record):
    """How often a serious cause was found: ``percent``, given as ``bound`` ("about",
    "under", "up to")."""

    id: str
    label: str
    percent: float
    bound: str
    ref: str = ""


class Prevalence(Record):
    title: str
    setting: str
    refs: tuple[str, ...]
    rows: tuple[PrevalenceRow, ...]


class AssumedFact(Record):
    """A fact true for everyone who uses the check (back pain), named in combination rules."""

    id: str
    label: str
    why: str


class WorkedCase(Record):
    """A made-up person, what they would tick, and the level public guidance gives them."""

    id: str
    person: str
    ticks: tuple[str, ...]
    level: str
    why: str
    #: (reference key, exact place) pairs
    sources: tuple[tuple[str, str], ...]
    teaching: bool = False


class Rule(Record):
    """A combination from data/selfcheck-rules.json: when every set in ``sets`` has at least
    one ticked (or assumed) item, the result is at least ``level``."""

    id: str
    sets: tuple[frozenset[str], ...]
    level: str
    explanation: str
    refs: tuple[str, ...]
    sources: tuple[tuple[str, str], ...] = ()
    #: the sets as the data lists them (``sets`` without the order), for tables
    when: tuple[tuple[str, ...], ...] = ()


class Combination(Record):
    """A rule that applies to the ticked items. ``items`` are the ticked items that met its
    sets (assumed facts such as back pain are not listed); ``raised`` is True when the rule
    put the result above every ticked item's own level."""

    rule: Rule
    items: tuple[Item, ...]
    raised: bool


class TriageResult(Record):
    """What the self-check concludes from a set of ticked items.

    ``level`` is None when nothing was ticked. ``causes`` are the ticked items that put the
    result at its level (the items at that level, or the items of the combination that
    raised it); ``others`` are the remaining ticked items, most severe first.
    ``combinations`` are the rules that apply, those that raised the level first.
    """

    level: str | None
    causes: tuple[Item, ...]
    others: tuple[Item, ...]
    title: str
    action: str
    message: str
    combinations: tuple[Combination, ...] = ()
    #: True when the reader said yes to the emergency gate without ticking which sign: the
    #: ``causes`` are then every sign of the gate ("one of these"), not ticked items.
    one_of: bool = False

    @property
    def raised_by(self) -> tuple[Combination, ...]:
        return tuple(c for c in self.combinations if c.raised)

    @property
    def ticked(self) -> tuple[Item, ...]:
        if self.one_of:
            return self.others
        return self.causes + self.others


# --------------------------------------------------------------------------- data


def _path():
    return data_dir() / "selfcheck.json"


#: Placeholders a text in selfcheck.json may use, and where their value comes from.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _placeholders(data: dict) -> dict[str, str]:
    """``{see_gp_after}`` and other thresholds from selfcheck.json; ``{emergency_action}`` and
    ``{urgent_action}`` from the one emergency message in data/course.json."""
    disclaimer = course().disclaimer
    values = {key: entry["text"] for key, entry in data["thresholds"].items()}
    values.update(emergency_action=disclaimer.emergency.action, urgent_action=disclaimer.urgent.action)
    return values


def _fill(text: str, values: dict[str, str], path, where: str) -> str:
    """Replace ``{name}`` placeholders; an unknown name is a data error naming the text."""

    def sub(match):
        name = match.group(1)
        if name not in values:
            raise CourseDataError(path, where, f"unknown placeholder {{{name}}} (known: {', '.join(sorted(values))})")
        return values[name]

    return _PLACEHOLDER.sub(sub, text)


def _item_refs(item: dict) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s["ref"] for s in item["source"]))


def check_symptom_data(data: dict, path=None, known_refs: set[str] | None = None) -> dict:
    """The rules a schema cannot express, then placeholders filled in. Returns a new dict;
    raises CourseDataError naming the item."""
    path = path or _path()
    levels = [lv["id"] for lv in data["levels"]]
    if tuple(levels) != LEVELS:
        raise CourseDataError(
            path, "levels", f"must be exactly {', '.join(LEVELS)} (most severe first), found {', '.join(levels)}"
        )
    groups = [g["id"] for g in data["groups"]]
    if len(set(groups)) != len(groups):
        raise CourseDataError(path, "groups", "a group id is used twice")
    if known_refs is None:
        known_refs = reference_keys()
    check_ids_and_refs(path, data["items"], "item", known_refs, refs_of=_item_refs)
    for item in data["items"]:
        where = f"item {item['id']!r}"
        if item["group"] not in groups:
            raise CourseDataError(path, where, f"group {item['group']!r} is not listed under groups")
        if item["group"] == "red-flag" and item["level"] not in RED_FLAG_LEVELS:
            raise CourseDataError(path, where, f"a red flag must be emergency or urgent, not {item['level']!r}")
        if item.get("note") and DIAGNOSIS_WORDS.search(item["note"]):
            raise CourseDataError(
                path, where, f"note names a diagnosis ({DIAGNOSIS_WORDS.search(item['note']).group(0)!r})"
            )
    for group in groups:
        if not any(i["group"] == group for i in data["items"]):
            raise CourseDataError(path, f"group {group!r}", "has no items")
    outcome_texts = [("reminder", data["reminder"]), ("none_message", data["none_message"])]
    for lv in data["levels"]:
        for key in ("title", "short", "action", "message"):
            outcome_texts.append((f"level {lv['id']!r} {key}", lv[key]))
        for ref in lv["refs"]:
            if ref not in known_refs:
                raise CourseDataError(path, f"level {lv['id']!r}", f"reference key {ref!r} is not in references.json")
    shorts = [lv["short"].lower() for lv in data["levels"]]
    if len(set(shorts)) != len(shorts):
        raise CourseDataError(path, "levels", "two levels share a name (short)")
    for g in data["groups"]:
        outcome_texts += [(f"group {g['id']!r} title", g["title"]), (f"group {g['id']!r} intro", g["intro"])]
    for where, text in outcome_texts:
        match = DIAGNOSIS_WORDS.search(text)
        if match:
            raise CourseDataError(
                path, where, f"names a diagnosis ({match.group(0)!r}); the self-check never diagnoses"
            )
    for key, entry in data["thresholds"].items():
        for src in entry["source"]:
            if src["ref"] not in known_refs:
                raise CourseDataError(
                    path, f"threshold {key!r}", f"reference key {src['ref']!r} is not in references.json"
                )
    for ref in data["prevalence"]["refs"] + [r["ref"] for r in data["prevalence"]["rows"] if "ref" in r]:
        if ref not in known_refs:
            raise CourseDataError(path, "prevalence", f"reference key {ref!r} is not in references.json")
    for entry in data["source_check"]["sources"]:
        if entry["ref"] not in known_refs:
            raise CourseDataError(path, "source_check", f"reference key {entry['ref']!r} is not in references.json")

    filled = copy.deepcopy(data)
    values = _placeholders(data)
    for item in filled["items"]:
        for key in ("label", "note"):
            if key in item:
                item[key] = _fill(item[key], values, path, f"item {item['id']!r} {key}")
    for lv in filled["levels"]:
        for key in ("title", "action", "message"):
            lv[key] = _fill(lv[key], values, path, f"level {lv['id']!r} {key}")
    filled["none_message"] = _fill(filled["none_message"], values, path, "none_message")
    return filled


@lru_cache(maxsize=1)
def symptom_data() -> dict:
    """``data/selfcheck.json``, checked against its schema and the rules above."""
    return check_symptom_data(load("selfcheck.json", schema="selfcheck"))


@lru_cache(maxsize=1)
def levels() -> tuple[Level, ...]:
    """The urgency levels, most severe first, built once from the checked data."""
    return tuple(
        Level(lv["id"], lv["title"], lv["short"], lv["icon"], lv["action"], lv["message"], tuple(lv["refs"]))
        for lv in symptom_data()["levels"]
    )


def level_info(level: str) -> Level:
    """One level by id (KeyError for an unknown id)."""
    for lv in levels():
        if lv.id == level:
            return lv
    raise KeyError(level)


def level_names() -> dict[str, str]:
    """Each level's name (its ``short``), most severe first: the words the course uses for
    the levels everywhere."""
    return {lv.id: lv.short for lv in levels()}


@lru_cache(maxsize=1)
def groups() -> tuple[Group, ...]:
    """The groups of tickable items, in display order."""
    return tuple(Group(g["id"], g["title"], g["intro"]) for g in symptom_data()["groups"])


def reminder() -> str:
    """ "It guides; it cannot diagnose": shown with every result."""
    return symptom_data()["reminder"]


def none_message() -> str:
    """What the check says when nothing is ticked."""
    return symptom_data()["none_message"]


def clinician_checklist() -> tuple[str, ...]:
    """Things to tell a doctor or physiotherapist."""
    return tuple(symptom_data()["clinician_checklist"])


@lru_cache(maxsize=1)
def prevalence() -> Prevalence:
    """How often serious causes were found in primary care (notebook 05's picture)."""
    raw = symptom_data()["prevalence"]
    rows = tuple(PrevalenceRow(r["id"], r["label"], r["percent"], r["bound"], r.get("ref", "")) for r in raw["rows"])
    return Prevalence(raw["title"], raw["setting"], tuple(raw["refs"]), rows)


def see_gp_after() -> str:
    """The one threshold for seeing a GP when back pain is not improving ("a few weeks")."""
    return symptom_data()["thresholds"]["see_gp_after"]["text"]


@lru_cache(maxsize=1)
def items() -> dict[str, Item]:
    """Every tickable item by id, in the data's order."""
    return {
        raw["id"]: Item(
            raw["id"],
            raw["group"],
            raw["level"],
            raw["label"],
            _item_refs(raw),
            raw.get("note", ""),
            tuple((s["ref"], s["place"]) for s in raw["source"]),
            raw["checked"],
        )
        for raw in symptom_data()["items"]
    }


def items_in_group(group: str) -> list[Item]:
    return [i for i in items().values() if i.group == group]


def items_at_level(level: str) -> list[Item]:
    return [i for i in items().values() if i.level == level]


# --------------------------------------------------------------------------- combination rules


def _rules_path():
    return data_dir() / "selfcheck-rules.json"


def check_rules(
    data: dict,
    path=None,
    known_items: dict | None = None,
    known_refs: set[str] | None = None,
    validate_schema: bool = True,
) -> dict:
    """Check data/selfcheck-rules.json: its schema, then what a schema cannot express. Every
    problem raises CourseDataError naming the file and the rule."""
    path = path or _rules_path()
    # Empty sets first, so the message names the rule (the schema would name only the set).
    for n, rule in enumerate(data.get("rules", []) if isinstance(data, dict) else []):
        name = f"rule {rule.get('id', f'#{n + 1}')!r}" if isinstance(rule, dict) else f"rule #{n + 1}"
        for k, group in enumerate(rule.get("when", []) if isinstance(rule, dict) else []):
            if isinstance(group, dict) and not group.get("any_of"):
                raise CourseDataError(
                    path, name, f"set {k + 1} of 'when' is empty: every set needs at least one item id"
                )
    if validate_schema:
        validate(data, "selfcheck-rules", path)
    if known_items is None:
        known_items = {i.id: i.level for i in items().values()}
    if known_refs is None:
        known_refs = reference_keys()
    rank = {lv: n for n, lv in enumerate(LEVELS)}
    assumed = {a["id"] for a in data["assumed"]}
    for fact in assumed & set(known_items):
        raise CourseDataError(path, f"assumed {fact!r}", "is also an item id in data/selfcheck.json")
    check_unique(path, data["rules"], "rule", problem="id is used twice")
    for rule in data["rules"]:
        where = f"rule {rule['id']!r}"
        if rule["level"] not in LEVELS:
            raise CourseDataError(path, where, f"unknown level {rule['level']!r} (levels: {', '.join(LEVELS)})")
        for group in rule["when"]:
            for item_id in group["any_of"]:
                if item_id not in known_items and item_id not in assumed:
                    raise CourseDataError(
                        path, where, f"unknown item id {item_id!r}: not in data/selfcheck.json and not assumed"
                    )
        match = DIAGNOSIS_WORDS.search(rule["explanation"])
        if match:
            raise CourseDataError(
                path, where, f"explanation names a diagnosis ({match.group(0)!r}); the self-check never diagnoses"
            )
        for src in rule["source"]:
            if src["ref"] not in known_refs:
                raise CourseDataError(path, where, f"reference key {src['ref']!r} is not in references.json")
        # A set met by an assumed fact (back pain) is met for everyone. If only one set is
        # left, the rule applies to each of its items on its own: say so in the data, by
        # giving each such item at least the rule's level.
        open_sets = [g["any_of"] for g in rule["when"] if not (set(g["any_of"]) & assumed)]
        if not open_sets:
            raise CourseDataError(path, where, "every set is met by an assumed fact, so it would apply to everyone")
        if len(open_sets) == 1:
            for item_id in open_sets[0]:
                level = known_items.get(item_id)
                if level is not None and rank[level] > rank[rule["level"]]:
                    raise CourseDataError(
                        path,
                        where,
                        f"applies to item {item_id!r} on its own (the other sets are always met), so that item's "
                        f"level in data/selfcheck.json must be at least {rule['level']!r}, not {level!r}",
                    )
    return data


@lru_cache(maxsize=1)
def rules_data() -> dict:
    """``data/selfcheck-rules.json``, checked against its schema and the rules above."""
    return check_rules(load("selfcheck-rules.json", schema="selfcheck-rules"), validate_schema=False)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            raw["id"],
            tuple(frozenset(g["any_of"]) for g in raw["when"]),
            raw["level"],
            raw["explanation"],
            tuple(dict.fromkeys(s["ref"] for s in raw["source"])),
            tuple((s["ref"], s["place"]) for s in raw["source"]),
            tuple(tuple(g["any_of"]) for g in raw["when"]),
        )
        for raw in rules_data()["rules"]
    )


@lru_cache(maxsize=1)
def assumed() -> tuple[AssumedFact, ...]:
    """The facts true for everyone who uses the check (back pain)."""
    return tuple(AssumedFact(a["id"], a["label"], a["why"]) for a in rules_data()["assumed"])


@lru_cache(maxsize=1)
def assumed_facts() -> frozenset[str]:
    """Ids true for everyone who uses the check (back pain)."""
    return frozenset(a["id"] for a in rules_data()["assumed"])


# --------------------------------------------------------------------------- triage


def triage(ticked: Iterable[str]) -> TriageResult:
    """The most severe level among the ticked item ids, raised by any combination rule that
    applies; the items that caused it; and the data's advice for that level. Unknown ids
    raise UnknownSymptomError."""
    if isinstance(ticked, str):
        ticked = [ticked]
    ids = list(dict.fromkeys(ticked))  # unique, order kept
    known = items()
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UnknownSymptomError(
            f"unknown symptom id(s): {', '.join(map(repr, unknown))}. "
            f"Known ids are listed in {_path()} (for example {next(iter(known))!r})."
        )
    chosen = [known[i] for i in ids]
    if not chosen:
        return TriageResult(None, (), (), "Nothing ticked", "", none_message())
    rank = {lv: n for n, lv in enumerate(LEVELS)}
    single = min((i.level for i in chosen), key=rank.__getitem__)
    facts = set(ids) | assumed_facts()
    matched = [r for r in rules() if all(s & facts for s in r.sets)]
    top = min([single, *(r.level for r in matched)], key=rank.__getitem__)
    combinations = []
    for r in matched:
        met = tuple(i for i in chosen if any(i.id in s for s in r.sets))
        combinations.append(Combination(r, met, raised=r.level == top and rank[top] < rank[single]))
    combinations.sort(key=lambda c: (not c.raised, rank[c.rule.level]))
    if rank[top] < rank[single]:
        in_rule = {i.id for c in combinations if c.raised for i in c.items}
        causes = tuple(i for i in chosen if i.id in in_rule)
    else:
        causes = tuple(i for i in chosen if i.level == top)
    others = tuple(sorted((i for i in chosen if i not in causes), key=lambda i: rank[i.level]))
    info = level_info(top)
    return TriageResult(top, causes, others, info.title, info.action, info.message, tuple(combinations))


# --------------------------------------------------------------------------- the emergency gate


def gate_items() -> tuple[Item, ...]:
    """The signs the self-check asks about first, as telephone triage does: every item whose
    own level is the most severe one (emergency), in the data's order."""
    return tuple(items_at_level(LEVELS[0]))


def self_check(ticked: Iterable[str], said_yes: bool = False) -> TriageResult:
    """The self-check's answer: :func:`triage` of the ticked items. ``said_yes`` is the
    reader's "Yes, I have one of these" at the emergency gate: when no sign of the gate is
    ticked, the reader has still said they have one, so the result is the gate's level with
    every gate sign listed as "one of these" (``one_of``), and the ticked items as the
    rest. A ticked sign names itself, so then the plain triage decides."""
    if isinstance(ticked, str):
        ticked = [ticked]
    result = triage(ticked)
    gate = gate_items()
    if not said_yes or not gate or any(i in gate for i in result.ticked):
        return result
    rank = {lv: n for n, lv in enumerate(LEVELS)}
    level = min((i.level for i in gate), key=rank.__getitem__)
    if result.level is not None and rank[result.level] < rank[level]:
        return result  # cannot happen with the gate at the top level; kept for safety
    info = level_info(level)
    others = tuple(sorted(result.ticked, key=lambda i: rank[i.level]))
    combinations = tuple(Combination(c.rule, c.items, raised=False) for c in result.combinations)
    return TriageResult(level, gate, others, info.title, info.action, info.message, combinations, True)


class GateFlow(Record, frozen=False):
    """What the self-check does with the reader's answer at the emergency gate (the widget
    asks; this decides). ``answer(yes, ticked)`` returns the result to show at once, or None
    when the reader said no and ticked no sign: then the other questions open."""

    said_yes: bool = False
    rest_open: bool = False
    answered: bool = False

    def answer(self, yes: bool, ticked: Iterable[str]) -> TriageResult | None:
        ticked = list(ticked)
        self.answered = True
        self.said_yes = bool(yes)
        gate = {i.id for i in gate_items()}
        if yes or gate & set(ticked):  # a ticked sign wins, even if "No" was pressed
            return self_check(ticked, said_yes=self.said_yes)
        self.rest_open = True
        return None

    def result(self, ticked: Iterable[str]) -> TriageResult:
        """The answer for everything ticked so far, the gate's answer included."""
        return self_check(ticked, said_yes=self.said_yes)

    def reset(self):
        self.said_yes = self.answered = False


def prevalence_rows() -> tuple[PrevalenceRow, ...]:
    return prevalence().rows


# --------------------------------------------------------------------------- worked cases


def _cases_path():
    return data_dir() / "selfcheck-cases.json"


def check_worked_cases(
    data: dict, path=None, known_items: set[str] | None = None, known_refs: set[str] | None = None
) -> dict:
    """What the schema cannot say: ids unique, ticked items exist, references known."""
    path = path or _cases_path()
    if known_items is None:
        known_items = set(items())
    if known_refs is None:
        known_refs = reference_keys()
    check_ids_and_refs(path, data["cases"], "case", known_refs, refs_of=lambda c: [s["ref"] for s in c["source"]])
    for case in data["cases"]:
        where = f"case {case['id']!r}"
        if case["level"] not in LEVELS:
            raise CourseDataError(path, where, f"unknown level {case['level']!r}")
        for item_id in case["ticks"]:
            if item_id not in known_items:
                raise CourseDataError(path, where, f"ticks unknown item {item_id!r} (not in data/selfcheck.json)")
    return data


@lru_cache(maxsize=1)
def worked_cases_data() -> dict:
    return check_worked_cases(load("selfcheck-cases.json", schema="selfcheck-cases"))


@lru_cache(maxsize=1)
def worked_cases() -> tuple[WorkedCase, ...]:
    """Every worked case, built once from the checked data."""
    return tuple(
        WorkedCase(
            c["id"],
            c["person"],
            tuple(c["ticks"]),
            c["level"],
            c["why"],
            tuple((src["ref"], src["place"]) for src in c["source"]),
            bool(c.get("teaching")),
        )
        for c in worked_cases_data()["cases"]
    )


def worked_case_list(teaching_only: bool = False) -> list[WorkedCase]:
    return [c for c in worked_cases() if c.teaching or not teaching_only]


# --------------------------------------------------------------------------- the emergency message and the recurring people


def check_disclaimer(
    d: Disclaimer, path=None, known_items: dict | None = None, known_rules: dict | None = None
) -> Disclaimer:
    """Every emergency item and rule of the self-check is on the emergency list, every urgent
    one on the same-day list; every id named exists; every ``match`` is a valid pattern."""
    path = path or _course_path()
    if known_items is None or known_rules is None:
        known_items = {i.id: i.level for i in items().values()} if known_items is None else known_items
        known_rules = {r.id: r.level for r in rules()} if known_rules is None else known_rules
    covered: dict[str, dict[str, str]] = {"items": {}, "rules": {}}
    for level in ("emergency", "urgent"):
        for n, sign in enumerate(getattr(d, level).signs, start=1):
            where = f"disclaimer {level} sign {n} ({sign.text[:40]!r})"
            if sign.match is not None:
                try:
                    re.compile(sign.match)
                except re.error as exc:
                    raise CourseDataError(path, where, f"match is not a valid regular expression ({exc})") from None
            for kind, known in (("items", known_items), ("rules", known_rules)):
                for ident in getattr(sign, kind):
                    if ident not in known:
                        source = "data/selfcheck.json" if kind == "items" else "data/selfcheck-rules.json"
                        raise CourseDataError(path, where, f"unknown {kind[:-1]} {ident!r} (not in {source})")
                    if known[ident] != level:
                        raise CourseDataError(
                            path, where, f"{kind[:-1]} {ident!r} is {known[ident]!r} in the self-check, not {level!r}"
                        )
                    covered[kind][ident] = level
            if not sign.items and not sign.rules:
                raise CourseDataError(path, where, "names no self-check item or rule: say which it stands for")
    for kind, known in (("items", known_items), ("rules", known_rules)):
        for ident, level in known.items():
            if level in ("emergency", "urgent") and ident not in covered[kind]:
                raise CourseDataError(
                    path,
                    f"disclaimer {level} signs",
                    f"the self-check's {level} {kind[:-1]} {ident!r} is on no bullet: add it to the {level} list",
                )
    return d


def _course_path():
    return data_dir() / "course.json"


@lru_cache(maxsize=1)
def checked_disclaimer() -> Disclaimer:
    """The one emergency message, checked against the self-check's items and rules: what
    every view of it (the banner generator, the disclaimer box) shows."""
    return check_disclaimer(disclaimer_data())


@lru_cache(maxsize=1)
def checked_cases() -> tuple[_cases.Case, ...]:
    """The recurring people (``data/cases.json``), with each person's self-check ticks and
    level checked against this self-check."""
    data = symptom_data()
    checked = _cases.check_cases(
        _cases.cases_data(),
        reference_keys(),
        {i["id"] for i in data["items"]},
        {lv["id"] for lv in data["levels"]},
        path=data_dir() / "cases.json",
    )
    return checked.cases
