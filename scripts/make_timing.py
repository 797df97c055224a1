#!/usr/bin/env python3
"""Compute every notebook's time from what a reader sees, and write it where it is shown.

    python scripts/make_timing.py            write the times (part of make generate)
    python scripts/make_timing.py --check    change nothing; exit 1 if a written time is stale
    python scripts/make_timing.py --show     print the breakdown per notebook

Each numbered notebook's code runs once, here, without a kernel (in a throw-away reader
folder): the words of its Markdown cells and of the HTML its calls render are counted, with
its figures, quiz questions and activities, and ``glutecourse.topics.timing.minutes`` turns
them into minutes (the figures used are documented there). The result is written into

- ``data/course.json``: each notebook's ``minutes`` (the course map and every notebook's
  header show it);
- ``README.md``: the time column of the notebooks table and the total, between
  ``<!-- timing:start -->`` and ``<!-- timing:end -->``;
- ``instructor/README.md``: the breakdown table, between the same markers.
"""

from __future__ import annotations

import argparse
import ast
import html
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "data" / "course.json"
README = ROOT / "README.md"
GUIDE = ROOT / "instructor" / "README.md"
START, END = "<!-- timing:start -->", "<!-- timing:end -->"

_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BANNER = re.compile(r"<!-- safety-banner:start.*?<!-- safety-banner:end -->", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)


def html_text(markup: str) -> str:
    """The text a reader sees in rendered HTML."""
    return html.unescape(_TAG.sub(" ", _STYLE.sub(" ", _COMMENT.sub(" ", markup))))


def markdown_text(source: str, keep_banner: bool) -> tuple[str, int]:
    """A Markdown cell's visible words, and how many figures it shows."""
    if not keep_banner:
        source = _BANNER.sub(" ", source)
    figures = len(_IMAGE.findall(source))
    text = _LINK.sub(r"\1", _IMAGE.sub(" ", source))
    return html_text(text), figures


def called(tree: ast.AST) -> list[str]:
    return [n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]


def measure(path: Path):
    """A notebook's Reading: runs its code cells in this process (no kernel)."""
    import nbformat

    from glutecourse.topics.timing import ACTIVITY_MINUTES, SKIMMED, Reading, count_words

    nb = nbformat.read(path, as_version=4)
    first = path.name.startswith("00-")
    words = figures = questions = 0
    activities: list[str] = []
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text, figs = markdown_text(cell.source, keep_banner=first)
            words += count_words(text)
            figures += figs
            continue
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        names = called(tree)
        activities += [n for n in names if n in ACTIVITY_MINUTES]
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"{path.name}", "exec"), namespace)
        if last is None:
            continue
        value = eval(compile(ast.Expression(last.value), f"{path.name}", "eval"), namespace)
        if any(n in SKIMMED for n in called(last)):
            continue
        if hasattr(value, "start") and hasattr(value, "intro"):  # a quiz behind its Start button
            questions += len(value.start().questions)
        elif hasattr(value, "_repr_html_"):
            # The reader's folder is a random temporary one here: count it as one word.
            markup = (value._repr_html_() or "").replace(os.environ.get("GLUTECOURSE_HOME", "\0"), "~")
            words += count_words(html_text(markup))
    return Reading(words, figures, questions, tuple(activities))


def measure_all() -> dict[str, object]:
    """Every numbered notebook's Reading, in a throw-away reader folder."""
    with tempfile.TemporaryDirectory() as home:
        old = os.environ.get("GLUTECOURSE_HOME")
        os.environ["GLUTECOURSE_HOME"] = home
        try:
            from glutecourse.catalog.course import notebooks

            return {nb.file: measure(ROOT / "notebooks" / nb.file) for nb in notebooks()}
        finally:
            if old is None:
                os.environ.pop("GLUTECOURSE_HOME", None)
            else:
                os.environ["GLUTECOURSE_HOME"] = old


# ---------------------------------------------------------------------------- writing


def course_json(text: str, minutes: dict[str, int]) -> str:
    """course.json with each notebook's ``minutes`` replaced (nothing else changes)."""
    data = json.loads(text)
    for nb in data["notebooks"]:
        nb["minutes"] = minutes[nb["file"]]
    original = json.loads(text)
    if data == original:
        return text
    out = text
    for nb in original["notebooks"]:
        pattern = re.compile(r'("file":\s*"' + re.escape(nb["file"]) + r'".*?"minutes":\s*)\d+', re.S)
        out, n = pattern.subn(lambda m, f=nb["file"]: m.group(1) + str(minutes[f]), out, count=1)
        if n != 1:
            raise SystemExit(f"{COURSE}: cannot find the minutes of {nb['file']}")
    assert json.loads(out) == data
    return out


def between(text: str, where: Path, new: str) -> str:
    if text.count(START) != 1 or text.count(END) != 1:
        raise SystemExit(f"{where}: needs one {START} ... {END} block")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{new}\n{END}{tail}"


def readme(text: str, minutes: dict[str, int]) -> str:
    """The README's notebooks table with computed times, and the total under it."""
    from glutecourse.topics.timing import hours_text

    block = text.split(START)[1].split(END)[0] if START in text else ""
    lines = []
    for line in block.strip().splitlines():
        m = re.match(r"^\|\s*\[[^\]]+\]\(notebooks/([^)]+\.ipynb)\)\s*\|", line)
        if m:
            cells = line.split("|")
            cells[2] = f" {minutes[m.group(1)]} min "
            line = "|".join(cells)
        if line.startswith("Total: "):
            continue
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    total = sum(minutes.values())
    lines += [
        "",
        f"Total: about {hours_text(total)} ({total} minutes), computed from what each notebook shows "
        "(words at 175 a minute, 1 minute a quiz question, set times for figures and activities; see "
        "[the instructor guide](instructor/README.md#how-long-each-notebook-takes)).",
    ]
    return between(text, README, "\n".join(lines).strip())


def guide(text: str, readings: dict, minutes: dict[str, int]) -> str:
    from glutecourse.topics.timing import (
        ACTIVITY_MINUTES,
        MINUTES_PER_FIGURE,
        MINUTES_PER_QUESTION,
        ROUND_TO,
        WORDS_PER_MINUTE,
        hours_text,
    )

    rows = [
        "| notebook | words | figures | quiz questions | activities | minutes |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for file, r in readings.items():
        acts = ", ".join(f"{a} ({ACTIVITY_MINUTES[a]})" for a in r.activities) or "-"
        rows.append(
            f"| {file.removesuffix('.ipynb')} | {r.words} | {r.figures} | {r.questions} | {acts} | {minutes[file]} |"
        )
    total = sum(minutes.values())
    rows.append(f"| **total** | {sum(r.words for r in readings.values())} | | | | **{total}** ({hours_text(total)}) |")
    intro = (
        f"Computed by `scripts/make_timing.py` (`make generate`) from what each notebook shows: the words of its "
        f"text and of the boxes and tables its code renders, read at {WORDS_PER_MINUTE} words a minute (the bottom of "
        "the usual adult range for non-fiction, for reading to learn: Brysbaert 2019, *J Mem Lang* 109:104047); "
        f"{MINUTES_PER_QUESTION} minute a quiz question; {MINUTES_PER_FIGURE} minute a figure; set minutes for each "
        f"activity (in brackets); each notebook rounded up to {ROUND_TO} minutes. Reference lists and the "
        "glossary table are not counted. The course map and the README use the same figures."
    )
    return between(text, GUIDE, intro + "\n\n" + "\n".join(rows))


def outputs(readings: dict) -> dict[Path, str]:
    from glutecourse.topics.timing import minutes as compute

    minutes = {f: compute(r) for f, r in readings.items()}
    return {
        COURSE: course_json(COURSE.read_text(encoding="utf-8"), minutes),
        README: readme(README.read_text(encoding="utf-8"), minutes),
        GUIDE: guide(GUIDE.read_text(encoding="utf-8"), readings, minutes),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if a written time is stale; change nothing")
    parser.add_argument("--show", action="store_true", help="print the breakdown per notebook")
    args = parser.parse_args(argv)
    readings = measure_all()
    if args.show:
        from glutecourse.topics.timing import minutes

        for f, r in readings.items():
            print(f"{f:40} {minutes(r):4} min  {r}")
        print("total", sum(minutes(r) for r in readings.values()))
    stale = []
    for path, text in outputs(readings).items():
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
                print(f"times written: {path.relative_to(ROOT)}")
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT)}: the notebook times are stale (run: make generate)")
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
