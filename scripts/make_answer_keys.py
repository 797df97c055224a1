#!/usr/bin/env python3
"""Generate the teachers' answer keys from the quiz banks: instructor/answer-keys.md.

Never edit that file by hand: run this (or `make keys`). A test fails if it is stale.

    python scripts/make_answer_keys.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "instructor" / "answer-keys.md"
TYPE_NAMES = {"single": "single choice", "multiple": "select all that apply", "truefalse": "true or false", "numeric": "number"}


def md(text: str) -> str:
    """Data text may hold <em>/<strong>; render them as Markdown, drop other tags."""
    text = re.sub(r"</?em>", "*", text)
    text = re.sub(r"</?strong>", "**", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    return re.sub(r"</?(?:code|sub|sup)>", "", text)


def render() -> str:
    from glutecourse.coursemap import notebook_stems
    from glutecourse.quizzes import all_banks
    from glutecourse.references import short_citations

    refs = short_citations()
    order = {stem: i for i, stem in enumerate(notebook_stems())}
    banks = sorted(all_banks(), key=lambda b: (order.get(b.notebook, 99), b.id))
    lines = [
        "# Answer keys",
        "",
        "Generated from `data/quizzes/` by `scripts/make_answer_keys.py` (`make keys`). Do not edit by hand.",
        "Options are listed in the bank's order; readers see them shuffled (with a fixed seed).",
        "",
    ]
    for bank in banks:
        lines += [f"## {md(bank.title)}", "", f"Bank `{bank.id}`, notebook `{bank.notebook}`, topic: {bank.topic}.", ""]
        for n, q in enumerate(bank.questions, 1):
            lines.append(f"{n}. {md(q.prompt)} *({TYPE_NAMES[q.type]}, id `{q.id}`)*")
            for opt in q.options:
                mark = "✔" if (opt.id == q.answer or (q.type == "multiple" and opt.id in q.answer)) else "✘"
                lines.append(f"   - {mark} {md(opt.text)}")
            lines.append(f"   - **Answer:** {md(q.answer_text())}")
            lines.append(f"   - **Why:** {md(q.explanation)} *Source: {refs.get(q.ref, q.ref)}.*")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run make keys")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
