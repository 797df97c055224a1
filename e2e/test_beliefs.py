"""The beliefs check in a real browser (issue 14, "What learners believed"): a reader rates
the statements at the start of 00 (a word typed in one box gets a message under it, never a
traceback; nothing is marked right or wrong), then again in 10, and sees their own change
per statement in words beside what the evidence says. The ratings land in the reader's
progress file. Screenshots: ``artifacts/e2e/beliefs-*.png``."""

from __future__ import annotations

import json

from jlab import SHORT, open_and_run, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS
from glutecourse.topics.beliefs import ReaderChange, statements
from glutecourse.ui.beliefs import SAVE_LABEL

START = "notebooks/00-start-here.ipynb"
END = "notebooks/10-conclusion-and-final-quiz.ipynb"


def _check(page):
    nb = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first
    return nb, nb.locator(".gc-beliefs-check").first


def _rate(page, check, ratings: list[str]):
    for i, value in enumerate(ratings, 1):
        box = check.get_by_role("textbox", name=f"Rating {i}:")
        box.fill(value)
        box.press("Enter")
    wait_widgets_synced(page, what="the ratings to reach the kernel")
    check.get_by_role("button", name=SAVE_LABEL).click()


def test_a_reader_rates_in_00_and_sees_the_change_in_10(page, lab):
    sts = statements()
    before = [str(8 - i) for i in range(len(sts))]  # 8, 7, 6, ...
    after = [str(2 + i % 2) for i in range(len(sts))]  # 2, 3, 2, ...

    open_and_run(page, lab, START)
    nb, check = _check(page)
    expect(check).to_contain_text(sts[0].text)
    typed = list(before)
    typed[1] = "very sure"  # a word where a number goes
    _rate(page, check, typed)
    messages = check.locator(".gc-belief-message")
    expect(messages.nth(1)).to_contain_text("“very sure” is not a number", timeout=SHORT)
    expect(check.locator(".gc-belief-result")).to_contain_text(f"Saved {len(sts) - 1} ratings")
    expect(nb).not_to_contain_text("Traceback")
    messages.nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "beliefs-00-message.png"))
    _rate(page, check, before)
    expect(check.locator(".gc-belief-result")).to_contain_text(f"Saved {len(sts)} ratings", timeout=SHORT)
    expect(check.locator(".gc-belief-result")).to_contain_text("Nothing is marked right or wrong")
    expect(check.locator("table.gc-beliefs")).to_have_count(0)  # a baseline: no evidence shown yet
    saved = json.loads((lab.home / "progress.json").read_text(encoding="utf-8"))
    latest = {(b["statement"], b["phase"]): b["rating"] for b in saved["beliefs"]}
    assert [latest[(s.id, "before")] for s in sts] == [int(v) for v in before]

    open_and_run(page, lab, END)
    nb, check = _check(page)
    _rate(page, check, after)
    table = check.locator("table.gc-beliefs")
    expect(table).to_be_visible(timeout=SHORT)
    for st, b, a in zip(sts, before, after):
        row = table.locator("tr", has=page.locator(f"td:text-is('{st.text}')"))
        expect(row).to_contain_text(ReaderChange(st, int(b), int(a)).text)
        expect(row).to_contain_text(st.evidence)
        expect(row).to_contain_text(st.strength_words)
    expect(nb).not_to_contain_text("Traceback")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "beliefs-10-change.png"))


def test_the_class_results_show_the_sample_classs_change_by_statement(page, lab):
    """The teacher's notebook after Run All: the beliefs table holds the sample class's
    numbers (computed here from its files), the one-rating readers are named under it, and
    **Draw charts** adds the chart with every number in its alt text."""
    from glutecourse.charts.classroom import beliefs_alt
    from glutecourse.core.numbers import format_number
    from glutecourse.topics.classroom import belief_changes, load_class, sample_class_folder

    changes = belief_changes(load_class(sample_class_folder()))
    open_and_run(page, lab, "notebooks/instructor/class-results.ipynb")
    nb = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first
    table = nb.locator("table.gc-class", has_text="What the class believed")
    expect(table).to_be_visible(timeout=SHORT)
    for c in changes:
        row = table.locator("tr", has_text=c.statement.text)
        expect(row).to_contain_text(f"{format_number(c.mean_before, 1)} → {format_number(c.mean_after, 1)}")
        expect(row).to_contain_text(c.text)
    singles = nb.locator(".gc-belief-singles")
    for name in {n for c in changes for n in c.only_before + c.only_after}:
        expect(singles).to_contain_text(name)
    nb.get_by_role("button", name="Draw charts").click()
    chart = nb.locator(".gc-class-beliefs-chart img")
    expect(chart).to_have_attribute("alt", beliefs_alt(changes), timeout=SHORT)
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "beliefs-class-results.png"))
