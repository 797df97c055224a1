#!/usr/bin/env python3
"""Notebook housekeeping that no library does.

    python scripts/nbtool.py slides [NOTEBOOK ...]   set RISE slide metadata from the headings

A markdown cell opening with ``#`` or ``##`` starts a slide, ``###`` a sub-slide, anything
else continues the current slide. Cleaning (outputs, execution counts, widget state) is
nbstripout's job (``make clean-notebooks``); the safety banners are ``make_banners.py``'s.
Notebooks are written as the course keeps them (one-space JSON, keys in order), so only
what changed shows in a diff.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notebooks(args):
    if args:
        return [Path(a) for a in args]
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def dump(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def slide_type(cell: dict) -> str:
    if cell["cell_type"] == "markdown":
        first = "".join(cell["source"]).lstrip().split("\n", 1)[0]
        if re.match(r"^#{1,2} ", first):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def set_slides(nb: dict) -> dict:
    for cell in nb["cells"]:
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": slide_type(cell)}
    return nb


def main(argv):
    if not argv or argv[0] != "slides":
        print(__doc__)
        return 2
    for path in notebooks(argv[1:]):
        text = path.read_text(encoding="utf-8")
        new = dump(set_slides(json.loads(text)))
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"slides set: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
