"""How long each notebook is, and how far a reader goes without something to do (issue 13,
"Pages": "a section never runs more than a few screens without something to do").

Every notebook of the course is opened in JupyterLab in a 1280x800 window (the file browser
open, as a reader first sees it; code cells folded as committed), run, and measured:

- **screens**: the notebook's rendered height (first cell's top to last cell's bottom) / 800 px;
- **longest stretch without something to do**, in screens. A *thing to do* is, in the DOM:
  - a cell output holding an interactive widget control (a ``button``, ``select``, ``input`` or
    ``textarea`` inside ``.jupyter-widgets``): quizzes, explorers, the self-check, sliders;
  - a Markdown prompt the reader opens to answer: a ``<details>`` whose ``<summary>`` starts
    with "Think", "Pause and predict" or "Try this" (style.md's think prompts). "Going deeper"
    blocks are optional reading, not something to do.
  A stretch runs from the bottom of one thing to do (or the top of the notebook) to the top of
  the next (or the top of the notebook's "References" heading: the reference list is for
  looking up, not for reading through).

The figures go to ``artifacts/e2e/screens.json`` and a full-page screenshot of every
notebook to ``artifacts/e2e/notebook-<name>.png``. The test fails when a notebook runs over
``CEILING`` screens or has a stretch over ``MAX_STRETCH`` screens without something to do.
"""

from __future__ import annotations

import json

import pytest
from jlab import JS_IMAGES_SETTLED, SHORT, wait_js

from conftest import ARTIFACTS, NOTEBOOKS, rel
from conftest import note as _note

VIEWPORT = {"width": 1280, "height": 800}
SCREEN = VIEWPORT["height"]  # px: one screen
# Chosen from the data (artifacts/e2e/screens.json). Round 4 shortened 01 (16.0 -> 13.6), 05
# (17.5 -> 13.2), 06 (21.3 -> 15.4) and 07 (14.3 -> 13.0); the longest now are 10 (15.8) and
# 06 (15.4), and the ceiling leaves room for the beliefs check that 00 and 10 are getting.
# The "about 10" to 12 is not reached yet for 01, 05-08 and 10.
CEILING = 18.0  # screens: no notebook longer
MAX_STRETCH = 3.0  # screens: "never more than a few screens without something to do"
#: Notebooks this change did not edit that still have a longer stretch (measured before it):
#: expected to fail until their owners add something to do; each says where.
NOT_YET = {}
RESULTS = ARTIFACTS / "screens.json"
PROMPT = r"^\s*(Think|Pause and predict|Try this)\b"

# Positions in px from the top of the first cell, measured in the notebook's scrolling panel.
JS_MEASURE = """(prompt) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const nb = panel.querySelector('.jp-Notebook');
  const cells = Array.from(nb.querySelectorAll('.jp-Cell'));
  const top0 = cells[0].getBoundingClientRect().top;
  const pos = el => { const r = el.getBoundingClientRect(); return [r.top - top0, r.bottom - top0]; };
  const end = pos(cells[cells.length - 1])[1];
  const controls = 'button, select, input, textarea';
  const re = new RegExp(prompt, 'i');
  const things = [];
  let refs = null;
  cells.forEach((cell, i) => {
    if (cell.classList.contains('jp-MarkdownCell')) {
      for (const h of cell.querySelectorAll('h1, h2, h3')) {
        if (refs === null && /^references\\b/i.test(h.innerText.trim())) refs = pos(h)[0];
      }
      for (const d of cell.querySelectorAll('details')) {
        const s = d.querySelector('summary');
        if (s && re.test(s.innerText)) things.push({cell: i, kind: 'prompt', at: pos(d), text: s.innerText.trim().slice(0, 70)});
      }
    }
    for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
      const w = out.querySelector('.jupyter-widgets');
      if (w && w.querySelector(controls)) {
        const label = (out.innerText || '').trim().split('\\n')[0].slice(0, 70);
        things.push({cell: i, kind: 'widget', at: pos(out), text: label});
      }
    }
  });
  const stop = refs === null ? end : refs;
  const marks = [[0, 0], ...things.map(t => t.at).filter(a => a[0] < stop).sort((a, b) => a[0] - b[0]), [stop, stop]];
  let longest = {from: 0, to: 0, px: 0};
  let reach = 0;  // the bottom of everything to do so far (things may nest or overlap)
  for (let k = 1; k < marks.length; k++) {
    const gap = marks[k][0] - reach;
    if (gap > longest.px) longest = {from: reach, to: marks[k][0], px: gap};
    reach = Math.max(reach, marks[k][1]);
  }
  // The height of the things to do themselves (overlaps counted once): the rest is reading.
  let busy = 0, upTo = 0;
  for (const [a, b] of things.map(t => t.at).sort((x, y) => x[0] - y[0])) {
    const from = Math.max(a, upTo); if (b > from) { busy += b - from; upTo = b; }
  }
  return {height: end, measuredTo: stop, busy, width: nb.getBoundingClientRect().width, cells: cells.length, things, longest};
}"""

# Where the longest stretch starts and ends: the first line of the cells there.
JS_CELL_AT = """(y) => {
  const cells = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell'));
  const top0 = cells[0].getBoundingClientRect().top;
  const hit = cells.find(c => c.getBoundingClientRect().bottom - top0 > y) || cells[cells.length - 1];
  return (hit.innerText || '').trim().split('\\n')[0].slice(0, 60);
}"""


def note(line: str):
    _note(line, "screens.txt")


@pytest.fixture
def screens_session(lab_session):
    """The session's JupyterLab page at 1280x800 while in use: e2e/conftest.py runs this
    file's test of a notebook right after its render test, so the notebook is already run
    and untouched there (no second Run All)."""
    old = lab_session.page.viewport_size
    lab_session.page.set_viewport_size(VIEWPORT)
    yield lab_session
    lab_session.page.set_viewport_size(old)


@pytest.fixture(scope="module")
def results():
    found: dict = {}
    yield found
    if found:
        from filelock import FileLock

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        # Each pytest-xdist worker measures its own notebooks: merged under a lock.
        with FileLock(str(RESULTS) + ".lock"):
            old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
            old.update(found)
            summary = {k: v for k, v in sorted(old.items())}
            RESULTS.write_text(json.dumps(summary, indent=1) + "\n")


# Scroll the notebook's panel to its top; returns where its last cell ends in the window.
JS_TO_TOP = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  for (const el of panel.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')) el.scrollTop = 0;
  const cells = panel.querySelectorAll('.jp-Cell');
  return {first: cells[0].getBoundingClientRect().top, last: cells[cells.length - 1].getBoundingClientRect().bottom};
}"""


def full_page_screenshot(page, height: float, path):
    """The whole notebook in one picture: the window is made as tall as the notebook (it
    scrolls inside its own panel, so Playwright's full_page would show one screen), scrolled
    to its top, cut below its last cell, then put back."""
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 400})
    try:
        wait_js(
            page,
            "(h) => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')"
            " || document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');"
            " p.scrollTop = 0; return p.clientHeight >= h && p.scrollTop === 0; }",
            "the notebook panel to grow to the whole notebook",
            SHORT,
            arg=int(height) - 1,
        )
        wait_js(page, JS_IMAGES_SETTLED, "images to load", SHORT)
        box = page.evaluate(JS_TO_TOP)
        bottom = min(box["last"] + 16, int(height) + 400)
        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": bottom})
    finally:
        page.set_viewport_size(VIEWPORT)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=NOT_YET[p.stem], strict=True, raises=AssertionError))
        if p.stem in NOT_YET
        else p
        for p in NOTEBOOKS
    ],
    ids=lambda p: p.stem,
)
def test_screens_and_stretches(screens_session, results, path):
    page = screens_session.open(rel(path))
    if not screens_session.fresh:  # someone clicked in it since its Run All
        screens_session.run_all()
    page.evaluate("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook').scrollTop = 0")
    m = page.evaluate(JS_MEASURE, PROMPT)
    longest = m["longest"]
    row = {
        "screens": round(m["height"] / SCREEN, 2),
        "reading_screens": round((m["height"] - m["busy"]) / SCREEN, 2),
        "longest_stretch_screens": round(longest["px"] / SCREEN, 2),
        "longest_stretch_from": page.evaluate(JS_CELL_AT, longest["from"] + 1),
        "longest_stretch_to": page.evaluate(JS_CELL_AT, max(longest["to"] - 1, 0)),
        "things_to_do": [f"{t['kind']}: {t['text']}" for t in m["things"]],
        "height_px": round(m["height"]),
        "measured_to_px": round(m["measuredTo"]),
        "notebook_width_px": round(m["width"]),
    }
    results[path.stem] = row
    note(
        f"{path.stem}: {row['screens']:.1f} screens ({row['reading_screens']:.1f} of reading), {len(m['things'])} things to do, longest stretch "
        f"{row['longest_stretch_screens']:.1f} screens ({row['longest_stretch_from']!r} .. {row['longest_stretch_to']!r})"
    )
    full_page_screenshot(page, m["height"], ARTIFACTS / f"notebook-{path.stem}.png")
    assert m["cells"] > 3 and m["height"] > SCREEN, f"{path.name}: nothing measured ({m})"
    assert row["screens"] <= CEILING, f"{path.name}: {row['screens']} screens, over the ceiling of {CEILING}"
    assert row["longest_stretch_screens"] <= MAX_STRETCH, (
        f"{path.name}: {row['longest_stretch_screens']} screens without something to do, from "
        f"{row['longest_stretch_from']!r} to {row['longest_stretch_to']!r}"
    )
