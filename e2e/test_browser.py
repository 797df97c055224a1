"""The course in a real browser: every notebook runs in JupyterLab with no error output,
every widget renders and every chart image appears; then what a reader relies on."""

from __future__ import annotations

import statistics
import time

import pytest

from conftest import ARTIFACTS
from jlab import (
    JS_KERNEL_IDLE, markdown_images, measure_click_to_feedback, notebook_report, open_and_run, open_lab_notebook,
    restart_kernel, run_all, wait_for,
)
from labserver import ROOT

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
REPORT = ARTIFACTS / "report.txt"


def rel(path):
    return str(path.relative_to(ROOT))


def note(line: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(REPORT, "a") as fh:
        fh.write(line + "\n")
    print(line)


def check_rendered(page, path, shot_name):
    report = notebook_report(page)
    dom = report["dom"]
    page.screenshot(path=str(ARTIFACTS / shot_name))
    assert report["errors"] == [], report["errors"]
    assert dom["widgetErrors"] == [], dom["widgetErrors"]
    assert dom["widgetOutputs"] == report["widgets"], f"{dom['widgetOutputs']} widget outputs in the page, {report['widgets']} in the model"
    assert dom["rendered"] == dom["widgetOutputs"], f"only {dom['rendered']} of {dom['widgetOutputs']} widgets rendered"
    assert dom["broken"] == [], f"images that did not load: {dom['broken']}"
    assert dom["images"] >= markdown_images(path), f"{dom['images']} images shown, {markdown_images(path)} expected"
    assert dom["noAlt"] == 0, "an image has no alt text"
    return report


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders_in_jupyterlab(page, lab, path):
    open_lab_notebook(page, lab, rel(path))
    t0 = time.perf_counter()
    run_all(page)
    elapsed = time.perf_counter() - t0
    report = check_rendered(page, path, f"lab-{path.stem}.png")
    note(f"JupyterLab {path.name}: run all {elapsed:.1f} s, {report['widgets']} widgets, {report['dom']['images']} images, no errors")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_widgets_render_in_notebook7(page, lab, path):
    page.goto(lab.url(f"notebooks/{rel(path)}"))
    wait_for(page, JS_KERNEL_IDLE, what="Notebook 7 kernel")
    run_all(page)
    check_rendered(page, path, f"nb7-{path.stem}.png")


def test_quiz_right_and_wrong_by_clicking(page, lab):
    open_and_run(page, lab, "notebooks/00-start-here.ipynb")
    quiz = page.locator(".gc-quiz").first
    quiz.scroll_into_view_if_needed()
    score = quiz.locator(".gc-score")
    assert "Score: 0 of 3 correct" in score.inner_text()
    # Question 1 (single choice): the right answer.
    quiz.locator("label", has_text="You cannot control your bladder").click()
    quiz.locator(".gc-check").click()
    feedback = quiz.locator(".gc-feedback-area")
    page.wait_for_function("el => el.innerText.includes('Correct')", arg=feedback.element_handle())
    assert "cauda equina" in feedback.inner_text()
    page.wait_for_function("el => el.innerText.includes('Score: 1 of 3 correct')", arg=score.element_handle())
    # Question 2 (true/false): a wrong answer.
    quiz.locator(".gc-next").click()
    quiz.locator("label", has_text="True").click()
    quiz.locator(".gc-check").click()
    page.wait_for_function("el => el.innerText.includes('Not quite')", arg=quiz.locator(".gc-feedback-area").element_handle())
    page.wait_for_function("el => el.innerText.includes('(2 answered)')", arg=score.element_handle())
    assert "Score: 1 of 3 correct" in score.inner_text()
    # Question 3 (numeric): text in a number box gets a message, not a traceback.
    quiz.locator(".gc-next").click()
    quiz.locator("input[type=text]").fill("three")
    quiz.locator(".gc-check").click()
    page.wait_for_function("el => el.innerText.includes('is not a number')", arg=quiz.locator(".gc-feedback-area").element_handle())
    quiz.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "interaction-quiz.png"))
    note("quiz: right answer, wrong answer, bad numeric input, score updates: ok")


def test_click_to_feedback_latency(page, lab):
    open_and_run(page, lab, "notebooks/00-start-here.ipynb")
    quiz = page.locator(".gc-quiz").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("label", has_text="You cannot control your bladder").click()
    times = []
    for _ in range(9):
        ms = measure_click_to_feedback(page, ".gc-quiz .gc-check", ".gc-quiz .gc-feedback-area", "Correct")
        times.append(ms)
        quiz.locator(".gc-retry").click()
        page.wait_for_function("el => el.innerText.trim() === ''", arg=quiz.locator(".gc-feedback-area").element_handle())
        quiz.locator("label", has_text="You cannot control your bladder").click()
        time.sleep(0.1)
    median = statistics.median(times)
    note(f"click-to-feedback latency: median {median:.0f} ms over {len(times)} clicks (min {min(times):.0f}, max {max(times):.0f})")
    assert median <= 1000, "feedback took over a second"  # the 100 ms target is reported, not asserted (timing)


def test_progress_survives_kernel_restart(page, lab):
    open_and_run(page, lab, "notebooks/00-start-here.ipynb")
    quiz = page.locator(".gc-quiz").first
    quiz.locator("label", has_text="You cannot control your bladder").click()
    quiz.locator(".gc-check").click()
    page.wait_for_function("el => el.innerText.includes('Correct')", arg=quiz.locator(".gc-feedback-area").element_handle())
    restart_kernel(page)
    run_all(page)
    table = page.locator(".gc-progress").first
    table.scroll_into_view_if_needed()
    assert "00-start-here" in table.inner_text()
    assert "answers saved" in page.locator(".jp-Notebook").inner_text()


def notebook_text(page) -> str:
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.inner_text()


def wait_text(page, text: str, timeout: float = 15):
    try:
        page.wait_for_function(
            "t => { const n = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');"
            " return n && n.innerText.includes(t); }",
            arg=text, timeout=timeout * 1000,
        )
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "failure.png"))
        raise


def test_red_flag_in_the_self_check_shows_the_emergency_message(page, lab):
    open_and_run(page, lab, "notebooks/04-symptoms-and-self-check.ipynb")
    page.get_by_role("button", name="Start the self-check").click()
    wait_text(page, "Pain, tingling, weakness or numbness in both legs")
    page.locator("label", has_text="Discomfort in the hip that spreads into the low back").first.click()
    page.locator("label", has_text="Pain, tingling, weakness or numbness in both legs").first.click()
    page.get_by_role("button", name="Check my symptoms").click()
    wait_text(page, "Emergency: get help now")
    alert = page.locator("[role=alert]", has_text="Emergency").first
    alert.scroll_into_view_if_needed()
    assert "999" in alert.inner_text() or "emergency" in alert.inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "interaction-self-check.png"))
    note("self-check: red flag ticked with a common symptom -> emergency message: ok")


def test_pain_diary_entry_by_typing_survives_a_kernel_restart(page, lab):
    open_and_run(page, lab, "notebooks/09-pain-diary.ipynb")
    pain = page.get_by_role("textbox", name="Pain (0-10)")
    pain.scroll_into_view_if_needed()
    pain.fill("11")
    page.get_by_role("textbox", name="Exercise (minutes)").fill("20")
    time.sleep(0.5)  # let the typed values reach the kernel before the click
    page.get_by_role("button", name="Add entry").click()
    wait_text(page, "11 is outside that range")
    pain.fill("4")
    page.get_by_role("textbox", name="Note (optional)").fill("browser test entry")
    time.sleep(0.5)
    page.get_by_role("button", name="Add entry").click()
    entry = page.locator("select option", has_text="browser test entry")
    entry.first.wait_for(state="attached", timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "interaction-diary.png"))
    restart_kernel(page)
    run_all(page)
    page.locator("select option", has_text="browser test entry").first.wait_for(state="attached", timeout=15_000)
    note("pain diary: bad pain value refused, entry added by typing, still there after a kernel restart: ok")


def test_muscle_explorer(page, lab):
    open_and_run(page, lab, "notebooks/01-glute-anatomy.ipynb")
    select = page.get_by_role("combobox", name="Muscle")
    select.scroll_into_view_if_needed()
    select.select_option(label="Piriformis")
    wait_text(page, "Nerve to piriformis")
    page.screenshot(path=str(ARTIFACTS / "interaction-explorer.png"))
    note("muscle explorer: choosing piriformis shows its facts and picture: ok")


def test_routine_builder(page, lab):
    open_and_run(page, lab, "notebooks/08-exercise-programme.ipynb")
    select = page.get_by_role("combobox", name="Phase:")
    select.scroll_into_view_if_needed()
    options = select.locator("option").all_inner_texts()
    strength = next(o for o in options if "Strength" in o)
    select.select_option(label=strength)
    wait_text(page, "Total")
    text = notebook_text(page)
    assert any(name in text for name in ("bridge", "Bridge", "Clamshell", "clamshell"))
    page.screenshot(path=str(ARTIFACTS / "interaction-routine.png"))
    note("routine builder: choosing the strengthening phase builds a routine with strength work and a total: ok")
