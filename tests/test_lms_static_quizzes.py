"""The static quizzes' HTML (scripts/static_quiz.py): accessible, complete, no answer shown.

The grading itself runs in a browser: e2e/test_static_quizzes.py answers every question on
the built site and compares with ``grade``. Here, without a browser: each bank's markup has
a fieldset and legend per question, a label for every control, the bank's option order and
key, and shows no explanation before an answer; the built site carries every quiz.
"""

import json
import re
import sys

import pytest
from lxml import html as lxml_html

from conftest import ROOT, course_notebooks

sys.path.insert(0, str(ROOT / "scripts"))
from static_quiz import question_html, quiz_html, quizzes_for  # noqa: E402

from glutecourse.catalog.references import short_citations  # noqa: E402
from glutecourse.topics.quizzes import Option, Question, all_banks  # noqa: E402

BANKS = all_banks()
CITATIONS = short_citations()


def visible_text(el) -> str:
    return " ".join(el.text_content().split())


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.id)
def test_each_bank_is_an_accessible_form_with_the_banks_key(bank):
    doc = lxml_html.fragment_fromstring(quiz_html(bank.title, bank.questions, bank.id, CITATIONS))
    questions = doc.find_class("gc-squiz-q")
    assert [q.get("data-qid") for q in questions] == [q.id for q in bank.questions]
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "ids repeat inside one quiz"
    for el, q in zip(questions, bank.questions):
        (fieldset,) = el.findall("fieldset")
        legend = fieldset.find("legend")
        assert legend is not None and f"Question {bank.questions.index(q) + 1} of" in visible_text(legend)
        for control in fieldset.iter("input"):
            labelled = control.getparent().tag == "label" or doc.xpath(f"//label[@for='{control.get('id')}']")
            assert labelled, f"{q.id}: an input without a label"
        key = json.loads(el.get("data-key"))
        if q.type == "numeric":
            assert (key["answer"], key["tolerance"]) == (q.answer, q.tolerance)
        else:
            values = [i.get("value") for i in fieldset.iter("input")]
            order = ["true", "false"] if q.type == "truefalse" else [o.id for o in q.ordered_options()]
            assert values == order
            assert key["answer"] == (list(q.answer) if q.type == "multiple" else q.answer)
            kind = {"single": "radio", "truefalse": "radio", "multiple": "checkbox"}[q.type]
            assert {i.get("type") for i in fieldset.iter("input")} == {kind}
        # Nothing of the explanation is on the page before the reader answers.
        words = re.sub(r"<[^>]+>", "", q.explanation)[:60]
        assert words not in visible_text(el)
        # The verdict is announced where it appears.
        (feedback,) = el.find_class("gc-squiz-feedback")
        assert feedback.get("aria-live") == "polite" and feedback.get("role") == "status"


def test_text_from_the_banks_is_escaped():
    q = Question(
        id="x",
        type="single",
        prompt="<script>alert(1)</script> <strong>ok</strong>",
        answer="a",
        explanation='"quoted" & <b>bold</b>',
        ref="none",
        topic="T",
        options=(Option("a", "A <img src=x onerror=alert(1)>", "fb '<'"), Option("b", "B", "fb")),
        bank_id="zz",
    )
    out = question_html(q, 1, 1, {})
    assert "<script>" not in out and "<img" not in out and "<strong>ok</strong>" in out
    doc = lxml_html.fragment_fromstring(out)
    key = json.loads(doc.get("data-key"))
    assert key["explanation"] == "&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_where_the_notebooks_show_a_quiz_the_site_shows_it():
    found = {}
    for nb in course_notebooks():
        cells = json.loads(nb.read_text())["cells"]
        found[nb.stem] = sum(1 for c in cells if c["cell_type"] == "code" and quizzes_for("".join(c["source"])))
    topic = {b.notebook for b in BANKS if b.pool == "topic"}
    assert all(found[stem] == 1 for stem in topic), found
    assert found["10-conclusion-and-final-quiz"] == 1 and found["self-check-and-quizzes"] == 1


@pytest.mark.slow
def test_the_built_site_carries_every_question_of_every_bank(built_site):
    seen = set()
    for page in sorted((built_site / "notebooks").glob("[0-9][0-9]-*.html")):
        doc = lxml_html.fromstring(page.read_bytes())
        seen |= {(q.get("data-bank"), q.get("data-qid")) for q in doc.find_class("gc-squiz-q")}
        scripts = [s.get("src") for s in doc.iter("script")]
        assert scripts == (["../static/quiz.js"] if doc.find_class("gc-squiz") else []), page.name
    assert seen == {(b.id, q.id) for b in BANKS for q in b.questions}
    assert (built_site / "static" / "quiz.js").read_bytes() == (
        ROOT / "scripts" / "templates" / "static-quiz" / "quiz.js"
    ).read_bytes()
