"""Working quizzes on the static site and in the slide decks (issue 14).

The notebooks' quizzes are widgets, which need a kernel; on the site and in the decks they
used to be an "open in JupyterLab" box. Here every quiz becomes plain HTML (a fieldset per
question, its answers as radio buttons or checkboxes, a text box for a number) generated at
build time from the same banks (``data/quizzes/``), graded in the browser by one small
script shipped beside the pages (``templates/static-quiz/quiz.js``): no CDN, no network.

Where a notebook shows a quiz, the page shows the same quiz:

- ``quiz("<bank>")``: that bank, every question, in the notebook's option order;
- ``final_quiz()``: the final quiz a first-time reader gets (the blueprint's choice with an
  empty history), then the rest of the final pool, folded, as a second try would bring;
- ``quiz_picker()``: every notebook's quiz, each folded under its title.

Each question carries its grading data (``data-key``, JSON: the key, the feedback per
option, the tolerance, the explanation) in an attribute: nothing of it is shown before the
reader answers. The grading rules are the Python engine's (``topics.quizzes.grade``);
``e2e/test_static_quizzes.py`` answers every question both ways and compares.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "scripts" / "templates" / "static-quiz"
SCRIPT = "quiz.js"
STATIC = "static"  # the folder beside the pages (site) or the decks (slides) that holds quiz.js

_QUIZ = re.compile(r"""^\s*quiz\(\s*["']([a-z0-9][a-z0-9-]*)["']""", re.M)
_FINAL = re.compile(r"^\s*final_quiz\(\s*\)", re.M)
_PICKER = re.compile(r"^\s*quiz_picker\(", re.M)


def _attr(value) -> str:
    return html.escape(str(value), quote=True)


def _key(question, citations) -> dict:
    """What the script needs to grade one question and explain it (HTML made safe here)."""
    from glutecourse.ui.html import safe_html

    q = question
    ref = citations.get(q.ref)
    source = f' <span class="gc-source">Source: {safe_html(ref)}.</span>' if ref else ""
    key = {
        "type": q.type,
        "explanation": f"{safe_html(q.explanation)}{source}",
        "reveal": str(safe_html(q.answer_text())),
    }
    if q.type in ("single", "multiple"):
        key["answer"] = list(q.answer) if q.type == "multiple" else q.answer
        key["feedback"] = {o.id: str(safe_html(o.feedback)) for o in q.options}
        key["order"] = [o.id for o in q.options]  # the bank's order: grade lists notes in it
    elif q.type == "truefalse":
        key["answer"] = q.answer
        key["feedback"] = {k: str(safe_html(v)) for k, v in q.tf_feedback.items()}
    else:
        key["answer"] = q.answer
        key["tolerance"] = q.tolerance
    return key


def question_html(question, number: int, total: int, citations) -> str:
    from glutecourse.ui.html import safe_html, strip_tags

    q = question
    qid = f"sq-{q.bank_id}-{q.id}"
    legend = f'<legend id="{qid}-prompt"><strong>Question {number} of {total}.</strong> {safe_html(q.prompt)}</legend>'
    if q.type == "numeric":
        unit = f" ({html.escape(q.unit)})" if q.unit else ""
        answers = (
            f'<label for="{qid}-n" class="gc-squiz-number">Your answer{unit}: '
            f'<input type="text" id="{qid}-n" inputmode="decimal" autocomplete="off" spellcheck="false"></label>'
        )
    else:
        kind = "checkbox" if q.type == "multiple" else "radio"
        options = (
            [("true", "True"), ("false", "False")]
            if q.type == "truefalse"
            else [(o.id, strip_tags(o.text)) for o in q.ordered_options()]
        )
        rows = "".join(
            f'<label class="gc-choice"><input type="{kind}" name="{qid}" value="{_attr(value)}">'
            f'<span class="gc-choice-text">{html.escape(text)}</span></label>'
            for value, text in options
        )
        hint = '<p class="gc-squiz-hint"><em>Select all that apply.</em></p>' if q.type == "multiple" else ""
        answers = f'{hint}<div class="gc-choices">{rows}</div>'
    key = json.dumps(_key(q, citations), ensure_ascii=False, separators=(",", ":"))
    return (
        f'<div class="gc-squiz-q" id="{qid}" data-bank="{_attr(q.bank_id)}" data-qid="{_attr(q.id)}" '
        f'data-type="{q.type}" data-key="{_attr(key)}">'
        f'<fieldset class="gc-squiz-fieldset">{legend}{answers}</fieldset>'
        '<div class="gc-squiz-buttons">'
        f'<button type="button" class="gc-check" aria-describedby="{qid}-prompt">Check</button> '
        f'<button type="button" class="gc-retry" disabled aria-describedby="{qid}-prompt">Try again</button> '
        f'<button type="button" class="gc-reveal" aria-describedby="{qid}-prompt">Show answer</button></div>'
        '<div class="gc-squiz-feedback" role="status" aria-live="polite"></div></div>'
    )


def quiz_html(title: str, questions, slug: str, citations) -> str:
    """One quiz: a heading, the score (announced as it changes), every question."""
    from glutecourse.ui.html import safe_html

    n = len(questions)
    body = "".join(question_html(q, i + 1, n, citations) for i, q in enumerate(questions))
    head = f"sq-{slug}"
    return (
        f'<section class="gc-squiz" id="{head}" aria-labelledby="{head}-title">'
        f'<h3 id="{head}-title">{safe_html(title)}</h3>'
        f'<p class="gc-squiz-note">{n} questions. Choose an answer, then <em>Check</em>. Nothing you answer '
        "on this page is saved.</p>"
        '<p class="gc-squiz-score" role="status" aria-live="polite"></p>'
        '<noscript><p class="gc-squiz-noscript">This quiz needs JavaScript switched on in your browser.</p></noscript>'
        f"{body}</section>"
    )


def quizzes_for(source: str) -> str | None:
    """The static quiz HTML for a code cell's source, or None if the cell shows no quiz."""
    from glutecourse.catalog.references import short_citations
    from glutecourse.topics.final_quiz import blueprint, final_questions
    from glutecourse.topics.quizzes import all_banks, load_bank, topic_banks

    citations = short_citations()
    m = _QUIZ.search(source)
    if m:
        bank = load_bank(m.group(1))
        return quiz_html(bank.title, bank.questions, bank.id, citations)
    if _FINAL.search(source):
        chosen = final_questions()
        shown = {(q.bank_id, q.id) for q in chosen}
        rest = [q for b in all_banks() if b.pool == "final" for q in b.questions if (q.bank_id, q.id) not in shown]
        first = quiz_html(blueprint().title, chosen, "final", citations)
        if not rest:
            return first
        more = quiz_html("More questions for a second try", rest, "final-more", citations)
        return (
            f"{first}<details class='gc-squiz-more'><summary>More final-quiz questions: the ones a second try "
            f"would bring ({len(rest)})</summary>{more}</details>"
        )
    if _PICKER.search(source):
        return "".join(
            f"<details class='gc-squiz-pick'><summary>{html.escape(b.title)}</summary>"
            f"{quiz_html(b.title, b.questions, b.id, citations)}</details>"
            for b in topic_banks()
        )
    return None


def embed(nb, out_root: Path, page_dir: Path) -> int:
    """Give every quiz cell of ``nb`` (already prepared: widgets are placeholders) its static
    quiz, and the page one ``<script>`` for ``quiz.js`` (copied to ``out_root/static/``).
    Returns how many quiz cells were replaced."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        quiz = quizzes_for(cell.source)
        if quiz is None:
            continue
        if not count:
            script = Path(os.path.relpath(copy_assets(out_root) / SCRIPT, page_dir)).as_posix()
            style = (ASSETS / "quiz.css").read_text(encoding="utf-8")
            quiz = f'<style class="gc-squiz-css">{style}</style><script src="{_attr(script)}" defer></script>{quiz}'
        cell.outputs = [
            {"output_type": "display_data", "metadata": {}, "data": {"text/html": quiz, "text/plain": "[quiz]"}}
        ]
        count += 1
    return count


def copy_assets(out_root: Path) -> Path:
    dest = Path(out_root) / STATIC
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ASSETS / SCRIPT, dest / SCRIPT)
    return dest
