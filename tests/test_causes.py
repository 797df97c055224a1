"""The seven claimed causes, the claim-vs-evidence cards and the sitting-time calculator."""

import json

import msgspec
import pytest

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics.causes import cause, causes, check_causes, parse_hours, sitting_summary, sitting_threshold
from glutecourse.ui.causes import cause_card_html, cause_cards, levels_key_html, sitting_calculator, sitting_report_html

SEVEN = [
    "muscle-imbalance",
    "sedentary-lifestyle",
    "poor-posture",
    "overtraining",
    "stress-and-tension",
    "inadequate-stretching",
    "injury-or-trauma",
]


def test_all_seven_claims_of_the_article_are_covered_in_order():
    assert [c.id for c in causes()] == SEVEN


def test_no_claim_is_rated_a_proven_cause_and_unverified_ones_say_no_source():
    levels = {c.id: c.level for c in causes()}
    assert levels["overtraining"] == "no-source"  # UNVERIFIED in the evidence file
    assert levels["stress-and-tension"] == "risk-factor"  # distress predicts persistence
    assert levels["poor-posture"] == "no-consensus"
    assert levels["muscle-imbalance"] == "association"


def test_card_shows_claim_evidence_strength_as_text_and_sources():
    html = cause_card_html("overtraining")
    assert "The claim:" in html and "What the evidence shows:" in html
    assert "No source found" in html  # the badge has words, not only a colour
    assert "Hartvigsen et al. 2018" in html


def test_tightness_card_says_the_research_is_about_weakness():
    html = cause_card_html("muscle-imbalance")
    assert "<em>weakness</em>" in html  # allowed markup survives escaping
    assert "no source" in html.lower()
    assert "Cooper et al. 2016" in html and "Sadler et al. 2019" in html


def test_choosing_a_cause_in_the_dropdown_changes_the_card():
    cards = cause_cards()
    assert "Muscle imbalance" in cards.card.value
    cards.picker.value = "stress-and-tension"
    assert "Stress and tension" in cards.card.value
    assert "Supported as a risk factor" in cards.card.value
    assert cards.picker.description  # readable by a screen reader


def test_levels_key_explains_every_badge():
    html = levels_key_html()
    for label in ["Supported as a risk factor", "Association only", "No consensus", "No source found"]:
        assert label in html


def test_data_with_an_unknown_reference_is_rejected():
    data = json.loads((ROOT / "data" / "causes.json").read_text())
    data["causes"][0]["refs"] = ["no-such-paper"]
    with pytest.raises(CourseDataError, match="no-such-paper"):
        check_causes(data, {"cooper-2016"}, {"da-silva-2019"})


def test_schema_rejects_an_unknown_strength_level():
    from glutecourse.core.data import validate

    data = json.loads((ROOT / "data" / "causes.json").read_text())
    data["causes"][3]["level"] = "proven"
    with pytest.raises(CourseDataError, match="overtraining"):
        validate(data, "causes", "causes.json")


# ------------------------------------------------------------------ sitting calculator


def test_threshold_comes_from_the_cited_study():
    assert sitting_threshold() == 5


@pytest.mark.parametrize("typed, hours", [("6", 6.0), (" 1.5 ", 1.5), ("2,5", 2.5), ("", 0.0), ("0", 0.0), (3, 3.0)])
def test_parse_hours_accepts_what_people_type(typed, hours):
    assert parse_hours(typed, "Work") == (hours, None)


@pytest.mark.parametrize(
    "typed, words", [("-3", "less than 0"), ("30", "only 24 hours"), ("lots", "not a number"), ("nan", "not a number")]
)
def test_parse_hours_explains_bad_input(typed, words):
    value, message = parse_hours(typed, "Work")
    assert value is None and words in message and message.startswith("Work:")


def test_total_and_comparison_with_five_hours():
    r = sitting_summary({"work": "4", "travel": "1", "leisure": "0.5"})
    assert r.ok and r.total == 5.5 and r.above_threshold is True
    r = sitting_summary({"work": "3", "travel": "2"})
    assert r.total == 5 and r.above_threshold is False  # the study said "more than 5"


def test_every_bad_box_gets_its_own_message():
    r = sitting_summary({"work": "-3", "travel": "30", "leisure": "lots"})
    assert not r.ok and r.total is None and r.above_threshold is None
    assert len(r.errors) == 3


def test_total_longer_than_a_day_and_empty_form_are_errors():
    r = sitting_summary({"work": "20", "travel": "3", "leisure": "4"})
    assert not r.ok and "more than the 24 hours" in r.errors[0]
    r = sitting_summary({"work": "", "travel": " ", "leisure": ""})
    assert not r.ok and "at least one box" in r.errors[0]


def test_report_states_association_not_cause_and_gives_suggestions():
    html = sitting_report_html(sitting_summary({"work": "7"}))
    assert "about 7 hours" in html and "more than" in html
    assert "association" in html and "not a prediction" in html
    assert "da Silva et al. 2019" in html and "NICE" in html
    assert "250 people" in html


def test_calculator_widget_shows_messages_not_tracebacks():
    calc = sitting_calculator()
    calc.inputs["work"].value = "lots"
    calc.inputs["travel"].value = "-3"
    calc.button.click()
    assert "Please check your entries" in calc.result.value
    assert "“lots” is not a number" in calc.result.value and "less than 0" in calc.result.value
    calc.inputs["work"].value = "6"
    calc.inputs["travel"].value = "1"
    calc.button.click()
    assert "about 7 hours" in calc.result.value and "Please check" not in calc.result.value
    assert all(box.description for box in calc.inputs.values()) and calc.button.tooltip


def test_data_text_is_escaped_in_the_widget(monkeypatch):
    import glutecourse.ui.causes as mod

    evil = msgspec.structs.replace(cause("overtraining"), claim="<script>alert(1)</script>")
    monkeypatch.setattr(mod, "cause", lambda cid: evil)
    html = mod.cause_card_html("overtraining")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_evidence_map_text_never_overlaps():
    """Every piece of text in the evidence map, measured with the Agg renderer, sits clear of
    every other (the headers used to run into each other)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from glutecourse.charts.causes import draw_causes_map

    fig = draw_causes_map()
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    assert len(boxes) >= 3 * len(causes()), "the map's headers and rows are all text"
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
