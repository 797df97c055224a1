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
TYPE_NAMES = {
    "single": "single choice",
    "multiple": "select all that apply",
    "truefalse": "true or false",
    "numeric": "number",
}


def md(text: str) -> str:
    """Data text may hold <em>/<strong>; render them as Markdown, drop other tags."""
    text = re.sub(r"</?em>", "*", text)
    text = re.sub(r"</?strong>", "**", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    return re.sub(r"</?(?:code|sub|sup)>", "", text)


def blueprint_lines(data, titles: dict) -> list[str]:
    lines = [
        "## How the final quiz is chosen",
        "",
        f"{md(data.note)}",
        "",
        "| Topic notebook | Questions |",
        "|---|---|",
    ]
    lines += [f"| {titles.get(t.notebook, t.notebook)} (`{t.notebook}`) | {t.count} |" for t in data.topics]
    lines += [f"| **Total** | **{sum(t.count for t in data.topics)}** |", ""]
    lines += [f"- At least {m.min} question tagged `{m.tag}`: {md(m.why)}" for m in data.mandatory]
    lines += ["- No two questions on the same concept.", ""]
    return lines


def render() -> str:
    from glutecourse.catalog.course import notebook_info, notebook_stems
    from glutecourse.catalog.references import short_citations
    from glutecourse.topics.final_quiz import blueprint
    from glutecourse.topics.quizzes import all_banks
    from glutecourse.topics.selfcheck import checked_cases

    refs = short_citations()
    people = {c.id: c.name for c in checked_cases()}
    order = {stem: i for i, stem in enumerate(notebook_stems())}
    titles = {}
    for stem in order:
        try:
            titles[stem] = md(notebook_info(stem).title)
        except KeyError:
            titles[stem] = stem
    banks = sorted(all_banks(), key=lambda b: (b.pool == "final", order.get(b.notebook, 99), b.id))
    lines = [
        "# Answer keys",
        "",
        "Generated from `data/quizzes/` by `scripts/make_answer_keys.py` (`make keys`). Do not edit by hand.",
        "Options are listed in the bank's order; readers see them shuffled (with a fixed seed).",
        "Each question names its kind (decision, reasoning, reading or recall), the concept it tests and,",
        "where it has one, the recurring person (case) it is about (see `data/cases.json`).",
        "",
    ]
    for bank in banks:
        lines += [f"## {md(bank.title)}", ""]
        if bank.pool == "final":
            lines += [
                f"Bank `{bank.id}`: questions used only by the final quiz (notebook `{bank.notebook}`), "
                "grouped by the topic notebook that teaches each one.",
                "",
            ]
            lines += blueprint_lines(blueprint(), titles)
        else:
            lines += [f"Bank `{bank.id}`, notebook `{bank.notebook}`, topic: {bank.topic}.", ""]
        for n, q in enumerate(bank.questions, 1):
            about = [TYPE_NAMES[q.type], q.kind, f"concept `{q.concept}`"]
            if q.case:
                about.append(f"case: {people.get(q.case, q.case)}")
            if q.tags:
                about.append("tags: " + ", ".join(f"`{t}`" for t in q.tags))
            if bank.pool == "final":
                about.append(f"topic: `{q.notebook}`")
            about.append(f"id `{q.id}`")
            lines.append(f"{n}. {md(q.prompt)} *({'; '.join(about)})*")
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
