"""A quiz used from the keyboard alone, in JupyterLab and Notebook 7 (issue 13).

Notebook 00 tells readers that the arrow keys move between a quiz's answers. In a notebook
in command mode those keys belong to the notebook (they move between cells) unless the
focused element opts out; the quiz's answers do (``data-lm-suppress-shortcuts``). These
tests press real keys in Chromium: Tab into the quiz, the arrow keys change the chosen
answer while the active cell stays put, Space and Enter on Check mark the chosen answer
with a word and a symbol, the focus stays inside the question after Check and Try again,
and a quiz run again shows the answer given before. Screenshots: ``artifacts/e2e/quiz-*.png``.
"""

from __future__ import annotations

import pytest
from jlab import JS_KERNEL_IDLE, SHORT, run_all, wait_js, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS, note
from glutecourse.topics.quizzes import load_bank
from glutecourse.ui.html import strip_tags

NOTEBOOK = "notebooks/00-start-here.ipynb"
BANK = load_bank("00-warm-up")  # 00 shows this quiz at once (quiz("00-warm-up", start=True))
FIRST = BANK.questions[0]

# Where the keyboard focus is, which answers are checked, and which cell is active.
JS_STATE = """() => {
  const a = document.activeElement;
  const quiz = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .gc-quiz');
  const inputs = quiz ? Array.from(quiz.querySelectorAll('.gc-question .gc-choices input')) : [];
  const style = a ? getComputedStyle(a) : null;
  return {
    cell: window.jupyterapp.shell.currentWidget.content.activeCellIndex,
    mode: window.jupyterapp.shell.currentWidget.content.mode,
    inQuestion: !!(a && a.closest('.gc-quiz .gc-question')),
    focused: inputs.indexOf(a),
    tag: a ? a.tagName : '', text: a ? (a.closest('label') || a).innerText.trim() : '',
    checked: inputs.map(i => i.checked),
    outline: style ? [style.outlineStyle, parseFloat(style.outlineWidth) || 0] : ['none', 0],
  };
}"""

# The answers' group and what names it (the question's own text).
JS_GROUP = """() => {
  const g = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .gc-quiz .gc-choices');
  const by = g && g.getAttribute('aria-labelledby');
  const label = by && document.getElementById(by);
  return {role: g && g.getAttribute('role'), label: label ? label.innerText : '',
          suppressed: g ? Array.from(g.querySelectorAll('input')).every(i => i.hasAttribute('data-lm-suppress-shortcuts')) : false};
}"""


def state(page) -> dict:
    return page.evaluate(JS_STATE)


def labels(q) -> list[str]:
    return ["True", "False"] if q.type == "truefalse" else [strip_tags(o.text) for o in q.ordered_options()]


def right_index(q) -> int:
    if q.type == "truefalse":
        return 0 if q.answer else 1
    return [o.id for o in q.ordered_options()].index(q.answer)


def assert_visible_focus(s: dict, what: str):
    style, width = s["outline"]
    assert style != "none" and width >= 2, f"{what}: no visible focus outline ({style} {width}px)"


def shot(quiz, name: str):
    quiz.scroll_into_view_if_needed()
    quiz.screenshot(path=str(ARTIFACTS / f"quiz-{name}.png"))


def press(page, key: str, what: str):
    page.keyboard.press(key)
    wait_widgets_synced(page, what=f"{what} to reach the kernel")


def tab_into_the_answers(page, quiz) -> dict:
    """Focus the control just before the question (Next), then Tab once: the focus must
    land on the question's answers."""
    quiz.locator(".gc-next").focus()
    page.keyboard.press("Tab")
    s = state(page)
    assert s["inQuestion"] and s["focused"] == 0, f"Tab did not reach the first answer: {s}"
    return s


@pytest.fixture
def fresh_home(lab):
    """No saved answers yet (another test may have answered the warm-up)."""
    (lab.home / "progress.json").unlink(missing_ok=True)
    return lab.home


def test_a_quiz_works_from_the_keyboard_and_remembers_the_answer(page, lab, fresh_home):
    assert FIRST.type in ("single", "truefalse"), "the warm-up must open with a list of answers"
    names = labels(FIRST)
    right = right_index(FIRST)
    wrong = next(i for i in range(1, len(names)) if i != right) if right != 1 else 2 % len(names)
    page.goto(lab.url(f"lab/tree/{NOTEBOOK}") + "&reset")
    wait_js(page, JS_KERNEL_IDLE, "the kernel of 00")
    run_all(page)
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .gc-quiz").first
    quiz.scroll_into_view_if_needed()
    expect(quiz.locator(".gc-position")).to_contain_text("0 answered")
    group = page.evaluate(JS_GROUP)
    assert group["role"] == "radiogroup" and "Question 1 of" in group["label"], group
    assert strip_tags(FIRST.prompt)[:30] in group["label"], "the group is not named by its question"
    assert group["suppressed"], "an answer lacks data-lm-suppress-shortcuts"

    # Tab into the quiz; the arrow keys move between answers, not between cells.
    before = tab_into_the_answers(page, quiz)
    assert_visible_focus(before, "the first answer")
    shot(quiz, "1-tabbed-in")
    for step in range(1, wrong + 1):
        press(page, "ArrowDown", f"ArrowDown {step}")
        s = state(page)
        assert s["cell"] == before["cell"] and s["mode"] == "command", f"the arrow key moved the notebook: {s}"
        assert s["focused"] == step and s["checked"][step], f"ArrowDown did not choose answer {step + 1}: {s}"
    press(page, "ArrowUp", "ArrowUp")
    press(page, "ArrowDown", "ArrowDown")
    s = state(page)
    assert s["cell"] == before["cell"] and s["checked"][wrong] and s["text"] == names[wrong], s
    shot(quiz, "2-arrow-keys")

    # Space on Check: the wrong answer is marked, the focus stays in the question.
    page.keyboard.press("Tab")
    assert state(page)["tag"] == "BUTTON" and "Check" in state(page)["text"]
    assert_visible_focus(state(page), "Check")
    page.keyboard.press("Space")
    chosen = quiz.locator(".gc-choice", has_text=names[wrong])
    expect(chosen.locator(".gc-choice-mark")).to_have_text("✗ Not quite", timeout=SHORT)
    expect(chosen).to_have_class("gc-choice gc-choice-incorrect")
    wait_widgets_synced(page, what="Check to finish")
    s = state(page)
    assert s["inQuestion"] and s["focused"] == wrong, f"the focus left the question after Check: {s}"
    assert_visible_focus(s, "the checked answer")
    expect(quiz).not_to_contain_text("Correct")  # nothing says Correct for a wrong answer
    shot(quiz, "3-checked-wrong")

    # Tab reaches Try again (Check is disabled now); Enter clears, the focus returns to the answers.
    page.keyboard.press("Tab")
    assert "Try again" in state(page)["text"], state(page)
    page.keyboard.press("Enter")
    expect(quiz.locator(".gc-choice-mark")).to_have_count(0, timeout=SHORT)
    expect(quiz.locator(".gc-feedback-area")).to_have_text("", timeout=SHORT)
    wait_widgets_synced(page, what="Try again to finish")
    s = state(page)
    assert s["inQuestion"] and s["focused"] == 0 and not any(s["checked"]), f"after Try again: {s}"
    shot(quiz, "4-try-again")

    # The right answer by keyboard, Enter on Check: marked once with the word and the symbol.
    if right == 0:
        press(page, "Space", "Space on the first answer")
    for step in range(right):
        press(page, "ArrowDown", f"ArrowDown to answer {step + 2}")
    assert state(page)["checked"][right], state(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    chosen = quiz.locator(".gc-choice", has_text=names[right])
    expect(chosen.locator(".gc-choice-mark")).to_have_text("✓ Correct", timeout=SHORT)
    expect(quiz.locator(".gc-feedback-area")).to_contain_text(strip_tags(FIRST.explanation)[:40])
    wait_widgets_synced(page, what="Check to finish")
    assert state(page)["inQuestion"], state(page)
    text = quiz.inner_text()
    assert text.count("Correct") == 1, f"'Correct' is said {text.count('Correct')} times"
    expect(quiz.locator(".gc-score")).to_contain_text(f"Score: 1 of {len(BANK.questions)} correct (1 answered)")
    shot(quiz, "5-checked-right")

    # Run the notebook again: the quiz shows the answer given before, and counts it.
    run_all(page)
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .gc-quiz").first
    quiz.scroll_into_view_if_needed()
    expect(quiz.locator(".gc-position")).to_contain_text("1 answered")
    expect(quiz.locator(".gc-score")).to_contain_text(f"Score: 1 of {len(BANK.questions)} correct (1 answered)")
    chosen = quiz.locator(".gc-choice", has_text=names[right])
    expect(chosen.locator(".gc-choice-mark")).to_have_text("✓ Correct")
    expect(chosen.locator("input")).to_be_checked()
    expect(quiz.locator(".gc-feedback-area")).to_contain_text("You answered this before.")
    shot(quiz, "6-reopened")
    note(
        f"quiz keyboard (JupyterLab): Tab, arrows ({wrong + 2} presses), Space/Enter on Check and Try again, reopened: ok"
    )


def test_arrow_keys_choose_answers_in_notebook7(nb7_page, lab, fresh_home):
    page = nb7_page
    page.goto(lab.url(f"notebooks/{NOTEBOOK}"))
    wait_js(page, JS_KERNEL_IDLE, "the Notebook 7 kernel")
    try:
        run_all(page)
        quiz = page.locator(".gc-quiz").first
        quiz.scroll_into_view_if_needed()
        before = tab_into_the_answers(page, quiz)
        press(page, "ArrowDown", "ArrowDown")
        s = state(page)
        assert s["cell"] == before["cell"] and s["focused"] == 1 and s["checked"][1], s
        shot(quiz, "7-notebook7-arrows")
    finally:  # one kernel at a time
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
