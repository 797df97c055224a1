"""Pages that read well (issue 13, "Pages"): code that is not for the reader is folded in
JupyterLab and Notebook 7 with the cell metadata they honour, and stays folded through
nbstripout and out of the static site and slides. The browser half is e2e/test_pages.py."""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, course_notebooks

sys.path.insert(0, str(ROOT / "scripts"))
from coursebuild import TEMPLATES, prepare  # noqa: E402
from nbtool import READER_EDITS, hide_code  # noqa: E402

BIN = Path(sys.executable).parent


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source_hidden(cell) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.stem)
def test_code_not_for_the_reader_is_folded(path):
    """Every code cell carries "jupyter": {"source_hidden": true}, the metadata JupyterLab
    and Notebook 7 fold an input with, except a cell tagged reader-edits (meant to be
    edited). A tag alone (hide-input) is not enough: JupyterLab ignores it."""
    cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    assert cells
    open_code = [
        (c["id"], "".join(c["source"])[:40])
        for c in cells
        if source_hidden(c) == (READER_EDITS in c["metadata"].get("tags", []))
    ]
    assert open_code == [], f"{path.name}: fix with python scripts/nbtool.py hide-code: {open_code}"


def test_hide_code_folds_all_code_but_a_cell_the_reader_edits():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("quiz('x')"),
        nbformat.v4.new_code_cell("AGE = 40", metadata={"tags": [READER_EDITS], "jupyter": {"source_hidden": True}}),
    ]
    out = hide_code(json.loads(nbformat.writes(nb)))
    assert [source_hidden(c) for c in out["cells"]] == [False, True, False]


def makefile_nbstripout_options() -> list[str]:
    """The options `make clean-notebooks` gives nbstripout, read from the Makefile."""
    line = next(
        ln for ln in (ROOT / "Makefile").read_text().splitlines() if "nbstripout" in ln and "--verify" not in ln
    )
    return [w for w in line.split() if w.startswith("--")]


def test_make_clean_notebooks_keeps_the_folding(tmp_path):
    """nbstripout, run as make clean-notebooks runs it on a notebook with outputs, removes
    the outputs and keeps source_hidden on every cell that had it."""
    src = ROOT / "notebooks" / "00-start-here.ipynb"
    nb = load(src)
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            c["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
            c["execution_count"] = 1
    path = tmp_path / src.name
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    options = makefile_nbstripout_options()
    done = subprocess.run([str(BIN / "nbstripout"), *options, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    clean = load(path)
    assert all(c.get("outputs", []) == [] for c in clean["cells"])
    before = [source_hidden(c) for c in nb["cells"]]
    assert [source_hidden(c) for c in clean["cells"]] == before and any(before)


def test_folded_code_is_left_out_of_site_pages():
    """The static site (and the slides, through the same prepare step) show the outputs of
    a folded cell, never its code."""
    from nbconvert import HTMLExporter

    path = ROOT / "notebooks" / "03-causes-and-risk-factors.ipynb"
    nb = nbformat.read(path, as_version=4)
    marker = "<p>shown-output-marker</p>"
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = [nbformat.v4.new_output("display_data", data={"text/html": marker})]
    codes = [c.source for c in nb.cells if c.cell_type == "code"]
    body, _ = HTMLExporter(template_name="course-site", extra_template_basedirs=[str(TEMPLATES)]).from_notebook_node(
        prepare(nb, "notebooks/" + path.name)
    )
    assert body.count("shown-output-marker") == len(codes)
    page = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", body)))
    shown = [code for code in codes if re.sub(r"\s+", "", code.split("\n")[-1])[:20] in page]
    assert shown == [], f"code shown on the page: {shown}"


# ------------------------------------------------------------------ references as links


def reference_links(keys) -> dict:
    """key -> the hrefs of the links in that reference's rendered list item."""
    from html.parser import HTMLParser

    from glutecourse.ui.references import references

    class Items(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.key = {}, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "li":
                self.key = a["id"].removeprefix("ref-")
                self.links[self.key] = []
            elif tag == "a" and self.key:
                self.links[self.key].append(a.get("href"))

    parser = Items()
    parser.feed(references(*keys).data)
    return parser.links


def test_every_reference_with_a_doi_or_url_renders_as_a_link():
    from glutecourse.catalog.references import bibliography

    bib = bibliography()
    links = reference_links(bib)
    with_doi = [k for k, e in bib.items() if e.doi]
    assert with_doi, "no DOI in data/references.json"
    for key, entry in bib.items():
        if entry.doi:
            assert links[key] == [f"https://doi.org/{entry.doi}"], key
        elif entry.url:
            assert links[key] == [entry.url], key
        else:
            assert links[key] == [], key


def test_notebook_reference_lists_link_their_dois():
    """Each notebook's one references(...) call: every cited source with a DOI is a link
    (the static site shows the same output)."""
    from glutecourse.catalog.references import bibliography

    bib = bibliography()
    linked = 0
    for path in course_notebooks():
        for cell in load(path)["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "code" and "references(" in text:
                keys = re.findall(r'"([a-z0-9-]+)"', text.split("references(", 1)[1])
                links = reference_links(keys)
                for key in keys:
                    if bib[key].doi:
                        assert f"https://doi.org/{bib[key].doi}" in links[key], (path.name, key)
                        linked += 1
    assert linked >= len([k for k, e in bib.items() if e.doi])


# ------------------------------------------------------------------ the static site


def site_colours() -> dict:
    """The site stylesheet's custom properties (--site-*), read with tinycss2."""
    import tinycss2

    css = (TEMPLATES / "course-site" / "site.css").read_text(encoding="utf-8")
    found = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.name.startswith("--site-"):
                    found[decl.name] = tinycss2.serialize(decl.value).strip()
    return found


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag_examples():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#1976d2", "#f3f8fc"), 2) < 4.5  # JupyterLab's link blue on the box: the axe failure


@pytest.mark.parametrize("fg", ["--site-text", "--site-link", "--site-muted"])
@pytest.mark.parametrize("bg", ["--site-page", "--site-box"])
def test_site_text_and_links_meet_wcag_aa(fg, bg):
    c = site_colours()
    ratio = contrast(c[fg], c[bg])
    assert ratio >= 4.5, f"{fg} {c[fg]} on {bg} {c[bg]}: {ratio:.2f}:1"


def test_site_css_reads_like_a_health_page():
    css = (TEMPLATES / "course-site" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"max-width:\s*7\dch", css), "text column in ch, about 70 characters"
    assert "text-decoration: underline" in css and "flex-wrap: wrap" in css
    assert re.search(r"text-align:\s*left", css)


def test_site_figures_link_to_the_full_size_image():
    from build_site import figure_links

    body = (
        '<p><img alt="a" src="../images/x.svg"></p><a href="y"><img src="z.png" alt="b"></a><img src="data:x" alt="c">'
    )
    out = figure_links(body)
    assert '<a class="site-figure" href="../images/x.svg"><img alt="a" src="../images/x.svg"></a>' in out
    assert out.count("<a") == 2  # an image already in a link, and an inline one, are left alone
