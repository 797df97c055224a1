#!/usr/bin/env python3
"""Notebook housekeeping for course authors.

    python scripts/nbtool.py clean [NOTEBOOK ...]     strip outputs and execution counts
    python scripts/nbtool.py check [NOTEBOOK ...]     exit 1 if any notebook is not clean
    python scripts/nbtool.py build SRC.py OUT.ipynb   percent-format source -> notebook
    python scripts/nbtool.py source NOTEBOOK.ipynb    notebook -> percent-format (stdout)

Percent format: cells start with ``# %%`` (code) or ``# %% [markdown]`` (markdown, each
line prefixed with ``# ``). ``# %% tags=["hide-input"]`` adds cell tags. ``build`` adds
RISE slide metadata: a markdown cell opening with ``#`` or ``##`` starts a slide, ``###``
a sub-slide, anything else continues the current slide.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def notebooks(args):
    if args:
        return [Path(a) for a in args]
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def is_clean(nb: dict) -> bool:
    return not any(
        c.get("outputs") or c.get("execution_count") is not None
        for c in nb.get("cells", []) if c.get("cell_type") == "code"
    )


def clean(nb: dict) -> dict:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    return nb


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


def build(src: Path) -> dict:
    cells = []
    text = src.read_text(encoding="utf-8")
    chunks = re.split(r"^# %%(.*)$", text, flags=re.M)
    for header, body in zip(chunks[1::2], chunks[2::2]):
        header = header.strip()
        kind = "markdown" if header.startswith("[markdown]") else "code"
        tags = re.search(r"tags=(\[.*?\])", header)
        lines = body.strip("\n").split("\n")
        if kind == "markdown":
            lines = [re.sub(r"^# ?", "", ln) for ln in lines]
        source = "\n".join(lines).strip("\n")
        cell = {"cell_type": kind, "id": f"c{len(cells):03d}", "metadata": {}, "source": source.splitlines(keepends=True)}
        if tags:
            cell["metadata"]["tags"] = json.loads(tags.group(1))
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cell["metadata"]["slideshow"] = {"slide_type": slide_type(cell)}
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
            "rise": {"scroll": True, "enable_chalkboard": False},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def to_source(nb: dict) -> str:
    out = []
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags")
        suffix = f" tags={json.dumps(tags)}" if tags else ""
        if cell["cell_type"] == "markdown":
            out.append(f"# %% [markdown]{suffix}\n" + "\n".join(("# " + ln).rstrip() for ln in src.split("\n")))
        else:
            out.append(f"# %%{suffix}\n{src}")
    return "\n\n".join(out) + "\n"


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "clean":
        for path in notebooks(args):
            nb = json.loads(path.read_text(encoding="utf-8"))
            new = dump(clean(nb))
            if new != path.read_text(encoding="utf-8"):
                path.write_text(new, encoding="utf-8")
                print(f"cleaned {path}")
        return 0
    if cmd == "check":
        dirty = [p for p in notebooks(args) if not is_clean(json.loads(p.read_text(encoding="utf-8")))]
        for p in dirty:
            print(f"{p}: has outputs or execution counts (run: python scripts/nbtool.py clean {p})")
        return 1 if dirty else 0
    if cmd == "build":
        src, out = Path(args[0]), Path(args[1])
        out.write_text(dump(build(src)), encoding="utf-8")
        print(f"wrote {out}")
        return 0
    if cmd == "source":
        sys.stdout.write(to_source(json.loads(Path(args[0]).read_text(encoding="utf-8"))))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
