"""Notebook 08 in a real browser: an exercise card shows its picture beside its steps (it
showed "Click to show javascript error." before: an Image widget given a tooltip), and the
routine timer shows the current pose's picture."""

from __future__ import annotations

import pytest
from jlab import SHORT, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS

NB = "notebooks/08-exercise-programme.ipynb"


@pytest.mark.notebook("08-exercise-programme")
def test_exercise_card_shows_picture_beside_steps_and_the_timer_shows_the_pose(lab_session):
    page = lab_session.fresh_run(NB)  # the session's JupyterLab page, 08 just run (e2e/conftest.py)
    choice = page.get_by_role("combobox", name="Show exercise card:")
    choice.scroll_into_view_if_needed()
    options = choice.locator("option").all_inner_texts()
    name = next(o for o in options if not o.startswith("("))
    choice.select_option(label=name)
    pair = page.locator(".gc-exercise-pair").first
    expect(pair).to_be_visible(timeout=SHORT)
    picture = pair.locator("figure.gc-exercise-figure img")
    steps = pair.locator("details.gc-exercise-card")
    expect(picture).to_be_visible()
    assert picture.evaluate("i => i.complete && i.naturalWidth > 0"), "the picture did not load"
    assert picture.get_attribute("alt"), "the picture has no alt text"
    step_one = steps.locator("ol li").first
    expect(step_one).to_be_visible()
    # Side by side at 1280 px: the steps start to the right of the picture, on the same row.
    pic_box, steps_box = picture.bounding_box(), steps.bounding_box()
    assert steps_box["x"] >= pic_box["x"] + pic_box["width"] - 1, (pic_box, steps_box)
    assert steps_box["y"] < pic_box["y"] + pic_box["height"], (pic_box, steps_box)
    # ... and the picture is big enough to read: at least 40 % of the row (it was held to
    # 320 of about 860 px, and the drawing fills about half of its picture).
    pair_box = pair.bounding_box()
    assert pic_box["width"] >= 0.4 * pair_box["width"], f"picture {pic_box['width']:.0f} of {pair_box['width']:.0f} px"
    expect(page.locator(".jp-Notebook").first).not_to_contain_text("javascript error")
    pair.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "08-exercise-card.png"))

    start = page.locator("button[title='Start or resume the routine']")
    start.scroll_into_view_if_needed()
    wait_widgets_synced(page)
    start.click()
    timer_picture = page.locator(".gc-timer-picture figure.gc-exercise-figure img")
    expect(timer_picture).to_be_visible(timeout=SHORT)
    assert timer_picture.evaluate("i => i.complete && i.naturalWidth > 0")
    # The step text is re-drawn every second while the timer runs (a loaded machine can
    # catch it detached); its picture, just checked, changes only with the exercise.
    timer_picture.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "08-timer-running.png"))
    page.locator("button[title^='Stop and go back']").click()
    expect(page.locator(".gc-timer-picture img")).to_have_count(0, timeout=SHORT)
