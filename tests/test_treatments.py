"""Treatments (notebook 06): the data, the guideline disagreements, the tables and the filter
widget, checked the way a reader would notice a problem."""

import copy
import json
import re

import msgspec
import pytest

from conftest import ROOT
from glutecourse.core.data import validate
from glutecourse.core.errors import CourseDataError
from glutecourse.core.text import safe_html
from glutecourse.topics import treatments as tr
from glutecourse.ui import treatments as tr_ui

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
    with pytest.raises(CourseDataError, match=bad["treatments"][0]["id"]):
        validate(bad, "treatments", DATA)


@pytest.fixture
def load_with(tmp_path, monkeypatch):
    """Load treatments from a modified copy of the data (in a temporary data folder)."""
    from glutecourse.catalog.references import bibliography

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
    exercise = next(t for t in bad["treatments"] if t["id"] == "exercise")
    del exercise["guidelines"]["acp"]["population"]
    with pytest.raises(CourseDataError, match="'exercise'.*acp.*missing population"):
        load_with(bad)


def test_unverified_cells_cannot_carry_a_guessed_grade(raw, load_with):
    bad = copy.deepcopy(raw)
    first = bad["treatments"][0]
    first["guidelines"]["acp"] = {
        "stance": "unverified",
        "evidence": "low",
        "source": first["guidelines"]["acp"]["source"],
    }
    with pytest.raises(CourseDataError, match=f"'{first['id']}'.*must not give evidence"):
        load_with(bad)


# ------------------------------------------------------------------ where each stance comes from


def cells():
    """(treatment id, guideline id, cell) for every cell of the real data."""
    return [(t.id, g, t.guidelines[g]) for t in tr.treatments() for g in tr.GUIDELINES]


def test_every_stance_carries_its_source_place_and_check_date():
    for tid, g, cell in cells():
        src = cell.source
        assert src.place.strip(), (tid, g)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", src.checked), (tid, g)
        assert src.read in tr.READ_LABELS, (tid, g)
        if src.read == "secondary":
            assert src.via.strip(), (tid, g)  # a summary is named, never an anonymous "secondary"
        if tr.DIRECTION[cell.stance] is not None:
            assert src.strength.strip(), (tid, g)


@pytest.mark.parametrize("remove", ["source", "source.place", "source.checked"])
def test_schema_rejects_a_stance_without_its_source(raw, remove):
    bad = copy.deepcopy(raw)
    cell = bad["treatments"][0]["guidelines"]["nice"]
    if remove == "source":
        del cell["source"]
    else:
        del cell["source"][remove.split(".")[1]]
    with pytest.raises(CourseDataError, match=bad["treatments"][0]["id"]):
        validate(bad, "treatments", DATA)


def test_a_summary_must_be_named_when_the_guideline_itself_was_not_read(raw):
    bad = copy.deepcopy(raw)
    cell = next(c for t in bad["treatments"] for c in t["guidelines"].values() if c["source"]["read"] == "secondary")
    del cell["source"]["via"]
    with pytest.raises(CourseDataError, match="via"):
        validate(bad, "treatments", DATA)


def test_a_stance_that_takes_a_side_must_say_how_strong_it_is(raw, load_with):
    bad = copy.deepcopy(raw)
    row = next(t for t in bad["treatments"] if "strength" in t["guidelines"]["acp"]["source"])
    del row["guidelines"]["acp"]["source"]["strength"]
    with pytest.raises(CourseDataError, match=f"'{row['id']}'.*source.strength"):
        load_with(bad)


def test_source_is_shown_in_the_table_with_the_date_checked():
    html = tr_ui.treatment_table_html("conventional", guideline="acp")
    for t in tr.treatments("conventional"):
        src = t.guidelines["acp"].source
        assert safe_html(src.place) in html, t.id
    assert "checked " + cells()[0][2].source.checked in html
    assert all(safe_html(label) in html for label in tr.READ_LABELS.values())
    silent = next(t for t in tr.treatments() if t.guidelines["who"].stance == "unverified")
    text = tr.source_text(silent.guidelines["who"])
    assert any(label in text for label in tr.SEARCH_LABELS.values())  # looked for, not "read"
    assert not any(label in text for label in tr.READ_LABELS.values())


def test_an_unseen_recommendation_number_is_flagged_as_such():
    unseen = [(tid, g, c) for tid, g, c in cells() if not c.source.place_seen]
    assert unseen, "the data records which recommendation numbers were not seen in the text read"
    tid, g, cell = unseen[0]
    assert "number not seen" in tr.source_text(cell)
    seen = next(c for _, _, c in cells() if c.source.place_seen)
    assert "number not seen" not in tr.source_text(seen)


def test_unknown_reference_is_reported(raw, load_with):
    bad = copy.deepcopy(raw)
    bad["claims"][0]["refs"] = ["no-such-paper"]
    with pytest.raises(CourseDataError, match="no-such-paper"):
        load_with(bad)


def test_the_real_data_loads_cleanly(raw, load_with):
    assert len(load_with(raw).treatments) == len(raw["treatments"])


def test_every_category_of_the_article_is_present():
    for category in tr.CATEGORIES:
        assert tr.treatments(category), category
    names = " ".join(t.name.lower() for t in tr.treatments())
    for word in (
        "manipulation",
        "ibuprofen",
        "paracetamol",
        "muscle relaxant",
        "massage",
        "acupuncture",
        "yoga",
        "pilates",
        "stretching",
        "foam rolling",
        "heat",
        "cold",
        "ergonomic",
    ):
        assert word in names, word


def test_stances_follow_the_checked_facts():
    assert row("acupuncture").guidelines["nice"].stance == "do not offer"
    assert row("massage").guidelines["nice"].stance == "only with exercise"
    assert row("spinal-manipulation").guidelines["nice"].stance == "only with exercise"
    assert row("paracetamol").guidelines["nice"].stance == "do not offer"
    assert row("muscle-relaxants").guidelines["acp"].population == "acute"
    # What the sources could not confirm stays unconfirmed, never guessed.
    assert row("paracetamol").guidelines["who"].stance == "unverified"
    assert row("muscle-relaxants").guidelines["who"].stance == "unverified"
    for tid in ("stretching", "foam-rolling", "ergonomics"):
        assert {c.stance for c in row(tid).guidelines.values()} == {"unverified"}, tid


# ------------------------------------------------------------------ the corrections of issue 9


def test_acp_paracetamol_is_a_finding_of_no_benefit_not_silence():
    cell = row("paracetamol").guidelines["acp"]
    assert cell.stance != "not covered"
    assert tr.DIRECTION[cell.stance] == "against"
    assert "reviewed" in tr.stance_info()[cell.stance].meaning.lower()
    assert "placebo" in cell.note


def test_acp_opioids_for_long_lasting_pain_are_a_last_resort_after_other_medicines():
    cell = row("opioids-chronic").guidelines["acp"]
    assert cell.stance == "last resort"
    assert cell.source.strength == "weak"
    for earlier in ("NSAID", "tramadol", "duloxetine"):
        assert earlier in cell.note, earlier
    assert "benefits outweigh the risks" in cell.note


def test_acp_names_nsaids_as_the_first_medicine_for_long_lasting_pain_too():
    cell = row("nsaids").guidelines["acp"]
    assert cell.population == "acute and chronic"
    assert "3" in re.findall(r"\d", cell.source.place)
    assert "first-choice medicine" in cell.note


def test_no_who_stance_on_a_medicine_is_a_firm_recommend():
    medicines = [t for t in tr.treatments() if t.medicine]
    assert {t.id for t in medicines} >= {"nsaids", "paracetamol", "muscle-relaxants", "opioids-chronic"}
    for t in medicines:
        assert t.guidelines["who"].stance != "recommend", t.id
    # WHO 2023's recommendations on these treatments are conditional: none may read as firm.
    for t in tr.treatments():
        cell = t.guidelines["who"]
        if tr.DIRECTION[cell.stance] is not None:
            assert cell.stance != "recommend", t.id
            assert cell.source.strength in ("conditional", "unverified"), t.id


def test_who_covers_education_and_advice():
    cell = row("stay-active").guidelines["who"]
    assert tr.DIRECTION[cell.stance] == "for"
    assert "education" in cell.note.lower() and "advice" in cell.note.lower()


def test_nice_says_do_not_offer_benzodiazepines_for_sciatica():
    cell = row("muscle-relaxants").guidelines["nice"]
    assert cell.stance == "do not offer"
    assert cell.population == "sciatica"
    assert "benzodiazepine" in cell.note
    assert "1.2.16" in cell.source.place


def test_nice_says_do_not_offer_antidepressants_or_anticonvulsants():
    cell = row("antidepressants-anticonvulsants").guidelines["nice"]
    assert cell.stance == "do not offer"
    for drug in ("SSRI", "SNRI", "tricyclic", "anticonvulsants", "gabapentinoids"):
        assert drug in cell.note, drug


def test_psychological_care_is_in_the_course_with_each_guidelines_stance():
    psych = tr.treatments("psychological")
    names = " ".join(t.name for t in psych)
    for therapy in ("cognitive behavioural", "operant", "Mindfulness", "physical and psychological"):
        assert therapy in names, therapy
    # At least one psychological treatment on which all three guidelines take a verified side.
    assert any(all(tr.DIRECTION[c.stance] is not None for c in t.guidelines.values()) for t in psych)
    assert "Psychological care" in tr_ui.treatment_table_html()


def test_effect_claims_cite_trials_and_systematic_reviews_not_narrative_reviews():
    from glutecourse.catalog.references import bibliography

    bib = bibliography()
    for t in tr.treatments():
        for ev in t.other_evidence:
            if ev.kind == "effect":
                assert bib[ev.ref].kind in ("trial", "systematic review"), (t.id, ev.ref)
    paracetamol = {ev.ref for ev in row("paracetamol").other_evidence}
    assert {bib[k].kind for k in paracetamol} == {"trial", "systematic review"}


def test_who_never_speaks_about_acute_only_pain():
    for t in tr.treatments():
        cell = t.guidelines["who"]
        assert cell.population in (None, "chronic"), t.id


# ------------------------------------------------------------------ disagreements


def test_acupuncture_is_among_the_disagreements():
    ids = [d.id for d in tr.disagreements()]
    assert "acupuncture" in ids
    acu = next(d for d in tr.disagreements() if d.id == "acupuncture")
    assert acu.stances["NICE NG59"] == "do not offer"
    assert acu.stances["ACP 2017"] == "recommend"


def test_hands_on_needling_and_opioid_disagreements_are_found():
    ids = {d.id for d in tr.disagreements()}
    assert {"acupuncture", "spinal-manipulation", "massage"} <= ids
    assert "opioids-chronic" in ids  # NICE and WHO against; ACP as a last resort
    assert all(tr.guidelines_disagree(row(i)) for i in ids)


def test_agreement_and_silence_are_not_disagreement():
    assert not tr.guidelines_disagree(row("exercise"))  # consider / recommend / consider
    assert not tr.guidelines_disagree(row("devices"))  # do not offer, not covered, do not offer
    # NICE "do not offer" and ACP "not recommended" both point against; WHO unverified.
    assert not tr.guidelines_disagree(row("paracetamol"))


# ------------------------------------------------------------------ tables


def test_table_shows_stance_words_and_symbols_not_colour_alone():
    html = tr_ui.treatment_table_html("alternative")
    assert "Acupuncture" in html and "Massage" in html
    assert "Paracetamol" not in html
    assert "do not offer" in html and "✘" in html
    assert "only with exercise" in html
    assert "guidelines disagree" in html
    assert "background" not in html  # meaning never carried by colour


def test_table_for_one_guideline_has_only_its_column():
    html = tr_ui.treatment_table_html(guideline="who")
    headers = re.findall(r"<th scope='col'[^>]*>([^<]+)</th>", html)
    assert headers == ["Treatment", "WHO 2023", "Other evidence"]


def test_table_shows_who_was_studied():
    html = tr_ui.treatment_table_html("home")
    assert "healthy young adults" in html  # foam rolling
    assert "Konrad et al. 2022" in html
    assert "recent-onset (acute) pain" in html  # ACP heat


def test_unknown_category_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown category"):
        tr_ui.treatment_table_html("magic")


def test_claims_table_covers_the_articles_overstatements():
    html = tr_ui.claims_html()
    for text in ("paracetamol", "15-30 seconds", "1-2 minutes", "cold"):
        assert text in html, text
    assert "not supported" in html and "untested in back pain" in html


def test_data_text_is_escaped(monkeypatch):
    rows = tr.treatments_data()
    cold = msgspec.structs.replace(tr.treatment("cold"), name="Cold <script>alert(1)</script>")
    changed = msgspec.structs.replace(rows, treatments=tuple(cold if t.id == "cold" else t for t in rows.treatments))
    monkeypatch.setattr(tr, "treatments_data", lambda: changed)
    html = tr_ui.treatment_table_html("home")
    assert "<script>" not in html and "&lt;script&gt;" in html


# ------------------------------------------------------------------ widget


def test_explorer_filters_by_category_and_guideline():
    ex = tr_ui.treatment_explorer()
    assert "Acupuncture" in ex.output.value and "Paracetamol" in ex.output.value
    ex.category.value = "home"
    assert "Foam rolling" in ex.output.value and "Acupuncture" not in ex.output.value
    ex.guideline.value = "nice"
    assert "NICE NG59</th>" in ex.output.value and "ACP 2017</th>" not in ex.output.value


def test_explorer_shows_only_disagreements_when_asked():
    ex = tr_ui.treatment_explorer()
    ex.category.value = "disagree"
    html = ex.output.value
    assert tr_ui.treatment_explorer(show="disagree").output.value == html
    with pytest.raises(ValueError, match="unknown view"):
        tr_ui.treatment_explorer(show="everything")
    assert "Acupuncture" in html and "Massage" in html and "Spinal manipulation" in html
    assert "Foam rolling" not in html and "Paracetamol" not in html


def test_empty_filter_result_gives_a_message_not_an_empty_table():
    html = tr_ui.treatment_table_html("home", disagreements_only=True)
    assert "No treatments match" in html and "<table" not in html


def test_explorer_controls_are_labelled_for_screen_readers():
    ex = tr_ui.treatment_explorer()
    for control in (ex.category, ex.guideline):
        assert control.description
    assert len(ex.category.tooltips) == len(ex.category.options)


def test_explorer_shows_a_message_instead_of_a_traceback(monkeypatch):
    ex = tr_ui.treatment_explorer()

    def broken(*args, **kwargs):
        raise CourseDataError(DATA, "treatment 'x'", "stance is wrong")

    monkeypatch.setattr(tr_ui, "treatment_table_html", broken)
    ex.category.value = "alternative"
    assert "could not be shown" in ex.output.value and "stance is wrong" in ex.output.value


# ------------------------------------------------------------------ figure, quiz, glossary


def test_grid_figure_names_the_disagreements_in_its_alt_text():
    from glutecourse.charts.treatments import figures

    spec = next(iter(figures()))
    assert spec.name.startswith("treatments-")
    for d in tr.disagreements():
        assert tr.treatment(d.id).short in spec.alt, d.id
    assert "psychological care" in spec.alt.lower()


def test_grid_figure_labels_every_cell_in_words():
    from glutecourse.charts.treatments import draw_guideline_grid

    fig = draw_guideline_grid()
    texts = [t.get_text() for t in fig.axes[0].texts]
    n_rows = len(tr.treatments())
    labels = "|".join(re.escape(s.label) for s in tr.stance_info().values())
    cell = re.compile(rf"^\S{{1,2}} ({labels})$")
    assert sum(bool(cell.match(t)) for t in texts) == 3 * n_rows
    assert sum("guidelines disagree" in t for t in texts) == len(tr.disagreements())


def test_quiz_bank_has_mixed_types_and_cites_sources():
    from glutecourse.topics.quizzes import load_bank

    bank = load_bank("06-treatment-options")
    assert 6 <= len(bank.questions) <= 8
    assert {q.type for q in bank.questions} == {"single", "multiple", "truefalse", "numeric"}
    assert all(q.ref and q.explanation for q in bank.questions)


def test_glossary_terms_used_in_the_notebook_exist():
    from glutecourse.catalog.glossary import lookup

    for term in (
        "nsaid",
        "acetaminophen",
        "opioid",
        "placebo",
        "spinal manipulation",
        "acupuncture",
        "conditional recommendation",
        "tens",
        "self-management",
        "muscle relaxant",
        "manual therapy",
    ):
        assert lookup(term).definition
