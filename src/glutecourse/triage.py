"""The symptom self-check: data, triage rules and the ``symptom_checker()`` widget.

Everything a reader can tick, the urgency level each item triggers and the advice for each
level live in ``data/symptoms.json`` (schema ``schemas/symptoms.schema.json``). The rule is
simple and safe: the result is the **most severe** level among the ticked items
(emergency > urgent > routine > selfcare), so a red flag always wins, whatever else is
ticked. The result lists the ticked items that caused it, in the reader's own words, and
never names a diagnosis. The widget saves nothing to disk.

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
GROUPS = ("common", "less-common", "see-a-doctor", "red-flag")
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


@dataclass(frozen=True)
class TriageResult:
    """What the self-check concludes from a set of ticked items.

    ``level`` is None when nothing was ticked. ``causes`` are the ticked items at the
    result's level; ``others`` are the remaining ticked items, most severe first.
    """

    level: str | None
    causes: tuple[Item, ...]
    others: tuple[Item, ...]
    title: str
    action: str
    message: str

    @property
    def ticked(self) -> tuple[Item, ...]:
        return self.causes + self.others

    def html(self) -> str:
        return result_html(self)


# --------------------------------------------------------------------------- data


def _path():
    return data_dir() / "symptoms.json"


def check_symptom_data(data: dict, path=None, known_refs: set[str] | None = None) -> dict:
    """The rules a schema cannot express. Raises CourseDataError naming the item."""
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
        for ref in item["refs"]:
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
    for g in data["groups"]:
        outcome_texts += [(f"group {g['id']!r} title", g["title"]), (f"group {g['id']!r} intro", g["intro"])]
    for where, text in outcome_texts:
        match = DIAGNOSIS_WORDS.search(text)
        if match:
            raise CourseDataError(path, where, f"names a diagnosis ({match.group(0)!r}); the self-check never diagnoses")
    for ref in data["prevalence"]["refs"]:
        if ref not in known_refs:
            raise CourseDataError(path, "prevalence", f"reference key {ref!r} is not in references.json")
    return data


@lru_cache(maxsize=1)
def symptom_data() -> dict:
    """``data/symptoms.json``, checked against its schema and the rules above."""
    return check_symptom_data(load("symptoms.json", schema="symptoms"))


def level_info(level: str) -> dict:
    for lv in symptom_data()["levels"]:
        if lv["id"] == level:
            return lv
    raise KeyError(level)


@lru_cache(maxsize=1)
def items() -> dict[str, Item]:
    """Every tickable item by id, in the data's order."""
    return {
        raw["id"]: Item(raw["id"], raw["group"], raw["level"], raw["label"], tuple(raw["refs"]), raw.get("note", ""))
        for raw in symptom_data()["items"]
    }


def items_in_group(group: str) -> list[Item]:
    return [i for i in items().values() if i.group == group]


def items_at_level(level: str) -> list[Item]:
    return [i for i in items().values() if i.level == level]


# --------------------------------------------------------------------------- rules


def triage(ticked: Iterable[str]) -> TriageResult:
    """The most severe level among the ticked item ids, the items that caused it, and the
    data's advice for that level. Unknown ids raise UnknownSymptomError."""
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
    top = min((i.level for i in chosen), key=rank.__getitem__)
    causes = tuple(i for i in chosen if i.level == top)
    others = tuple(sorted((i for i in chosen if i.level != top), key=lambda i: rank[i.level]))
    info = level_info(top)
    return TriageResult(top, causes, others, info["title"], info["action"], info["message"])


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
        f"{others}{reminder}</div>"
    )


def tiers_table_html(levels: Iterable[str] = ("emergency", "urgent", "routine")) -> str:
    """A table of urgency tiers: what to do and which signs belong to each, from the data."""
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
        "<table class='gc-triage-tiers'><caption>Tiers of urgency, from the same data as the self-check "
        "in notebook 04 (with back pain, any one sign is enough)</caption>"
        "<tr><th scope='col'>Tier</th><th scope='col'>What to do</th><th scope='col'>Signs</th></tr>"
        f"{''.join(rows)}</table>"
    )


def tiers_table(levels: Iterable[str] = ("emergency", "urgent", "routine")):
    """Show the urgency tiers as a table."""
    from IPython.display import HTML

    return HTML(tiers_table_html(levels))


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

    The checklist (about 30 controls) is built when the reader presses "Start the
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
