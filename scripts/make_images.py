#!/usr/bin/env python3
"""Draw every course figure from data/ into images/ as deterministic SVG.

    python scripts/make_images.py            write images/ (only files that changed)
    python scripts/make_images.py --check    exit 1 if any committed image is out of date
    python scripts/make_images.py --out DIR  write into another folder (used by the tests)

Also writes images/manifest.json: every image's alt text and the module that draws it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path) -> list[str]:
    from glutecourse.charts import all_specs
    from glutecourse.charts.plotting import save_svg

    out.mkdir(parents=True, exist_ok=True)
    changed = []
    manifest = {}
    for spec in all_specs():
        if not spec.name.endswith(".svg"):
            raise ValueError(f"{spec.name}: figures are written as .svg")
        fig = spec.draw()
        if save_svg(fig, out / spec.name):
            changed.append(spec.name)
        manifest[spec.name] = {"alt": spec.alt, "drawn_by": spec.draw.__module__}
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False) + "\n"
    mpath = out / "manifest.json"
    if not mpath.exists() or mpath.read_text(encoding="utf-8") != text:
        mpath.write_text(text, encoding="utf-8")
        changed.append("manifest.json")
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "images")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            fresh = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
        committed = {p.name: p.read_bytes() for p in (ROOT / "images").iterdir() if p.suffix in (".svg", ".json")}
        stale = sorted(name for name in set(fresh) | set(committed) if fresh.get(name) != committed.get(name))
        for name in stale:
            why = "no generator draws it" if name not in fresh else "out of date"
            print(f"images/{name}: {why} (run make generate)")
        return 1 if stale else 0
    for name in build(args.out):
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
