"""Images have alt text, embed no date or network link, and every image a notebook shows exists.

Generated from data, deterministic and up to date: tests/test_generated.py."""

import json
import re

import pytest

from conftest import ROOT, course_notebooks

IMAGES = ROOT / "images"


# Whether the committed images are up to date, and that drawing is deterministic:
# tests/test_generated.py (make_images.py --check draws every figure in a fresh process and
# compares its bytes with the committed file).


def test_every_image_has_alt_text_in_the_manifest():
    manifest = json.loads((IMAGES / "manifest.json").read_text())
    for p in IMAGES.glob("*.svg"):
        assert len(manifest[p.name]["alt"]) >= 30, f"{p.name}: alt text missing or too short"


def test_svgs_embed_no_date_or_external_links():
    for p in IMAGES.glob("*.svg"):
        text = p.read_text()
        assert "<dc:date>" not in text
        assert not re.search(r'(?:href|src)="https?://', text), p.name


IMG_MD = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")
IMG_HTML = re.compile(r"<img\b[^>]*>", re.I)


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_images_exist_and_have_alt_text(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for alt, src in IMG_MD.findall(text):
            assert alt.strip(), f"{path.name}: image {src} has no alt text"
            assert not src.startswith("http"), f"{path.name}: image {src} is fetched from the network"
            assert (path.parent / src).resolve().is_file(), f"{path.name}: {src} does not exist"
        for tag in IMG_HTML.findall(text):
            assert re.search(r'alt="[^"]{10,}"', tag), f"{path.name}: {tag} lacks alt text"
