#!/usr/bin/env python3
"""Build the printable handouts from data/ (``make handouts``; the HTML is part of ``make generate``).

    python scripts/make_handouts.py            write handouts/*.html (committed)
    python scripts/make_handouts.py --check    change nothing; exit 1 if a handout is stale
    python scripts/make_handouts.py --pdf      also print each one to PDF in build/handouts/
                                               (A4: NAME.pdf, Letter: NAME.letter.pdf)

The pages are built by ``glutecourse.ui.handouts`` from data/ and images/ only. The PDFs
are printed by Debian's Chromium through Playwright (as the browser tests drive it), on
demand: they are not committed, because Chromium writes its own version and the time into
every PDF and its layout may shift by a line between versions, so committed PDFs could not
be checked byte for byte the way the HTML is. Each PDF must be exactly one page; the
script fails otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "handouts"
PDF_OUT = ROOT / "build" / "handouts"
PAPER = {"": "A4", ".letter": "Letter"}


def sources(data: Path | None = None, images: Path | None = None):
    from glutecourse.core.paths import data_dir, images_dir
    from glutecourse.ui.handouts import Sources

    return Sources.read(data or data_dir(), images or images_dir())


def pages(data: Path | None = None, images: Path | None = None) -> dict[str, str]:
    from glutecourse.ui.handouts import build

    return build(sources(data, images))


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF holds (Chromium writes one ``/Type /Page`` object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("PDFs need Debian's chromium (apt-get install chromium, or make chromium) or CHROMIUM=path")


def print_pdfs(folder: Path, out: Path, names) -> dict[Path, int]:
    """Print each page of ``folder`` to PDF on A4 and Letter; the page count of each."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("PDFs need Playwright: pip install -e '.[e2e]' (make handouts does this)") from None
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        try:
            page = browser.new_page()
            for name in names:
                page.goto((folder / name).resolve().as_uri())
                page.emulate_media(media="print")
                for suffix, paper in PAPER.items():
                    target = out / f"{name.removesuffix('.html')}{suffix}.pdf"
                    data = page.pdf(format=paper, print_background=True, prefer_css_page_size=True)
                    target.write_bytes(data)
                    counts[target] = pdf_pages(data)
        finally:
            browser.close()
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if a handout is stale; change nothing")
    parser.add_argument("--pdf", action="store_true", help="also print each handout to PDF in build/handouts/")
    args = parser.parse_args(argv)
    built = pages()
    stale = [n for n, text in built.items() if not (OUT / n).is_file() or (OUT / n).read_text(encoding="utf-8") != text]
    extra = sorted(p.name for p in OUT.glob("*.html") if p.name not in built) if OUT.is_dir() else []
    if args.check:
        for name in stale:
            print(f"handouts/{name} is stale (run: make generate)")
        for name in extra:
            print(f"handouts/{name} is not built from data/ (remove it)")
        return 1 if stale or extra else 0
    OUT.mkdir(exist_ok=True)
    for name in stale:
        (OUT / name).write_text(built[name], encoding="utf-8")
        print(f"handout written: handouts/{name}")
    for name in extra:
        (OUT / name).unlink()
    if args.pdf:
        from glutecourse.ui.handouts import HANDOUTS

        counts = print_pdfs(OUT, PDF_OUT, HANDOUTS)
        bad = {p: n for p, n in counts.items() if n != 1}
        for path, n in counts.items():
            print(f"{path.relative_to(ROOT)}: {n} page{'s' if n != 1 else ''}")
        if bad:
            print("a handout does not fit on one page: " + ", ".join(p.name for p in bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
