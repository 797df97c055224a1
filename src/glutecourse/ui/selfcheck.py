"""The self-check's views: the result box, the levels and combinations tables, symptom
lists, the clinician checklist, the worked cases, and the ``symptom_checker()`` widget.

The logic (``triage``, the data and their checks) is ``glutecourse.topics.selfcheck``. The
widget's result lives in an ``HTML`` widget (tests read ``.value``); it saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog.references import short_citations
from ..core.errors import CourseDataError
from ..topics.selfcheck import (
    LEVELS,
    Combination,
    GateFlow,
    Item,
    TriageResult,
    _path,
    assumed,
    gate_items,
    groups,
    items,
    items_at_level,
    items_in_group,
    level_info,
    rules,
    worked_case_list,
)
from ..topics.selfcheck import clinician_checklist as checklist_items
from ..topics.selfcheck import reminder as reminder_text
from .display import html
from .html import Markup, callout, safe_html, status_box, strip_tags, table, td, th
from .widgets import View, button, css, html_widget, shared_styles

# The level is always given in words and with an icon too, never by colour alone: the
# stylesheet colours a box or a table row by its ``gc-level-<level>`` class.


# --------------------------------------------------------------------------- HTML


def _item_li(item: Item, with_level: bool = False, icon: bool = True) -> str:
    prefix = ""
    if with_level:
        lv = level_info(item.level)
        mark = f"{safe_html(lv.icon)} " if icon else ""
        prefix = f"<strong>{mark}{safe_html(lv.short)}:</strong> "
    note = f"<br><em>{safe_html(item.note)}</em>" if item.note else ""
    return f"<li>{prefix}{safe_html(item.label)}{note}</li>"


def result_html(result: TriageResult) -> str:
    """The self-check's answer: level (icon and words) and what to do first, then why.

    An emergency is a solid red banner with white text (``gc-triage-emergency``): the word
    "Emergency", what to do and the number to call first; the other ticked items inside it
    carry their level in words only, never the self-care tick."""
    reminder = f"<p class='gc-triage-reminder'><em>{safe_html(reminder_text())}</em></p>"
    if result.level is None:
        return callout(
            "level",
            None,
            Markup(f"<p><strong>Nothing ticked.</strong> {safe_html(result.message)}</p>{reminder}"),
            cls="gc-triage gc-triage-none",
            role="status",
            live=True,
        )
    info = level_info(result.level)
    emergency = result.level == LEVELS[0]
    causes = "".join(_item_li(i) for i in result.causes)
    if result.one_of:
        because = "<p>Because you said yes to one of these:</p>"
    else:
        because = f"<p>Because you ticked {'these' if len(result.causes) > 1 else 'this'}:</p>"
    others = ""
    if result.others:
        others = (
            "<p>You also ticked (less urgent, but mention them too):</p>"
            f"<ul>{''.join(_item_li(i, with_level=True, icon=not emergency) for i in result.others)}</ul>"
        )
    body = Markup(
        f"<p class='gc-triage-title'><strong>{safe_html(info.icon)} {safe_html(info.title)}</strong></p>"
        f"<p class='gc-triage-action'><strong>{safe_html(info.action)}</strong></p>"
        f"<p>{safe_html(info.message)}</p>"
        f"{because}<ul>{causes}</ul>"
        f"{_combinations_html(result)}{others}{reminder}"
    )
    return callout(
        "level",
        None,
        body,
        cls=f"gc-triage gc-triage-{result.level} gc-level-{result.level}",
        role="alert" if emergency else "status",
        live=not emergency,
    )


def _combination_li(combo: Combination) -> str:
    ticked = " + ".join(f"‘{safe_html(i.label)}’" for i in combo.items)
    return f"<li>{ticked}: {safe_html(combo.rule.explanation)}</li>"


def _combinations_html(result: TriageResult) -> str:
    """Which combination raised the level, in plain words; then other combinations that apply."""
    parts = []
    raised = result.raised_by
    if raised:
        name = level_info(result.level).short
        parts.append(
            f"<p><strong>Why {safe_html(name)}:</strong> together, these raise the level "
            "above what each would mean alone.</p>"
            f"<ul>{''.join(_combination_li(c) for c in raised)}</ul>"
        )
    # Other rules that apply at the result's own level support it; a rule for a lower level
    # (for example "same day" when the result is an emergency) would only confuse.
    also = [c for c in result.combinations if not c.raised and c.rule.level == result.level]
    if also:
        parts.append(f"<p>Also worth knowing:</p><ul>{''.join(_combination_li(c) for c in also)}</ul>")
    return "".join(parts)


def levels_table_html(levels: Iterable[str] = LEVELS) -> str:
    """A table of the urgency levels: what to do and which signs belong to each, from the data."""
    rows = []
    for level in levels:
        info = level_info(level)
        signs = "".join(f"<li>{safe_html(i.label)}</li>" for i in items_at_level(level))
        rows.append(
            (
                th(
                    Markup(f"{safe_html(info.icon)} {safe_html(info.title)}"),
                    cls=f"gc-level-bar gc-level-{level}",
                ),
                info.action,
                Markup(f"<ul>{signs}</ul>"),
            )
        )
    return table(
        ["Level", "What to do", "Signs"],
        rows,
        caption="Levels of urgency, from the same data as the self-check in notebook 04 (with back pain, any one "
        "sign is enough; combinations can raise the level)",
        cls="gc-triage-tiers",
    )


def levels_table(levels: Iterable[str] = LEVELS):
    """Show the urgency levels as a table."""
    return html(levels_table_html(levels))


def combinations_table_html() -> str:
    """The combination rules as a table: which boxes together raise the level, to what, and
    why, from data/selfcheck-rules.json."""
    known = items()
    facts = {a.id: a.label for a in assumed()}
    joiner = "<p><strong>together with any of</strong></p>"
    rows = []
    for rule in rules():
        sets = []
        for group in rule.when:
            names = [
                safe_html(known[i].label)
                if i in known
                else f"<em>{safe_html(facts[i])} (everyone using the check has it)</em>"
                for i in group
            ]
            sets.append("<ul>" + "".join(f"<li>{n}</li>" for n in names) + "</ul>")
        info = level_info(rule.level)
        rows.append(
            (
                Markup(joiner.join(sets)),
                td(
                    Markup(f"<strong>{safe_html(info.icon)} {safe_html(info.short)}</strong>"),
                    cls=f"gc-level-bar gc-level-{rule.level}",
                ),
                rule.explanation,
            )
        )
    return table(
        ["Any of these", "At least", "Why"],
        rows,
        caption="Combinations that raise the level (from the same data as the self-check; a combination never "
        "lowers it)",
        cls="gc-triage-combinations",
    )


def combinations_table():
    """Show the combination rules as a table."""
    return html(combinations_table_html())


# Older names, kept so existing notebooks and exports keep working.
tiers_table_html = levels_table_html

tiers_table = levels_table


def symptom_list_html(group: str) -> str:
    """The items of one group as a list, each with the level it triggers (icon and words)."""
    titles = {g.id: g for g in groups()}
    if group not in titles:
        raise CourseDataError(_path(), f"group {group!r}", f"no such group (groups: {', '.join(titles)})")
    rows = "".join(_item_li(i, with_level=True) for i in items_in_group(group))
    return (
        f"<div class='gc-symptom-list'><p><strong>{safe_html(titles[group].title)}</strong> "
        "(with the self-check level each one leads to)</p>"
        f"<ul>{rows}</ul></div>"
    )


def symptom_list(group: str):
    """Show the tickable items of one group (``common``, ``less-common``, ...)."""
    return html(symptom_list_html(group))


def clinician_checklist_html() -> str:
    rows = "".join(f"<li>☐ {safe_html(t)}</li>" for t in checklist_items())
    return (
        "<div class='gc-checklist'><p><strong>What to tell your clinician</strong> "
        "(jot down notes before the appointment):</p>"
        f"<ul class='gc-checklist-items'>{rows}</ul></div>"
    )


def clinician_checklist():
    """The checklist of things to tell a doctor or physiotherapist."""
    return html(clinician_checklist_html())


# --------------------------------------------------------------------------- widget


def _reminder_html() -> str:
    return f"<p class='gc-triage-reminder'><strong>Remember:</strong> <em>{safe_html(reminder_text())}</em></p>"


#: The words of the emergency gate (the signs themselves come from data/selfcheck.json).
GATE_TITLE = "Step 1 of 2: emergency signs first"
GATE_QUESTION = "Do you have back pain and any of these? Tick the ones you have."
GATE_YES = "Yes, I have one of these"
GATE_NO = "No, none of these"
REST_TITLE = "Step 2 of 2: the other questions"
REST_INTRO = "Tick every box that is true for you, then press Check my symptoms."
GO_ON = "Go on to the other questions"


class SymptomChecker(View):
    """The emergency gate first, then the other questions, and the result.

    "Start the self-check" shows the gate: the emergency signs (every item whose level is
    emergency in ``data/selfcheck.json``) with "Yes, I have one of these" and "No, none of
    these". A yes (or a ticked sign) shows the emergency result at once; the reader can
    still go on to the other questions. A no opens them: the other items by group, then
    "Check my symptoms" and "Clear". The result sits above the other questions, and after a
    button press it is focused (ipywidgets' ``focus()`` on a label laid over its box), which
    scrolls it into view: the reader never has to look for it.

    ``open()`` shows the gate from code, ``open_rest()`` the other questions; touching
    ``boxes``, ``check_button`` or ``clear_button`` opens both. ``boxes`` maps item id to its
    Checkbox; ``result`` is the HTML widget with the answer, inside ``result_box``. Nothing
    is saved: closing the notebook forgets every tick.
    """

    def __init__(self, start_open: bool = False):
        import ipywidgets as w

        sh = shared_styles()
        self.flow = GateFlow()
        self._boxes: dict | None = None
        self._rest_built = False
        self._check_button = self._clear_button = None
        self.yes_button = self.no_button = self.go_on_button = None
        self._checked = False
        self._clearing = False
        self.start_button = button(
            "Start the self-check",
            "Show the emergency signs first, then the other symptoms to tick",
            "check-square-o",
            button_style="primary",
        )
        self.start_button.on_click(lambda _b: self.open(focus=True))
        # Before the first check, the result area carries the reminder that this guides
        # but does not diagnose.
        self.result = html_widget(_reminder_html())
        # Focus without JavaScript: ipywidgets 8 can focus a Label (``focus()``; ``tabbable``
        # False gives it tabindex -1: focusable by the view, not in the Tab order). The
        # stylesheet lays this label over the whole result box (position absolute, inset 0,
        # its words invisible but read out), so focusing it scrolls the box into view as
        # the browser does for any focused element: centred when it fits, its top at the top
        # of the screen when it is taller. An ipywidgets Box cannot take the focus itself.
        self.result_focus = w.Label(
            value="Your self-check result", tabbable=False, layout=sh["plain"], **css("gc-triage-focus")
        )
        self.result_box = w.VBox([self.result_focus, self.result], layout=sh["plain"], **css("gc-triage-result"))
        self.rest_box = w.VBox([], layout=sh["plain"])
        self.box = self.widget = w.VBox([self.start_button, self.result_box], layout=sh["plain"], **css("gc-selfcheck"))
        if start_open:
            self.open()

    def _checkbox(self, item, group_title: str):
        import ipywidgets as w

        sh = shared_styles()
        # Labels are plain text (widgets do not render HTML); the group title is part of
        # the tooltip so a screen reader hears the context too.
        box = w.Checkbox(
            value=False,
            description=strip_tags(item.label),
            indent=False,
            tooltip=strip_tags(f"{group_title}: {item.label}. {item.note}".strip()),
            layout=sh["wide"],
            style=sh["checkbox_style"],
        )
        box.observe(self._on_change, names="value")
        return box

    def open(self, focus: bool = False):
        """Build and show the emergency gate (once); ``focus`` (the Start button) moves the
        keyboard focus to the first emergency sign, since the button itself goes away."""
        if self._boxes is not None:
            return
        import ipywidgets as w

        sh = shared_styles()
        boxes = {}
        children = [
            html_widget(
                f"<div class='gc-symptom-group gc-gate'><h3>{safe_html(GATE_TITLE)}</h3>"
                f"<p>{safe_html(GATE_QUESTION)}</p></div>"
            )
        ]
        for item in gate_items():
            boxes[item.id] = self._checkbox(item, GATE_TITLE)
            children.append(boxes[item.id])
        self.yes_button = button(
            GATE_YES, "I have at least one of these signs: show what to do now", button_style="danger"
        )
        self.no_button = button(GATE_NO, "I have none of these signs: go on to the other questions")
        self.yes_button.on_click(lambda _b: self.answer_gate(True))
        self.no_button.on_click(lambda _b: self.answer_gate(False))
        self._boxes = boxes
        self.box.children = [
            *children,
            w.HBox([self.yes_button, self.no_button], layout=sh["plain"]),
            self.result_box,
            self.rest_box,
        ]
        self.start_button.close()
        if focus and boxes:
            next(iter(boxes.values())).focus()

    def open_rest(self):
        """Build and show the other questions (once), below the result."""
        self.open()
        if self._rest_built:
            return
        import ipywidgets as w

        sh = shared_styles()
        gate = {i.id for i in gate_items()}
        children = [
            html_widget(
                f"<div class='gc-symptom-group'><h3>{safe_html(REST_TITLE)}</h3><p>{safe_html(REST_INTRO)}</p></div>"
            )
        ]
        for group in groups():
            rest = [i for i in items_in_group(group.id) if i.id not in gate]
            if not rest:
                continue
            children.append(
                html_widget(
                    f"<div class='gc-symptom-group'><h4>{safe_html(group.title)}</h4>"
                    f"<p>{safe_html(group.intro)}</p></div>"
                )
            )
            for item in rest:
                self._boxes[item.id] = self._checkbox(item, group.title)
                children.append(self._boxes[item.id])
        self._check_button = button(
            "Check my symptoms",
            "Show what the ticked boxes mean for you and what to do",
            "stethoscope",
            button_style="primary",
        )
        self._clear_button = button("Clear", "Untick every box and clear the result", "eraser")
        self._check_button.on_click(lambda _b: self.check(focus=True))
        self._clear_button.on_click(lambda _b: self.clear())
        if self.go_on_button is not None:
            self.go_on_button.close()
            self.go_on_button = None
        self.rest_box.children = [
            *children,
            w.HBox([self._check_button, self._clear_button], layout=sh["plain"]),
        ]
        self._rest_built = True
        self.flow.rest_open = True

    def answer_gate(self, yes: bool, focus: bool = True):
        """The reader's answer at the gate: a yes (or a ticked sign) shows the emergency
        result at once, focused; a no opens the other questions and moves to the first."""
        self.open()
        try:
            result = self.flow.answer(yes, self.ticked())
        except (ValueError, KeyError) as exc:
            self._show_error(exc)
            return None
        if result is None:
            self._checked = False
            self.result.value = status_box("info", "No emergency signs ticked. Now the other questions.", label="")
            self.open_rest()
            first = next((b for i, b in self._boxes.items() if i not in {g.id for g in gate_items()}), None)
            if focus and first is not None:
                first.focus()
            return None
        self._show(result, focus)
        if not self._rest_built and self.go_on_button is None:
            self.go_on_button = button(GO_ON, "Answer the other questions as well (the emergency advice stays)")
            self.go_on_button.on_click(lambda _b: self.open_rest())
            import ipywidgets as w

            self.rest_box.children = [w.HBox([self.go_on_button], layout=shared_styles()["plain"])]
        return result

    @property
    def boxes(self) -> dict:
        self.open_rest()
        return self._boxes

    @property
    def check_button(self):
        self.open_rest()
        return self._check_button

    @property
    def clear_button(self):
        self.open_rest()
        return self._clear_button

    def ticked(self) -> list[str]:
        if self._boxes is None:
            return []
        return [item_id for item_id, box in self._boxes.items() if box.value]

    def _show_error(self, exc):
        self.result.value = (
            "<div class='gc-triage gc-triage-error' role='alert'><strong>The self-check could not run:</strong> "
            f"{safe_html(exc)}. If you have any warning sign, get help now without waiting for this tool.</div>"
        )

    def _show(self, result: TriageResult, focus: bool):
        self.result.value = result_html(result)
        self._checked = True
        if focus:
            self.result_focus.focus()

    def check(self, focus: bool = False) -> TriageResult | None:
        """Triage the ticked boxes (and the gate's answer) and show the result, never a
        traceback; ``focus`` moves the reader to it (the button does)."""
        try:
            result = self.flow.result(self.ticked())
        except (ValueError, KeyError) as exc:  # data problems only; checkboxes cannot give bad ids
            self._show_error(exc)
            return None
        self._show(result, focus)
        return result

    def clear(self):
        self._clearing = True
        try:
            for box in (self._boxes or {}).values():
                box.value = False
        finally:
            self._clearing = False
        self._checked = False
        self.flow.reset()
        self.result.value = (
            "<div class='gc-triage gc-triage-none' role='status' aria-live='polite'>"
            "All boxes cleared. Tick any that apply, then press <strong>Check my symptoms</strong>.</div>"
            + _reminder_html()
        )

    def _on_change(self, _change):
        # Once a result is showing, keep it in step with the boxes, so a stale answer is
        # never left on screen (a newly ticked red flag shows at once). No focus here: the
        # reader is still ticking.
        if self._checked and not self._clearing:
            self.check()


def symptom_checker(start_open: bool = False) -> SymptomChecker:
    """The interactive symptom self-check: the emergency signs first, then the rest. It
    guides; it never diagnoses; it saves nothing.

    The gate appears when the reader presses "Start the self-check" (or at once with
    ``start_open=True``)."""
    return SymptomChecker(start_open=start_open)


def worked_cases_html(teaching_only: bool = True) -> str:
    """Each case as a question ("what would you do?") with the answer behind a click."""

    labels = items()
    cite = short_citations()
    blocks = []
    for n, case in enumerate(worked_case_list(teaching_only), start=1):
        info = level_info(case.level)
        ticks = "".join(f"<li>{safe_html(labels[i].label)}</li>" for i in case.ticks)
        sources = "; ".join(f"{safe_html(cite[ref])}: {safe_html(place)}" for ref, place in case.sources)
        body = Markup(
            f"<p><strong>Case {n}.</strong> {safe_html(case.person)}</p>"
            f"<p>They would tick:</p><ul>{ticks}</ul>"
            "<p><strong>What would you do?</strong> Decide before you look.</p>"
            "<details><summary>Show the answer</summary>"
            f"<p><strong>{safe_html(info.icon)} {safe_html(info.title)}</strong></p>"
            f"<p>{safe_html(case.why)}</p>"
            f"<p class='gc-small'><em>Source: {sources}</em></p></details>"
        )
        blocks.append(callout("example", None, body, cls="gc-case", role=None))
    return "<div class='gc-cases'>" + "".join(blocks) + "</div>"


def worked_cases(teaching_only: bool = True):
    """Show the teaching cases from data/selfcheck-cases.json as "what would you do?" questions."""
    return html(worked_cases_html(teaching_only))
