"""The printable handouts print on one page each, on A4 and on Letter, in Chromium (the
same print path as a reader's "Print" or "Save as PDF"), with their drawings loaded."""

from __future__ import annotations

import importlib.util

import pytest
from labserver import ROOT

spec = importlib.util.spec_from_file_location("make_handouts", ROOT / "scripts" / "make_handouts.py")
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)

from glutecourse.ui.handouts import HANDOUTS  # noqa: E402


@pytest.mark.e2e
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("name", sorted(HANDOUTS))
def test_each_handout_prints_on_one_page(browser, name, paper):
    page = browser.new_page()
    try:
        page.goto((ROOT / "handouts" / name).resolve().as_uri())
        page.wait_for_load_state("load")
        # every drawing decoded (a broken data: image would print as an empty box)
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
        assert broken == 0
        page.emulate_media(media="print")
        pdf = page.pdf(format=paper, print_background=True, prefer_css_page_size=True)
        assert tool.pdf_pages(pdf) == 1, f"{name} takes {tool.pdf_pages(pdf)} pages on {paper}"
    finally:
        page.close()
