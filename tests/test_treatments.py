"""Treatments (notebook 06): the data, the guideline disagreements, the tables and the filter
widget, checked the way a reader would notice a problem."""

import copy
import json
import re

import pytest
from conftest import ROOT

from glutecourse import treatments as tr
from glutecourse.data import validate
from glutecourse.errors import CourseDataError

DATA = ROOT / "data" / "treatments.json"


@pytest.fixture
def raw():
    return json.loads(DATA.read_text(encoding="utf-8"))


def row(treatment_id):
    return tr.treatment(treatment_id)


# ------------------------------------------------------------------ data


def test_data_file_validates_with_jsonschema_too(raw):
    import jsonschema

    schema = json.loads((ROOT / "src" / "glutecourse" / "schemas" / "treatments.schema.json").read_text())
    jsonschema.validate(raw, schema)


def test_unknown_stance_is_rejected(raw):
    bad = copy.deepcopy(raw)
    bad["treatments"][0]["guidelines"]["nice"]["stance"] = "probably fine"
    with pytest.raises(CourseDataError, match="stay-active"):
        validate(bad, "treatments", DATA)


@pytest.fixture
def load_with(tmp_path, monkeypatch):
    """Load treatments from a modified copy of the data (in a temporary data folder)."""
    from glutecourse.references import bibliography

    def _load(data):
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        (folder / "references.json").write_text((ROOT / "data" / "references.json").read_text())
        (folder / "treatments.json").write_text(json.dumps(data))
        monkeypatch.setenv("GLUTECOURSE_DATA", str(folder))
        tr.treatments_data.cache_clear()
        bibliography.cache_clear()
        return tr.treatments_data()

    yield _load
    monkeypatch.delenv("GLUTECOURSE_DATA", raising=False)
    tr.treatments_data.cache_clear()
    bibliography.cache_clear()


def test_a_recommendation_must_say_who_it_is_for_and_how_good_the_evidence_is(raw, load_with):
    bad = copy.deepcopy(raw)
    del bad["treatments"][1]["guidelines"]["acp"]["population"]
    with pytest.raises(CourseDataError, match="'exercise'.*acp.*missing population"):
        load_with(bad)


def test_unverified_cells_cannot_carry_a_guessed_grade(raw, load_with):
    bad = copy.deepcopy(raw)
    bad["treatments"][0]["guidelines"]["acp"] = {"stance": "unverified", "evidence": "low"}
    with pytest.raises(CourseDataError, match="'stay-active'.*must not give evidence"):
        load_with(bad)


def test_unknown_reference_is_reported(raw, load_with):
    bad = copy.deepcopy(raw)
    bad["claims"][0]["refs"] = ["no-such-paper"]
    with pytest.raises(CourseDataError, match="no-such-paper"):
        load_with(bad)


def test_the_real_data_loads_cleanly(raw, load_with):
    assert len(load_with(raw)["treatments"]) == len(raw["treatments"])


def test_every_category_of_the_article_is_present():
    for category in tr.CATEGORIES:
        assert tr.treatments(category), category
    names = " ".join(t["name"].lower() for t in tr.treatments())
    for word in ("manipulation", "ibuprofen", "paracetamol", "muscle relaxant", "massage", "acupuncture",
                 "yoga", "pilates", "stretching", "foam rolling", "heat", "cold", "ergonomic"):
        assert word in names, word


def test_stances_follow_the_checked_facts():
    assert row("acupuncture")["guidelines"]["nice"]["stance"] == "do not offer"
    assert row("massage")["guidelines"]["nice"]["stance"] == "only with exercise"
    assert row("spinal-manipulation")["guidelines"]["nice"]["stance"] == "only with exercise"
    assert row("paracetamol")["guidelines"]["nice"]["stance"] == "do not offer"
    assert row("muscle-relaxants")["guidelines"]["acp"]["population"] == "acute"
    # What the sources could not confirm stays unconfirmed, never guessed.
    assert row("paracetamol")["guidelines"]["who"]["stance"] == "unverified"
    assert row("muscle-relaxants")["guidelines"]["who"]["stance"] == "unverified"
    for tid in ("stretching", "foam-rolling", "ergonomics"):
        assert {c["stance"] for c in row(tid)["guidelines"].values()} == {"unverified"}, tid


def test_who_never_speaks_about_acute_only_pain():
    for t in tr.treatments():
        cell = t["guidelines"]["who"]
        assert cell.get("population") in (None, "chronic"), t["id"]


# ------------------------------------------------------------------ disagreements


def test_acupuncture_is_among_the_disagreements():
    ids = [d["id"] for d in tr.disagreements()]
    assert "acupuncture" in ids
    acu = next(d for d in tr.disagreements() if d["id"] == "acupuncture")
    assert acu["stances"]["NICE NG59"] == "do not offer"
    assert acu["stances"]["ACP 2017"] == "recommend"


def test_disagreements_are_the_hands_on_and_needling_treatments():
    assert {d["id"] for d in tr.disagreements()} == {"acupuncture", "spinal-manipulation", "massage"}


def test_agreement_and_silence_are_not_disagreement():
    assert not tr.guidelines_disagree(row("exercise"))  # consider / recommend / consider
    assert not tr.guidelines_disagree(row("devices"))  # do not offer, not covered, do not offer
    assert not tr.guidelines_disagree(row("paracetamol"))  # only NICE takes a verified side


# ------------------------------------------------------------------ tables


def test_table_shows_stance_words_and_symbols_not_colour_alone():
    html = tr.treatment_table_html("alternative")
    assert "Acupuncture" in html and "Massage" in html
    assert "Paracetamol" not in html
    assert "do not offer" in html and "✘" in html
    assert "only with exercise" in html
    assert "guidelines disagree" in html
    assert "background" not in html  # meaning never carried by colour


def test_table_for_one_guideline_has_only_its_column():
    html = tr.treatment_table_html(guideline="who")
    headers = re.findall(r"<th scope='col'[^>]*>([^<]+)</th>", html)
    assert headers == ["Treatment", "WHO 2023", "Other evidence"]


def test_table_shows_who_was_studied():
    html = tr.treatment_table_html("home")
    assert "healthy young adults" in html  # foam rolling
    assert "Konrad et al. 2022" in html
    assert "recent-onset (acute) pain" in html  # ACP heat


def test_unknown_category_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown category"):
        tr.treatment_table_html("magic")


def test_claims_table_covers_the_articles_overstatements():
    html = tr.claims_html()
    for text in ("paracetamol", "15-30 seconds", "1-2 minutes", "cold"):
        assert text in html, text
    assert "not supported" in html and "untested in back pain" in html


def test_data_text_is_escaped(monkeypatch):
    monkeypatch.setitem(tr.treatment("cold"), "name", "Cold <script>alert(1)</script>")
    html = tr.treatment_table_html("home")
    assert "<script>" not in html and "&lt;script&gt;" in html


# ------------------------------------------------------------------ widget


def test_explorer_filters_by_category_and_guideline():
    ex = tr.treatment_explorer()
    assert "Acupuncture" in ex.output.value and "Paracetamol" in ex.output.value
    ex.category.value = "home"
    assert "Foam rolling" in ex.output.value and "Acupuncture" not in ex.output.value
    ex.guideline.value = "nice"
    assert "NICE NG59</th>" in ex.output.value and "ACP 2017</th>" not in ex.output.value


def test_explorer_shows_only_disagreements_when_asked():
    ex = tr.treatment_explorer()
    ex.category.value = "disagree"
    html = ex.output.value
    assert tr.treatment_explorer(show="disagree").output.value == html
    with pytest.raises(ValueError, match="unknown view"):
        tr.treatment_explorer(show="everything")
    assert "Acupuncture" in html and "Massage" in html and "Spinal manipulation" in html
    assert "Foam rolling" not in html and "Paracetamol" not in html


def test_empty_filter_result_gives_a_message_not_an_empty_table():
    html = tr.treatment_table_html("home", disagreements_only=True)
    assert "No treatments match" in html and "<table" not in html


def test_explorer_controls_are_labelled_for_screen_readers():
    ex = tr.treatment_explorer()
    for control in (ex.category, ex.guideline):
        assert control.description
    assert len(ex.category.tooltips) == len(ex.category.options)


def test_explorer_shows_a_message_instead_of_a_traceback(monkeypatch):
    ex = tr.treatment_explorer()

    def broken(*args, **kwargs):
        raise CourseDataError(DATA, "treatment 'x'", "stance is wrong")

    monkeypatch.setattr(tr, "treatment_table_html", broken)
    ex.category.value = "alternative"
    assert "could not be shown" in ex.output.value and "stance is wrong" in ex.output.value


# ------------------------------------------------------------------ figure, quiz, glossary


def test_grid_figure_names_the_disagreements_in_its_alt_text():
    from glutecourse.figures.treatments import figures

    spec = next(iter(figures()))
    assert spec.name.startswith("treatments-")
    assert "acupuncture" in spec.alt and "massage" in spec.alt


def test_grid_figure_labels_every_cell_in_words():
    from glutecourse.figures.treatments import draw_guideline_grid

    fig = draw_guideline_grid()
    texts = [t.get_text() for t in fig.axes[0].texts]
    n_rows = len(tr.treatments())
    cell = re.compile(r"^\S{1,2} (recommend|consider|only with exercise|do not offer|not covered|unverified)$")
    assert sum(bool(cell.match(t)) for t in texts) == 3 * n_rows
    assert sum("guidelines disagree" in t for t in texts) == len(tr.disagreements())


def test_quiz_bank_has_mixed_types_and_cites_sources():
    from glutecourse.quizzes import load_bank

    bank = load_bank("06-treatment-options")
    assert 6 <= len(bank.questions) <= 8
    assert {q.type for q in bank.questions} == {"single", "multiple", "truefalse", "numeric"}
    assert all(q.ref and q.explanation for q in bank.questions)


def test_glossary_terms_used_in_the_notebook_exist():
    from glutecourse.glossary import lookup

    for term in ("nsaid", "acetaminophen", "opioid", "placebo", "spinal manipulation", "acupuncture",
                 "conditional recommendation", "tens", "self-management", "muscle relaxant", "manual therapy"):
        assert lookup(term)["definition"]
