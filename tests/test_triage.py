"""The symptom self-check: data complete and checked against its sources, red flags always
win, no diagnosis, widget works. Combination rules: tests/test_triage_rules.py; worked
cases: tests/test_triage_cases.py."""

import copy
import itertools
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import selfcheck as T
from glutecourse.ui import selfcheck as T_ui

# Every red flag in content-facts §4 (NHS public advice, BMJ Best Practice on cauda equina
# syndrome, Verhagen 2016 / NICE NG59, NG234), with the level it must trigger on its own.
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
    "rf-leg-weakness-worsening": "urgent",  # severe or progressive: same day, not routine
    "rf-walking": "urgent",  # new difficulty walking or unsteadiness
    "rf-unwell": "urgent",  # generally unwell
    "rf-cancer-history": "urgent",  # with back pain (every reader has it): same day (NG234)
    "rf-steroids": "urgent",
}
# The NHS "See a GP if" list, item by item: a routine appointment, not self-care.
REQUIRED_GP_ITEMS = {
    "sd-not-easing": ["not improving", "home care"],
    "sd-severe-worsening": ["very bad", "getting worse"],
    "sd-mobility": ["stops you doing everyday things"],
    "sd-struggling": ["worried", "struggling to cope"],
}
# Risk factors that change what other signs mean (combinations: data/selfcheck-rules.json).
REQUIRED_RISK_FACTORS = {
    "ab-osteoporosis": ["bones"],
    "ab-older": ["later life"],
    "ab-minor-fall": ["minor fall"],
    "ab-immune": ["immune system"],
    "ab-injecting": ["inject drugs"],
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
    "rf-leg-weakness-worsening": ["weakness", "severe or getting worse", "slaps", "toes that catch"],
    "rf-walking": ["walking", "unsteady"],
    "rf-unwell": ["unwell"],
    "rf-cancer-history": ["cancer"],
    "rf-steroids": ["steroid"],
}

ITEMS = T.items()
BY_LEVEL = {lv: [i for i, it in ITEMS.items() if it.level == lv] for lv in T.LEVELS}
NON_EMERGENCY = BY_LEVEL["urgent"] + BY_LEVEL["routine"] + BY_LEVEL["selfcare"]
LOWER_THAN_URGENT = BY_LEVEL["routine"] + BY_LEVEL["selfcare"]
RANK = {lv: n for n, lv in enumerate(T.LEVELS)}


def small_subsets(pool, size=2):
    """Every subset of ``pool`` with at most ``size`` items, and the whole pool. (All 2^n
    subsets of the ~20 milder items would be a million; the rule is a maximum, so pairs
    and the full set exercise it, and hypothesis draws the rest.)"""
    yield from itertools.chain.from_iterable(itertools.combinations(pool, r) for r in range(size + 1))
    yield tuple(pool)


def rules_raw():
    return json.loads((ROOT / "data" / "selfcheck-rules.json").read_text(encoding="utf-8"))["rules"]


def expected_level(ticked):
    """An independent oracle: the most severe single level, raised by every rule in
    data/selfcheck-rules.json whose sets are all met (back pain is always met)."""
    facts = set(ticked) | {"back-pain"}
    levels = [ITEMS[i].level for i in ticked]
    levels += [r["level"] for r in rules_raw() if all(facts & set(g["any_of"]) for g in r["when"])]
    return min(levels, key=RANK.__getitem__)


def raw_data():
    return json.loads((ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- data


def test_every_red_flag_from_the_sources_is_present_with_its_level():
    for item_id, level in REQUIRED_RED_FLAGS.items():
        assert item_id in ITEMS, f"red flag {item_id} missing from data/selfcheck.json"
        assert ITEMS[item_id].level == level, f"{item_id} must be {level}"
        assert ITEMS[item_id].group == "red-flag"
        for word in RED_FLAG_KEYWORDS[item_id]:
            assert word in ITEMS[item_id].label.lower(), f"{item_id}: label lost {word!r}"


def test_every_outline_symptom_is_tickable():
    for item_id, group in REQUIRED_OUTLINE_ITEMS.items():
        assert ITEMS[item_id].group == group


def test_every_reason_to_see_a_gp_from_the_nhs_list_is_routine():
    for item_id, words in REQUIRED_GP_ITEMS.items():
        item = ITEMS[item_id]
        assert (item.group, item.level) == ("see-a-doctor", "routine"), item_id
        for word in words:
            assert word in item.label, f"{item_id}: label lost {word!r}"


def test_risk_factors_are_tickable_but_no_warning_sign_alone():
    for item_id, words in REQUIRED_RISK_FACTORS.items():
        item = ITEMS[item_id]
        assert item.group == "about-you" and item.level in ("routine", "selfcare"), item_id
        for word in words:
            assert word in item.label, f"{item_id}: label lost {word!r}"


def test_no_age_threshold_is_stated_as_fact():
    """Lists differ on age cut-offs (content-facts §4): no label, note or message gives one."""
    data = raw_data()
    texts = [i["label"] + " " + i.get("note", "") for i in data["items"]]
    texts += [lv[k] for lv in data["levels"] for k in ("title", "action", "message")]
    for text in texts:
        assert not re.search(r"\b(over|under|aged?|older than|younger than)\s+\d{2}\b", text), text


def test_every_item_records_where_it_was_checked():
    data = raw_data()
    check_date = data["source_check"]["checked"]
    refs = {e["ref"] for e in data["source_check"]["sources"]}
    for raw in data["items"]:
        assert raw["checked"] == check_date, raw["id"]
        assert raw["source"], raw["id"]
        for src in raw["source"]:
            assert len(src["place"]) >= 10, f"{raw['id']}: say where in {src['ref']} (list, recommendation, section)"
    # every warning sign names a published list or recommendation, not only "on none of the lists"
    for raw in data["items"]:
        if raw["level"] in ("emergency", "urgent"):
            assert any("on none" not in s["place"] for s in raw["source"]), raw["id"]
    # the main sources' own check is recorded, found or not
    for key in ("nhs-back-pain", "nice-ng59", "nice-ng234", "bmj-ces", "verhagen-2016"):
        assert key in refs, f"source_check does not say how {key} was read"


def test_sources_not_found_are_marked_secondary_in_the_bibliography():
    from glutecourse.catalog.references import bibliography

    for entry in raw_data()["source_check"]["sources"]:
        if entry["found"] in ("no", "copy"):
            assert bibliography()[entry["ref"]].secondary, entry["ref"]


def test_one_threshold_for_seeing_a_gp_weeks_not_days():
    data = raw_data()
    threshold = data["thresholds"]["see_gp_after"]["text"]
    assert "week" in threshold
    text = (ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8")
    assert "few days" not in text
    # written once, as a placeholder, and filled in where the reader sees it
    assert text.count(f'"{threshold}"') == 1
    assert "{see_gp_after}" in text
    assert threshold in ITEMS["sd-not-easing"].label
    assert threshold in T.level_info("selfcare").message
    assert T.see_gp_after() == threshold


def test_level_names_come_from_the_data_and_urgent_says_same_day():
    names = T.level_names()
    assert list(names) == list(T.LEVELS)
    assert "same day" in names["urgent"].lower()
    info = T.level_info("urgent")
    assert "today" in info.title and "today" in info.action


def test_no_unexpected_red_flag_is_downgraded():
    for item in ITEMS.values():
        if item.group == "red-flag":
            assert item.level in ("emergency", "urgent"), item.id


def test_every_item_cites_a_known_reference():
    from glutecourse.catalog.references import reference_keys

    keys = reference_keys()
    for item in ITEMS.values():
        assert item.refs and set(item.refs) <= keys, item.id


def test_levels_are_the_four_known_ones_most_severe_first():
    assert [lv["id"] for lv in T.symptom_data()["levels"]] == ["emergency", "urgent", "routine", "selfcare"]


def test_emergency_advice_gives_uk_and_generic_numbers():
    action = T.level_info("emergency").action
    assert "999" in action and "A&E" in action and "local emergency number" in action
    assert "111" in T.level_info("urgent").action


def test_schema_rejects_an_unknown_level(tmp_path):
    from glutecourse.core.data import validate

    data = raw_data()
    data["items"][0]["level"] = "whenever"
    with pytest.raises(CourseDataError, match="c-worse-sitting-standing.*level"):
        validate(data, "selfcheck", "selfcheck.json")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["levels"].reverse(), "levels"),
        (lambda d: d["items"].append(dict(d["items"][0])), "used twice"),
        (lambda d: d["items"][-1].update(level="selfcare"), "red flag must be emergency or urgent"),
        (lambda d: d["items"][0]["source"].append({"ref": "no-such-ref", "place": "nowhere at all"}), "no-such-ref"),
        (lambda d: d["levels"][2].update(message="This may be sciatica."), "names a diagnosis"),
        (lambda d: d["items"][0].update(note="Probably a slipped disc."), "names a diagnosis"),
        (lambda d: d.update(items=[i for i in d["items"] if i["group"] != "common"]), "has no items"),
        (
            lambda d: d["items"][0].update(label="Pain for {see_gp_after_days}"),
            r"c-worse-sitting-standing.*unknown placeholder",
        ),
        (lambda d: d["levels"][1].update(short=d["levels"][0]["short"]), "share a name"),
    ],
    ids=[
        "level-order",
        "duplicate-id",
        "red-flag-downgraded",
        "unknown-ref",
        "diagnosis-in-message",
        "diagnosis-in-note",
        "empty-group",
        "unknown-placeholder",
        "duplicate-level-name",
    ],
)
def test_bad_data_is_rejected_with_a_clear_message(mutate, message):
    data = copy.deepcopy(raw_data())
    mutate(data)
    with pytest.raises(CourseDataError, match=message):
        T.check_symptom_data(data, "selfcheck.json")


# ----------------------------------------------------------------------------- rules


def test_nothing_ticked_says_so():
    result = T.triage([])
    assert result.level is None and result.causes == ()
    assert "not ticked anything" in T_ui.result_html(result)


def test_unknown_ids_raise_a_clear_error():
    with pytest.raises(T.UnknownSymptomError, match="'back-is-sad'"):
        T.triage(["c-spasms", "back-is-sad"])


def test_a_single_id_string_is_not_split_into_letters():
    assert T.triage("rf-chest-pain").level == "emergency"


@pytest.mark.parametrize("emergency_id", BY_LEVEL["emergency"])
def test_emergency_wins_over_every_small_combination_of_other_items(emergency_id):
    """Each emergency item with every subset of at most two other items, and with all of
    them at once: always emergency, and the emergency item is named as the cause."""
    for others in small_subsets(NON_EMERGENCY):
        ticked = (*others, emergency_id)
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
    """Each urgent item with every subset of at most two milder items, and all of them:
    never below urgent (a combination may raise it to emergency, never lower it)."""
    for lower in small_subsets(LOWER_THAN_URGENT):
        result = T.triage((*lower, urgent_id))
        assert RANK[result.level] <= RANK["urgent"], lower
        assert result.level == expected_level((*lower, urgent_id))
        if result.level == "urgent" and not result.raised_by:
            assert ITEMS[urgent_id] in result.causes


@settings(max_examples=300, deadline=None, database=None)
@given(st.sets(st.sampled_from(list(ITEMS)), min_size=1))
def test_result_is_the_most_severe_level_raised_by_the_rules(ticked):
    result = T.triage(ticked)
    single = min((ITEMS[i].level for i in ticked), key=RANK.__getitem__)
    assert RANK[result.level] <= RANK[single], "a rule lowered the level"
    assert result.level == expected_level(ticked)
    assert {i.id for i in result.causes} | {i.id for i in result.others} == ticked
    # the rest are listed most severe first
    ranks = [RANK[i.level] for i in result.others]
    assert ranks == sorted(ranks)
    if not result.raised_by:
        assert all(i.level == result.level for i in result.causes)
        assert all(r > RANK[result.level] for r in ranks)


def test_common_symptoms_alone_lead_to_self_care():
    assert T.triage([i for i in ITEMS if ITEMS[i].group == "common"]).level == "selfcare"


# ----------------------------------------------------------------------------- no diagnosis

FORBIDDEN = re.compile(
    r"\b(sciatica|cauda equina|piriformis|disc|discs|herniat\w*|cancer|tumou?r|fracture|infection|syndrome|arthritis|spondyl\w*)\b",
    re.I,
)


@pytest.mark.parametrize("item_id", list(ITEMS))
def test_self_check_output_never_names_a_diagnosis(item_id):
    html = T_ui.result_html(T.triage([item_id]))
    # the ticked item is echoed in the reader's own words; everything else must be free of diagnoses
    text = html.replace(T_ui.safe_html(ITEMS[item_id].label), "")
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text).group(0)


def test_labels_are_symptoms_not_diagnoses():
    for item in ITEMS.values():
        if item.id == "rf-cancer-history":  # the reader's own history, not a diagnosis of them
            continue
        assert not FORBIDDEN.search(item.label), item.id
        assert not FORBIDDEN.search(item.note), item.id


def test_result_shows_level_in_words_and_icon_not_colour_alone():
    for level, ids in BY_LEVEL.items():
        html = T_ui.result_html(T.triage([ids[0]]))
        info = T.level_info(level)
        assert info.icon in html and info.title in html


def test_result_escapes_markup_in_labels():
    item = T.Item("x", "common", "selfcare", "<script>alert(1)</script>", ("nice-ng59",))
    result = T.TriageResult("selfcare", (item,), (), "t", "a", "m")
    html = T_ui.result_html(result)
    assert "<script>" not in html and "&lt;script&gt;" in html


# ----------------------------------------------------------------------------- tables


def test_levels_table_lists_every_sign_in_its_level():
    html = T_ui.levels_table_html()
    rows = html.split("<tr>")[2:]  # caption/header first
    assert len(rows) == len(T.LEVELS)
    for row, level in zip(rows, T.LEVELS):
        assert T.level_info(level).title in row
        for item_id in BY_LEVEL[level]:
            assert T_ui.safe_html(ITEMS[item_id].label) in row
    assert T_ui.tiers_table_html is T_ui.levels_table_html  # the old name still works
    partial = T_ui.levels_table_html(("emergency",))
    assert all(T_ui.safe_html(ITEMS[i].label) not in partial for i in BY_LEVEL["selfcare"])


def test_symptom_list_shows_a_group_and_rejects_unknown_groups():
    html = T_ui.symptom_list_html("less-common")
    for item_id in REQUIRED_OUTLINE_ITEMS:
        if item_id.startswith("lc-"):
            assert T_ui.safe_html(ITEMS[item_id].label) in html
    with pytest.raises(CourseDataError, match="no such group"):
        T_ui.symptom_list_html("rare")


def test_clinician_checklist_mentions_bladder_bowel_and_sexual_function():
    html = T_ui.clinician_checklist_html()
    assert html.count("<li>") == len(T.clinician_checklist())
    assert "bladder" in html and "sexual" in html


def test_prevalence_figure_has_alt_text_with_every_number():
    from glutecourse.charts import selfcheck as selfcheck_charts

    (spec,) = list(selfcheck_charts.figures())
    assert spec.name.startswith("selfcheck-") and spec.name.endswith(".svg")
    for row in T.prevalence_rows():
        assert f"{row.percent:g}%" in spec.alt
        assert row.label.split(" (")[0].split(",")[0].lower() in spec.alt.lower()
    manifest = json.loads((ROOT / "images" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest[spec.name]["alt"] == spec.alt, "run make images"


def test_prevalence_gives_fracture_as_an_upper_bound_and_the_later_cohort():
    rows = {r.id: r for r in T.prevalence_rows()}
    assert rows["fracture"].bound == "up to"
    later = [r for r in rows.values() if r.ref == "henschke-2009"]
    assert later and later[0].percent <= 1 and later[0].bound == "under"


# ----------------------------------------------------------------------------- widget


@pytest.fixture
def checker(home):
    return T_ui.symptom_checker()


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
    first = html.index(emergency.title)
    assert first < html.index(T_ui.safe_html(emergency.action))
    for item_id in ("c-spasms", "lc-tired", "rf-fever", "sd-history"):
        assert first < html.index(T_ui.safe_html(ITEMS[item_id].label)), item_id
    assert T_ui.safe_html(ITEMS["rf-saddle-numbness"].label) in html
    assert T.reminder() in html
    assert list(home.iterdir()) == [], "the self-check must save nothing"


def test_checklist_is_built_when_the_reader_starts_it(home):
    checker = T_ui.symptom_checker()
    assert checker.box.children == (checker.start_button, checker.result_box)
    assert checker.result in checker.result_box.children
    assert checker.start_button.description == "Start the self-check" and checker.start_button.tooltip
    checker.start_button.click()
    # first the emergency gate only: one box per emergency item, in the data's order
    shown = [c for c in checker.box.children if c.__class__.__name__ == "Checkbox"]
    assert [b.description for b in shown] == [i.label for i in ITEMS.values() if i.level == "emergency"]
    assert checker.result_box in checker.box.children and checker.start_button not in checker.box.children
    checker.no_button.click()  # then the rest, every other item once
    rest = [c for c in checker.rest_box.children if c.__class__.__name__ == "Checkbox"]
    assert len(shown) + len(rest) == len(ITEMS)
    # red flags are among the controls shown, each with its own label
    assert {b.description for b in shown + rest} >= {ITEMS[i].label for i in REQUIRED_RED_FLAGS}


def test_widget_opens_with_the_guides_not_diagnoses_reminder(checker):
    assert T.reminder() in checker.result.value
    assert "cannot diagnose" in checker.result.value
    assert checker.ticked() == []


def test_widget_without_red_flags_is_not_an_alert(checker):
    checker.boxes["c-spasms"].value = True
    checker.check_button.click()
    assert "role='alert'" not in checker.result.value
    assert T.level_info("selfcare").title in checker.result.value


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
    assert T.level_info("emergency").title in checker.result.value


def test_widget_shows_a_message_not_a_traceback_when_data_is_wrong(checker, monkeypatch):
    def broken(_ids):
        raise T.UnknownSymptomError("unknown symptom id(s): 'x'")

    monkeypatch.setattr(T, "triage", broken)  # what the widget's answer comes from
    checker.boxes["c-spasms"].value = True
    checker.check_button.click()
    assert "could not run" in checker.result.value and "get help now" in checker.result.value


def test_prevalence_picture_colours_as_many_people_as_the_data_says():
    """The icon array: 10,000 people per square, and the coloured ones are the row's rate
    (from data/selfcheck.json, the numbers the claims register checks), written in words."""
    import numpy as np
    from matplotlib.colors import to_rgb

    from glutecourse.charts import selfcheck as charts
    from glutecourse.charts.plotting import figure_svg

    fig = charts.draw_prevalence()
    pictures = {ax.get_gid(): ax.images[0].get_array() for ax in fig.axes if ax.images}
    svg = figure_svg(fig)
    assert "one dot is one person" in svg and "log" not in svg.lower()
    found = np.array(to_rgb(charts.FOUND))
    for row in T.prevalence_rows():
        img = np.asarray(pictures[f"people-{row.id}"])
        cells = img[:: charts.CELL, :: charts.CELL]  # one pixel per person
        assert cells.shape[:2] == (charts.SIDE, charts.SIDE)
        coloured = int(np.all(np.isclose(cells, found), axis=-1).sum())
        assert coloured == round(row.percent * 100), row.id
        assert f"{coloured:,}" in svg


# ----------------------------------------------------------------------------- typed objects


def test_the_self_check_hands_out_frozen_objects_built_from_the_checked_data():
    """Levels, groups, prevalence rows, worked cases and assumed facts are frozen
    records, built once from the data after its checks, with the data's values."""
    raw = raw_data()
    assert [lv.id for lv in T.levels()] == [lv["id"] for lv in raw["levels"]]
    assert T.level_info("urgent") is T.levels()[1]
    assert [g.id for g in T.groups()] == [g["id"] for g in raw["groups"]]
    assert [(r.id, r.percent, r.bound) for r in T.prevalence_rows()] == [
        (r["id"], r["percent"], r["bound"]) for r in raw["prevalence"]["rows"]
    ]
    cases = json.loads((ROOT / "data" / "selfcheck-cases.json").read_text(encoding="utf-8"))["cases"]
    assert [(c.id, c.ticks, c.level) for c in T.worked_cases()] == [
        (c["id"], tuple(c["ticks"]), c["level"]) for c in cases
    ]
    assert [a.id for a in T.assumed()] and all(r.when for r in T.rules())
    for obj in (T.levels()[0], T.groups()[0], T.prevalence_rows()[0], T.worked_cases()[0], T.assumed()[0]):
        with pytest.raises(AttributeError, match="immutable"):
            obj.id = "changed"
