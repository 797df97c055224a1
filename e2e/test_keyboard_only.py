"""The self-check, a quiz and the pain diary used with the keyboard alone (issue 14).

Only keys a keyboard user has are pressed (Tab, Shift+Tab, Space, Enter, the arrow keys, and
typing into a box); no mouse click, no ``.focus()`` from the test, except where the page is
JupyterLab's (see the diary). After every step the test asserts where the focus is (the
control a reader expects, by its visible words) and that it can be seen: the focused
element draws an outline at least 2 px wide.

- Self-check, in the Voila app (``make voila``), from the top of the page: Tab to "Start the
  self-check", Enter: the focus moves to the first emergency sign; Tab to "No, none of
  these", Enter: the focus moves to the first of the other questions; Tab to a symptom (the
  data's first one that gives "routine"), Space ticks it; Tab to "Check my symptoms", Enter:
  the result takes the focus, says the level the course's own triage gives, and is in view.
- A quiz, in the Voila app (the picker's first quiz): Tab into the answers, arrows choose a
  wrong answer, Enter on Check marks it "Not quite" with the focus kept in the question;
  Tab to Try again, Enter clears it; the right answer, Space on Check: "Correct"; Shift+Tab
  back to Next, Enter: question 2 shows, the focus stays on Next, and Tab goes straight into
  question 2's answers.
- The pain diary, in JupyterLab (notebook 09): JupyterLab's own keyboard model decides how a
  reader reaches a cell's output, so the test starts with the focus on the diary's first box
  (Date); from there Tab, typing and Enter add an entry; the saved message is announced
  (role=status), the entry is in the diary file on disk and selected in "Your entries",
  which Tab reaches next.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from jlab import JS_KERNEL_IDLE, SHORT, run_all, wait_js, wait_widgets_synced
from playwright.sync_api import expect
from test_voila_offline import voila  # noqa: F401  (the app, served as `make voila` serves it)

from conftest import ARTIFACTS, note
from glutecourse.catalog.course import notebook_stems
from glutecourse.topics.diary import FILENAME, restore_note
from glutecourse.topics.quizzes import topic_banks
from glutecourse.topics.selfcheck import gate_items, groups, items, items_in_group, level_info, triage
from glutecourse.ui.html import strip_tags

# What has the focus: its words (a label's for an input), tag, and outline as drawn.
JS_FOCUS = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {tag: 'BODY', text: '', outline: ['none', 0]};
  const s = getComputedStyle(a);
  const r = a.getBoundingClientRect();
  const label = a.closest('label') || (a.id && document.querySelector(`label[for="${a.id}"]`));
  return {
    tag: a.tagName, type: a.type || '', checked: !!a.checked,
    text: (label || a).innerText.trim(),
    value: a.value !== undefined ? String(a.value) : '',
    outline: [s.outlineStyle, parseFloat(s.outlineWidth) || 0],
    inView: r.bottom > 0 && r.top < innerHeight,
    inQuestion: !!a.closest('.gc-quiz .gc-question'),
    inResult: !!a.closest('.gc-triage-result'),
    classes: a.className || '',
  };
}"""


def focus(page) -> dict:
    return page.evaluate(JS_FOCUS)


def assert_visible(f: dict, what: str):
    style, width = f["outline"]
    assert style != "none" and width >= 2, f"{what}: the focus cannot be seen ({style} {width}px): {f}"
    assert f["inView"], f"{what}: the focused element is off screen: {f}"


def tab_to(page, words: str, limit: int, key: str = "Tab") -> dict:
    """Press Tab (or Shift+Tab) until the focused control's words are ``words``; fail after
    ``limit`` presses. Returns the focus, checked to be visible."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        f = focus(page)
        seen.append(f["text"][:40])
        if f["text"] == words:
            assert_visible(f, words)
            return f
    raise AssertionError(f"{limit} presses of {key} did not reach {words!r}; the focus went: {seen}")


def start_voila(page, url):
    page.goto(url, timeout=180_000)
    expect(page.get_by_role("button", name="Start the self-check")).to_be_visible(timeout=180_000)
    assert focus(page)["tag"] == "BODY"


# --------------------------------------------------------------------------- self-check

ROUTINE = next(i for i in items().values() if triage([i.id]).level == "routine")
GATE = gate_items()
# The other questions, in the order the self-check shows them (by group, the gate's left out).
OTHERS = [i for g in groups() for i in items_in_group(g.id) if i.id not in {g.id for g in GATE}]
FIRST_OTHER = OTHERS[0]


def test_selfcheck_from_the_keyboard_alone(page, voila):  # noqa: F811
    start_voila(page, voila)
    tab_to(page, "Start the self-check", 20)
    page.keyboard.press("Enter")
    wait_js(page, "() => document.activeElement && document.activeElement.type === 'checkbox'", "the gate", SHORT)
    f = focus(page)
    assert f["text"] == strip_tags(GATE[0].label), f"after Start, the focus is not on the first emergency sign: {f}"
    assert_visible(f, "the first emergency sign")
    page.screenshot(path=str(ARTIFACTS / "keyboard-selfcheck-1-gate.png"))

    tab_to(page, "No, none of these", len(GATE) + 3)
    page.keyboard.press("Enter")
    wait_js(
        page,
        "(words) => { const a = document.activeElement; const l = a && a.closest('label');"
        " return !!l && l.innerText.trim() === words; }",
        "the first of the other questions to take the focus",
        SHORT,
        arg=strip_tags(FIRST_OTHER.label),
    )
    assert_visible(focus(page), "the first of the other questions")

    others = len(OTHERS)
    f = tab_to(page, strip_tags(ROUTINE.label), others + 2) if ROUTINE.id != FIRST_OTHER.id else focus(page)
    page.keyboard.press("Space")
    wait_js(page, "() => document.activeElement.checked === true", f"Space to tick {ROUTINE.id}", SHORT)
    tab_to(page, "Check my symptoms", others + 2)
    page.keyboard.press("Enter")
    wait_js(
        page,
        "() => !!document.activeElement.closest('.gc-triage-result .gc-triage-focus, .gc-triage-result')"
        " && !!document.querySelector('.gc-triage-result .gc-triage-routine')",
        "the routine result to take the focus",
        SHORT,
    )
    f = focus(page)
    assert f["inResult"], f
    assert_visible(f, "the result")
    level = level_info(triage([ROUTINE.id]).level)
    expect(page.locator(".gc-triage-result .gc-triage-title")).to_contain_text(strip_tags(level.title))
    page.screenshot(path=str(ARTIFACTS / "keyboard-selfcheck-2-result.png"))
    note(f"keyboard self-check (Voila): Start, gate, No, {ROUTINE.id}, Check -> focused routine result: ok")


# --------------------------------------------------------------------------- a quiz

_order = {stem: i for i, stem in enumerate(notebook_stems())}
BANK = sorted(topic_banks(), key=lambda b: (_order.get(b.notebook, 99), b.id))[0]  # the picker's first
Q1, Q2 = BANK.questions[0], BANK.questions[1]


def answer_names(q) -> list[str]:
    return ["True", "False"] if q.type == "truefalse" else [strip_tags(o.text) for o in q.ordered_options()]


def right_index(q) -> int:
    if q.type == "truefalse":
        return 0 if q.answer else 1
    return [o.id for o in q.ordered_options()].index(q.answer)


def test_a_quiz_from_the_keyboard_alone(page, voila):  # noqa: F811
    assert Q1.type in ("single", "truefalse"), f"{BANK.id}: the first question must be a list of answers"
    assert len(BANK.questions) > 2, "Next stays enabled on question 2 only when there is a question 3"
    names, right = answer_names(Q1), right_index(Q1)
    wrong = 1 if right == 0 else 0
    start_voila(page, voila)
    quiz = page.locator(".gc-quiz").first
    expect(quiz).to_be_visible()
    # From the top of the page, past the self-check's Start button and the quiz picker.
    tab_to(page, "Start the self-check", 20)
    f = None
    for _ in range(12):
        page.keyboard.press("Tab")
        f = focus(page)
        if f["inQuestion"]:
            break
    assert f and f["inQuestion"] and f["type"] == "radio", f"Tab did not reach the quiz's answers: {f}"
    assert_visible(f, "the first answer")
    assert f["text"] == names[0], f

    for _ in range(wrong):
        page.keyboard.press("ArrowDown")
    f = focus(page)
    if wrong == 0:  # the first answer is the wrong one: Space chooses it
        page.keyboard.press("Space")
        f = focus(page)
    assert f["text"] == names[wrong] and f["checked"], f"the arrow keys did not choose {names[wrong]!r}: {f}"
    tab_to(page, "Check", 2)
    page.keyboard.press("Enter")
    chosen = quiz.locator(".gc-choice", has_text=names[wrong])
    expect(chosen.locator(".gc-choice-mark")).to_have_text("✗ Not quite", timeout=SHORT)
    wait_js(page, "() => !!document.activeElement.closest('.gc-quiz .gc-question')", "the focus after Check", SHORT)
    f = focus(page)
    assert f["inQuestion"] and f["text"].startswith(names[wrong]), f"Check lost the focus: {f}"
    assert_visible(f, "the checked answer")
    page.screenshot(path=str(ARTIFACTS / "keyboard-quiz-1-not-quite.png"))

    tab_to(page, "Try again", 3)
    page.keyboard.press("Enter")
    expect(quiz.locator(".gc-choice-mark")).to_have_count(0, timeout=SHORT)
    wait_js(page, "() => document.activeElement.type === 'radio'", "the focus back on the answers", SHORT)
    assert_visible(focus(page), "the answers after Try again")

    for _ in range(right):
        page.keyboard.press("ArrowDown")
    if right == 0:
        page.keyboard.press("Space")
    f = focus(page)
    assert f["text"] == names[right] and f["checked"], f
    tab_to(page, "Check", 2)
    page.keyboard.press("Space")
    chosen = quiz.locator(".gc-choice", has_text=names[right])
    expect(chosen.locator(".gc-choice-mark")).to_have_text("✓ Correct", timeout=SHORT)
    expect(quiz.locator(".gc-score")).to_contain_text(f"Score: 1 of {len(BANK.questions)} correct")

    # Back to Next with Shift+Tab; Enter shows question 2 and the focus stays on Next.
    tab_to(page, "Next", 8, key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(quiz.locator(".gc-position")).to_contain_text(f"Question 2 of {len(BANK.questions)}", timeout=SHORT)
    expect(quiz.locator(".gc-question")).to_contain_text(strip_tags(Q2.prompt)[:30])
    f = focus(page)
    assert f["text"] == "Next", f"after Next the focus is on {f}"
    assert_visible(f, "Next")
    page.keyboard.press("Tab")
    f = focus(page)
    assert f["inQuestion"] and f["text"] in answer_names(Q2) + [""], f"Tab after Next: {f}"
    assert_visible(f, "question 2's first answer")
    page.screenshot(path=str(ARTIFACTS / "keyboard-quiz-2-next.png"))
    note(f"keyboard quiz (Voila, {BANK.id}): arrows, Check, Try again, Check, Shift+Tab to Next, question 2: ok")


# --------------------------------------------------------------------------- the pain diary

DIARY = "notebooks/09-pain-diary.ipynb"
JS_DIARY_DATE = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-text'))
  .map(b => [b.querySelector('label'), b.querySelector('input')]).find(([l]) => l && l.innerText.trim() === 'Date')"""


@pytest.fixture
def no_diary(lab):
    (lab.home / FILENAME).unlink(missing_ok=True)
    return lab.home / FILENAME


def test_the_pain_diary_from_the_keyboard(page, lab, no_diary):
    page.goto(lab.url(f"lab/tree/{DIARY}") + "&reset")
    wait_js(page, JS_KERNEL_IDLE, "the kernel of 09")
    run_all(page)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    date_box = notebook.locator(".widget-text", has=page.get_by_text("Date", exact=True)).locator("input").first
    date_box.scroll_into_view_if_needed()
    # The reader arrives at the diary's first box (how is JupyterLab's keyboard model).
    date_box.focus()
    f = focus(page)
    assert f["text"] == "Date" or f["value"] == date.today().isoformat(), f
    day = f["value"]
    assert day, "the Date box is empty: it should hold today's date"

    pain, minutes, words = "3", "15", "walked to work, typed with the keyboard"
    page.keyboard.press("Tab")
    f = focus(page)
    assert f["tag"] == "INPUT" and f["text"] == "Pain (0-10)", f"Tab from Date: {f}"
    box_outline = f["outline"]  # judged at the end (a known problem), after the rest of the flow
    page.keyboard.type(pain)
    page.keyboard.press("Tab")
    page.keyboard.type(minutes)
    page.keyboard.press("Tab")
    page.keyboard.type(words)
    wait_widgets_synced(page, {"Pain (0-10)": pain, "Exercise (minutes)": minutes}, what="the typed entry")
    f = tab_to(page, "Add entry", 2)
    page.keyboard.press("Enter")
    saved = notebook.locator(".gc-status.gc-ok")
    expect(saved).to_be_visible(timeout=SHORT)
    expect(saved).to_have_attribute("role", "status")  # a screen reader announces it
    expect(saved).to_contain_text(day)
    wait_widgets_synced(page, what="the entry to be saved")
    f = focus(page)
    assert f["text"] == "Add entry", f"after Enter on Add entry the focus is on {f}"
    assert_visible(f, "Add entry after saving")

    rows = list(csv.DictReader(no_diary.open(encoding="utf-8")))
    assert [(r["date"], r["pain"], r["minutes"], restore_note(r["note"])) for r in rows] == [
        (day, pain, minutes, words)
    ], rows

    # Tab onward reaches the list of entries, with the new entry selected.
    f = None
    for _ in range(4):
        page.keyboard.press("Tab")
        f = focus(page)
        if f["tag"] == "SELECT":
            break
    # (ipywidgets gives the list's options their labels as values: the entry's line starts with its date)
    assert f and f["tag"] == "SELECT" and f["value"].startswith(day), f"Tab did not reach the new entry: {f}"
    list_outline = f["outline"]
    page.screenshot(path=str(ARTIFACTS / "keyboard-diary-saved.png"))
    hidden = {n: o for n, o in (("Pain box", box_outline), ("Your entries", list_outline)) if o[0] == "none"}
    # ipywidgets draws no outline on its text boxes and lists ("outline: none !important");
    # course.css draws it back. Without that rule both measured "none".
    assert not hidden, f"no focus outline in JupyterLab on the diary's {hidden}"
    note(f"keyboard diary (JupyterLab): Tab, typed pain {pain}, minutes {minutes}, a note, Enter on Add entry -> saved")
