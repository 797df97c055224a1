#!/usr/bin/env python3
"""Export reveal.js slide decks of the course notebooks, that work with the network off.

    python scripts/build_slides.py [--out build/slides] [--no-cache] [NOTEBOOK ...]

Each notebook is executed (or taken from the build cache shared with the site builder),
widgets become marked "interactive" boxes (as on the static site), and the slide metadata
written by scripts/nbtool.py decides where slides start. Everything a deck loads is shipped
beside it, so the folder can be copied to a classroom machine without internet:

    build/slides/
      00-start-here.slides.html ...
      reveal.js/   reveal.js, its CSS and white theme, the speaker-notes plugin (npm package
                   reveal.js at the version in package-lock.json; `npm ci` installs it)
      images/      the course images the decks show

No jQuery, require.js, MathJax or mermaid: reveal.js needs none of them and the course has
no maths or diagrams written as code (the build stops if one appears). After writing, the
decks are checked with scripts/offline_check.py. In JupyterLab, present live with RISE
instead (the "Render as slideshow" toolbar button).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from coursebuild import (  # noqa: E402
    REVEAL_FOLDER,
    REVEAL_THEME,
    TEMPLATES,
    BuildError,
    Retarget,
    copy_reveal,
    executed,
    inputs_fingerprint,
    prepare,
    refuse_unsupported,
)
from offline_check import Checker  # noqa: E402
from static_quiz import embed as embed_quizzes  # noqa: E402

#: The slide size (reveal.js scales it to the window): a 1280x720 screen shows it at 1:1.
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
#: A cell whose output is a glossary box or the glossary table (ui/glossary.py's classes).
GLOSSARY = re.compile(r"gc-glossary")


def deck_name(path: Path) -> str:
    return f"{path.stem}.slides.html"


def exporter():
    from nbconvert import SlidesExporter

    ex = SlidesExporter(template_name="course-slides", extra_template_basedirs=[str(TEMPLATES)])
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.reveal_url_prefix = REVEAL_FOLDER  # relative to the deck: the copy beside it
    ex.reveal_theme = REVEAL_THEME
    # 16:9 slides; a slide too tall for the screen is split into sub-slides (or shrunk) by
    # the deck itself (templates/course-slides), so nothing scrolls or is cut off.
    ex.reveal_width, ex.reveal_height = str(SLIDE_WIDTH), str(SLIDE_HEIGHT)
    ex.reveal_scroll = False
    ex.exclude_input = True  # no code on the slides: the course's code is not for the reader
    return ex


def build(out: Path, paths: list[Path], use_cache: bool = True) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    assets = copy_reveal(out)
    ex = exporter()
    decks = {p.resolve(): out / deck_name(p) for p in paths}
    fingerprint = inputs_fingerprint()
    written = []
    for path in paths:
        rel = path.resolve().relative_to(ROOT).as_posix()
        nb = executed(path, use_cache, fingerprint)
        refuse_unsupported(nb, rel)
        nb = prepare(nb, rel)
        Retarget(path, out, out, decks).notebook(nb)
        embed_quizzes(nb, out, out)  # the quiz works in the deck, one question at a time (static/quiz.js)
        for cell in nb.cells:  # hidden setup cells stay hidden on slides too
            if "hide-input" in cell.metadata.get("tags", []):
                cell.metadata.setdefault("slideshow", {})["slide_type"] = "skip"
            elif GLOSSARY.search(json.dumps(cell.get("outputs", []))):
                # Definitions ("Words used here", the full glossary) go to the speaker notes:
                # on a slide they are a wall of small print the presenter says aloud anyway.
                cell.metadata.setdefault("slideshow", {})["slide_type"] = "notes"
        body, _ = ex.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        target = decks[path.resolve()]
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"wrote {target}", file=sys.stderr)
    # The strict check: nothing the decks (or the files they load) reference may be missing
    # or come from the network.
    checker = Checker(out)
    for f in written + [a for a in assets if a.suffix in (".js", ".css")]:
        checker.file(f)
    if checker.problems:
        raise BuildError("the decks are not self-contained:\n  " + "\n  ".join(map(str, checker.problems)))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides")
    parser.add_argument("--no-cache", action="store_true", help="execute every notebook again (ignore build/executed/)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"No such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    outside = [str(p) for p in paths if not p.is_relative_to(ROOT)]
    if outside:
        print(f"Only the course's own notebooks can be built: {', '.join(outside)}", file=sys.stderr)
        return 2
    try:
        build(args.out, paths, use_cache=not args.no_cache)
    except BuildError as e:
        print(f"build_slides: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
