"""The self-check in JupyterLab, as a reader meets it (issue 13): the emergency signs first,
and after every button press the answer is where the reader is looking.

At 1280x800 and at 390x844 (a phone), notebook 04 is run, the self-check started, and the
reader goes through the gate ("Yes, I have one of these": the emergency at once), then the
other questions, pressing "Check my symptoms" for an emergency, an urgent, a routine and a
self-care answer. After each press the result's box must have the focus and lie inside the
viewport, with its title line visible. Screenshots: ``artifacts/e2e/selfcheck-<state>-<width>.png``
for the gate and each level.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from jlab import LONG, SHORT, open_and_run, wait_js, wait_widgets_synced
from labserver import ROOT

from conftest import ARTIFACTS, note
from glutecourse.topics.selfcheck import LEVELS, gate_items, items, triage

NOTEBOOK = "notebooks/04-symptoms-and-self-check.ipynb"
RAW = json.loads((ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8"))

# The result box: focused (or holding the focus) and inside the viewport, title visible.
JS_RESULT_PLACE = """(level) => {
  const boxes = Array.from(document.querySelectorAll('.gc-triage-result'))
    .filter(b => b.querySelector('.gc-triage-' + level));
  if (boxes.length !== 1) return null;
  const box = boxes[0];
  const r = box.getBoundingClientRect();
  const t = box.querySelector('.gc-triage-title').getBoundingClientRect();
  const a = document.activeElement;
  // the area the box scrolls in (JupyterLab's notebook panel; the window in Voila)
  let area = box.parentElement;
  while (area && area !== document.body) {
    const oy = getComputedStyle(area).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && area.scrollHeight > area.clientHeight) break;
    area = area.parentElement;
  }
  const areaTop = area && area !== document.body ? Math.max(0, area.getBoundingClientRect().top) : 0;
  return {areaTop, focused: !!a && (a === box || box.contains(a)), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, titleTop: t.top, titleBottom: t.bottom, height: innerHeight, width: innerWidth};
}"""
JS_FOCUSED = """(level) => { const a = document.activeElement; const box = a && a.closest('.gc-triage-result');
  return !!box && !!box.querySelector('.gc-triage-' + level); }"""


def one_item_for(level: str) -> str:
    """The first item of the data that, ticked alone, gives ``level``."""
    return next(i.id for i in items().values() if triage([i.id]).level == level)


def assert_in_view(page, level: str, where: str) -> dict:
    wait_js(page, JS_FOCUSED, f"the {level} result to take the focus ({where})", SHORT, arg=level)
    place = page.evaluate(JS_RESULT_PLACE, level)
    assert place and place["focused"], f"{where}: the result is not focused: {place}"
    # not under the notebook's toolbar (which the viewport check alone would allow)
    assert place["areaTop"] - 2 <= place["top"] < place["height"], (
        f"{where}: the result's box starts outside the area the reader sees: {place}"
    )
    # the whole box when it fits; a taller box starts near the top of the area it scrolls in
    # (within 48 px: the browser centres a focused element, so not to the pixel)
    assert place["bottom"] <= place["height"] + 1 or place["top"] <= place["areaTop"] + 48, f"{where}: {place}"
    assert 0 <= place["titleTop"] and place["titleBottom"] <= place["height"], f"{where}: title not in view: {place}"
    assert place["left"] >= 0 and place["right"] <= place["width"] + 1, f"{where}: {place}"
    return place


def fresh_kernel(lab):
    """Shut down every kernel session of the server, so this run's notebook starts its own
    (a second run would otherwise join the first run's kernel and its old widgets)."""
    with urllib.request.urlopen(lab.url("api/sessions"), timeout=60) as r:
        sessions = json.load(r)
    for session in sessions:
        request = urllib.request.Request(lab.url(f"api/sessions/{session['id']}"), method="DELETE")
        urllib.request.urlopen(request, timeout=60).close()


def shot(page, name: str):
    page.screenshot(path=str(ARTIFACTS / name))


def press(page, name: str):
    button = page.locator(".gc-selfcheck").get_by_role("button", name=name)
    button.scroll_into_view_if_needed()
    button.click()


def tick(page, item_id: str):
    label = page.locator(".gc-selfcheck label", has_text=items()[item_id].label).first
    label.scroll_into_view_if_needed()
    label.click()
    wait_widgets_synced(page, what=f"the tick of {item_id} to reach the kernel")


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)], ids=["1280", "390"])
def test_gate_first_and_every_result_focused_in_view(browser, lab, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(SHORT)
    page.add_locator_handler(page.locator(".jp-Dialog"), lambda d: d.locator(".jp-mod-accept").first.click())
    try:
        fresh_kernel(lab)
        open_and_run(page, lab, NOTEBOOK)
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
        start = page.locator(".widget-button", has_text="Start the self-check").first
        start.wait_for(state="attached", timeout=LONG)
        start.scroll_into_view_if_needed()
        start.click()
        wait_widgets_synced(page, what="the gate to open")
        # The gate: every emergency sign of the data, and nothing else yet.
        first = page.locator(".gc-selfcheck label", has_text=gate_items()[0].label).first
        first.wait_for(state="visible")
        gate_labels = [i["label"] for i in RAW["items"] if i["level"] == LEVELS[0]]
        shown = page.locator(".gc-selfcheck .widget-checkbox").all_inner_texts()
        assert [t.strip() for t in shown] == gate_labels
        page.locator(".gc-gate").first.scroll_into_view_if_needed()
        shot(page, f"selfcheck-gate-{width}.png")

        # Yes: the emergency at once, focused, in view.
        press(page, "Yes, I have one of these")
        place = assert_in_view(page, "emergency", f"{width}px after Yes")
        shot(page, f"selfcheck-emergency-{width}.png")
        banner = page.locator(".gc-triage-result .gc-triage-emergency").first
        text = banner.inner_text()
        assert "Emergency" in text and "999" in text
        colours = banner.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
        assert colours[1] == "rgb(255, 255, 255)", colours

        # On to the other questions; each level after "Check my symptoms".
        press(page, "Go on to the other questions")
        wait_widgets_synced(page, what="the other questions to open")
        for level in LEVELS:
            press(page, "Clear")
            wait_widgets_synced(page, what="the boxes to clear")
            tick(page, one_item_for(level))
            press(page, "Check my symptoms")
            place = assert_in_view(page, level, f"{width}px after Check ({level})")
            shot(page, f"selfcheck-{level}-check-{width}.png")
            if level != LEVELS[0]:
                shot(page, f"selfcheck-{level}-{width}.png")
            note(
                f"self-check {width}x{height}: {level} result focused, box {place['top']:.0f}-{place['bottom']:.0f} px "
                f"of {place['height']} px"
            )
    except Exception:
        shot(page, f"selfcheck-failure-{width}.png")
        raise
    finally:
        context.close()
