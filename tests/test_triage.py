"""The symptom self-check: data complete, red flags always win, no diagnosis, widget works."""

import copy
import itertools
import json
import re

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutecourse import triage as T
from glutecourse.errors import CourseDataError

# Every red flag in content-facts §4 (NHS public advice, BMJ Best Practice on cauda equina
# syndrome, Verhagen 2016 / NICE NG59), with the level it must trigger.
REQUIRED_RED_FLAGS = {
    # emergency
    "rf-both-legs": "emergency",  # pain, tingling, weakness or numbness in both legs
    "rf-saddle-numbness": "emergency",  # genitals, anus, buttocks
    "rf-urine-difficulty": "emergency",  # difficulty passing urine
    "rf-bladder-bowel-control": "emergency",  # loss of bladder or bowel control
    "rf-sexual-function": "emergency",  # new sexual dysfunction (BMJ CES list)
    "rf-chest-pain": "emergency",
    "rf-major-trauma": "emergency",  # onset after a serious accident
    # urgent
    "rf-fever": "urgent",
    "rf-weight-loss": "urgent",
    "rf-lump-shape": "urgent",
    "rf-night-rest": "urgent",  # not eased by rest or worse at night
    "rf-sneeze-cough": "urgent",  # worse with sneezing, coughing, pooing
    "rf-between-shoulder-blades": "urgent",
    "rf-cancer-history": "urgent",
    "rf-steroids": "urgent",
}
# The outline's symptoms (§4) and reasons to see a doctor (§5).
REQUIRED_OUTLINE_ITEMS = {
    "c-worse-sitting-standing": "common",
    "c-hip-to-back": "common",
    "c-stiff-bending": "common",
    "c-spasms": "common",
    "lc-pain-down-leg": "less-common",
    "lc-numb-tingling": "less-common",
    "lc-posture": "less-common",
    "lc-tired": "less-common",
    "sd-not-easing": "see-a-doctor",
    "sd-severe-shooting": "see-a-doctor",
    "sd-mobility": "see-a-doctor",
    "sd-one-leg-nerve": "see-a-doctor",
    "sd-history": "see-a-doctor",
}
# Each label must carry the key words of the sign it stands for, so an edit cannot quietly
# change its meaning.
RED_FLAG_KEYWORDS = {
    "rf-both-legs": ["both legs"],
    "rf-saddle-numbness": ["numb", "genitals", "anus", "buttocks"],
    "rf-urine-difficulty": ["urine"],
    "rf-bladder-bowel-control": ["bladder", "bowel"],
    "rf-sexual-function": ["sexual"],
    "rf-chest-pain": ["chest"],
    "rf-major-trauma": ["accident"],
    "rf-fever": ["fever"],
    "rf-weight-loss": ["weight"],
    "rf-lump-shape": ["lump", "shape"],
    "rf-night-rest": ["rest", "night"],
    "rf-sneeze-cough": ["sneeze", "cough", "poo"],
    "rf-between-shoulder-blades": ["shoulder blades"],
    "rf-cancer-history": ["cancer"],
    "rf-steroids": ["steroid"],
}

ITEMS = T.items()
BY_LEVEL = {lv: [i for i, it in ITEMS.items() if it.level == lv] for lv in T.LEVELS}
NON_EMERGENCY = BY_LEVEL["urgent"] + BY_LEVEL["routine"] + BY_LEVEL["selfcare"]
LOWER_THAN_URGENT = BY_LEVEL["routine"] + BY_LEVEL["selfcare"]
RANK = {lv: n for n, lv in enumerate(T.LEVELS)}


def subsets(pool):
    return itertools.chain.from_iterable(itertools.combinations(pool, r) for r in range(len(pool) + 1))


def raw_data():
    return json.loads((ROOT / "data" / "symptoms.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- data


def test_every_red_flag_from_the_sources_is_present_with_its_level():
    for item_id, level in REQUIRED_RED_FLAGS.items():
        assert item_id in ITEMS, f"red flag {item_id} missing from data/symptoms.json"
        assert ITEMS[item_id].level == level, f"{item_id} must be {level}"
        assert ITEMS[item_id].group == "red-flag"
        for word in RED_FLAG_KEYWORDS[item_id]:
            assert word in ITEMS[item_id].label.lower(), f"{item_id}: label lost {word!r}"


def test_every_outline_symptom_is_tickable():
    for item_id, group in REQUIRED_OUTLINE_ITEMS.items():
        assert ITEMS[item_id].group == group


def test_no_unexpected_red_flag_is_downgraded():
    for item in ITEMS.values():
        if item.group == "red-flag":
            assert item.level in ("emergency", "urgent"), item.id


def test_every_item_cites_a_known_reference():
    from glutecourse.references import reference_keys

    keys = reference_keys()
    for item in ITEMS.values():
        assert item.refs and set(item.refs) <= keys, item.id


def test_levels_are_the_four_known_ones_most_severe_first():
    assert [lv["id"] for lv in T.symptom_data()["levels"]] == ["emergency", "urgent", "routine", "selfcare"]


def test_emergency_advice_gives_uk_and_generic_numbers():
    action = T.level_info("emergency")["action"]
    assert "999" in action and "A&E" in action and "local emergency number" in action
    assert "111" in T.level_info("urgent")["action"]


def test_schema_rejects_an_unknown_level(tmp_path):
    from glutecourse.data import validate

    data = raw_data()
    data["items"][0]["level"] = "whenever"
    with pytest.raises(CourseDataError, match="c-worse-sitting-standing.*level"):
        validate(data, "symptoms", "symptoms.json")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["levels"].reverse(), "levels"),
        (lambda d: d["items"].append(dict(d["items"][0])), "used twice"),
        (lambda d: d["items"][-1].update(level="selfcare"), "red flag must be emergency or urgent"),
        (lambda d: d["items"][0].update(refs=["no-such-ref"]), "no-such-ref"),
        (lambda d: d["levels"][2].update(message="This may be sciatica."), "names a diagnosis"),
        (lambda d: d["items"][0].update(note="Probably a slipped disc."), "names a diagnosis"),
        (lambda d: d.update(items=[i for i in d["items"] if i["group"] != "common"]), "has no items"),
    ],
    ids=["level-order", "duplicate-id", "red-flag-downgraded", "unknown-ref", "diagnosis-in-message", "diagnosis-in-note", "empty-group"],
)
def test_bad_data_is_rejected_with_a_clear_message(mutate, message):
    data = copy.deepcopy(raw_data())
    mutate(data)
    with pytest.raises(CourseDataError, match=message):
        T.check_symptom_data(data, "symptoms.json")


# ----------------------------------------------------------------------------- rules


def test_nothing_ticked_says_so():
    result = T.triage([])
    assert result.level is None and result.causes == ()
    assert "not ticked anything" in result.html()


def test_unknown_ids_raise_a_clear_error():
    with pytest.raises(T.UnknownSymptomError, match="'back-is-sad'"):
        T.triage(["c-spasms", "back-is-sad"])


def test_a_single_id_string_is_not_split_into_letters():
    assert T.triage("rf-chest-pain").level == "emergency"


@pytest.mark.parametrize("emergency_id", BY_LEVEL["emergency"])
def test_emergency_wins_over_every_combination_of_lower_items(emergency_id):
    """Exhaustive: each emergency item with every subset of routine and self-care items,
    combined with no urgent item, each single urgent item, and all urgent items."""
    urgent_choices = [()] + [(u,) for u in BY_LEVEL["urgent"]] + [tuple(BY_LEVEL["urgent"])]
    for lower in subsets(LOWER_THAN_URGENT):
        for urgent in urgent_choices:
            ticked = (*lower, *urgent, emergency_id)
            result = T.triage(ticked)
            assert result.level == "emergency", ticked
            assert ITEMS[emergency_id] in result.causes


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    emergency=st.sampled_from(BY_LEVEL["emergency"]),
    others=st.sets(st.sampled_from(NON_EMERGENCY)),
    data=st.data(),
)
def test_emergency_wins_for_any_subset_in_any_order(emergency, others, data):
    ticked = data.draw(st.permutations([emergency, *others]))
    result = T.triage(ticked)
    assert result.level == "emergency"
    assert [i.id for i in result.causes] == [emergency]
    assert {i.id for i in result.others} == others


@pytest.mark.parametrize("urgent_id", BY_LEVEL["urgent"])
def test_urgent_is_never_downgraded_by_milder_items(urgent_id):
    """Exhaustive: each urgent item with every subset of routine and self-care items."""
    for lower in subsets(LOWER_THAN_URGENT):
        result = T.triage((*lower, urgent_id))
        assert result.level == "urgent"
        assert [i.id for i in result.causes] == [urgent_id]


@settings(max_examples=300, deadline=None, database=None)
@given(st.sets(st.sampled_from(list(ITEMS)), min_size=1))
def test_result_is_the_most_severe_ticked_level(ticked):
    result = T.triage(ticked)
    expected = min((ITEMS[i].level for i in ticked), key=RANK.__getitem__)
    assert result.level == expected
    assert {i.id for i in result.causes} | {i.id for i in result.others} == ticked
    # the rest are listed most severe first
    ranks = [RANK[i.level] for i in result.others]
    assert ranks == sorted(ranks) and all(r > RANK[expected] for r in ranks)


def test_common_symptoms_alone_lead_to_self_care():
    assert T.triage([i for i in ITEMS if ITEMS[i].group == "common"]).level == "selfcare"


# ----------------------------------------------------------------------------- no diagnosis

FORBIDDEN = re.compile(r"\b(sciatica|cauda equina|piriformis|disc|discs|herniat\w*|cancer|tumou?r|fracture|infection|syndrome|arthritis|spondyl\w*)\b", re.I)


@pytest.mark.parametrize("item_id", list(ITEMS))
def test_self_check_output_never_names_a_diagnosis(item_id):
    html = T.triage([item_id]).html()
    # the ticked item is echoed in the reader's own words; everything else must be free of diagnoses
    text = html.replace(T.safe_html(ITEMS[item_id].label), "")
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text).group(0)


def test_labels_are_symptoms_not_diagnoses():
    for item in ITEMS.values():
        if item.id == "rf-cancer-history":  # the reader's own history, not a diagnosis of them
            continue
        assert not FORBIDDEN.search(item.label), item.id


def test_result_shows_level_in_words_and_icon_not_colour_alone():
    for level, ids in BY_LEVEL.items():
        html = T.triage([ids[0]]).html()
        info = T.level_info(level)
        assert info["icon"] in html and info["title"] in html


def test_result_escapes_markup_in_labels():
    item = T.Item("x", "common", "selfcare", "<script>alert(1)</script>", ("nice-ng59",))
    result = T.TriageResult("selfcare", (item,), (), "t", "a", "m")
    html = T.result_html(result)
    assert "<script>" not in html and "&lt;script&gt;" in html


# ----------------------------------------------------------------------------- tables


def test_tiers_table_lists_every_sign_in_its_tier():
    html = T.tiers_table_html()
    rows = html.split("<tr>")[2:]  # caption/header first
    assert len(rows) == 3
    for row, level in zip(rows, ("emergency", "urgent", "routine")):
        assert T.level_info(level)["title"] in row
        for item_id in BY_LEVEL[level]:
            assert T.safe_html(ITEMS[item_id].label) in row
    for item_id in BY_LEVEL["selfcare"]:
        assert T.safe_html(ITEMS[item_id].label) not in html


def test_symptom_list_shows_a_group_and_rejects_unknown_groups():
    html = T.symptom_list_html("less-common")
    for item_id in REQUIRED_OUTLINE_ITEMS:
        if item_id.startswith("lc-"):
            assert T.safe_html(ITEMS[item_id].label) in html
    with pytest.raises(CourseDataError, match="no such group"):
        T.symptom_list_html("rare")


def test_clinician_checklist_mentions_bladder_bowel_and_sexual_function():
    html = T.clinician_checklist_html()
    assert html.count("<li>") == len(T.symptom_data()["clinician_checklist"])
    assert "bladder" in html and "sexual" in html


def test_prevalence_figure_has_alt_text_with_every_number():
    from glutecourse.figures import red_flags

    (spec,) = list(red_flags.figures())
    assert spec.name.startswith("redflags-") and spec.name.endswith(".svg")
    for pct in ("4%", "1%", "0.04%", "0.01%"):
        assert pct in spec.alt
    for row in T.prevalence_rows():
        assert row["label"].split(" (")[0].lower() in spec.alt.lower()


# ----------------------------------------------------------------------------- widget


@pytest.fixture
def checker(home):
    return T.symptom_checker()


def test_every_control_has_an_accessible_name(checker):
    assert set(checker.boxes) == set(ITEMS)
    for item_id, box in checker.boxes.items():
        assert box.description == ITEMS[item_id].label
        assert box.tooltip and ITEMS[item_id].label in box.tooltip
    for button in (checker.check_button, checker.clear_button):
        assert button.description and button.tooltip


def test_widget_red_flag_among_others_shows_emergency_first(checker, home):
    for item_id in ("c-spasms", "lc-tired", "rf-fever", "sd-history", "rf-saddle-numbness"):
        checker.boxes[item_id].value = True
    checker.check_button.click()
    html = checker.result.value
    assert "role='alert'" in html
    emergency = T.level_info("emergency")
    first = html.index(emergency["title"])
    assert first < html.index(T.safe_html(emergency["action"]))
    for item_id in ("c-spasms", "lc-tired", "rf-fever", "sd-history"):
        assert first < html.index(T.safe_html(ITEMS[item_id].label)), item_id
    assert T.safe_html(ITEMS["rf-saddle-numbness"].label) in html
    assert T.symptom_data()["reminder"] in html
    assert list(home.iterdir()) == [], "the self-check must save nothing"


def test_checklist_is_built_when_the_reader_starts_it(home):
    checker = T.symptom_checker()
    assert checker.box.children == (checker.start_button, checker.result)
    assert checker.start_button.description == "Start the self-check" and checker.start_button.tooltip
    checker.start_button.click()
    shown = [c for c in checker.box.children if c.__class__.__name__ == "Checkbox"]
    assert len(shown) == len(ITEMS)
    assert checker.result in checker.box.children and checker.start_button not in checker.box.children
    # red flags are among the controls shown, each with its own label
    assert {b.description for b in shown} >= {ITEMS[i].label for i in REQUIRED_RED_FLAGS}


def test_widget_opens_with_the_guides_not_diagnoses_reminder(checker):
    assert T.symptom_data()["reminder"] in checker.result.value
    assert "cannot diagnose" in checker.result.value
    assert checker.ticked() == []


def test_widget_without_red_flags_is_not_an_alert(checker):
    checker.boxes["c-spasms"].value = True
    checker.check_button.click()
    assert "role='alert'" not in checker.result.value
    assert T.level_info("selfcare")["title"] in checker.result.value


def test_widget_nothing_ticked_and_clear(checker):
    checker.check_button.click()
    assert "not ticked anything" in checker.result.value
    checker.boxes["rf-chest-pain"].value = True
    checker.check_button.click()
    checker.clear_button.click()
    assert checker.ticked() == []
    assert "cleared" in checker.result.value and "alert" not in checker.result.value


def test_widget_result_follows_later_ticks(checker):
    checker.boxes["c-spasms"].value = True
    checker.check_button.click()
    checker.boxes["rf-both-legs"].value = True  # ticked after checking: no stale answer
    assert T.level_info("emergency")["title"] in checker.result.value


def test_widget_shows_a_message_not_a_traceback_when_data_is_wrong(checker, monkeypatch):
    def broken(_ids):
        raise T.UnknownSymptomError("unknown symptom id(s): 'x'")

    monkeypatch.setattr(T, "triage", broken)
    checker.boxes["c-spasms"].value = True
    checker.check_button.click()
    assert "could not run" in checker.result.value and "get help now" in checker.result.value
