#!/usr/bin/env python3
"""Reading level of the course: Flesch-Kincaid grade of each notebook's prose and of the
safety text, measured with textstat 0.7.8 (pinned: 0.7.9 and later download NLTK data at
run time, which fails offline).

    python scripts/readability.py            a table: grade and longest Markdown cell per notebook
    python scripts/readability.py --json     the same figures as JSON

Targets (issue 11): every notebook's prose at grade 8 or below, the safety text at grade 6
or below, and no Markdown cell longer than 250 words. ``tests/test_plain_language.py``
checks the same figures against the same targets.

What counts as prose (the rule, applied the same way to every notebook):

- Markdown cells only. Code cells and what they show (widgets, tables and cards drawn from
  ``data/``) are not notebook prose.
- The generated safety banner in cell 0 is left out here: it is measured as safety text,
  against the stricter target, from its source in ``data/course.json``.
- Images are left out, alt text included: alt text describes a figure for a screen reader
  and lives in ``images/manifest.json``.
- HTML comments, inline code and ``<code>`` elements are left out (file names, commands).
- Headings, list items, table cells and ``<summary>`` lines are each read as one sentence:
  a full stop is added where one is missing, so a list is not read as one endless sentence.
  Table header and separator rows are left out; table body cells count.
- Markdown and HTML markup is removed; link text is kept.
- Full stops that do not end a sentence do not split one: decimals (0.24), "et al.",
  "e.g.", "i.e." and "vs." are written without their dots before measuring.

Word counts for the cell-length limit use the same cleaned text of each cell (banner and
image alt text excluded), counted with textstat's own word counter.

Safety text is measured in four parts, each at grade 6 or below: the emergency banner (from
``data/course.json`` ``disclaimer``: note, leads, signs and actions), the disclaimer box
(the same lists with its summary), the red-flag items of the self-check (labels and notes
in ``data/selfcheck.json``) and the self-check's level texts (title, action and message of
each level, with their placeholders filled in). Each bullet or label is one sentence.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

PROSE_TARGET = 8.0
SAFETY_TARGET = 6.0
MAX_CELL_WORDS = 250

BANNER_RE = re.compile(r"<!-- safety-banner:start.*?<!-- safety-banner:end -->", re.S)
_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_HTML = re.compile(r"<img\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_CODE_HTML = re.compile(r"<code>.*?</code>", re.S | re.I)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BLOCK_TAGS = re.compile(r"</?(?:p|ul|ol|li|dl|dt|dd|div|details|summary|br|h[1-6]|table|tr|td|th)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")
_NOT_A_STOP = [
    (re.compile(r"(?<=\d)\.(?=\d)"), ""),
    (re.compile(r"\bet al\.", re.I), "et al"),
    (re.compile(r"\be\.g\.", re.I), "eg"),
    (re.compile(r"\bi\.e\.", re.I), "ie"),
    (re.compile(r"\bvs\.", re.I), "vs"),
]


def _textstat():
    import textstat

    return textstat


def _sentence(unit: str) -> str:
    unit = re.sub(r"\s+", " ", unit).strip()
    if not unit:
        return ""
    if unit.rstrip("\"'”’)]").endswith((".", "!", "?")):
        return unit
    return unit.rstrip(":;,") + "."


def _plain_units(text: str) -> list[str]:
    """The readable units (sentences or sentence-like lines) of one Markdown cell."""
    text = BANNER_RE.sub("", text)
    text = _COMMENT.sub("", text)
    text = _IMAGE_MD.sub("", text)
    text = _IMAGE_HTML.sub("", text)
    text = _CODE_HTML.sub("", text)
    text = _CODE_SPAN.sub("", text)
    text = _LINK.sub(r"\1", text)
    # HTML blocks (details, lists written in HTML) break into lines like Markdown does
    text = _BLOCK_TAGS.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text)
    units: list[str] = []
    paragraph: list[str] = []
    table_rows = 0

    def flush():
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            table_rows = 0
            continue
        if line.startswith("|"):
            flush()
            if _TABLE_SEP.match(line):
                continue
            table_rows += 1
            if table_rows == 1:  # header row
                continue
            units += [c.strip() for c in line.strip("|").split("|") if c.strip()]
            continue
        line = line.lstrip(">").strip()
        heading = re.match(r"^#{1,6}\s+(.*)", line)
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)", line)
        if heading or item:
            flush()
            paragraph.append((heading or item).group(1))
            if heading:
                flush()
            continue
        paragraph.append(line)
    flush()
    cleaned = []
    for unit in units:
        unit = re.sub(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", "", unit)
        for pattern, repl in _NOT_A_STOP:
            unit = pattern.sub(repl, unit)
        unit = _sentence(unit)
        if unit:
            cleaned.append(unit)
    return cleaned


def cell_text(source: str) -> str:
    """One Markdown cell as plain prose, by the rule in the module docstring."""
    return " ".join(_plain_units(source))


def markdown_cells(path: Path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(n, "".join(c["source"])) for n, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


def notebook_prose(path: Path) -> str:
    return " ".join(t for _, src in markdown_cells(path) if (t := cell_text(src)))


def grade(text: str) -> float:
    return float(_textstat().flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    return int(_textstat().lexicon_count(text))


def longest_cell(path: Path) -> tuple[int, int]:
    """(words, cell index) of the notebook's longest Markdown cell."""
    return max(((word_count(cell_text(src)), n) for n, src in markdown_cells(path)), default=(0, -1))


def course_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


# --------------------------------------------------------------------------- safety text


def _units_text(units) -> str:
    return " ".join(s for u in units if (s := _sentence(u)))


def safety_texts() -> dict[str, str]:
    """The four parts of the safety text, each as plain sentences."""
    from glutecourse.catalog.safety import disclaimer_data
    from glutecourse.topics.selfcheck import items, level_info, level_names

    d = disclaimer_data()
    em, ur = d.emergency, d.urgent
    banner = [
        "Educational only, never a diagnosis.",
        d.banner_note,
        em.lead,
        *(s.text for s in em.signs),
        em.action,
        ur.summary,
        ur.lead,
        *(s.text for s in ur.signs),
        ur.action,
    ]
    box = [
        "Medical disclaimer.",
        d.summary,
        em.lead,
        *(s.text for s in em.signs),
        em.action,
        ur.lead,
        *(s.text for s in ur.signs),
        ur.action,
    ]
    red_flags = []
    for item in items().values():
        if item.group == "red-flag":
            red_flags.append(item.label)
            if item.note:
                red_flags.append(item.note)
    levels = []
    for level in level_names():
        info = level_info(level)
        levels += [info.title, _ANY_TAG.sub("", info.action), _ANY_TAG.sub("", info.message)]
    return {
        "emergency banner (data/course.json)": _units_text(banner),
        "disclaimer box (data/course.json)": _units_text(box),
        "red-flag items (data/selfcheck.json)": _units_text(red_flags),
        "self-check levels (data/selfcheck.json)": _units_text(levels),
    }


# --------------------------------------------------------------------------- report


def figures() -> dict:
    notebooks = {}
    for path in course_notebooks():
        words, cell = longest_cell(path)
        notebooks[path.stem] = {
            "grade": round(grade(notebook_prose(path)), 1),
            "longest_cell_words": words,
            "longest_cell": cell,
        }
    safety = {name: round(grade(text), 1) for name, text in safety_texts().items()}
    return {
        "textstat": _textstat().__version__ if hasattr(_textstat(), "__version__") else "?",
        "targets": {"prose": PROSE_TARGET, "safety": SAFETY_TARGET, "cell_words": MAX_CELL_WORDS},
        "notebooks": notebooks,
        "safety": safety,
    }


def report(figs: dict) -> str:
    lines = [f"{'notebook':34} {'grade':>6} {'longest cell':>13}"]
    for stem, f in figs["notebooks"].items():
        flag = " *" if f["grade"] > PROSE_TARGET or f["longest_cell_words"] > MAX_CELL_WORDS else ""
        lines.append(f"{stem:34} {f['grade']:>6.1f} {f['longest_cell_words']:>6} (cell {f['longest_cell']}){flag}")
    lines.append("")
    lines.append(f"{'safety text':40} {'grade':>6}")
    for name, g in figs["safety"].items():
        lines.append(f"{name:40} {g:>6.1f}{' *' if g > SAFETY_TARGET else ''}")
    lines.append("")
    lines.append(
        f"targets: prose <= {PROSE_TARGET}, safety <= {SAFETY_TARGET}, cells <= {MAX_CELL_WORDS} words (* = over)"
    )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figs = figures()
    print(json.dumps(figs, indent=1) if args.json else report(figs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
