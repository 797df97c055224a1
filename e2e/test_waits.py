"""The helpers' waits wait: an async condition is awaited, not taken as true because a
promise is truthy (Playwright's wait_for_function does not await it; the diary's keyboard
test clicked "Add entry" before the kernel had the typed words, and saved '1' for '15')."""

from __future__ import annotations

import pytest
from jlab import wait_js


def test_an_async_condition_that_stays_false_times_out(page):
    page.set_content("<p>blank</p>")
    with pytest.raises(AssertionError, match="timed out .* waiting for nothing"):
        wait_js(page, "async () => false", "nothing", timeout=1_500)


def test_an_async_condition_is_awaited_until_it_turns_true(page):
    page.set_content("<p>blank</p>")
    # true only after the page's own timer has fired three times
    page.evaluate("() => { window.ticks = 0; setInterval(() => { window.ticks += 1; }, 50); }")
    wait_js(page, "async (n) => { await Promise.resolve(); return window.ticks >= n; }", "three ticks", arg=3)
    assert page.evaluate("() => window.ticks") >= 3


def test_an_error_in_an_async_condition_is_reported(page):
    page.set_content("<p>blank</p>")
    with pytest.raises(Exception, match="no such model"):
        wait_js(page, "async () => { throw new Error('no such model'); }", "an error", timeout=5_000)
