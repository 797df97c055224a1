#!/usr/bin/env python3
"""Generate the anonymised sample class in data/classroom-sample/ (fixed seed: same files
every run), so the class-results notebook runs on a fresh machine and under nbval.

It also writes four files a real class folder may contain, to show how they are handled:
an older duplicate export, a truncated upload, a file from another tool, and a note.

    python scripts/make_sample_class.py [--check]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "classroom-sample"
SEED = 2026  # fixed so the sample (and every chart and table built from it) never changes
READERS = 24


def build(out: Path) -> None:
    from glutecourse.topics.progress import EXPORT_FORMAT, VERSION
    from glutecourse.topics.quizzes import all_banks

    rng = random.Random(SEED)
    banks = all_banks()
    difficulty = {(b.id, q.id): rng.uniform(-0.3, 0.15) for b in banks for q in b.questions}
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    exports = []
    for n in range(1, READERS + 1):
        ability = rng.uniform(0.5, 0.95)
        reader = "%012x" % rng.getrandbits(48)
        attempts = []
        minute = 0
        for bank in banks:
            if rng.random() > 0.85:
                continue
            for q in bank.questions:
                if rng.random() > 0.9:
                    continue
                p = min(0.98, max(0.05, ability + difficulty[(bank.id, q.id)]))
                correct = rng.random() < p
                minute += rng.randint(1, 3)
                stamp = f"2026-10-{1 + n % 28:02d}T10:{minute % 60:02d}:00+00:00"
                attempts.append({"notebook": bank.notebook, "bank": bank.id, "question": q.id,
                                 "topic": q.topic, "correct": correct, "at": stamp})
                if not correct and rng.random() < 0.5:  # tried again
                    attempts.append({**attempts[-1], "correct": rng.random() < p + 0.2})
        data = {"format": EXPORT_FORMAT, "version": VERSION, "reader": reader, "name": f"Student {n:02d}",
                "exported_at": f"2026-10-{1 + n % 28:02d}T12:00:00+00:00", "attempts": attempts}
        exports.append(data)
        (out / f"progress-export-student-{n:02d}-{reader}.json").write_text(json.dumps(data, indent=1) + "\n")
    # An older export of Student 07: skipped as a duplicate.
    old = dict(exports[6], exported_at="2026-09-01T09:00:00+00:00", attempts=exports[6]["attempts"][:3])
    (out / "progress-export-student-07-old.json").write_text(json.dumps(old, indent=1) + "\n")
    # A truncated upload: not valid JSON.
    text = json.dumps(exports[1], indent=1)
    (out / "progress-export-broken-upload.json").write_text(text[: len(text) // 3])
    # A file from another tool: not a course export.
    (out / "other-course-results.json").write_text(json.dumps({"course": "something else", "scores": [1, 2, 3]}) + "\n")
    (out / "notes.txt").write_text("Remember to collect the exports from the Tuesday group.\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if data/classroom-sample is out of date")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            fresh = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
        committed = {p.name: p.read_bytes() for p in OUT.iterdir()} if OUT.exists() else {}
        if fresh != committed:
            print("data/classroom-sample is out of date: run python scripts/make_sample_class.py")
            return 1
        return 0
    build(OUT)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
