"""Notebook 01's anatomy pictures in JupyterLab at 1280x800 (issue 13, "labels legible at
the size JupyterLab shows them"): every picture loads, and every text in it is 12 px or
more at the width the browser really shows it (computed from the figure objects that
draw the picture: size in pt x shown width in px / figure width in inches / 72)."""

from __future__ import annotations

import pytest
from jlab import SHORT, open_and_run, wait_widgets_synced
from playwright.sync_api import expect

from conftest import ARTIFACTS, new_page
from conftest import note as _note

NB = "notebooks/01-glute-anatomy.ipynb"
VIEWPORT = {"width": 1280, "height": 800}
MIN_PX = 12


def note(line: str):
    _note(line, "anatomy.txt")


@pytest.fixture
def page(browser):
    context, pg = new_page(browser, VIEWPORT)
    yield pg
    context.close()


def _figures():
    from glutecourse.charts import anatomy

    return {spec.name: spec for spec in anatomy.figures()}


def _check(name: str, shown_px: float, figures) -> float:
    from glutecourse.charts.anatomy import text_sizes_px

    sizes = text_sizes_px(figures[name].draw(), shown_px)
    small = [(text, round(px, 1)) for text, px in sizes if px < MIN_PX]
    assert not small, f"{name} shown {shown_px} px wide: texts under {MIN_PX} px: {small}"
    smallest = min(px for _, px in sizes)
    note(f"{name}: shown {shown_px:.0f} px wide, smallest text {smallest:.1f} px ({len(sizes)} texts)")
    return smallest


def test_anatomy_pictures_load_with_legible_labels_in_jupyterlab(page, lab):
    from glutecourse.charts.anatomy import JUPYTERLAB_COLUMN_PX

    figures = _figures()
    open_and_run(page, lab, NB)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    pictures = notebook.locator(".jp-RenderedMarkdown img[src*='anatomy-']")
    expect(pictures).to_have_count(2)
    for i in range(2):
        img = pictures.nth(i)
        img.scroll_into_view_if_needed()
        info = img.evaluate(
            "i => ({src: i.getAttribute('src'), shown: i.clientWidth, natural: i.naturalWidth,"
            " column: i.parentElement.clientWidth, ok: i.complete && i.naturalWidth > 0})"
        )
        assert info["ok"], f"{info['src']} did not load"
        name = info["src"].split("/")[-1].split("?")[0]
        # The figures are sized for this column: if JupyterLab's column were narrower the
        # pictures would shrink below what tests/test_anatomy.py assumes.
        assert info["column"] >= JUPYTERLAB_COLUMN_PX, info
        _check(name, info["shown"], figures)
        page.screenshot(path=str(ARTIFACTS / f"anatomy-{name.removesuffix('.svg')}.png"))

    # The explorer: its picture for every muscle, each shown with legible labels.
    choice = notebook.get_by_role("combobox", name="Muscle")
    choice.scroll_into_view_if_needed()
    explorer_img = notebook.locator(".jupyter-widgets img").first
    # ipywidgets shows option labels with no-break spaces.
    values = choice.locator("option").evaluate_all("os => os.map(o => o.textContent.replace(/\u00a0/g, ' '))")
    from glutecourse.core.text import strip_tags
    from glutecourse.topics.anatomy import muscles

    names = {strip_tags(m.name): m.image_name for m in muscles()}
    assert sorted(values) == sorted(names)
    for index, label in enumerate(values):
        choice.select_option(index=index)
        wait_widgets_synced(page)
        # The picture shown is this muscle's (its SVG names it), loaded.
        expect(notebook.locator(".gc-muscle h3")).to_contain_text(label, timeout=SHORT)
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=explorer_img.element_handle())
        shown = explorer_img.evaluate("i => i.clientWidth")
        _check(names[label], shown, figures)
    explorer_img.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "anatomy-explorer.png"))
