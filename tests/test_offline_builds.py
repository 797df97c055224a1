"""Slide decks and the static site work with the network off (issue 10, "Offline").

The checker (scripts/offline_check.py) is tried on every way a page can reach the network,
then real decks and site pages are built and must pass it: nothing non-local, and every
local reference resolves to a shipped file. The browser half is e2e/test_offline.py.
"""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import DECKS, ROOT, course_notebooks

sys.path.insert(0, str(ROOT / "scripts"))
from coursebuild import REVEAL, REVEAL_FILES, Retarget, locked_reveal_version, unsupported  # noqa: E402
from offline_check import check_tree, kind_of  # noqa: E402

HOST = "cdn.example.org"

# Each way a page can load something from another machine, spelt the ways that slipped
# past the old regex stripping (single quotes, no quotes, upper case, //host, ...).
HOSTILE = {
    "script, double quotes": f'<script src="https://{HOST}/a.js"></script>',
    "script, single quotes": f"<script src='https://{HOST}/a.js'></script>",
    "script, no quotes": f"<script src=https://{HOST}/a.js></script>",
    "script, upper case": f'<SCRIPT SRC="HTTPS://{HOST.upper()}/A.JS"></SCRIPT>',
    "script, protocol-relative": f'<script src="//{HOST}/a.js"></script>',
    "script, character references": f'<script src="&#104;ttps://{HOST}/a.js"></script>',
    "script, tab inside the scheme": f'<script src="ht\ttps://{HOST}/a.js"></script>',
    "script, spaces around": f'<script src="  https://{HOST}/a.js  "></script>',
    "module import in script text": f'<script type="module">import m from "https://{HOST}/m.mjs";</script>',
    "fetch of //host in script text": f"<script>fetch('//{HOST}/data.json')</script>",
    "stylesheet link": f'<link rel="stylesheet" href="https://{HOST}/a.css">',
    "preconnect link": f"<link rel=preconnect href=//{HOST}>",
    "img": f'<img src="http://{HOST}/a.png" alt="x">',
    "img srcset": f'<img src="a.png" srcset="a.png 1x, https://{HOST}/b.png 2x" alt="x">',
    "picture source srcset": f'<picture><source srcset="https://{HOST}/b.webp"></picture>',
    "iframe": f'<iframe src="https://{HOST}/embed"></iframe>',
    "iframe srcdoc": f'<iframe srcdoc="<img src=&quot;https://{HOST}/x.png&quot;>"></iframe>',
    "video poster": f'<video poster="https://{HOST}/p.jpg"></video>',
    "object data": f'<object data="https://{HOST}/o.svg"></object>',
    "embed": f'<embed src="https://{HOST}/e.swf">',
    "audio source": f'<audio><source src="https://{HOST}/a.mp3"></audio>',
    "body background": f'<body background="https://{HOST}/bg.png"></body>',
    "base": f'<base href="https://{HOST}/">',
    "meta refresh": f'<meta http-equiv="refresh" content="0; url=https://{HOST}/">',
    "lazy-loading data-src": f'<img data-src="https://{HOST}/lazy.png" alt="x">',
    "a ping": f'<a href="#top" ping="https://{HOST}/track">top</a>',
    "svg image href": f'<svg><image href="https://{HOST}/i.png"/></svg>',
    "svg xlink:href": f'<svg><use xlink:href="https://{HOST}/s.svg#i"/></svg>',
    "CSS @import string": f'<style>@import "https://{HOST}/a.css";</style>',
    "CSS @import url()": f"<style>@import url(https://{HOST}/a.css);</style>",
    "CSS url(), single quotes": f"<style>body {{ background: url('https://{HOST}/bg.png') }}</style>",
    "CSS url(), upper case": f"<style>body {{ background: URL(HTTPS://{HOST.upper()}/BG.PNG) }}</style>",
    "CSS url() with an escape": f"<style>body {{ background: u\\72l(https://{HOST}/bg.png) }}</style>",
    "CSS @font-face src": f"<style>@font-face {{ font-family: x; src: url(//{HOST}/f.woff2) }}</style>",
    "CSS image-set()": f'<style>div {{ background-image: image-set("https://{HOST}/a.png" 1x) }}</style>',
    "style attribute url()": f'<div style="background:url(https://{HOST}/bg.png)"></div>',
    "event handler": f'<img src="a.png" alt="x" onerror="this.src=\'https://{HOST}/x.png\'">',
    "data: stylesheet importing": f'<link rel="stylesheet" href="data:text/css,@import%20%22https://{HOST}/a.css%22;">',
    "absolute path": '<script src="/static/a.js"></script>',
    "file: address": '<img src="file:///usr/share/pixmaps/a.png" alt="x">',
    "missing local file": '<img src="images/not-there.png" alt="x">',
    "local file outside the folder": '<link rel="stylesheet" href="../outside.css">',
}

# References that are fine offline: links a reader clicks, inline data, shipped files.
ALLOWED = (
    f'<a href="https://{HOST}/source">a cited source</a> <a href="mailto:x@example.org">mail</a>'
    '<a href="#top">top</a> <img src="a.png" alt="a"> <img src="data:image/png;base64,AAAA" alt="b">'
    '<img src="a.png?v=2#frag" alt="c"> <blockquote cite="https://example.org/q">quote</blockquote>'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use href="#i"/></svg>'
    f"<style>/* from https://{HOST}/theme */ @namespace svg url(http://www.w3.org/2000/svg); "
    "p { background: url(a.png) } </style>"
    "<script>var a = 1; // nothing fetched</script>"
    '<h3 id="Claim-vs-evidence:-tight-glutes">a heading whose id has a colon</h3>'
)


def write_page(tmp_path, body):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "outside.css").write_text("p{}")
    (out / "page.html").write_text(f"<!DOCTYPE html><html><head></head><body>{body}</body></html>")
    return out


@pytest.mark.parametrize("form", list(HOSTILE), ids=list(HOSTILE))
def test_checker_catches_every_form(tmp_path, form):
    problems = check_tree(write_page(tmp_path, HOSTILE[form]))
    assert len(problems) >= 1, f"{form}: not caught"
    assert all(p.file.name == "page.html" and p.line >= 1 for p in problems)
    text = " ".join(str(p) for p in problems).lower()
    assert HOST in text or "/static/a.js" in text or "file:" in text or "not-there" in text or "outside" in text


def test_checker_allows_clickable_links_inline_data_and_shipped_files(tmp_path):
    assert check_tree(write_page(tmp_path, ALLOWED)) == []


def test_checker_reads_css_and_js_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "theme.css").write_text(f'@import "https://{HOST}/fonts.css";\np {{ color: red }}')
    (out / "lib.js").write_text(f'load("https://{HOST}/x.js");')
    problems = check_tree(out)
    assert sorted(p.file.name for p in problems) == ["lib.js", "theme.css"]


def test_kinds_of_address():
    assert [
        kind_of(u)
        for u in (
            "HTTPS://X.ORG",
            "//x.org/a",
            "\\\\x.org",
            "/a.css",
            "file:///a",
            "a/b.png",
            "#x",
            "data:,x",
            "mailto:a@b",
            " javascript:x",
        )
    ] == [
        "external",
        "external",
        "external",
        "absolute",
        "absolute",
        "relative",
        "fragment",
        "inline",
        "click",
        "script",
    ]


# ------------------------------------------------------------------ what the builds leave out


def markdown_nb(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(s) for s in sources]
    return nb


@pytest.mark.parametrize(
    "text",
    [
        "Energy is $E = mc^2$ here.",
        "$$a + b$$",
        r"Inline \(x\) maths",
        r"\begin{align} x \end{align}",
        "```mermaid\ngraph TD; A-->B\n```",
    ],
)
def test_maths_and_diagrams_are_found(text):
    found = unsupported(markdown_nb("Intro.", text), "x.ipynb")
    assert len(found) == 1 and found[0].startswith("x.ipynb, cell 1:"), found


def test_prices_and_code_are_not_maths():
    assert unsupported(markdown_nb("It costs $5 to $10, or $5-$10.", "Use `$HOME` and `a $b$ c`."), "x.ipynb") == []


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.stem)
def test_course_has_no_maths_or_diagrams_so_no_mathjax_or_mermaid_is_shipped(path):
    assert unsupported(nbformat.read(path, as_version=4), path.name) == []


def test_links_between_notebooks_point_at_built_pages_or_become_text(tmp_path):
    src = ROOT / "notebooks" / "00-start-here.ipynb"
    other = ROOT / "notebooks" / "01-glute-anatomy.ipynb"
    nb = markdown_nb(
        "[next](01-glute-anatomy.ipynb#top) and [diary](09-pain-diary.ipynb), ![chart](../images/diary-sample.svg)"
        ' <a href="01-glute-anatomy.ipynb">anatomy</a> <a href="09-pain-diary.ipynb">diary</a>'
    )
    Retarget(src, tmp_path, tmp_path, {other: tmp_path / "01.slides.html"}).notebook(nb)
    assert nb.cells[0].source == (
        "[next](01.slides.html#top) and diary, ![chart](images/diary-sample.svg)"
        ' <a href="01.slides.html">anatomy</a> <a >diary</a>'
    )
    assert (tmp_path / "images" / "diary-sample.svg").read_bytes() == (
        ROOT / "images" / "diary-sample.svg"
    ).read_bytes()


# ------------------------------------------------------------------ real builds


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.images, self.styles = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a.get("src"))
        elif tag == "img":
            self.images.append(a.get("src"))
        elif tag == "link":
            self.styles.append(a.get("href"))


def refs(path):
    parser = Refs()
    parser.feed(path.read_text())
    return parser


def markdown_images(path):
    cells = json.loads(path.read_text())["cells"]
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return len(re.findall(r"!\[[^\]]*\]\(", text)) + len(re.findall(r"<img\b", text, re.I))


def shows_quiz(nb) -> bool:
    """Whether a notebook shows a quiz (its static version then needs static/quiz.js)."""
    from static_quiz import quizzes_for

    cells = json.loads(nb.read_text())["cells"]
    return any(quizzes_for("".join(c["source"])) for c in cells if c["cell_type"] == "code")


def run(*args):
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=900)


# The decks and the site are built once per test session, from the session's one run of
# each notebook (tests/conftest.py: built_decks, built_site; tests/executed.py).


@pytest.mark.slow
def test_decks_reference_nothing_outside_their_folder(built_decks):
    assert check_tree(built_decks) == []


@pytest.mark.slow
def test_decks_load_shipped_reveal_and_no_other_library(built_decks):
    decks = built_decks
    shown = 0
    for nb in DECKS:
        deck = decks / f"{nb.stem}.slides.html"
        r = refs(deck)
        assert r.scripts.count(None) == 1, "one inline script: Reveal.initialize"
        # reveal.js, and the shipped quiz script where the notebook shows a quiz (static_quiz.py)
        quiz = ["static/quiz.js"] if shows_quiz(nb) else []
        assert sorted(s for s in r.scripts if s) == sorted(
            ["reveal.js/dist/plugin/notes.js", "reveal.js/dist/reveal.js", *quiz]
        )
        assert sorted(r.styles) == ["reveal.js/dist/reveal.css", "reveal.js/dist/theme/white.css"]
        text = deck.read_text().lower()
        for library in ("jquery", "require.js", "require.min.js", "mathjax", "mermaid"):
            assert library not in text, f"{deck.name} still mentions {library}"
        # Every image the notebook shows is in the deck, loaded from the output folder.
        assert len(r.images) == markdown_images(nb)
        shown += len(r.images)
        assert all(src.startswith("images/") and (decks / src).is_file() for src in r.images)
    assert shown > 0, "no deck showed a picture: the image check above checked nothing"
    # The shipped files are the npm package's, at the locked version.
    assert json.loads((REVEAL / "package.json").read_text())["version"] == locked_reveal_version()
    for rel in REVEAL_FILES:
        assert (decks / "reveal.js" / rel).read_bytes() == (REVEAL / rel).read_bytes()


@pytest.mark.slow
def test_site_pages_load_no_script_and_reference_nothing_outside(built_site):
    # Nothing outside the folder, nothing from the network: build_site.py runs check_tree on
    # the whole site and fails otherwise (built_site asserts it succeeded).
    site = built_site
    for nb in course_notebooks():
        page = site / nb.relative_to(ROOT).with_suffix(".html")
        r = refs(page)
        # No script but the course's own quiz script, shipped in the site, on a page with a quiz.
        quiz = [Path(os.path.relpath(site / "static" / "quiz.js", page.parent)).as_posix()] if shows_quiz(nb) else []
        assert r.scripts == quiz, f"{page.name} loads scripts: {r.scripts}"
        assert len([s for s in r.images if not s.startswith("data:")]) == markdown_images(nb)
    # Links between built pages work, and no link to a notebook is left behind.
    start = (site / "notebooks" / "00-start-here.html").read_text()
    assert 'href="01-glute-anatomy.html"' in start
    assert not re.findall(r'href="[^":]*\.ipynb[#"]', start)


def test_build_refuses_a_notebook_outside_the_course(tmp_path):
    nb = tmp_path / "elsewhere.ipynb"
    nbformat.write(markdown_nb("# Hi"), nb)
    done = run(ROOT / "scripts" / "build_slides.py", "--out", tmp_path / "out", nb)
    assert done.returncode == 2 and "course's own notebooks" in done.stderr and "Traceback" not in done.stderr
