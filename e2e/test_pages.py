"""Pages that read well, measured in JupyterLab (issue 13, "Pages"): code not for the
reader is folded, widget text has the notebook's type size and line height, and how many
screens each notebook runs to (and the longest stretch without something to do)."""

from __future__ import annotations

import json

import pytest
from jlab import open_and_run
from labserver import ROOT

from conftest import ARTIFACTS, new_page, rel
from conftest import note as _note

VIEWPORT = {"width": 1280, "height": 800}
MEASURES = "pages.txt"  # this file's measured lines, in the artefacts


def note(line: str):
    _note(line, MEASURES)


@pytest.fixture
def page(browser):
    context, pg = new_page(browser, VIEWPORT)
    yield pg
    context.close()


JS_CODE_CELLS = """() => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  return Array.from(root.querySelectorAll('.jp-CodeCell')).map(cell => {
    const editor = cell.querySelector('.jp-InputArea-editor');
    const placeholder = cell.querySelector('.jp-InputPlaceholder, .jp-Placeholder');
    return {
      editorVisible: !!editor && editor.checkVisibility() && editor.getBoundingClientRect().height > 0,
      placeholderVisible: !!placeholder && placeholder.checkVisibility(),
      text: editor ? editor.innerText.slice(0, 40) : '',
    };
  });
}"""


def test_code_is_folded_in_jupyterlab(page, lab):
    """Every code cell of 03 shows no editor (its code), only JupyterLab's folded-input bar;
    the outputs (tables, widgets) are still there."""
    path = ROOT / "notebooks" / "03-causes-and-risk-factors.ipynb"
    open_and_run(page, lab, rel(path))
    cells = page.evaluate(JS_CODE_CELLS)
    code = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    assert len(cells) == len(code)
    visible = [c["text"] for c in cells if c["editorVisible"]]
    assert visible == [], f"code visible: {visible}"
    assert all(c["placeholderVisible"] for c in cells)
    page.screenshot(path=str(ARTIFACTS / "pages-code-folded.png"))
    note(f"JupyterLab {path.name}: {len(cells)} code cells, all folded")


# The computed type of the first visible element of each kind, in the current notebook.
JS_TYPE = """(selectors) => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const out = {};
  for (const [name, sel] of Object.entries(selectors)) {
    const el = Array.from(root.querySelectorAll(sel)).find(e => e.checkVisibility() && e.innerText.trim());
    if (!el) { out[name] = null; continue; }
    const s = getComputedStyle(el);
    out[name] = {size: parseFloat(s.fontSize), leading: s.lineHeight === 'normal' ? 0 : parseFloat(s.lineHeight)};
  }
  return out;
}"""

# Before this change (ipywidgets' and JupyterLab's defaults): notebook markdown 14/22.4 px,
# case card 14/22.4, table cell 13 px on "normal" lines, widget text 13/28 px.
# Notebook 06 has all three: Markdown prose, a case card and a table (HTML views), and
# widget text (the treatment explorer's HTML widget).
TYPE_SELECTORS = {
    "notebook markdown": ".jp-RenderedMarkdown p",
    "case card": ".gc-case p, .gc-case li",
    "table cell": "table.gc-table td",
    "widget text": ".widget-html > .widget-html-content",
}


def test_widget_and_view_text_matches_the_notebook_text(page, lab):
    open_and_run(page, lab, "notebooks/06-treatment-options.ipynb")
    found = page.evaluate(JS_TYPE, TYPE_SELECTORS)
    note(
        "type in 06 (font-size px / line-height px): "
        + "; ".join(f"{k} {v['size']:g}/{v['leading']:g}" if v else f"{k} not found" for k, v in found.items())
    )
    assert all(found.values()), found
    prose = found["notebook markdown"]
    for name, t in found.items():
        ratio = t["leading"] / t["size"]
        assert 1.3 <= ratio <= 1.6 + 1e-6, f"{name}: line height {t['leading']} px on {t['size']} px text"
        assert abs(t["size"] - prose["size"]) <= 0.5, f"{name}: {t['size']} px, the notebook's text {prose['size']} px"
        assert abs(t["leading"] - prose["leading"]) <= 1, (
            f"{name}: {t['leading']} px lines, notebook {prose['leading']}"
        )
