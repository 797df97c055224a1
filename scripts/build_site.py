#!/usr/bin/env python3
"""Build a static HTML version of the whole course, with executed outputs.

    python scripts/build_site.py [--out _site] [NOTEBOOK ...]

Every notebook is executed (in a throw-away reader directory), its hidden setup inputs are
removed, and every interactive widget is replaced by a clearly marked box: "open in
JupyterLab or Binder to try". Charts and diagrams are kept. Pages get navigation
(previous, course home, next) and the site needs no network: external scripts are dropped.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
BINDER = None  # read from the README's badge


def binder_base() -> str:
    m = re.search(r"\((https://mybinder\.org/v2/[^)?\s]+)", (ROOT / "README.md").read_text())
    return m.group(1) if m else ""


def interactive_placeholder(rel: str) -> dict:
    binder = binder_base()
    link = f' or <a href="{binder}?urlpath=lab/tree/{rel}">on Binder</a>' if binder else ""
    box = (
        '<div class="gc-interactive" style="border:2px dashed #0072B2;border-radius:6px;padding:8px 12px;'
        'margin:4px 0;background:#f3f8fc"><strong>Interactive element.</strong> This part is a live '
        f"widget (a quiz, self-check, explorer or tool). Open <code>{html.escape(rel)}</code> in "
        f"JupyterLab{link} to try it.</div>"
    )
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": box, "text/plain": "[interactive element]"}}


def execute(path: Path, home: str):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, GLUTECOURSE_HOME=home)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    return nb


def prepare(nb, rel: str):
    """Replace widgets with a marked placeholder; drop hidden inputs; keep everything else."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.outputs:
            if out.get("output_type") == "error":
                raise RuntimeError(f"{rel}: a cell raised {out.get('ename')}: {out.get('evalue')}")
            if WIDGET_MIME in out.get("data", {}):
                outputs.append(interactive_placeholder(rel))
            else:
                outputs.append(out)
        cell.outputs = outputs
        if "hide-input" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    nb.metadata.pop("widgets", None)
    return nb


def nav(prev_page, next_page, title: str, home: str) -> str:
    parts = ['<nav class="gc-nav" aria-label="Course navigation" style="font-family:sans-serif;padding:8px 16px;'
             'border-bottom:1px solid #ccc;display:flex;gap:1.5em">']
    parts.append(f'<a href="{prev_page[0]}">&larr; {html.escape(prev_page[1])}</a>' if prev_page else "<span></span>")
    parts.append(f'<a href="{home}">Course home</a>')
    parts.append(f'<a href="{next_page[0]}">{html.escape(next_page[1])} &rarr;</a>' if next_page else "<span></span>")
    parts.append(f'<span style="margin-left:auto;color:#555">{html.escape(title)}</span></nav>')
    return "".join(parts)


def strip_external(page: str) -> str:
    """No network: drop external scripts and stylesheets (nothing in the course needs them)."""
    page = re.sub(r'<script[^>]+src="https?://[^"]+"[^>]*>\s*</script>', "", page)
    page = re.sub(r'<link[^>]+href="https?://[^"]+"[^>]*>', "", page)
    page = re.sub(r'<script type="module">(?:(?!</script>).)*https?://(?:(?!</script>).)*</script>', "", page, flags=re.S)
    return page


def build(out: Path, paths: list[Path]) -> list[Path]:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from glutecourse.catalog.course import course
    from glutecourse.ui.safety import disclaimer_html

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    tag_remove = TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True)
    exporter.register_preprocessor(tag_remove, enabled=True)
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    shutil.copytree(ROOT / "images", out / "images")
    titles = {nb["file"]: nb["title"] for nb in course()["notebooks"]}
    pages = []
    home = tempfile.mkdtemp(prefix="glutecourse-site-")
    # Pages keep the notebooks' folder layout, so relative image links still work.
    targets = [out / p.relative_to(ROOT).with_suffix(".html") for p in paths]

    def link(i, here):
        return (os.path.relpath(targets[i], here.parent), titles.get(paths[i].name, paths[i].stem))

    for i, path in enumerate(paths):
        rel = str(path.relative_to(ROOT))
        target = targets[i]
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = prepare(execute(path, home), rel)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        prev_page = link(i - 1, target) if i else None
        next_page = link(i + 1, target) if i + 1 < len(paths) else None
        bar = nav(prev_page, next_page, titles.get(path.name, path.stem), os.path.relpath(out / "index.html", target.parent))
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + bar, body, count=1)
        body = body.replace("</body>", bar + "</body>")
        target.write_text(strip_external(body), encoding="utf-8")
        pages.append(target)
        print(f"built {target.relative_to(out)}", file=sys.stderr)
    c = course()
    rows = "".join(
        f"<tr><td><a href='notebooks/{Path(nb['file']).with_suffix('.html').name}'>{html.escape(nb['title'])}</a></td>"
        f"<td>{nb['minutes']} min</td><td>{html.escape('; '.join(nb['objectives']))}</td></tr>"
        for nb in c["notebooks"]
    )
    extra = [p for p in paths if p.name not in titles]
    extra_links = "".join(
        f"<li><a href='{p.relative_to(ROOT).with_suffix('.html')}'>{html.escape(p.stem.replace('-', ' '))}</a></li>" for p in extra
    )
    binder = binder_base()
    index = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(c['title'])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5">
<h1>{html.escape(c['title'])}</h1><p>{html.escape(c['promise'])}</p>{disclaimer_html()}
<p>This is the read-only version of the course: charts and text are here, interactive parts are marked.
To use the quizzes, self-check and tools, open the course in JupyterLab{f' or <a href="{binder}?urlpath=lab/tree/notebooks/00-start-here.ipynb">on Binder</a>' if binder else ''}.</p>
<table><tr><th scope="col" style="text-align:left">Notebook</th><th scope="col">Time</th><th scope="col" style="text-align:left">After it you can</th></tr>{rows}</table>
{f'<h2>Also in the course: for teachers, and the app page</h2><ul>{extra_links}</ul>' if extra_links else ''}
</body></html>"""
    (out / "index.html").write_text(index, encoding="utf-8")
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "_site")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    build(args.out, paths)
    print(f"site written to {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
