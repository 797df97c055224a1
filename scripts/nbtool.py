#!/usr/bin/env python3
"""Notebook housekeeping that no library does.

    python scripts/nbtool.py slides [NOTEBOOK ...]     set RISE slide metadata from the headings
    python scripts/nbtool.py hide-code [NOTEBOOK ...]  collapse code cells that are not for the reader

``hide-code`` sets ``"jupyter": {"source_hidden": true}`` on every code cell: the cell
metadata JupyterLab and Notebook 7 honour (the input is folded to a thin bar a reader can
click to open; the outputs, widgets and pictures stay). A cell the reader is meant to edit
carries the tag ``reader-edits`` and stays open. nbstripout keeps this metadata (it strips
only ``collapsed``, ``scrolled`` and a few others), so ``make clean-notebooks`` leaves it.

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


READER_EDITS = "reader-edits"


def hidden_code(cell: dict) -> bool:
    """True for a code cell that is not for the reader (every one not tagged reader-edits)."""
    return cell["cell_type"] == "code" and READER_EDITS not in cell.get("metadata", {}).get("tags", [])


def hide_code(nb: dict) -> dict:
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        meta = cell.setdefault("metadata", {})
        jupyter = meta.setdefault("jupyter", {})
        if hidden_code(cell):
            jupyter["source_hidden"] = True
        else:
            jupyter.pop("source_hidden", None)
        if not jupyter:
            meta.pop("jupyter")
    return nb


COMMANDS = {"slides": (set_slides, "slides set"), "hide-code": (hide_code, "code hidden")}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    change, done = COMMANDS[argv[0]]
    for path in notebooks(argv[1:]):
        text = path.read_text(encoding="utf-8")
        new = dump(change(json.loads(text)))
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{done}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
