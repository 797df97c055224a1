#!/usr/bin/env python3
"""Write the safety banner into the first cell of every notebook, from data/course.json.

    python scripts/make_banners.py                 rewrite every notebook's banner (make banners)
    python scripts/make_banners.py --check         exit 1 if any notebook's banner is not the generated one
    python scripts/make_banners.py NOTEBOOK ...    only these notebooks

The banner is Markdown between the comments ``<!-- safety-banner:start ... -->`` and
``<!-- safety-banner:end -->`` in cell 0, so it shows before any cell runs: in JupyterLab,
in slides, in the Voila app and on the static site. Its text comes from the ``disclaimer``
object in data/course.json (see ``glutecourse.catalog.safety``); edit the data, never the notebook.
Only the text between the markers changes; the cell's other text and metadata are kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from nbtool import dump, notebooks  # noqa: E402  (scripts/nbtool.py: the course's one notebook writer)


def first_cell_with_banner(nb: dict, path: Path) -> tuple[dict, str]:
    from glutecourse.catalog.safety import set_banner
    from glutecourse.topics.selfcheck import checked_disclaimer

    cells = nb.get("cells") or []
    if not cells or cells[0].get("cell_type") != "markdown":
        raise SystemExit(f"{path}: the first cell must be a Markdown cell (title, one-line promise, banner)")
    cell = cells[0]
    return cell, set_banner("".join(cell["source"]), checked_disclaimer())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report notebooks whose banner differs; change nothing")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    stale = []
    for path in notebooks(args.notebooks):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell, new = first_cell_with_banner(nb, path)
        if new == "".join(cell["source"]):
            continue
        stale.append(path)
        if not args.check:
            cell["source"] = new.splitlines(keepends=True)
            path.write_text(dump(nb), encoding="utf-8")
            print(f"banner written: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if args.check:
        for path in stale:
            print(f"{path}: the safety banner differs from data/course.json (run: make banners)")
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
