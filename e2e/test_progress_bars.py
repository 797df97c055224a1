"""Notebook 00's progress dashboard in a real browser: one row per notebook with its title
as a link to the notebook, a bar a screen reader announces, and the counts in words beside
it. Answering a question and pressing Refresh moves that notebook's bar and its words."""

from __future__ import annotations

from jlab import SHORT, open_and_run, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS, answer_first_question_right, warm_up

NB = "notebooks/00-start-here.ipynb"
STEM = "00-start-here"


def test_answering_a_question_moves_its_bar_and_the_title_links_to_the_notebook(page, lab):
    # This test starts from a reader who has answered nothing (other browser tests of the
    # session may have answered 00's questions in the same reader folder).
    (lab.home / "progress.json").unlink(missing_ok=True)
    open_and_run(page, lab, NB)
    rows = page.locator("ol.gc-progress > li")
    expect(rows.first).to_be_visible(timeout=SHORT)
    title = f"a.gc-progress-title[href*='{STEM}.ipynb']"
    link = page.locator(f"ol.gc-progress {title}")
    expect(link).to_have_count(1)
    row = rows.filter(has=page.locator(title))  # has= is relative to each row
    bar, words = row.locator("[role=progressbar]"), row.locator(".gc-progress-text")
    questions = len(warm_up().questions)
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(bar).to_have_attribute("aria-valuemax", str(questions))
    expect(words).to_have_text(f"0 of {questions} answered, 0 correct")
    expect(bar).to_have_attribute("aria-valuetext", f"0 of {questions} answered, 0 correct")
    # Nothing answered yet: the cue points at the first notebook, the one with this link.
    expect(page.locator("ol.gc-progress .gc-progress-cue")).to_have_count(1)
    expect(row.locator(".gc-progress-cue")).to_have_text("Start here")
    # The title links to its notebook, relative to 00 (JupyterLab opens it in a new tab;
    # it rewrites the address to the file's own URL, which still ends in the notebook's path).
    assert f"notebooks/{STEM}.ipynb" in link.get_attribute("href") or link.get_attribute("href") == f"{STEM}.ipynb"
    width_before = row.locator("rect.gc-bar-answered").get_attribute("width")
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "00-progress-bars-before.png"))

    answer_first_question_right(page)
    wait_widgets_synced(page, what="the answer to be saved")
    refresh = page.locator("button[title^='Re-read your saved answers']")
    refresh.scroll_into_view_if_needed()
    refresh.click()

    after = f"1 of {questions} answered, 1 correct"
    expect(words).to_have_text(after, timeout=SHORT)
    expect(bar).to_have_attribute("aria-valuenow", "1")
    expect(bar).to_have_attribute("aria-valuetext", after)
    assert float(row.locator("rect.gc-bar-answered").get_attribute("width")) > float(width_before)
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "00-progress-bars-after.png"))
