#!/usr/bin/env python3
"""Export reveal.js slide decks of the course notebooks with nbconvert.

    python scripts/build_slides.py [--out build/slides] [NOTEBOOK ...]

Each notebook is executed, widgets become marked "interactive" boxes (as on the static
site), and the slide metadata written by scripts/nbtool.py decides where slides start.
Decks load reveal.js from its CDN unless --reveal-prefix points at a local copy. In
JupyterLab, present live with RISE instead (the "Render as slideshow" toolbar button).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from build_site import execute, prepare  # noqa: E402


def build(out: Path, paths: list[Path], reveal_prefix: str | None = None) -> list[Path]:
    from nbconvert import SlidesExporter

    exporter = SlidesExporter()
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if reveal_prefix:
        exporter.reveal_url_prefix = reveal_prefix
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="glutecourse-slides-")
    written = []
    for path in paths:
        rel = str(path.relative_to(ROOT))
        nb = prepare(execute(path, home), rel)
        for cell in nb.cells:  # hidden setup cells stay hidden on slides too
            if "hide-input" in cell.metadata.get("tags", []):
                cell.metadata.setdefault("slideshow", {})["slide_type"] = "skip"
        body, _ = exporter.from_notebook_node(nb)
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"wrote {target}", file=sys.stderr)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides")
    parser.add_argument("--reveal-prefix", default=None)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    build(args.out, paths, args.reveal_prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
