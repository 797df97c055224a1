#!/usr/bin/env python3
"""Rebuild every generated file of the course, in order (``make generate``).

    python scripts/generate.py            run every generator
    python scripts/generate.py --check    change nothing; exit 1 if any generated file is stale

The generators, each also runnable alone:

1. ``make_validators.py``   schema validators      src/glutecourse/core/_validators/
2. ``make_sample_class.py`` the sample class        data/classroom-sample/
3. ``make_answer_keys.py``  the answer keys         instructor/answer-keys.md
4. ``make_images.py``       every figure            images/ (after 2: one chart shows the sample class)
5. ``make_banners.py``      the safety banners      every notebook's first cell
6. ``make_timing.py``       notebook times          data/course.json minutes, README, instructor guide
7. ``make_handouts.py``     printable handouts      handouts/*.html (PDFs: make handouts)

A test runs ``--check``, so a change to a schema, a bank, the data or a chart that is not
followed by ``make generate`` fails ``make test``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
GENERATORS = (
    "make_validators.py",
    "make_sample_class.py",
    "make_answer_keys.py",
    "make_images.py",
    "make_banners.py",
    "make_timing.py",
    "make_handouts.py",
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if any generated file is stale")
    args = parser.parse_args(argv)
    stale = []
    for script in GENERATORS:
        out = subprocess.run(
            [sys.executable, str(SCRIPTS / script), *(["--check"] if args.check else [])],
            capture_output=True,
            text=True,
        )
        text = (out.stdout + out.stderr).strip()
        if text:
            print(text)
        if out.returncode != 0:
            stale.append(script)
            if not args.check:
                print(f"{script} failed", file=sys.stderr)
                return 1
    if stale:
        print(f"stale: {', '.join(stale)} (run: make generate)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
