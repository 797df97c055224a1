"""The symptom self-check: data, triage rules and the ``symptom_checker()`` widget.

Everything a reader can tick, the urgency level each item triggers and the advice for each
level live in ``data/symptoms.json`` (schema ``schemas/symptoms.schema.json``). The rule is
simple and safe: the result is the **most severe** level among the ticked items
(emergency > urgent > routine > selfcare), so a red flag always wins, whatever else is
ticked. Then the combination rules in ``data/triage-rules.json`` (schema
``schemas/triage-rules.schema.json``) may raise it: a history of cancer with a new nerve
symptom, for example, is an emergency. A rule can only raise the level, never lower it.
The result lists the ticked items that caused it, in the reader's own words, explains any
combination that raised it, and never names a diagnosis. The widget saves nothing to disk.

``triage(ids)`` is a pure function (no widgets, no files beyond the data); tests drive it
exhaustively. ``SymptomChecker`` wraps it in ipywidgets whose result lives in an ``HTML``
widget (tests read ``.value``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .data import load
from .errors import CourseDataError
from .paths import data_dir
from .textfmt import safe_html, strip_tags

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

# Colours from glutecourse.plots.OKABE_ITO (not imported, to keep this module cheap); the
# level is always given in words and with an icon too, never by colour alone.
_LEVEL_COLOUR = {
    "emergency": ("#D55E00", "#fdeee6"),  # vermillion
    "urgent": ("#E69F00", "#fdf6e6"),  # orange
    "routine": ("#0072B2", "#e8f1f8"),  # blue
    "selfcare": ("#009E73", "#e6f5f0"),  # bluish green
}


class UnknownSymptomError(ValueError):
    """``triage`` was given an item id that is not in ``data/symptoms.json``."""


@dataclass(frozen=True)
class Item:
    id: str
    group: str
    level: str
    label: str
    refs: tuple[str, ...]
    note: str = ""
    #: (reference key, exact place) pairs: where each source says it
    sources: tuple[tuple[str, str], ...] = ()
    checked: str = ""


@dataclass(frozen=True)
class Rule:
    """A combination from data/triage-rules.json: when every set in ``sets`` has at least
    one ticked (or assumed) item, the result is at least ``level``."""

    id: str
    sets: tuple[frozenset[str], ...]
    level: str
    explanation: str
    refs: tuple[str, ...]
    sources: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Combination:
    """A rule that applies to the ticked items. ``items`` are the ticked items that met its
    sets (assumed facts such as back pain are not listed); ``raised`` is True when the rule
    put the result above every ticked item's own level."""

    rule: Rule
    items: tuple[Item, ...]
    raised: bool


@dataclass(frozen=True)
class TriageResult:
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

    @property
    def raised_by(self) -> tuple[Combination, ...]:
        return tuple(c for c in self.combinations if c.raised)

    @property
    def ticked(self) -> tuple[Item, ...]:
        return self.causes + self.others

    def html(self) -> str:
        return result_html(self)


# --------------------------------------------------------------------------- data


def _path():
    return data_dir() / "symptoms.json"


#: Placeholders a text in symptoms.json may use, and where their value comes from.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _placeholders(data: dict) -> dict[str, str]:
    """``{see_gp_after}`` and other thresholds from symptoms.json; ``{emergency_action}`` and
    ``{urgent_action}`` from the one emergency message in data/course.json."""
    from .coursemap import course

    disclaimer = course()["disclaimer"]
    values = {key: entry["text"] for key, entry in data["thresholds"].items()}
    values.update(emergency_action=disclaimer["emergency"]["action"], urgent_action=disclaimer["urgent"]["action"])
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
    import copy

    path = path or _path()
    levels = [lv["id"] for lv in data["levels"]]
    if tuple(levels) != LEVELS:
        raise CourseDataError(path, "levels", f"must be exactly {', '.join(LEVELS)} (most severe first), found {', '.join(levels)}")
    groups = [g["id"] for g in data["groups"]]
    if len(set(groups)) != len(groups):
        raise CourseDataError(path, "groups", "a group id is used twice")
    if known_refs is None:
        from .references import reference_keys

        known_refs = reference_keys()
    seen: set[str] = set()
    for item in data["items"]:
        where = f"item {item['id']!r}"
        if item["id"] in seen:
            raise CourseDataError(path, where, "id is used twice")
        seen.add(item["id"])
        if item["group"] not in groups:
            raise CourseDataError(path, where, f"group {item['group']!r} is not listed under groups")
        if item["group"] == "red-flag" and item["level"] not in RED_FLAG_LEVELS:
            raise CourseDataError(path, where, f"a red flag must be emergency or urgent, not {item['level']!r}")
        for ref in _item_refs(item):
            if ref not in known_refs:
                raise CourseDataError(path, where, f"reference key {ref!r} is not in references.json")
        if item.get("note") and DIAGNOSIS_WORDS.search(item["note"]):
            raise CourseDataError(path, where, f"note names a diagnosis ({DIAGNOSIS_WORDS.search(item['note']).group(0)!r})")
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
            raise CourseDataError(path, where, f"names a diagnosis ({match.group(0)!r}); the self-check never diagnoses")
    for key, entry in data["thresholds"].items():
        for src in entry["source"]:
            if src["ref"] not in known_refs:
                raise CourseDataError(path, f"threshold {key!r}", f"reference key {src['ref']!r} is not in references.json")
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
    """``data/symptoms.json``, checked against its schema and the rules above."""
    return check_symptom_data(load("symptoms.json", schema="symptoms"))


def level_info(level: str) -> dict:
    for lv in symptom_data()["levels"]:
        if lv["id"] == level:
            return lv
    raise KeyError(level)


def level_names() -> dict[str, str]:
    """Each level's name (its ``short``), most severe first: the words the course uses for
    the levels everywhere."""
    return {lv["id"]: lv["short"] for lv in symptom_data()["levels"]}


def see_gp_after() -> str:
    """The one threshold for seeing a GP when back pain is not improving ("a few weeks")."""
    return symptom_data()["thresholds"]["see_gp_after"]["text"]


@lru_cache(maxsize=1)
def items() -> dict[str, Item]:
    """Every tickable item by id, in the data's order."""
    return {
        raw["id"]: Item(
            raw["id"], raw["group"], raw["level"], raw["label"], _item_refs(raw), raw.get("note", ""),
            tuple((s["ref"], s["place"]) for s in raw["source"]), raw["checked"],
        )
        for raw in symptom_data()["items"]
    }


def items_in_group(group: str) -> list[Item]:
    return [i for i in items().values() if i.group == group]


def items_at_level(level: str) -> list[Item]:
    return [i for i in items().values() if i.level == level]


# --------------------------------------------------------------------------- combination rules


def _rules_path():
    return data_dir() / "triage-rules.json"


def check_rules(data: dict, path=None, known_items: dict | None = None, known_refs: set[str] | None = None,
                validate_schema: bool = True) -> dict:
    """Check data/triage-rules.json: its schema, then what a schema cannot express. Every
    problem raises CourseDataError naming the file and the rule."""
    from .data import validate

    path = path or _rules_path()
    # Empty sets first, so the message names the rule (the schema would name only the set).
    for n, rule in enumerate(data.get("rules", []) if isinstance(data, dict) else []):
        name = f"rule {rule.get('id', f'#{n + 1}')!r}" if isinstance(rule, dict) else f"rule #{n + 1}"
        for k, group in enumerate(rule.get("when", []) if isinstance(rule, dict) else []):
            if isinstance(group, dict) and not group.get("any_of"):
                raise CourseDataError(path, name, f"set {k + 1} of 'when' is empty: every set needs at least one item id")
    if validate_schema:
        validate(data, "triage-rules", path)
    if known_items is None:
        known_items = {i.id: i.level for i in items().values()}
    if known_refs is None:
        from .references import reference_keys

        known_refs = reference_keys()
    rank = {lv: n for n, lv in enumerate(LEVELS)}
    assumed = {a["id"] for a in data["assumed"]}
    for fact in assumed & set(known_items):
        raise CourseDataError(path, f"assumed {fact!r}", "is also an item id in data/symptoms.json")
    seen: set[str] = set()
    for rule in data["rules"]:
        where = f"rule {rule['id']!r}"
        if rule["id"] in seen:
            raise CourseDataError(path, where, "id is used twice")
        seen.add(rule["id"])
        if rule["level"] not in LEVELS:
            raise CourseDataError(path, where, f"unknown level {rule['level']!r} (levels: {', '.join(LEVELS)})")
        for group in rule["when"]:
            for item_id in group["any_of"]:
                if item_id not in known_items and item_id not in assumed:
                    raise CourseDataError(path, where, f"unknown item id {item_id!r}: not in data/symptoms.json and not assumed")
        match = DIAGNOSIS_WORDS.search(rule["explanation"])
        if match:
            raise CourseDataError(path, where, f"explanation names a diagnosis ({match.group(0)!r}); the self-check never diagnoses")
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
                        path, where,
                        f"applies to item {item_id!r} on its own (the other sets are always met), so that item's "
                        f"level in data/symptoms.json must be at least {rule['level']!r}, not {level!r}",
                    )
    return data


@lru_cache(maxsize=1)
def rules_data() -> dict:
    """``data/triage-rules.json``, checked against its schema and the rules above."""
    return check_rules(load("triage-rules.json", schema="triage-rules"), validate_schema=False)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            raw["id"], tuple(frozenset(g["any_of"]) for g in raw["when"]), raw["level"], raw["explanation"],
            tuple(dict.fromkeys(s["ref"] for s in raw["source"])), tuple((s["ref"], s["place"]) for s in raw["source"]),
        )
        for raw in rules_data()["rules"]
    )


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
        return TriageResult(None, (), (), "Nothing ticked", "", symptom_data()["none_message"])
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
    return TriageResult(top, causes, others, info["title"], info["action"], info["message"], tuple(combinations))


# --------------------------------------------------------------------------- HTML


def _item_li(item: Item, with_level: bool = False) -> str:
    prefix = ""
    if with_level:
        lv = level_info(item.level)
        prefix = f"<strong>{safe_html(lv['icon'])} {safe_html(lv['short'])}:</strong> "
    note = f"<br><em>{safe_html(item.note)}</em>" if item.note else ""
    return f"<li>{prefix}{safe_html(item.label)}{note}</li>"


def result_html(result: TriageResult) -> str:
    """The self-check's answer: level (icon and words) and what to do first, then why."""
    reminder = f"<p style='margin:8px 0 0 0;font-size:0.92em'><em>{safe_html(symptom_data()['reminder'])}</em></p>"
    if result.level is None:
        return (
            "<div class='gc-triage gc-triage-none' role='status' aria-live='polite' "
            "style='border-left:6px solid #555555;background:#f2f2f2;padding:8px 12px;margin:6px 0'>"
            f"<p style='margin:0'><strong>ⓘ Nothing ticked.</strong> {safe_html(result.message)}</p>{reminder}</div>"
        )
    info = level_info(result.level)
    colour, background = _LEVEL_COLOUR[result.level]
    role = "role='alert'" if result.level == "emergency" else "role='status' aria-live='polite'"
    causes = "".join(_item_li(i) for i in result.causes)
    plural = "these" if len(result.causes) > 1 else "this"
    others = ""
    if result.others:
        others = (
            "<p style='margin:6px 0 0 0'>You also ticked (less urgent, but mention them too):</p>"
            f"<ul style='margin:2px 0'>{''.join(_item_li(i, with_level=True) for i in result.others)}</ul>"
        )
    return (
        f"<div class='gc-triage gc-triage-{result.level}' {role} "
        f"style='border-left:6px solid {colour};background:{background};padding:8px 12px;margin:6px 0'>"
        f"<p style='margin:0;font-size:1.2em'><strong>{safe_html(info['icon'])} {safe_html(info['title'])}</strong></p>"
        f"<p style='margin:6px 0'><strong>{safe_html(info['action'])}</strong></p>"
        f"<p style='margin:6px 0'>{safe_html(info['message'])}</p>"
        f"<p style='margin:6px 0 0 0'>Because you ticked {plural}:</p><ul style='margin:2px 0'>{causes}</ul>"
        f"{_combinations_html(result)}{others}{reminder}</div>"
    )


def _combination_li(combo: Combination) -> str:
    ticked = " + ".join(f"‘{safe_html(i.label)}’" for i in combo.items)
    return f"<li>{ticked}: {safe_html(combo.rule.explanation)}</li>"


def _combinations_html(result: TriageResult) -> str:
    """Which combination raised the level, in plain words; then other combinations that apply."""
    parts = []
    raised = result.raised_by
    if raised:
        name = level_info(result.level)["short"]
        parts.append(
            f"<p style='margin:6px 0 0 0'><strong>Why {safe_html(name)}:</strong> together, these raise the level "
            "above what each would mean alone.</p>"
            f"<ul style='margin:2px 0'>{''.join(_combination_li(c) for c in raised)}</ul>"
        )
    # Other rules that apply at the result's own level support it; a rule for a lower level
    # (for example "same day" when the result is an emergency) would only confuse.
    also = [c for c in result.combinations if not c.raised and c.rule.level == result.level]
    if also:
        parts.append(
            "<p style='margin:6px 0 0 0'>Also worth knowing:</p>"
            f"<ul style='margin:2px 0'>{''.join(_combination_li(c) for c in also)}</ul>"
        )
    return "".join(parts)


def levels_table_html(levels: Iterable[str] = LEVELS) -> str:
    """A table of the urgency levels: what to do and which signs belong to each, from the data."""
    rows = []
    for level in levels:
        info = level_info(level)
        colour, _ = _LEVEL_COLOUR[level]
        signs = "".join(f"<li>{safe_html(i.label)}</li>" for i in items_at_level(level))
        rows.append(
            f"<tr><th scope='row' style='border-left:6px solid {colour};text-align:left;vertical-align:top'>"
            f"{safe_html(info['icon'])} {safe_html(info['title'])}</th>"
            f"<td style='text-align:left;vertical-align:top'>{safe_html(info['action'])}</td>"
            f"<td style='text-align:left;vertical-align:top'><ul style='margin:0'>{signs}</ul></td></tr>"
        )
    return (
        "<table class='gc-triage-tiers'><caption>Levels of urgency, from the same data as the self-check "
        "in notebook 04 (with back pain, any one sign is enough; combinations can raise the level)</caption>"
        "<tr><th scope='col'>Level</th><th scope='col'>What to do</th><th scope='col'>Signs</th></tr>"
        f"{''.join(rows)}</table>"
    )


def levels_table(levels: Iterable[str] = LEVELS):
    """Show the urgency levels as a table."""
    from IPython.display import HTML

    return HTML(levels_table_html(levels))


def combinations_table_html() -> str:
    """The combination rules as a table: which boxes together raise the level, to what, and
    why, from data/triage-rules.json."""
    known = items()
    assumed = {a["id"]: a["label"] for a in rules_data()["assumed"]}
    joiner = "<p style='margin:2px 0'><strong>together with any of</strong></p>"
    rows = []
    for raw in rules_data()["rules"]:
        sets = []
        for group in raw["when"]:
            names = [
                safe_html(known[i].label) if i in known else f"<em>{safe_html(assumed[i])} (everyone using the check has it)</em>"
                for i in group["any_of"]
            ]
            sets.append("<ul style='margin:0'>" + "".join(f"<li>{n}</li>" for n in names) + "</ul>")
        info = level_info(raw["level"])
        colour, _ = _LEVEL_COLOUR[raw["level"]]
        rows.append(
            "<tr style='vertical-align:top'>"
            f"<td style='text-align:left'>{joiner.join(sets)}</td>"
            f"<td style='text-align:left;border-left:6px solid {colour}'><strong>{safe_html(info['icon'])} {safe_html(info['short'])}</strong></td>"
            f"<td style='text-align:left'>{safe_html(raw['explanation'])}</td></tr>"
        )
    return (
        "<table class='gc-triage-combinations'><caption>Combinations that raise the level (from the same data "
        "as the self-check; a combination never lowers it)</caption>"
        "<tr><th scope='col'>Any of these</th><th scope='col'>At least</th><th scope='col'>Why</th></tr>"
        f"{''.join(rows)}</table>"
    )


def combinations_table():
    """Show the combination rules as a table."""
    from IPython.display import HTML

    return HTML(combinations_table_html())


# Older names, kept so existing notebooks and exports keep working.
tiers_table_html = levels_table_html
tiers_table = levels_table


def symptom_list_html(group: str) -> str:
    """The items of one group as a list, each with the level it triggers (icon and words)."""
    titles = {g["id"]: g for g in symptom_data()["groups"]}
    if group not in titles:
        raise CourseDataError(_path(), f"group {group!r}", f"no such group (groups: {', '.join(titles)})")
    rows = "".join(_item_li(i, with_level=True) for i in items_in_group(group))
    return (
        f"<div class='gc-symptom-list'><p><strong>{safe_html(titles[group]['title'])}</strong> "
        "(with the self-check level each one leads to)</p>"
        f"<ul>{rows}</ul></div>"
    )


def symptom_list(group: str):
    """Show the tickable items of one group (``common``, ``less-common``, ...)."""
    from IPython.display import HTML

    return HTML(symptom_list_html(group))


def clinician_checklist_html() -> str:
    rows = "".join(f"<li>☐ {safe_html(t)}</li>" for t in symptom_data()["clinician_checklist"])
    return (
        "<div class='gc-checklist'><p><strong>What to tell your clinician</strong> "
        "(jot down notes before the appointment):</p>"
        f"<ul style='list-style:none;padding-left:0.5em'>{rows}</ul></div>"
    )


def clinician_checklist():
    """The checklist of things to tell a doctor or physiotherapist."""
    from IPython.display import HTML

    return HTML(clinician_checklist_html())


def prevalence_rows() -> list[dict]:
    return symptom_data()["prevalence"]["rows"]


# --------------------------------------------------------------------------- widget

def _shared():
    """Layouts and styles shared by every control of the checker (see widgets.py)."""
    from .widgets import layout, style

    return dict(
        wide=layout(width="100%"), plain=layout(), checkbox_style=style("checkbox"),
        button_style=style("button"), html_style=style("html"),
    )


def _reminder_html() -> str:
    return f"<p class='gc-triage-reminder'><strong>ⓘ</strong> <em>{safe_html(symptom_data()['reminder'])}</em></p>"


class SymptomChecker:
    """Grouped checkboxes, "Check my symptoms" and "Clear" buttons, and the result.

    The checklist (about 40 controls) is built when the reader presses "Start the
    self-check", so running the notebook stays fast; ``open()`` does the same from code,
    and touching ``boxes``, ``check_button`` or ``clear_button`` opens it too.
    ``boxes`` maps item id to its Checkbox; ``result`` is the HTML widget with the answer.
    Nothing is saved: closing the notebook forgets every tick.
    """

    def __init__(self, start_open: bool = False):
        import ipywidgets as w

        sh = _shared()
        self._boxes: dict | None = None
        self._check_button = self._clear_button = None
        self._checked = False
        self._clearing = False
        self.start_button = w.Button(
            description="Start the self-check", tooltip="Show the list of symptoms and warning signs to tick",
            icon="check-square-o", button_style="primary", layout=sh["plain"], style=sh["button_style"],
        )
        self.start_button.on_click(lambda _b: self.open())
        # Before the first check, the result area carries the reminder that this guides
        # but does not diagnose.
        self.result = w.HTML(value=_reminder_html(), layout=sh["plain"], style=sh["html_style"])
        self.box = w.VBox([self.start_button, self.result], layout=sh["plain"])
        if start_open:
            self.open()

    def open(self):
        """Build and show the checklist (once)."""
        if self._boxes is not None:
            return
        import ipywidgets as w

        sh = _shared()
        data = symptom_data()
        boxes = {}
        children = []
        for group in data["groups"]:
            children.append(
                w.HTML(
                    value=f"<h4 style='margin:10px 0 2px 0'>{safe_html(group['title'])}</h4>"
                    f"<p style='margin:0 0 2px 0'>{safe_html(group['intro'])}</p>",
                    layout=sh["plain"], style=sh["html_style"],
                )
            )
            for item in items_in_group(group["id"]):
                # Labels are plain text (widgets do not render HTML); the group title is
                # part of the tooltip so a screen reader hears the context too.
                box = w.Checkbox(
                    value=False, description=strip_tags(item.label), indent=False,
                    tooltip=strip_tags(f"{group['title']}: {item.label}. {item.note}".strip()),
                    layout=sh["wide"], style=sh["checkbox_style"],
                )
                box.observe(self._on_change, names="value")
                boxes[item.id] = box
                children.append(box)
        self._check_button = w.Button(
            description="Check my symptoms", tooltip="Show what the ticked boxes mean for you and what to do",
            icon="stethoscope", button_style="primary", layout=sh["plain"], style=sh["button_style"],
        )
        self._clear_button = w.Button(
            description="Clear", tooltip="Untick every box and clear the result",
            icon="eraser", layout=sh["plain"], style=sh["button_style"],
        )
        self._check_button.on_click(lambda _b: self.check())
        self._clear_button.on_click(lambda _b: self.clear())
        self._boxes = boxes
        self.box.children = [*children, w.HBox([self._check_button, self._clear_button], layout=sh["plain"]), self.result]
        self.start_button.close()

    @property
    def boxes(self) -> dict:
        self.open()
        return self._boxes

    @property
    def check_button(self):
        self.open()
        return self._check_button

    @property
    def clear_button(self):
        self.open()
        return self._clear_button

    def ticked(self) -> list[str]:
        if self._boxes is None:
            return []
        return [item_id for item_id, box in self._boxes.items() if box.value]

    def check(self) -> TriageResult | None:
        """Triage the ticked boxes and show the result (never a traceback)."""
        try:
            result = triage(self.ticked())
        except (ValueError, KeyError) as exc:  # data problems only; checkboxes cannot give bad ids
            self.result.value = (
                "<div class='gc-triage gc-triage-error' role='alert'><strong>ⓘ The self-check could not run:</strong> "
                f"{safe_html(exc)}. If you have any warning sign, get help now without waiting for this tool.</div>"
            )
            return None
        self.result.value = result_html(result)
        self._checked = True
        return result

    def clear(self):
        self._clearing = True
        try:
            for box in (self._boxes or {}).values():
                box.value = False
        finally:
            self._clearing = False
        self._checked = False
        self.result.value = (
            "<div class='gc-triage gc-triage-none' role='status' aria-live='polite'>"
            "All boxes cleared. Tick any that apply, then press <strong>Check my symptoms</strong>.</div>"
            + _reminder_html()
        )

    def _on_change(self, _change):
        # Once a result is showing, keep it in step with the boxes, so a stale answer is
        # never left on screen (a newly ticked red flag shows at once).
        if self._checked and not self._clearing:
            self.check()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.box)


def symptom_checker(start_open: bool = False) -> SymptomChecker:
    """The interactive symptom self-check. It guides; it never diagnoses; it saves nothing.

    The checklist appears when the reader presses "Start the self-check" (or at once with
    ``start_open=True``)."""
    return SymptomChecker(start_open=start_open)
