"""Build a static HTML version of the whole course, with executed outputs.

    python scripts/build_site.py [--out _site] [--no-cache] [NOTEBOOK ...]

Every notebook is executed (in a throw-away reader directory; runs are cached in
build/executed/ and shared with the slide builder), its hidden setup inputs are removed,
and every interactive widget is replaced by a clearly marked box: "open in JupyterLab or
Binder to try". Charts and diagrams are kept. Pages get navigation (previous, course home,
next); links between notebooks point at their pages.

The site works with the network off, by construction rather than by stripping: pages come
from a template (scripts/templates/course-site) that loads no script at all (no require.js,
MathJax, mermaid or widget renderer), the styles are inlined, and images are copied beside
the pages. scripts/offline_check.py then checks every page strictly; the build fails on any
reference to the network or to a file that is not there.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from coursebuild import (  # noqa: E402
    TEMPLATES,
    BuildError,
    Retarget,
    binder_base,
    executed,
    inputs_fingerprint,
    prepare,
    refuse_unsupported,
)
from offline_check import check_tree  # noqa: E402
from static_quiz import embed as embed_quizzes  # noqa: E402

SITE_CSS = TEMPLATES / "course-site" / "site.css"
_IMG = re.compile(r"(<a\b[^>]*>\s*)?(<img\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>)", re.I)


def figure_links(body: str) -> str:
    """Every image not already in a link opens full size when tapped (a phone's reader
    can zoom the picture itself). Inline data images stay as they are."""

    def wrap(m):
        if m.group(1) or m.group(3).startswith("data:"):
            return m.group(0)
        return f'<a class="site-figure" href="{m.group(3)}">{m.group(2)}</a>'

    return _IMG.sub(wrap, body)


def nav(prev_page, next_page, title: str, home: str, label: str = "Course navigation") -> str:
    """The navigation bar; the one at the top and the one at the end of a page carry
    different names (``label``), so a screen reader's list of landmarks tells them apart."""
    parts = [f'<nav class="gc-nav" aria-label="{html.escape(label)}">']
    parts.append(f'<a href="{prev_page[0]}">&larr; {html.escape(prev_page[1])}</a>' if prev_page else "")
    parts.append(f'<a href="{home}">Course home</a>')
    parts.append(f'<a href="{next_page[0]}">{html.escape(next_page[1])} &rarr;</a>' if next_page else "")
    parts.append(f'<span class="gc-nav-title">{html.escape(title)}</span></nav>')
    return "".join(parts)


def build(out: Path, paths: list[Path], use_cache: bool = True) -> list[Path]:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from glutecourse.catalog.course import course
    from glutecourse.ui.safety import disclaimer_html

    out = Path(out)
    exporter = HTMLExporter(template_name="course-site", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    tag_remove = TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True)
    exporter.register_preprocessor(tag_remove, enabled=True)
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    shutil.copytree(ROOT / "images", out / "images")
    titles = {nb.file: nb.title for nb in course().notebooks}
    pages = []
    # Pages keep the notebooks' folder layout (notebooks/, notebooks/instructor/, ...).
    targets = [out / p.relative_to(ROOT).with_suffix(".html") for p in paths]
    built = dict(zip(paths, targets))
    fingerprint = inputs_fingerprint()
    site_css = SITE_CSS.read_text(encoding="utf-8")

    def link(i, here):
        return (Path(os.path.relpath(targets[i], here.parent)).as_posix(), titles.get(paths[i].name, paths[i].stem))

    for i, path in enumerate(paths):
        rel = path.relative_to(ROOT).as_posix()
        target = targets[i]
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = executed(path, use_cache, fingerprint)
        refuse_unsupported(nb, rel)
        nb = prepare(nb, rel)
        Retarget(path, out, target.parent, built).notebook(nb)
        embed_quizzes(nb, out, target.parent)  # the quizzes work on the page (static/quiz.js)
        prev_page = link(i - 1, target) if i else None
        next_page = link(i + 1, target) if i + 1 < len(paths) else None
        home = Path(os.path.relpath(out / "index.html", target.parent)).as_posix()
        title = titles.get(path.name, path.stem)
        bar = nav(prev_page, next_page, title, home)
        end_bar = nav(prev_page, next_page, title, home, label="Course navigation, end of page")
        body, _ = exporter.from_notebook_node(
            nb,
            resources={
                "metadata": {"name": path.stem},
                "course_nav": bar,
                "course_nav_end": end_bar,
                "course_css": site_css,
            },
        )
        target.write_text(figure_links(body), encoding="utf-8")
        pages.append(target)
        print(f"built {target.relative_to(out)}", file=sys.stderr)
    c = course()
    page_of = {p.name: t for p, t in built.items() if p.parent == ROOT / "notebooks"}

    def title_cell(nb):
        page = page_of.get(nb.file)
        title = html.escape(nb.title)
        return f"<a href='{page.relative_to(out).as_posix()}'>{title}</a>" if page else title

    rows = "".join(
        f"<tr><td>{title_cell(nb)}</td><td>{nb.minutes} min</td><td>{html.escape('; '.join(nb.objectives))}</td></tr>"
        for nb in c.notebooks
    )
    extra = [p for p in paths if p.name not in titles]
    extra_links = "".join(
        f"<li><a href='{built[p].relative_to(out).as_posix()}'>{html.escape(p.stem.replace('-', ' '))}</a></li>"
        for p in extra
    )
    binder = binder_base()
    index = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(c.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style id="site-css">{site_css}</style></head>
<body><main class="site-index">
<h1>{html.escape(c.title)}</h1><p>{html.escape(c.promise)}</p>{disclaimer_html()}
<p>This is the read-only version of the course: charts and text are here, and the quizzes work (nothing you
answer is saved); other interactive parts are marked. To use the self-check and tools, open the course in JupyterLab{f' or <a href="{binder}?urlpath=lab/tree/notebooks/00-start-here.ipynb">on Binder</a>' if binder else ""}.</p>
<table><tr><th scope="col" style="text-align:left">Notebook</th><th scope="col">Time</th><th scope="col" style="text-align:left">After it you can</th></tr>{rows}</table>
{f"<h2>Also in the course: for teachers, and the app page</h2><ul>{extra_links}</ul>" if extra_links else ""}
</main></body></html>"""
    (out / "index.html").write_text(index, encoding="utf-8")
    problems = check_tree(out)
    if problems:
        raise BuildError(f"{out} does not work offline:\n  " + "\n  ".join(map(str, problems)))
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "_site")
    parser.add_argument("--no-cache", action="store_true", help="execute every notebook again (ignore build/executed/)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    bad = [str(p) for p in paths if not p.is_file() or not p.is_relative_to(ROOT)]
    if bad:
        print(f"Not a notebook of this course: {', '.join(bad)}", file=sys.stderr)
        return 2
    try:
        build(args.out, paths, use_cache=not args.no_cache)
    except BuildError as e:
        print(f"build_site: {e}", file=sys.stderr)
        return 1
    print(f"site written to {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
