#!/usr/bin/env python3
"""Generate the anonymised sample class in data/classroom-sample/, so the class-results
notebook runs on a fresh machine and under nbval. Part of ``make generate``.

Every random choice is keyed by what it is about, never drawn from one running sequence:
a reader's id by their number, their ability by their id, whether they opened a notebook
by their id and the bank, each answer by ``random.Random(f"{reader}/{bank}/{question}")``,
and each rating of the beliefs check by ``random.Random(f"{SEED}/{reader}/belief/{statement}")``.
So the same course always gives the same files, and adding a question to a bank (or a
statement to the beliefs check) changes only the answers to that question (or the ratings
of that statement); tests check both. Some readers rated a statement only before or only
after, as real ones do, so the class results show how they are counted.

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
SEED = 2026  # part of every key, so the sample (and every chart built from it) never changes
READERS = 24


def reader_id(n: int) -> str:
    return f"{random.Random(f'{SEED}/reader/{n}').getrandbits(48):012x}"


def attempts_of(reader: str, n: int, banks) -> list[dict]:
    """Reader ``n``'s attempts: each answer keyed by reader, bank and question."""
    ability = random.Random(f"{SEED}/{reader}/ability").uniform(0.5, 0.95)
    day = 1 + n % 28
    attempts = []
    for bank in banks:
        if random.Random(f"{SEED}/{reader}/{bank.id}").random() > 0.85:
            continue  # this reader never opened that notebook's quiz
        for q in bank.questions:
            rng = random.Random(f"{reader}/{bank.id}/{q.id}")
            if rng.random() > 0.9:
                continue
            difficulty = random.Random(f"{SEED}/difficulty/{bank.id}/{q.id}").uniform(-0.3, 0.15)
            p = min(0.98, max(0.05, ability + difficulty))
            correct = rng.random() < p
            stamp = f"2026-10-{day:02d}T10:{rng.randint(0, 59):02d}:00+00:00"
            attempts.append(
                {
                    "notebook": bank.notebook,
                    "bank": bank.id,
                    "question": q.id,
                    "topic": q.topic,
                    "correct": correct,
                    "at": stamp,
                }
            )
            if not correct and rng.random() < 0.5:  # tried again
                attempts.append({**attempts[-1], "correct": rng.random() < p + 0.2})
    return attempts


def beliefs_of(reader: str, n: int, statements) -> list[dict]:
    """Reader ``n``'s ratings of the beliefs check: each keyed by reader and statement. Most
    rate a myth as fairly true at the start and move towards the evidence by the end; a few
    do not move or move away; some gave only one of the two ratings."""
    day = 1 + n % 28
    out = []
    for st in statements:
        rng = random.Random(f"{SEED}/{reader}/belief/{st.id}")
        before = min(10, max(0, round(rng.gauss(6.5, 2.2))))
        shift = round(rng.gauss(3.0, 2.2))  # towards the evidence when positive
        toward_low = st.evidence_says == "false"
        after = min(10, max(0, before - shift if toward_low else before + shift))
        which = rng.random()
        if which < 0.88:  # rated at the start (notebook 00)
            out.append(
                {"statement": st.id, "phase": "before", "rating": before, "at": f"2026-09-{day:02d}T09:05:00+00:00"}
            )
        if which < 0.72 or which >= 0.95:  # and at the end (notebook 10)
            out.append(
                {"statement": st.id, "phase": "after", "rating": after, "at": f"2026-10-{day:02d}T11:40:00+00:00"}
            )
    return out


def build(out: Path, banks=None, statements=None) -> None:
    from glutecourse.topics.beliefs import statements as belief_statements
    from glutecourse.topics.progress import EXPORT_FORMAT, VERSION
    from glutecourse.topics.quizzes import all_banks

    banks = all_banks() if banks is None else banks
    statements = belief_statements() if statements is None else statements
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    exports = []
    for n in range(1, READERS + 1):
        reader = reader_id(n)
        data = {
            "format": EXPORT_FORMAT,
            "version": VERSION,
            "reader": reader,
            "name": f"Student {n:02d}",
            "exported_at": f"2026-10-{1 + n % 28:02d}T12:00:00+00:00",
            "beliefs": beliefs_of(reader, n, statements),
            "attempts": attempts_of(reader, n, banks),
        }
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
            print("data/classroom-sample is out of date: run make generate")
            return 1
        return 0
    build(OUT)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
