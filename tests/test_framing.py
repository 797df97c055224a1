"""Numbers and framing that must read the same everywhere (issue 9).

Recurrence: the largest figure ("69%", "two thirds") frightens when it stands alone, so every
place that states it also gives the share whose recurrence limited their activities. The
figures are read from data/timeline.json, not restated here.
"""

import json
import re

import pytest

from conftest import ROOT
from glutecourse.topics import timeline as tl
from glutecourse.ui import timeline as tl_ui

FINDINGS = {f.id: f for f in tl.prognosis().findings}
LIMITING = FINDINGS["dasilva-activity-limiting"]
#: Recurrence percentages larger than the activity-limiting one: the "largest numbers".
HEADLINES = sorted(
    {f.value for f in FINDINGS.values() if f.group == "recurrence" and f.unit == "%" and f.value > LIMITING.value}
)
WORDS = r"two[- ]thirds|three[- ]quarters"
HEADLINE_RE = re.compile(rf"\b(?:{'|'.join(str(int(v)) for v in HEADLINES)})\s?%|\b(?:{WORDS})\b", re.I)
RECURRENCE_RE = re.compile(
    r"recurr|come back|comes back|came back|coming back|another episode|new episode|returns", re.I
)
LIMITING_RE = re.compile(rf"\b{int(LIMITING.value)}\s?%")
WINDOW = 400


def text_of(path):
    if path.suffix == ".ipynb":
        return "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    return path.read_text(encoding="utf-8")


def course_texts():
    paths = sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted((ROOT / "data").rglob("*.json"))
    paths += sorted((ROOT / "data").rglob("*.md")) + [
        ROOT / "instructor" / "README.md",
        ROOT / "instructor" / "answer-keys.md",
    ]
    # data/claims.json is the register of where each figure comes from, one source at a
    # time: not text a reader sees.
    return [
        p
        for p in paths
        if "classroom-sample" not in p.parts and ".ipynb_checkpoints" not in p.parts and p.name != "claims.json"
    ]


def bare_recurrence_figures(text):
    """Each place a headline recurrence figure is stated without the activity-limiting one near it."""
    bare = []
    for m in HEADLINE_RE.finditer(text):
        around = text[max(0, m.start() - WINDOW) : m.end() + WINDOW]
        if RECURRENCE_RE.search(around) and not LIMITING_RE.search(around):
            bare.append(text[max(0, m.start() - 80) : m.end() + 80].replace("\n", " "))
    return bare


def _param(path):
    return pytest.param(path, id=path.relative_to(ROOT).as_posix())


def test_the_checker_finds_a_bare_figure_and_accepts_a_framed_one():
    top = int(HEADLINES[0])
    assert bare_recurrence_figures(f"Pain came back in {top}% of people within a year.")
    assert bare_recurrence_figures("More than two thirds had a recurrence.")
    assert not bare_recurrence_figures(
        f"Pain came back in {top}% of people; {int(LIMITING.value)}% had a recurrence that limited activities."
    )
    assert not bare_recurrence_figures(f"{top}% of the cohort were women.")  # not about recurrence


@pytest.mark.parametrize("path", [_param(p) for p in course_texts()])
def test_recurrence_is_never_stated_without_the_activity_limiting_figure(path):
    assert bare_recurrence_figures(text_of(path)) == []


def test_the_data_keep_all_three_da_silva_figures_together():
    da_silva = [f for f in tl.prognosis().findings if f.ref == LIMITING.ref and f.unit == "%"]
    assert len(da_silva) == 3, "any recurrence, activity-limiting, care-seeking"
    ids = [f.id for f in tl.prognosis().findings]
    positions = sorted(ids.index(f.id) for f in da_silva)
    assert positions == list(range(positions[0], positions[0] + 3)), "listed side by side"
    for f in FINDINGS.values():
        if f.group == "recurrence" and f.value in HEADLINES:
            assert ids.index(f.id) > ids.index(LIMITING.id) or f.ref == LIMITING.ref


def test_explorer_and_tables_show_the_recurrence_figures_with_their_definitions():
    for html in (tl_ui.explorer_note_html("acute"), tl_ui.findings_html(("recurrence",))):
        assert not bare_recurrence_figures(re.sub(r"<[^>]+>", " ", html))
        assert LIMITING_RE.search(html)


def test_study_card_gives_all_three_recurrence_measures():
    from glutecourse.topics.evidence import study

    card = study(LIMITING.ref)
    numbers = card.numbers
    text = " ".join(card.findings)
    for key in ("recurrence_percent", "activity_limiting_percent", "care_seeking_percent"):
        assert f"{numbers[key]:g}%" in text, key
    assert numbers["activity_limiting_percent"] == LIMITING.value


# ------------------------------------------------------------------ glossary and "a few days"


def glossary_entry(term):
    from glutecourse.catalog.glossary import lookup

    return lookup(term)


def test_confidence_interval_is_defined_as_a_statement_about_the_method():
    text = glossary_entry("confidence interval").definition.lower()
    assert "method" in text and "95%" in text
    assert "either contains it or does not" in text  # not "this interval has a 95% chance"


def test_nerve_roots_leave_the_spinal_canal_below_where_the_cord_ends():
    text = glossary_entry("nerve root").definition.lower()
    assert "leaves the spinal cord" not in text and "leave the spinal cord" not in text
    assert "spinal canal" in text and "cord itself ends" in text


def test_persistent_is_defined_as_the_study_behind_the_curve_defined_it():
    entry = glossary_entry("persistent")
    curve = next(c for c in tl.prognosis().curves if c.kind == "persistent")
    assert entry.ref == curve.ref, "the definition comes from the study the persistent curve is drawn from"
    assert "12 weeks" in entry.definition and "12 months" in entry.definition


def test_notebook_07_keeps_a_few_days_only_inside_quotations_of_the_article():
    text = text_of(ROOT / "notebooks" / "07-recovery-timeline.ipynb")
    quoted = [m.span() for m in re.finditer(r"[\"“][^\"”\n]*[\"”]", text)]
    hits = [m.start() for m in re.finditer(r"few days", text, re.I)]
    assert hits, "the article's claim is still quoted and corrected"
    for pos in hits:
        assert any(a < pos < b for a, b in quoted), text[max(0, pos - 80) : pos + 40]
