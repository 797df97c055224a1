"""Every interactive control of the course, exercised in a real browser (issue 13).

Nothing is listed by hand: after Run All, the test walks the widget views in the page and
takes an inventory of every enabled control (dropdowns and list boxes with their options,
buttons and toggle buttons, sliders, text boxes, checkboxes, radio buttons). Each control
is known by the widget model behind it (and its option, for a group of answers or toggle
buttons), so a view drawn again (a quiz going back to a question) is not new, and one a
button reveals (the quiz behind "Start", the self-check's boxes, the timer's Pause) is.

Round after round, until a round finds nothing new:

- every new control is used: every option of every dropdown chosen, each button pressed,
  each slider moved one step with the keyboard, each box typed into with a value the
  course must refuse politely, each checkbox and radio button clicked;
- after each use, what the reader sees must change (a press that changes nothing visible
  fails), the kernel must have processed it, every view it reveals must have rendered
  (not "Loading widget..."), and no output may show a failed view or a traceback;
- when nothing new is left, each quiz moves on with Next (Previous pressed once), and the
  next question's controls are new.

Then the inventory must reach a floor computed from the notebook's own data: every
question of each quiz it shows (from the bank: its answers, Check, Try again, Show answer),
every option of the dropdowns whose options come from data (muscles, phases, quizzes),
every symptom of the self-check. A control the walk misses makes a count fall short.

The inventory is written to ``artifacts/e2e/controls-<notebook>.json`` (with the floor and
the counts) and summed up in ``artifacts/e2e/report.txt``; a screenshot of each notebook
after its controls were used is ``controls-<notebook>.png``.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from jlab import JS_FAILURES, SHORT, snapshot, wait_changed, wait_views_settled
from labserver import ROOT
from playwright.sync_api import Error as PlaywrightError

from conftest import ARTIFACTS, NOTEBOOKS, note

MAX_ROUNDS = 150  # a bound on a walk that keeps finding controls (it fails when reached)
FAILED = (
    r"javascript error|Error displaying widget|Failed to create view|model not found|Failed to load model class"
    r"|Traceback \(most recent call last\)"
)
TYPED = "not a number"  # what a reader might type into any box: the course must answer with a message
NAVIGATION = ("gc-next", "gc-prev")  # a quiz's Next / Previous: pressed when nothing new is left

# Every enabled, visible control in the current notebook's widget outputs, each tagged with
# its key: the id of the widget model whose view holds it, plus the answer's value (a group
# of answers) or the button's position (toggle buttons). A checked radio button and the
# pressed toggle are left for a later round (choosing them again would change nothing).
JS_CONTROLS = """async () => {
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const found = [];
  const walk = (w) => {
    if (!w) return;
    if (w.mimeType === WIDGET && w._manager && w._manager.promise) found.push(w);
    const kids = typeof w.children === 'function' ? Array.from(w.children()) : (w.widgets || []);
    kids.forEach(walk);
  };
  walk(window.jupyterapp.shell.currentWidget);
  const owner = new Map();
  if (found.length) {
    const manager = await found[0]._manager.promise;
    for (const model of await Promise.all(Object.values(manager._models))) {
      for (const p of Object.values(model.views || {})) {
        const view = await Promise.resolve(p).catch(() => null);
        if (view && view.el) owner.set(view.el, model.model_id);
      }
    }
  }
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const sel = ['select', 'button', '[role=slider]', 'input[type=text]', 'input[type=number]', 'textarea',
               'input[type=checkbox]', 'input[type=radio]']
    .map(s => '.jp-OutputArea-output .jupyter-widgets ' + s).join(',');
  const controls = [];
  for (const el of root.querySelectorAll(sel)) {
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    const rect = el.getBoundingClientRect();  // shown as Playwright counts it: a size, not hidden
    if (!rect.width || !rect.height || getComputedStyle(el).visibility === 'hidden') continue;
    let node = el;
    while (node && !owner.has(node)) node = node.parentElement;
    const group = el.closest('.widget-toggle-buttons');
    let kind = el.tagName.toLowerCase();
    if (el.getAttribute('role') === 'slider') kind = 'slider';
    else if (kind === 'input') kind = el.type === 'checkbox' ? 'checkbox' : el.type === 'radio' ? 'radio' : 'textbox';
    else if (kind === 'textarea') kind = 'textbox';
    else if (kind === 'select') kind = el.multiple || el.size > 1 ? 'listbox' : 'dropdown';
    else if (kind === 'button' && group) kind = 'toggle';
    else if (kind === 'button' && el.classList.contains('widget-upload')) kind = 'upload';
    if (kind === 'radio' && el.checked) continue;
    if (kind === 'toggle' && el.classList.contains('mod-active')) continue;
    const part = kind === 'radio' || kind === 'checkbox' ? el.value
      : kind === 'toggle' ? String(Array.from(group.querySelectorAll('button')).indexOf(el)) : '';
    const key = (node ? owner.get(node) : 'unowned') + '/' + part;
    el.dataset.gcKey = key;
    const box = el.closest('.widget-inline-hbox, .widget-checkbox, .widget-radio-box, .widget-toggle-buttons') || el.parentElement;
    const labelEl = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const label = (el.getAttribute('aria-label') || el.getAttribute('title') || (labelEl && labelEl.innerText)
      || (el.tagName === 'BUTTON' ? el.innerText : '') || (el.closest('label') && el.closest('label').innerText)
      || (box.querySelector('.widget-label') && box.querySelector('.widget-label').innerText) || '').trim();
    const cls = ['gc-start', 'gc-check', 'gc-retry', 'gc-reveal', 'gc-next', 'gc-prev'].find(c => el.classList.contains(c)) || '';
    controls.push({key, kind, label: label.slice(0, 80), cls, quiz: !!el.closest('.gc-question'),
                   options: kind === 'dropdown' || kind === 'listbox' ? Array.from(el.options).map(o => o.text.slice(0, 60)) : []});
  }
  return controls;
}"""


def locate(page, key: str):
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return page.locator(f'[data-gc-key="{escaped}"]').locator("visible=true").first


def check_clean(page, where: str):
    found = page.evaluate(JS_FAILURES, FAILED)
    assert found["errors"] == [], f"{where}: a cell shows an error: {found['errors']}"
    assert found["shown"] == [], f"{where}: the page shows {found['shown']}"


def settle(page, where: str):
    wait_views_settled(page, f"the page to show what {where} did")
    check_clean(page, where)


#: Presses that may leave the page as it was, each with the reason (by the button's title).
#: Every other press must change something a reader sees.
#: These repeat what the page already shows (the kernel sends no change for an equal value).
SAME_VIEW_ALLOWED = {
    "I have none of these signs: go on to the other questions": (
        "pressed after 'Yes' with every emergency sign ticked: the emergency advice rightly stays"
    ),
    "Load every progress export in the folder typed on the left": (
        "Enter in the folder box has just loaded the same folder: Load shows the same message again"
    ),
    "Delete the selected entry (you will be asked to confirm)": (
        "with no entry chosen, Delete repeats the 'choose an entry' message that Load has just shown"
    ),
}


def act(page, el, action, what: str, must_change: bool = True, allowed: str = "", **kwargs) -> bool | str:
    """Do ``action`` on the control and wait for its effect: something the reader sees
    changes (unless ``must_change`` is False), the kernel has processed it and every view
    it reveals has rendered. False when the control was drawn again just before (the
    kernel replaced its view: it is found again in the next round); other failures raise.
    A press that changes nothing fails, unless ``allowed`` gives the reason it may (then
    the reason is returned)."""
    try:
        # The control has the focus before the snapshot: a click that only focuses it is
        # no change, one that moves the focus on (to a result, to the answers) is.
        el.focus(timeout=SHORT)
        before = snapshot(page)
        action(timeout=SHORT, **kwargs)
    except PlaywrightError:
        if el.count() == 0:
            return False
        raise
    if allowed:  # once the kernel has answered and the page shows it, did anything change?
        settle(page, what)
        return True if snapshot(page) != before else allowed
    if must_change:
        wait_changed(page, before, what)
    settle(page, what)
    return True


def exercise(page, control: dict, where: str) -> bool:
    """Use one control; False when it went away before its turn (an earlier action replaced it)."""
    el = locate(page, control["key"])
    try:
        if el.count() == 0 or not el.is_enabled(timeout=5_000):
            return False
        el.scroll_into_view_if_needed(timeout=5_000)
    except PlaywrightError:  # an earlier action re-drew it (a quiz's next question, a toggle)
        return False
    kind = control["kind"]
    what = f"{where}: {kind} {control['label']!r}"
    if kind in ("dropdown", "listbox"):
        # Every option, starting after the one shown and ending with it, so that each
        # choice is a change. Options can change as other controls change (08's card list
        # follows the routine): the options present when the control's turn comes count.
        n = el.locator("option").count()
        if n == 0:  # an empty list (a diary with no entries yet): nothing to choose
            control["chosen"] = 0
            return True
        current = el.evaluate("e => e.selectedIndex")
        order = [(current + 1 + i) % n for i in range(n)] if current >= 0 else list(range(n))
        chosen = 0
        for i in order:
            if el.count() == 0 or i >= el.locator("option").count():
                break
            value = el.locator("option").nth(i).inner_text()
            if not act(page, el, el.select_option, f"{what} = {value!r}", index=i):
                break
            chosen += 1
        control["chosen"] = chosen
        return chosen > 0
    if kind == "slider":
        key = "ArrowRight" if el.get_attribute("aria-valuenow") != el.get_attribute("aria-valuemax") else "ArrowLeft"
        el.focus()
        return act(page, el, el.press, what, key=key)
    if kind == "textbox":
        if not act(page, el, el.fill, what, value=TYPED):
            return False
        if el.evaluate("e => e.tagName") == "INPUT":
            # Enter may do nothing visible (the box already holds the text): no change needed.
            return act(page, el, el.press, f"{what} + Enter", must_change=False, key="Enter")
        return True
    if kind == "upload":
        # A click opens the system's file chooser: the files are given to its input instead
        # (two exports of the sample class, which the teacher's page must load).
        files = sorted(str(f) for f in (ROOT / "data" / "classroom-sample").glob("progress-export-student-*.json"))[:2]

        def choose(timeout, files):
            with page.expect_file_chooser(timeout=timeout) as chooser:
                el.click(timeout=timeout)
            chooser.value.set_files(files, timeout=timeout)

        return act(page, el, choose, what, files=files)
    # checkbox, radio, button, toggle: a click, and the reader must see its effect
    done = act(page, el, el.click, what, allowed=SAME_VIEW_ALLOWED.get(control["label"], ""))
    if isinstance(done, str):
        control["unchanged"] = done
    return bool(done)


def walk_controls(page, where: str, seen: dict[str, dict]) -> tuple[list[dict], int]:
    """Use every control in the page, round after round, until a round finds nothing new
    and no quiz can move on; returns the inventory and the number of rounds. ``seen``
    (key -> control) fills as it goes."""
    pressed_back: set[str] = set()
    missed: Counter = Counter()  # key -> rounds in which the control was found but could not be used
    for round_no in range(1, MAX_ROUNDS + 1):
        controls = page.evaluate(JS_CONTROLS)
        new = [c for c in controls if c["key"] not in seen and c["cls"] not in NAVIGATION]
        if new:
            # Answers, boxes and choices before the buttons that act on them (Check after
            # the answer is chosen), each group in page order.
            for control in sorted(new, key=lambda c: c["kind"] in ("button", "toggle", "upload")):
                control["round"] = round_no
                if exercise(page, control, where):
                    seen[control["key"]] = control
                else:
                    missed[control["key"]] += 1
                    # Re-drawn once by an earlier action is normal; found again and again
                    # but never usable is a control a reader cannot use either.
                    assert missed[control["key"]] < 3, f"{where}: a control shown but never usable: {control}"
            continue
        # Nothing new: each quiz moves on. Previous once (where it is enabled), then Next.
        nav = [c for c in controls if c["cls"] in NAVIGATION]
        steps = [c for c in nav if c["cls"] == "gc-prev" and c["key"] not in pressed_back]
        steps += [c for c in nav if c["cls"] == "gc-next"]
        if not steps:
            return list(seen.values()), round_no
        for control in steps:
            control["round"] = round_no
            if control["cls"] == "gc-prev":
                pressed_back.add(control["key"])
            if exercise(page, control, where):
                seen.setdefault(control["key"], control)
                seen[control["key"]]["presses"] = seen[control["key"]].get("presses", 0) + 1
    raise AssertionError(f"{where}: still finding controls after {MAX_ROUNDS} rounds")


# ---------------------------------------------------------------------------- the floor


def notebook_code(path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def _quiz_floor(floor: Counter, questions, started: bool):
    for q in questions:
        floor["quiz answers"] += (
            len(q.options) if q.type in ("single", "multiple") else 2 if q.type == "truefalse" else 1
        )
    floor["Check"] += len(questions)
    floor["Show answer"] += len(questions)
    floor["Try again"] += len(questions)
    floor["Start"] += 0 if started else 1
    if len(questions) > 1:
        floor["Next / Previous"] += 2


def control_floor(path) -> Counter:
    """What the walk must at least have used in this notebook, from the data its code cells
    show: each quiz bank's questions and answers, the final quiz's blueprint, the symptoms
    of the self-check, the options of dropdowns filled from data files."""
    from glutecourse.catalog.phases import phases
    from glutecourse.topics.final_quiz import blueprint, total
    from glutecourse.topics.quizzes import load_bank

    code = notebook_code(path)
    floor = Counter()
    for bank_id, start in re.findall(r"\bquiz\(\s*\"([^\"]+)\"([^)]*)\)", code):
        _quiz_floor(floor, load_bank(bank_id).questions, started="start=True" in start)
    if re.search(r"\bfinal_quiz\(", code):
        n = total(blueprint())  # which questions depends on the reader's history: one answer each at least
        floor["quiz answers"] += n
        floor["Check"] += n
        floor["Show answer"] += n
        floor["Try again"] += n
        floor["Start"] += 1
        floor["Next / Previous"] += 2
    if re.search(r"\bsymptom_checker\(", code):
        floor["self-check boxes"] += len(json.loads((ROOT / "data" / "selfcheck.json").read_text())["items"])
    if re.search(r"\bmuscle_explorer\(", code):
        floor["options chosen"] += len(json.loads((ROOT / "data" / "anatomy.json").read_text())["muscles"])
    if re.search(r"\broutine_builder\(", code):
        floor["options chosen"] += len(phases()) + 2  # every phase, and an exercise card and back
    if re.search(r"\bquiz_picker\(", code):
        from glutecourse.topics.quizzes import topic_banks

        floor["options chosen"] += len(topic_banks())
        floor["Check"] += 1  # the quiz chosen last is worked through
    return floor


def counts(inventory: list[dict]) -> Counter:
    """The inventory in the floor's terms (controls used, by what they are)."""
    c = Counter()
    names = {
        "gc-check": "Check",
        "gc-reveal": "Show answer",
        "gc-retry": "Try again",
        "gc-start": "Start",
        "gc-next": "Next / Previous",
        "gc-prev": "Next / Previous",
    }
    for control in inventory:
        c["controls"] += 1
        c[control["kind"]] += 1
        if control["cls"] in names:
            c[names[control["cls"]]] += 1
        if control["quiz"] and control["kind"] in ("radio", "checkbox", "textbox"):
            c["quiz answers"] += 1
        if control["kind"] == "checkbox" and not control["quiz"]:
            c["self-check boxes"] += 1
        c["options chosen"] += control.get("chosen", 0)
    return c


def test_the_floor_comes_from_the_data():
    """The floor follows the banks: one question more in a bank is one Check more."""
    from glutecourse.topics.quizzes import load_bank

    path = ROOT / "notebooks" / "02-hips-pelvis-and-back.ipynb"
    bank = load_bank("02-hips-pelvis-and-back")
    floor = control_floor(path)
    assert floor["Check"] == len(bank.questions) and floor["Start"] == 1
    assert floor["quiz answers"] == sum(len(q.options) or (2 if q.type == "truefalse" else 1) for q in bank.questions)
    assert control_floor(ROOT / "notebooks" / "00-start-here.ipynb")["Start"] == 0  # quiz(..., start=True)


# ---------------------------------------------------------------------------- the walk


def forget_answers(lab_session, path) -> bool:
    """Remove saved answers for this notebook's own quiz banks (earlier tests answered
    00's): a quiz shows saved answers checked and locked, and the walk must find every
    answer it offers. True when there were some (the notebook is then run again)."""
    progress = lab_session.lab.home / "progress.json"
    if not progress.exists():
        return False
    banks = set(re.findall(r"\bquiz\(\s*\"([^\"]+)\"", notebook_code(path)))
    attempts = json.loads(progress.read_text()).get("attempts", [])
    if not any(a.get("bank") in banks for a in attempts):
        return False
    progress.unlink()
    return True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_control_works_in_jupyterlab(lab_session, path):
    # The session's JupyterLab page: the notebook is already open after its render test
    # (e2e/conftest.py orders the tests), and this test gets it just run and untouched.
    rel = str(path.relative_to(ROOT))
    if forget_answers(lab_session, path):
        lab_session.fresh = False
    page = lab_session.fresh_run(rel)
    settle(page, "Run All")
    seen: dict[str, dict] = {}
    try:
        inventory, rounds = walk_controls(page, path.stem, seen)
    except BaseException:
        page.screenshot(path=str(ARTIFACTS / f"controls-{path.stem}.png"))
        (ARTIFACTS / f"controls-{path.stem}.json").write_text(
            json.dumps({"failed": True, "controls": list(seen.values())}, indent=1)
        )
        raise
    page.screenshot(path=str(ARTIFACTS / f"controls-{path.stem}.png"))
    floor, got = control_floor(path), counts(inventory)
    (ARTIFACTS / f"controls-{path.stem}.json").write_text(
        json.dumps({"floor": floor, "counts": got, "rounds": rounds, "controls": inventory}, indent=1)
    )
    kinds = ", ".join(
        f"{got[k]} {k}"
        for k in ("button", "toggle", "upload", "dropdown", "listbox", "slider", "textbox", "checkbox", "radio")
        if got[k]
    )
    same = [c["label"] for c in inventory if c.get("unchanged")]
    note(
        f"controls {path.stem}: {got['controls']} used in {rounds} rounds ({kinds}; {got['options chosen']} options chosen"
        f"{f'; {len(same)} press(es) allowed to change nothing: {same}' if same else ''});"
        f" floor from the data: {sum(floor.values())} ({', '.join(f'{v} {k}' for k, v in sorted(floor.items()))})"
    )
    short = {k: (got[k], v) for k, v in floor.items() if got[k] < v}
    assert not short, f"{path.stem}: the walk used fewer controls than the data shows (used, floor): {short}"
    assert got["controls"] > 0, f"{path.stem}: no control found"
    unowned = [c for c in inventory if c["key"].startswith("unowned/")]
    assert not unowned, f"{path.stem}: controls not inside any widget view (cannot be told apart): {unowned}"
    # Nothing left: one more look finds no enabled control the walk has not used.
    left = [c for c in page.evaluate(JS_CONTROLS) if c["key"] not in {i["key"] for i in inventory}]
    assert left == [], f"{path.stem}: controls on the page that were never used: {left}"
