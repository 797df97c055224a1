"""The quizzes on the static site and in a slide deck grade as the Python engine does (issue 14).

The site (pages 00-10) and one deck are built into a temporary folder and opened from
``file://``. Every question of every bank is answered in the page both ways: every option
(and, for several answers, the key, all options and none), True, False and nothing, and for
a number: the answer, the edges of its tolerance and just past them (derived from the bank's
tolerance), a decimal comma, and a list of malformed entries. For each answer the page's
verdict (correct, incorrect, invalid) and message are compared with
``glutecourse.topics.quizzes.grade``'s. A copy of the site whose script has one rule
changed (the tolerance edge) must disagree: the comparison can fail.

Real input too: one quiz answered with the keyboard (Tab, arrows, Space, Enter) and the
mouse, and one question answered in the deck of notebook 01. Numbers are noted in
artifacts/e2e/report.txt.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from jlab import SHORT, wait_js
from labserver import ROOT
from lxml import html as lxml_html
from playwright.sync_api import expect

from conftest import ARTIFACTS, note
from glutecourse.core.numbers import format_number
from glutecourse.topics.quizzes import all_banks, grade

PAGES = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
DECK = ROOT / "notebooks" / "01-glute-anatomy.ipynb"
BANKS = {b.id: b for b in all_banks()}
#: Entries a reader might type that are not plain numbers (each gets its own message).
MALFORMED = [
    "",
    "   ",
    "abc",
    "1,000",
    "1,000,000",
    "1e3",
    "2.5E-2",
    "1e99",
    "\u0663",  # Arabic-Indic three
    "\uff17\uff17",  # full-width 77
    "1_0",
    "0x1A",
    "nan",
    "-inf",
    "12 kg",
    "1.2.3",
    "1 00",
    "--5",
    "1/2",
    "1234567890123",
    "x" * 31,
]


def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("static-quizzes")
    for script, args in (
        ("build_site.py", ["--out", str(out / "site"), *map(str, PAGES)]),
        ("build_slides.py", ["--out", str(out / "slides"), str(DECK)]),
    ):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{script} failed:\n{done.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    return built(tmp_path_factory)


def numeric_answers(q) -> list[str]:
    """The answer, the edges of the tolerance (inside) and just past them (outside), the
    answer with a decimal comma; then malformed entries."""
    a, tol = Decimal(repr(float(q.answer))), Decimal(repr(q.tolerance))
    step = tol / 2 if tol else Decimal("0.5")
    values = [a, a + tol, a - tol, a + tol / 2, a + tol + step, a - tol - step, a + tol + 1, a * 10 + 1]
    texts = [format_number(v) for v in values]
    texts += [t.replace(".", ",") for t in texts if "." in t and len(t.split(".")[1]) != 3][:1]
    texts += [f"  {texts[0]}  ", f"+{texts[0]}"]
    return texts + MALFORMED


def answers(q) -> list:
    if q.type == "single":
        return [o.id for o in q.options] + [None]
    if q.type == "multiple":
        ids = [o.id for o in q.options]
        return [[i] for i in ids] + [list(q.answer), ids, []]
    if q.type == "truefalse":
        return [True, False, None]
    return numeric_answers(q)


def expected(q, response):
    g = grade(q, response)
    text = lxml_html.fragment_fromstring(f"<div>{_safe(g.message)}</div>").text_content() if g.message else ""
    return {"status": g.status, "message": text}


def _safe(text):
    from glutecourse.ui.html import safe_html

    return safe_html(text)


#: Answers one question in the page through its own controls (inputs, Check, Try again)
#: and returns what the page says after each answer.
JS_ANSWER = """([id, answers]) => {
  const el = document.getElementById(id);
  const inputs = Array.from(el.querySelectorAll('fieldset input'));
  const retry = el.querySelector('.gc-retry'), check = el.querySelector('.gc-check');
  const out = [];
  for (const a of answers) {
    if (!retry.disabled) retry.click();
    if (el.dataset.type === 'numeric') {
      inputs[0].value = a;
      inputs[0].dispatchEvent(new Event('input', {bubbles: true}));
    } else {
      const want = a === null ? [] : Array.isArray(a) ? a : [String(a)];
      inputs.forEach(i => { if (i.checked !== want.includes(i.value)) i.click(); });
    }
    check.click();
    const fb = el.querySelector('.gc-squiz-feedback'), msg = fb.querySelector('.gc-squiz-message');
    out.push({status: fb.getAttribute('data-status'), message: msg ? msg.textContent : null});
  }
  if (!retry.disabled) retry.click();
  return out;
}"""


def sweep(page, bank_filter=None):
    """Every question on the page answered every way: (compared, mismatches, keys seen)."""
    compared, mismatches, seen = 0, [], set()
    for el in page.evaluate(
        "() => Array.from(document.querySelectorAll('.gc-squiz-q')).map(e => [e.id, e.dataset.bank, e.dataset.qid])"
    ):
        qid_el, bank, qid = el
        if bank_filter and bank != bank_filter:
            continue
        q = BANKS[bank].question(qid)
        tried = answers(q)
        sent = [a if not isinstance(a, bool) else ("true" if a else "false") for a in tried]
        got = page.evaluate(JS_ANSWER, [qid_el, sent])
        for response, result in zip(tried, got):
            want = expected(q, response)
            compared += 1
            if result != want:
                mismatches.append((q.type, f"{bank}/{qid} answer {response!r}: page {result}, engine {want}"))
        seen.add((bank, qid))
    return compared, mismatches, seen


def open_page(page, path):
    page.goto(path.as_uri())
    wait_js(
        page,
        "() => !!window.glutecourseQuiz && !!document.querySelector('.gc-squiz-score strong')",
        f"the quizzes of {path.name} to start",
        SHORT,
    )


def test_every_question_of_every_bank_grades_as_the_engine_does(builds, page):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    site = builds / "site" / "notebooks"
    total, all_mismatches, seen = 0, [], set()
    for nb in PAGES:
        open_page(page, site / f"{nb.stem}.html")
        compared, mismatches, keys = sweep(page)
        total += compared
        all_mismatches += mismatches
        seen |= keys
    every = {(b.id, q.id) for b in BANKS.values() for q in b.questions}
    assert seen == every, f"questions missing from the site: {sorted(every - seen)}"
    assert not all_mismatches, f"{len(all_mismatches)} of {total} answers disagree:\n" + "\n".join(
        m for _, m in all_mismatches[:20]
    )
    assert errors == []
    note(
        f"static quizzes: {len(seen)} questions in {len(BANKS)} banks, {total} answers compared with grade(): all agree"
    )


def test_a_changed_rule_in_the_script_is_caught(builds, page, tmp_path):
    """The comparison can fail: a copy of the site whose script accepts only answers strictly
    inside the tolerance (``<`` for ``<=``) disagrees with the engine."""
    site = tmp_path / "site"
    shutil.copytree(builds / "site", site)
    script = site / "static" / "quiz.js"
    text = script.read_text()
    rule = "<= key.tolerance + 1e-9"
    assert text.count(rule) == 1
    script.write_text(text.replace(rule, "< key.tolerance"))
    open_page(page, site / "notebooks" / "02-hips-pelvis-and-back.html")
    compared, mismatches, _ = sweep(page)
    assert compared and mismatches, "the broken script agreed with the engine: the comparison checks nothing"
    assert {kind for kind, _ in mismatches} == {"numeric"}, mismatches  # only typed numbers disagree
    note(f"static quizzes, broken tolerance rule: {len(mismatches)} of {compared} answers disagree (caught)")


def test_a_quiz_by_keyboard_and_mouse(builds, page):
    """Real input: Tab into the first question, arrows choose, Enter checks; the verdict is a
    word and a symbol beside the answer and in a live region; Try again returns the focus."""
    open_page(page, builds / "site" / "notebooks" / "01-glute-anatomy.html")
    first = page.locator(".gc-squiz-q").first
    q = BANKS[first.get_attribute("data-bank")].question(first.get_attribute("data-qid"))
    radios = first.locator("input[type=radio]")
    radios.first.focus()
    page.keyboard.press("ArrowDown")  # moves to and chooses the second answer
    chosen = radios.nth(1).get_attribute("value")
    expect(radios.nth(1)).to_be_checked()
    page.keyboard.press("Enter")
    want = grade(q, chosen)
    feedback = first.locator(".gc-squiz-feedback")
    expect(feedback).to_have_attribute("data-status", want.status)
    assert feedback.get_attribute("aria-live") == "polite" and feedback.get_attribute("role") == "status"
    mark = first.locator(".gc-choice-mark")
    expect(mark).to_have_text("✓ Correct" if want.correct else "✗ Not quite")
    assert page.evaluate("() => document.activeElement.value") == chosen  # focus stays on the answer
    first.locator(".gc-retry").click()
    assert page.evaluate("() => document.activeElement.type") == "radio"
    # The mouse: the key, then Check; the explanation and the score follow.
    first.locator(f"input[value='{q.answer}']").check()
    first.locator(".gc-check").click()
    expect(feedback).to_have_attribute("data-status", "correct")
    expect(first.locator(".gc-source")).to_be_visible()
    expect(page.locator(".gc-squiz-score").first).to_contain_text("Score: 1 of")
    # A typed number (00's quiz): the engine's message for a malformed entry, then the answer.
    open_page(page, builds / "site" / "notebooks" / "00-start-here.html")
    num = page.locator(".gc-squiz-q[data-type=numeric]").first
    nq = BANKS[num.get_attribute("data-bank")].question(num.get_attribute("data-qid"))
    box = num.locator("input")
    box.fill("1,000")
    box.press("Enter")
    expect(num.locator(".gc-squiz-message")).to_have_text(grade(nq, "1,000").message)
    box.fill(format_number(nq.answer))
    box.press("Enter")
    expect(num.locator(".gc-squiz-feedback")).to_contain_text("✓ Correct.")
    page.screenshot(path=str(ARTIFACTS / "static-quiz-00.png"))


def test_a_quiz_in_a_slide_deck(builds, page):
    deck = builds / "slides" / f"{DECK.stem}.slides.html"
    page.goto(deck.as_uri())
    wait_js(page, "() => document.documentElement.dataset.gcFitted === 'yes'", "the deck to fit its slides", SHORT)
    h, v = page.evaluate(
        "() => { const s = Reveal.getSlides().find(s => s.querySelector('.gc-squiz')); "
        "const i = Reveal.getIndices(s); return [i.h, i.v || 0]; }"
    )
    page.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
    quiz = page.locator(".reveal section.present .gc-squiz")
    expect(quiz).to_be_visible()
    questions = quiz.locator(".gc-squiz-q")
    expect(questions.nth(0)).to_be_visible()
    expect(questions.nth(1)).to_be_hidden()  # one question at a time on a slide
    first = questions.nth(0)
    q = BANKS[first.get_attribute("data-bank")].question(first.get_attribute("data-qid"))
    wrong = next(o.id for o in q.options if o.id != q.answer)
    for choice in (wrong, q.answer):
        if first.locator(".gc-retry").is_enabled():
            first.locator(".gc-retry").click()
        first.locator(f"input[value='{choice}']").check()
        first.locator(".gc-check").click()
        want = grade(q, choice)
        expect(first.locator(".gc-squiz-feedback")).to_have_attribute("data-status", want.status)
    assert page.evaluate("() => Reveal.getIndices().h") == h  # answering did not move the deck
    # One question at a time keeps the quiz readable: the deck did not shrink its cell much.
    zoom = page.evaluate(
        "() => parseFloat(document.querySelector('.reveal section.present .gc-squiz').closest('.jp-Cell').style.zoom || '1')"
    )
    assert zoom >= 0.45, f"the quiz's slide is shrunk to {zoom}"
    quiz.locator(".gc-next").click()
    expect(questions.nth(1)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "static-quiz-deck.png"))
    note(f"static quizzes: a question answered in {deck.name} (slide {h}.{v}) as the engine grades it")


JS_PRINTED = """() => {
  const shown = el => getComputedStyle(el).display !== 'none';
  const link = document.querySelector('main a[href^="http"]:not(.site-figure)');
  return {
    nav: Array.from(document.querySelectorAll('nav.gc-nav')).filter(shown).length,
    link: link ? [link.getAttribute('href'), getComputedStyle(link, '::after').content] : null,
    figures: Array.from(document.querySelectorAll('main img')).map(i => getComputedStyle(i).breakInside),
    buttons: Array.from(document.querySelectorAll('.gc-squiz-buttons')).filter(shown).length,
    questions: Array.from(document.querySelectorAll('.gc-squiz-q')).filter(shown).length,
  };
}"""


def test_a_site_page_prints_cleanly(builds, page):
    """Issue 14 ("the site prints cleanly"): printed to PDF by Chromium, a page has no
    navigation, writes each link's address after it, keeps figures whole, and prints its
    quiz as questions without buttons."""
    import re

    target = builds / "site" / "notebooks" / "06-treatment-options.html"
    page.goto(target.as_uri())
    wait_js(page, "() => Array.from(document.images).every(i => i.complete)", "the page's images", SHORT)
    page.emulate_media(media="print")
    info = page.evaluate(JS_PRINTED)
    assert info["nav"] == 0, "the navigation bars print"
    assert info["link"] and info["link"][0] in info["link"][1], f"a link's address is not written out: {info['link']}"
    assert info["figures"] and set(info["figures"]) == {"avoid"}, f"figures may split across pages: {info['figures']}"
    assert info["buttons"] == 0 and info["questions"] > 0
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 2
    (ARTIFACTS / "site-print-06.pdf").write_bytes(pdf)
    note(f"site print: {target.name} on A4 in {pages} pages, no navigation, {len(info['figures'])} figures kept whole")


def typed_entries(n: int = 4000) -> list[str]:
    """Seeded random text from the characters that matter to the number rules (digits of
    other scripts, marks, signs, spaces, exponents, words), plus edge cases."""
    import random

    rnd = random.Random(14)
    alphabet = [*"0123456789" * 3, *".,+-_ eExX", "\u00a0", "\u2009", "\t", "\u0663", "\uff15", "a", "n", "i", "f"]
    alphabet += ["1,000", "0x", "nan", "inf"]
    entries = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(n)]
    return entries + [
        "1e-29", "1e-31", "1.e5", ".5e1", "0e50", "-0e3", "1e12", "1.0000000000001e12", "1000000000000",
        "1000000000000.5", "999999999999.99", "0,125", "-0,125", "01,000", "1 000,5", "1 000.123", "+-5",
        "\u0663\u066b\u0665", "1\u202f000",
    ]  # fmt: skip


def test_the_number_rules_agree_on_thousands_of_typed_entries(builds, page):
    """The script's number reader against core.numbers.parse_number (through grade), on
    4000 seeded random entries: same verdict, same message (an exponent past Decimal's range,
    such as 1e1000000, once raised decimal.Overflow in the engine: now a message in both)."""
    open_page(page, builds / "site" / "notebooks" / "02-hips-pelvis-and-back.html")
    q = next(q for q in BANKS["02-hips-pelvis-and-back"].questions if q.type == "numeric")
    key = {"type": "numeric", "answer": q.answer, "tolerance": q.tolerance}
    entries = typed_entries() + ["1e1000000", "-9.5E+999999999"]
    got = page.evaluate("([key, xs]) => xs.map(x => window.glutecourseQuiz.grade(key, x))", [key, entries])
    mismatches = []
    for text, result in zip(entries, got):
        want = expected(q, text)
        message = lxml_html.fragment_fromstring(f"<div>{result['message']}</div>").text_content()
        if {"status": result["status"], "message": message if result["message"] else ""} != want:
            mismatches.append(f"{text!r}: page {result}, engine {want}")
    assert not mismatches, f"{len(mismatches)} of {len(entries)} entries disagree:\n" + "\n".join(mismatches[:20])
    note(f"static quizzes: {len(entries)} typed entries graded alike")
