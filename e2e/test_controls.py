"""Every interactive control of the course, exercised in a real browser (issue 13).

Nothing is listed by hand: after Run All, the test walks the widget views in the page and
takes an inventory of every enabled control (dropdowns and list boxes with their options,
buttons and toggle buttons, sliders, text boxes, checkboxes, radio buttons). It exercises
each one (every option of every dropdown chosen, each button pressed, each slider moved
one step with the keyboard, each box typed into with a value the course must refuse
politely), then looks again: controls that appeared because of an action (the
self-check's boxes after "Start", the timer's Pause and Stop after Start, a quiz's next
question) are exercised in the next round. After every action the kernel must have
processed it, and no output may show a failed widget view or a Python traceback.

The inventory is written to ``artifacts/e2e/controls-<notebook>.json`` and summed up in
``artifacts/e2e/report.txt``; a screenshot of each notebook after its controls were
exercised is ``controls-<notebook>.png``.
"""

from __future__ import annotations

import json
import re

import pytest
from jlab import SHORT, notebook_report, wait_js, wait_widgets_synced
from labserver import ROOT
from playwright.sync_api import Error as PlaywrightError

from conftest import ARTIFACTS, NOTEBOOKS

ROUNDS = 6  # new controls appear after actions; six rounds reach the deepest (a quiz's last question)
FAILED = r"javascript error|Error displaying widget|Failed to create view|model not found|Traceback \(most recent call last\)"
TYPED = "not a number"  # what a reader might type into any box: the course must answer with a message

# Tag every enabled, visible, not yet exercised control in the notebook's outputs; return them.
JS_TAG_NEW = """(start) => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const sel = [
    '.jp-OutputArea-output .jupyter-widgets select',
    '.jp-OutputArea-output .jupyter-widgets button',
    '.jp-OutputArea-output .jupyter-widgets [role=slider]',
    '.jp-OutputArea-output .jupyter-widgets input[type=text]',
    '.jp-OutputArea-output .jupyter-widgets input[type=number]',
    '.jp-OutputArea-output .jupyter-widgets textarea',
    '.jp-OutputArea-output .jupyter-widgets input[type=checkbox]',
    '.jp-OutputArea-output .jupyter-widgets input[type=radio]',
  ].join(',');
  let n = start; const found = [];
  for (const el of root.querySelectorAll(sel)) {
    if (el.dataset.gcCtl || el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    if (!el.getClientRects().length) continue;  // hidden
    if (el.type === 'radio' && el.checked) continue;
    el.dataset.gcCtl = String(++n);
    const box = el.closest('.widget-inline-hbox, .widget-checkbox, .widget-radio-box, .widget-toggle-buttons') || el.parentElement;
    const labelEl = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    let label = (el.getAttribute('aria-label') || el.getAttribute('title') || (labelEl && labelEl.innerText)
      || (el.tagName === 'BUTTON' ? el.innerText : '') || (el.closest('label') && el.closest('label').innerText)
      || (box.querySelector('.widget-label') && box.querySelector('.widget-label').innerText) || '').trim();
    let kind = el.tagName.toLowerCase();
    if (el.getAttribute('role') === 'slider') kind = 'slider';
    else if (kind === 'input') kind = el.type === 'checkbox' ? 'checkbox' : el.type === 'radio' ? 'radio' : 'textbox';
    else if (kind === 'textarea') kind = 'textbox';
    else if (kind === 'select') kind = el.multiple || el.size > 1 ? 'listbox' : 'dropdown';
    else if (kind === 'button' && el.closest('.widget-toggle-buttons')) kind = 'toggle';
    found.push({id: n, kind, label: label.slice(0, 80),
                options: kind === 'dropdown' || kind === 'listbox' ? Array.from(el.options).map(o => o.value) : []});
  }
  return found;
}"""


def check_clean(page, where: str):
    report = notebook_report(page)
    assert report["errors"] == [], f"{where}: a cell shows an error: {report['errors']}"
    assert report["dom"]["widgetErrors"] == [], f"{where}: {report['dom']['widgetErrors']}"
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.inner_text()
    bad = re.search(FAILED, text)
    assert not bad, f"{where}: the page shows {bad.group(0)!r}"


def settle(page, where: str):
    wait_widgets_synced(page, what=f"the kernel to process {where}")
    check_clean(page, where)


def gone_if_fails(el, action, **kwargs) -> bool:
    """Do ``action`` on the control; False when it fails because the control was re-drawn
    meanwhile (a widget view replaced after the kernel went idle: it is found again, with a
    new tag, in the next round). Any other failure is raised."""
    try:
        action(timeout=SHORT, **kwargs)
    except PlaywrightError:
        if el.count() == 0:
            return False
        raise
    return True


def exercise(page, control: dict, where: str) -> bool:
    """Use one control; False when it went away before its turn (an earlier action replaced it)."""
    el = page.locator(f"[data-gc-ctl='{control['id']}']")
    try:
        if el.count() == 0 or not el.is_visible() or not el.is_enabled(timeout=5_000):
            return False
        el.scroll_into_view_if_needed(timeout=5_000)
    except PlaywrightError:  # an earlier action re-drew it (a quiz's next question, a toggle)
        return False
    kind = control["kind"]
    what = f"{where}: {kind} {control['label']!r}"
    if kind in ("dropdown", "listbox"):
        # Options can change as other controls change (08's card list follows the routine):
        # every option present now is chosen, by position.
        chosen = 0
        for i in range(len(control["options"]) + 50):
            if el.count() == 0 or i >= el.locator("option").count():
                break
            value = el.locator("option").nth(i).get_attribute("value")
            if not gone_if_fails(el, el.select_option, index=i):
                break
            settle(page, f"{what} = {value!r}")
            chosen += 1
        control["chosen"] = chosen
    elif kind == "slider":
        before = el.get_attribute("aria-valuenow")
        el.focus()
        el.press(
            "ArrowRight" if el.get_attribute("aria-valuenow") != el.get_attribute("aria-valuemax") else "ArrowLeft"
        )
        wait_js(
            page,
            "([id, v]) => { const e = document.querySelector(`[data-gc-ctl='${id}']`); return !e || e.getAttribute('aria-valuenow') !== v; }",
            f"{what} to move",
            SHORT,
            arg=[control["id"], before],
        )
        settle(page, what)
    elif kind == "textbox":
        if not gone_if_fails(el, el.fill, value=TYPED):
            return False
        try:
            is_input = el.evaluate("e => e.tagName", timeout=SHORT) == "INPUT"
        except PlaywrightError:
            if el.count() == 0:
                return False
            raise
        if is_input and not gone_if_fails(el, el.press, key="Enter"):
            return False
        settle(page, what)
    elif kind in ("checkbox", "radio"):
        if not gone_if_fails(el, el.check):
            return False
        settle(page, what)
    else:  # button, toggle
        if not gone_if_fails(el, el.click):
            return False
        settle(page, what)
    return True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_control_works_in_jupyterlab(lab_session, path):
    # The session's JupyterLab page: the notebook is already open after its render test
    # (e2e/conftest.py orders the tests), and this test gets it just run and untouched.
    page = lab_session.fresh_run(str(path.relative_to(ROOT)))
    settle(page, "Run All")
    inventory: list[dict] = []
    for round_no in range(1, ROUNDS + 1):
        new = page.evaluate(JS_TAG_NEW, len(inventory))
        if not new:
            break
        for control in new:
            control["round"] = round_no
            control["exercised"] = exercise(page, control, path.stem)
        inventory.extend(new)
    used = [c for c in inventory if c["exercised"]]
    page.screenshot(path=str(ARTIFACTS / f"controls-{path.stem}.png"))
    (ARTIFACTS / f"controls-{path.stem}.json").write_text(json.dumps(inventory, indent=1))
    kinds = {}
    for c in used:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    options = sum(c.get("chosen", 0) for c in used)
    line = f"controls {path.stem}: {len(used)} exercised ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}; {options} options chosen)"
    with open(ARTIFACTS / "report.txt", "a") as fh:
        fh.write(line + "\n")
    print(line)
    # Every control found was used, unless an earlier action took it away before its turn.
    left = page.evaluate(
        """(ids) => ids.filter(id => { const e = document.querySelector(`[data-gc-ctl='${id}']`);
          return e && e.getClientRects().length && !e.disabled; })""",
        [c["id"] for c in inventory if not c["exercised"]],
    )
    assert left == [], f"controls still on the page that were never used: {[c for c in inventory if c['id'] in left]}"
