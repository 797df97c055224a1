#!/usr/bin/env python3
"""Export every quiz bank for a school's learning platform (``make lms``).

    python scripts/export_lms.py [--out build/lms]

Writes (the folder is rebuilt each time; it is not committed: the banks in data/quizzes/
are the source, and these files are made from them):

    build/lms/moodle/<bank>.xml        Moodle XML, one file per bank (Question bank > Import,
                                       format "Moodle XML"); each makes a category of its own
    build/lms/qti/glutecourse-qti.zip  QTI 1.2 content package: every bank as one assessment
                                       (Canvas: Settings > Import course content > "QTI .zip file")

The export logic is glutecourse.topics.lms; instructor/guide.md says how to import.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def export(out: Path) -> list[Path]:
    from glutecourse.catalog.references import short_citations
    from glutecourse.topics.lms import moodle_xml, qti_package
    from glutecourse.topics.quizzes import all_banks

    banks = all_banks()
    citations = short_citations()
    if out.exists():
        shutil.rmtree(out)
    (out / "moodle").mkdir(parents=True)
    (out / "qti").mkdir(parents=True)
    written = []
    for bank in banks:
        path = out / "moodle" / f"{bank.id}.xml"
        path.write_bytes(moodle_xml(bank, citations))
        written.append(path)
    path = out / "qti" / "glutecourse-qti.zip"
    path.write_bytes(qti_package(banks, citations))
    written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lms")
    args = parser.parse_args(argv)
    try:
        import lxml  # noqa: F401
    except ImportError:
        print("export_lms: lxml is missing: pip install -e . (make setup installs it)", file=sys.stderr)
        return 2
    for path in export(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
