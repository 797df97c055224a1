"""The course in a real browser: every notebook runs in JupyterLab with no error output,
every widget renders and every chart image appears; then what a reader relies on."""

from __future__ import annotations

import json
import statistics
import time

import pytest
from jlab import (
    JS_KERNEL_IDLE,
    SHORT,
    markdown_images,
    measure_click_to_feedback,
    notebook_report,
    restart_kernel,
    run_all,
    wait_js,
    wait_widgets_synced,
)
from labserver import ROOT
from playwright.sync_api import expect

from conftest import (
    ARTIFACTS,
    NOTEBOOKS,
    answer_first_question_right,
    first_choice_question,
    note,
    option_label,
    rel,
    warm_up,
)
from glutecourse.core.text import strip_tags

# Table cells of the outputs that are right-aligned without being a number column (the kit
# marks those .gc-num): JupyterLab right-aligns every table cell of an HTML output, and
# course.css's left alignment for the course's tables was outranked (00's course map, 05's
# levels, 06's guidelines, 07's phases and 10's claims read ragged-left).
JS_RIGHT_ALIGNED_WORDS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output :is(td, th)'))
  .filter(c => getComputedStyle(c).textAlign === 'right' && !c.classList.contains('gc-num') && c.innerText.trim())
  .map(c => `${c.closest('table').className}: ${c.innerText.trim().slice(0, 40)}`)"""


def check_rendered(page, path, shot_name):
    report = notebook_report(page)
    right = page.evaluate(JS_RIGHT_ALIGNED_WORDS)
    assert right == [], f"{len(right)} table cells of words are right-aligned, e.g. {right[:3]}"
    dom = report["dom"]
    page.screenshot(path=str(ARTIFACTS / shot_name))
    assert report["errors"] == [], report["errors"]
    assert dom["widgetErrors"] == [], dom["widgetErrors"]
    assert dom["widgetOutputs"] == report["widgets"], (
        f"{dom['widgetOutputs']} widget outputs in the page, {report['widgets']} in the model"
    )
    assert dom["rendered"] == dom["widgetOutputs"], f"only {dom['rendered']} of {dom['widgetOutputs']} widgets rendered"
    assert dom["broken"] == [], f"images that did not load: {dom['broken']}"
    assert dom["images"] >= markdown_images(path), f"{dom['images']} images shown, {markdown_images(path)} expected"
    assert dom["noAlt"] == 0, "an image has no alt text"
    return report


# JupyterLab: one page for the session (lab_session); each notebook is opened once, with a
# fresh kernel, and the tests that need it follow its render test (e2e/conftest.py orders
# them) on the same page. A test that clicks gets a fresh Run All first (no reload).


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders_in_jupyterlab(lab_session, path):
    page = lab_session.open(rel(path))
    t0 = time.perf_counter()
    lab_session.run_all()
    elapsed = time.perf_counter() - t0
    report = check_rendered(page, path, f"lab-{path.stem}.png")
    note(
        f"JupyterLab {path.name}: run all {elapsed:.1f} s, {report['widgets']} widgets, {report['dom']['images']} images, no errors"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_widgets_render_in_notebook7(nb7_page, lab, path):
    page = nb7_page
    lab.shutdown_sessions(rel(path))  # a kernel another page runs would not show its widgets here
    page.goto(lab.url(f"notebooks/{rel(path)}"))
    wait_js(page, JS_KERNEL_IDLE, "the Notebook 7 kernel")
    try:
        run_all(page)
        check_rendered(page, path, f"nb7-{path.stem}.png")
    finally:  # one kernel at a time: the next notebook starts its own
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")


WARM_UP = warm_up()
DATA = ROOT / "data"


def fresh_quiz(lab_session):
    """00 run again with no saved answers: a quiz shows the answers given before (issue 13),
    so an earlier test's answers would otherwise come back checked."""
    (lab_session.lab.home / "progress.json").unlink(missing_ok=True)
    lab_session.fresh = False
    return lab_session.fresh_run("notebooks/00-start-here.ipynb")


@pytest.mark.notebook("00-start-here")
def test_quiz_right_and_wrong_by_clicking(lab_session):
    """Every warm-up question by clicking: choices answered right, true/false wrong, a
    number box given text. Texts come from the quiz bank, so the test follows its edits."""
    n = len(WARM_UP.questions)
    page = fresh_quiz(lab_session)
    quiz = page.locator(".gc-quiz").first
    quiz.scroll_into_view_if_needed()
    score = quiz.locator(".gc-score")
    expect(score).to_contain_text(f"Score: 0 of {n} correct")
    correct = answered = 0
    for i, q in enumerate(WARM_UP.questions):
        if i:
            quiz.locator(".gc-next").click()
        expect(quiz.locator(".gc-prompt")).to_contain_text(f"Question {i + 1} of {n}")
        if q.type == "single":
            quiz.locator("label", has_text=option_label(q, True)).click()
            status, correct, answered = "correct", correct + 1, answered + 1
        elif q.type == "truefalse":
            quiz.locator("label", has_text=option_label(q, False)).click()
            status, answered = "incorrect", answered + 1
        elif q.type == "multiple":
            for o in q.ordered_options():
                if o.id in q.answer:
                    quiz.locator("label", has_text=strip_tags(o.text)).click()
            status, correct, answered = "correct", correct + 1, answered + 1
        else:  # numeric: text in a number box gets a message, not a traceback
            quiz.locator("input[type=text]").fill("three")
            status = "invalid"
        wait_widgets_synced(page, what=f"question {i + 1}'s answer to reach the kernel")
        quiz.locator(".gc-check").click()
        expect(quiz.locator(f".gc-feedback-area .gc-{status}")).to_be_visible(timeout=SHORT)
        if q.type == "single":
            expect(quiz.locator(".gc-feedback-area")).to_contain_text(strip_tags(q.explanation)[:40])
        expect(score).to_contain_text(f"Score: {correct} of {n} correct ({answered} answered)", timeout=SHORT)
    quiz.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "interaction-quiz.png"))
    note(f"quiz: {n} questions answered by clicking (right, wrong, text in a number box), score {correct} of {n}: ok")


@pytest.mark.notebook("00-start-here")
def test_click_to_feedback_latency(lab_session):
    page = fresh_quiz(lab_session)
    quiz = page.locator(".gc-quiz").first
    quiz.scroll_into_view_if_needed()
    q = first_choice_question(quiz)
    right = quiz.locator("label", has_text=option_label(q, True))
    feedback = quiz.locator(".gc-feedback-area")
    times = []
    for _ in range(9):
        right.click()
        wait_widgets_synced(page, what="the chosen answer to reach the kernel")
        times.append(measure_click_to_feedback(page, ".gc-quiz .gc-check", ".gc-quiz .gc-feedback-area", ".gc-correct"))
        quiz.locator(".gc-retry").click()
        expect(feedback).to_have_text("", timeout=SHORT)
        wait_widgets_synced(page, what="Try again to finish in the kernel")
    median = statistics.median(times)
    note(
        f"click-to-feedback latency: median {median:.0f} ms over {len(times)} clicks (min {min(times):.0f}, max {max(times):.0f})"
    )
    assert median <= 1000, "feedback took over a second"  # the 100 ms target is reported, not asserted (timing)


@pytest.mark.notebook("00-start-here")
def test_progress_survives_kernel_restart(lab_session):
    page = fresh_quiz(lab_session)
    answer_first_question_right(page)
    restart_kernel(page)
    run_all(page)
    assert notebook_report(page)["firstCount"] == 1, "Run All did not start from a fresh kernel"
    table = page.locator(".gc-progress").first
    table.scroll_into_view_if_needed()
    expect(table.locator("a.gc-progress-title[href*='00-start-here.ipynb']")).to_have_count(1)
    expect(current_notebook(page)).to_contain_text("answers saved")


def current_notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first


def wait_text(page, text: str, timeout: int = SHORT):
    try:
        expect(current_notebook(page)).to_contain_text(text, timeout=timeout)
    except AssertionError:
        page.screenshot(path=str(ARTIFACTS / "failure.png"))
        raise


@pytest.mark.notebook("04-symptoms-and-self-check")
def test_red_flag_in_the_self_check_shows_the_emergency_message(lab_session):
    symptoms = json.loads((DATA / "selfcheck.json").read_text())
    emergency = next(level for level in symptoms["levels"] if level["id"] == "emergency")
    red_flag = next(item for item in symptoms["items"] if item["level"] == "emergency")
    common = next(item for item in symptoms["items"] if item["group"] == "common")
    page = lab_session.fresh_run("notebooks/04-symptoms-and-self-check.ipynb")
    page.get_by_role("button", name="Start the self-check").click()
    # Step 1 asks about the emergency signs first: tick one, answer "Yes".
    wait_text(page, red_flag["label"])
    page.locator("label", has_text=red_flag["label"]).first.click()
    wait_widgets_synced(page, what="the ticked sign to reach the kernel")
    page.get_by_role("button", name="Yes, I have one of these").click()
    wait_text(page, emergency["title"])
    # Going on to the other questions and adding a common symptom never lowers it.
    page.get_by_role("button", name="Go on to the other questions").click()
    wait_text(page, common["label"])
    page.locator("label", has_text=common["label"]).first.click()
    wait_widgets_synced(page, what="the ticked boxes to reach the kernel")
    page.get_by_role("button", name="Check my symptoms").click()
    wait_widgets_synced(page, what="the result of Check my symptoms")
    wait_text(page, emergency["title"])
    alert = page.locator("[role=alert]", has_text=emergency["title"]).first
    alert.scroll_into_view_if_needed()
    assert "999" in alert.inner_text() or "emergency" in alert.inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "interaction-self-check.png"))
    note("self-check: red flag ticked with a common symptom -> emergency message: ok")


@pytest.mark.notebook("09-pain-diary")
def test_pain_diary_entry_by_typing_survives_a_kernel_restart(lab_session):
    page = lab_session.fresh_run("notebooks/09-pain-diary.ipynb")
    pain = page.get_by_role("textbox", name="Pain (0-10)")
    pain.scroll_into_view_if_needed()
    pain.fill("11")
    page.get_by_role("textbox", name="Exercise (minutes)").fill("20")
    # The typed values are in the kernel before the click: proven by the widget models.
    wait_widgets_synced(page, {"Pain (0-10)": "11", "Exercise (minutes)": "20"})
    page.get_by_role("button", name="Add entry").click()
    wait_text(page, "11 is outside that range")
    pain.fill("4")
    page.get_by_role("textbox", name="Note (optional)").fill("browser test entry")
    wait_widgets_synced(page, {"Pain (0-10)": "4", "Note (optional)": "browser test entry"})
    page.get_by_role("button", name="Add entry").click()
    entry = page.locator("select option", has_text="browser test entry")
    entry.first.wait_for(state="attached", timeout=SHORT)
    page.screenshot(path=str(ARTIFACTS / "interaction-diary.png"))
    restart_kernel(page)
    run_all(page)
    page.locator("select option", has_text="browser test entry").first.wait_for(state="attached", timeout=SHORT)
    note("pain diary: bad pain value refused, entry added by typing, still there after a kernel restart: ok")


@pytest.mark.notebook("01-glute-anatomy")
def test_muscle_explorer(lab_session):
    muscles = json.loads((DATA / "anatomy.json").read_text())["muscles"]
    last = muscles[-1]  # not the one shown first
    page = lab_session.fresh_run("notebooks/01-glute-anatomy.ipynb")
    select = page.get_by_role("combobox", name="Muscle")
    select.scroll_into_view_if_needed()
    select.select_option(label=strip_tags(last["name"]))
    wait_text(page, strip_tags(last["nerve"]))
    page.screenshot(path=str(ARTIFACTS / "interaction-explorer.png"))
    note(f"muscle explorer: choosing {strip_tags(last['name'])} shows its facts and picture: ok")


@pytest.mark.notebook("08-exercise-programme")
def test_routine_builder(lab_session):
    page = lab_session.fresh_run("notebooks/08-exercise-programme.ipynb")
    select = page.get_by_role("combobox", name="Phase:")
    select.scroll_into_view_if_needed()
    options = select.locator("option").all_inner_texts()
    strength = next(o for o in options if "Strength" in o)
    select.select_option(label=strength)
    wait_text(page, "Total")
    text = current_notebook(page).inner_text()
    assert any(name in text for name in ("bridge", "Bridge", "Clamshell", "clamshell"))
    page.screenshot(path=str(ARTIFACTS / "interaction-routine.png"))
    note("routine builder: choosing the strengthening phase builds a routine with strength work and a total: ok")


@pytest.mark.notebook("07-recovery-timeline")
def test_think_prompts_fold_and_open_and_case_cards_render(lab_session):
    """Issue 11: a Think prompt is <details> in Markdown. JupyterLab renders it folded, with
    the answer as rendered Markdown inside, and a click on the question opens it. The case
    cards render as HTML, one per person with an entry for the notebook."""
    path = ROOT / "notebooks" / "07-recovery-timeline.ipynb"
    page = lab_session.fresh_run(rel(path))
    found = page.evaluate("""() => {
      const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
      const thinks = Array.from(root.querySelectorAll('.jp-RenderedMarkdown details'))
        .filter(d => d.querySelector('summary') && d.querySelector('summary').innerText.startsWith('Think:'));
      return {count: thinks.length, open: thinks.filter(d => d.open).length,
              paragraphs: thinks.filter(d => d.querySelector('p')).length,
              cards: root.querySelectorAll('.gc-cases .gc-case').length};
    }""")
    expected = sum(
        text.count("<summary>Think:")
        for _, text in ((c["cell_type"], "".join(c["source"])) for c in json.loads(path.read_text())["cells"])
        if _ == "markdown"
    )
    assert found["count"] == expected >= 2 and found["open"] == 0 and found["paragraphs"] == expected, found
    from glutecourse.catalog.cases import cases

    assert found["cards"] == sum(path.stem in c.notebooks for c in cases())
    summary = page.locator(".jp-RenderedMarkdown details summary", has_text="Think:").first
    summary.scroll_into_view_if_needed()
    summary.click()
    assert (
        page.evaluate("""() => Array.from(document.querySelectorAll('.jp-RenderedMarkdown details'))
      .filter(d => d.querySelector('summary').innerText.startsWith('Think:') && d.open).length""")
        == 1
    )
    page.screenshot(path=str(ARTIFACTS / "interaction-think.png"))
    note(
        f"Think prompts: {expected} folded in 07, answer rendered as Markdown, one opens on click; {found['cards']} case cards: ok"
    )
