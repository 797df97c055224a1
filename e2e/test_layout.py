"""Labels in full and no sideways scrolling (issue 13): in 04 (self-check open), 07 (the
timeline) and 00 (the progress export), at a 1280 px and a 390 px wide window, every
widget button shows its whole label and no output needs a horizontal scrollbar."""

from __future__ import annotations

import pytest
from jlab import SHORT, open_and_run, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS

JS_OVERFLOW = """() => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const shown = el => el.getClientRects().length > 0;
  const cut = Array.from(root.querySelectorAll('.jp-OutputArea-output .jupyter-widgets.widget-button, .jp-OutputArea-output .widget-toggle-button'))
    .filter(shown).filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText.trim());
  // The interactive parts and the course's tables (the self-check, the timeline's tables,
  // the quiz and progress); page typography (glossary, course map) is checked elsewhere.
  const wide = Array.from(root.querySelectorAll('.jp-OutputArea-output'))
    .filter(o => o.querySelector('.jupyter-widgets, table.gc-phases, table.gc-findings, table.gc-curve-table'))
    .filter(shown).filter(o => o.scrollWidth > o.clientWidth + 1)
    .map(o => `${o.innerText.trim().slice(0, 40)} (${o.scrollWidth} > ${o.clientWidth})`);
  return {cut, wide, buttons: root.querySelectorAll('.jp-OutputArea-output .widget-button').length};
}"""

CASES = [
    ("notebooks/04-symptoms-and-self-check.ipynb", "Start the self-check"),
    ("notebooks/07-recovery-timeline.ipynb", None),
    ("notebooks/00-start-here.ipynb", None),
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("rel,press", CASES, ids=lambda v: str(v).split("/")[-1].split(".")[0] if v else "")
def test_labels_in_full_and_no_sideways_scroll(browser, lab, rel, press, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SHORT)
    page.add_locator_handler(page.locator(".jp-Dialog"), lambda d: d.locator(".jp-mod-accept").first.click())
    try:
        open_and_run(page, lab, rel)
        # A reader on a phone closes the file browser: the notebook gets the whole width.
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
        expect(page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")).to_have_count(0)
        if press:
            button = page.locator(".widget-button", has_text=press).first
            button.scroll_into_view_if_needed()
            button.click()
            wait_widgets_synced(page)
            expect(page.locator(".jp-Notebook input[type=checkbox]").first).to_be_attached()
        found = page.evaluate(JS_OVERFLOW)
        stem = rel.split("/")[-1].split(".")[0]
        page.screenshot(path=str(ARTIFACTS / f"layout-{stem}-{width}px.png"), full_page=False)
        assert found["buttons"] > 0
        assert found["cut"] == [], f"button labels cut off at {width} px: {found['cut']}"
        assert found["wide"] == [], f"outputs wider than the page at {width} px: {found['wide']}"
    finally:
        context.close()
