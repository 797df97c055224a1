"""Characters a reader's browser may not have a font for never reach the page (issue 13:
"ⓘ" showed as an empty box in Debian's Chromium). The package's views, the data and the
notebooks are scanned; the first list is the glyphs known to be missing from the fonts
Debian's Chromium falls back on (DejaVu, Liberation)."""

from pathlib import Path

import pytest

from conftest import ROOT

MISSING_GLYPHS = {"ⓘ": "CIRCLED LATIN SMALL LETTER I"}
SCANNED = sorted(
    [*(ROOT / "src" / "glutecourse").rglob("*.py"), *(ROOT / "src" / "glutecourse").rglob("*.css")]
    + [*(ROOT / "data").rglob("*.json"), *(ROOT / "notebooks").rglob("*.ipynb")]
)


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_no_glyph_the_fonts_lack(path):
    text = path.read_text(encoding="utf-8")
    found = {ch: name for ch, name in MISSING_GLYPHS.items() if ch in text}
    assert not found, f"{path.relative_to(ROOT)} uses {found}: write a word (Note:, Remember:) instead"
