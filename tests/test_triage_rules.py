"""Combinations escalate (data/selfcheck-rules.json): a rule only ever raises the level.

Every rule's item sets are enumerated exhaustively (one item from each set, every choice)
and combined with other items; the tests read the rules from the data file, not from
literals, so a new rule is tested as soon as it is written.
"""

import copy
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import selfcheck as T
from glutecourse.ui import selfcheck as T_ui

RULES_FILE = ROOT / "data" / "selfcheck-rules.json"
RAW = json.loads(RULES_FILE.read_text(encoding="utf-8"))
ITEMS = T.items()
RANK = {lv: n for n, lv in enumerate(T.LEVELS)}
ASSUMED = {a["id"] for a in RAW["assumed"]}


def rule_choices(rule):
    """Every way to meet a rule with one ticked item per set. A set met by an assumed fact
    (back pain) needs no tick."""
    pools = [[None] if set(g["any_of"]) & ASSUMED else g["any_of"] for g in rule["when"]]
    for choice in itertools.product(*pools):
        yield tuple(dict.fromkeys(i for i in choice if i is not None))


def other_item_sets(exclude):
    """Nothing else; each other item on its own; every other item at once."""
    rest = [i for i in ITEMS if i not in exclude]
    yield ()
    for i in rest:
        yield (i,)
    yield tuple(rest)


def single_top(ticked):
    return min((ITEMS[i].level for i in ticked), key=RANK.__getitem__)


def test_the_rules_the_sources_need_are_in_the_data():
    """content-facts §4 / NICE NG234: the four combinations, at their published levels."""
    by_id = {r["id"]: r for r in RAW["rules"]}
    cancer_neuro = by_id["cancer-with-nerve-symptoms"]
    assert cancer_neuro["level"] == "emergency"
    sets = [set(g["any_of"]) for g in cancer_neuro["when"]]
    assert {"rf-cancer-history"} in sets
    nerve = next(s for s in sets if s != {"rf-cancer-history"})
    # leg weakness or numbness, bladder, bowel, saddle and sexual symptoms
    assert {
        "lc-numb-tingling",
        "sd-one-leg-nerve",
        "rf-leg-weakness-worsening",
        "rf-both-legs",
        "rf-saddle-numbness",
        "rf-urine-difficulty",
        "rf-bladder-bowel-control",
        "rf-sexual-function",
    } <= nerve
    assert by_id["cancer-with-back-pain"]["level"] == "urgent"
    assert [set(g["any_of"]) for g in by_id["cancer-with-back-pain"]["when"]] == [{"rf-cancer-history"}, {"back-pain"}]
    infection = [set(g["any_of"]) for g in by_id["weak-immunity-with-fever"]["when"]]
    assert {"ab-immune", "ab-injecting"} in infection and any("rf-fever" in s for s in infection)
    fracture = [set(g["any_of"]) for g in by_id["fragile-bones-with-minor-fall"]["when"]]
    assert {"ab-osteoporosis", "rf-steroids", "ab-older"} in fracture and {"ab-minor-fall"} in fracture
    for rule in RAW["rules"]:
        assert rule["source"] and rule["checked"]
        assert {s["ref"] for s in rule["source"]} <= set(json.loads((ROOT / "data" / "references.json").read_text()))


def test_cancer_history_alone_is_same_day_because_every_reader_has_back_pain():
    """The data says it twice: the item's own level, and the rule with the assumed fact."""
    assert "back-pain" in ASSUMED
    assert ITEMS["rf-cancer-history"].level == "urgent"
    result = T.triage(["rf-cancer-history"])
    assert result.level == "urgent"
    assert [c.rule.id for c in result.combinations] == ["cancer-with-back-pain"]


@pytest.mark.parametrize("rule", RAW["rules"], ids=lambda r: r["id"])
def test_rule_level_is_reached_for_every_way_to_meet_it(rule):
    """Exhaustive: one item from each set, every choice, with no other item, each other
    item alone, and all other items. The level is never below the rule's level, never
    below any single ticked item's level, and the rule is listed among the combinations."""
    for chosen in rule_choices(rule):
        for others in other_item_sets(chosen):
            ticked = (*chosen, *others)
            result = T.triage(ticked)
            assert RANK[result.level] <= RANK[rule["level"]], (rule["id"], ticked)
            assert RANK[result.level] <= RANK[single_top(ticked)], ticked
            assert rule["id"] in {c.rule.id for c in result.combinations}, ticked


@pytest.mark.parametrize("rule", RAW["rules"], ids=lambda r: r["id"])
def test_a_rule_that_raises_the_level_is_explained_in_plain_words(rule):
    for chosen in rule_choices(rule):
        result = T.triage(chosen)
        raised = {c.rule.id for c in result.raised_by}
        if RANK[rule["level"]] < RANK[single_top(chosen)]:
            assert rule["id"] in raised and result.level == rule["level"], chosen
            html = T_ui.result_html(result)
            assert T_ui.safe_html(rule["explanation"]) in html and "Why " in html
            # the items that met the rule are named as the causes
            assert {i.id for i in result.causes} == set(chosen)
        else:
            assert rule["id"] not in raised


def test_some_rule_really_raises_the_level():
    """At least one combination lifts the result above all its items (else the rules
    would be decoration)."""
    lifted = [
        r["id"]
        for r in RAW["rules"]
        for chosen in rule_choices(r)
        if RANK[T.triage(chosen).level] < RANK[single_top(chosen)]
    ]
    assert {"cancer-with-nerve-symptoms", "fragile-bones-with-minor-fall"} <= set(lifted)


def test_adding_an_item_never_lowers_the_level_exhaustive_for_small_sets():
    """Monotonicity: every set of up to two items, plus any one more item."""
    ids = list(ITEMS)
    for size in (1, 2):
        for base in itertools.combinations(ids, size):
            before = RANK[T.triage(base).level]
            for extra in ids:
                assert RANK[T.triage((*base, extra)).level] <= before, (base, extra)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(list(ITEMS)), min_size=1), st.sets(st.sampled_from(list(ITEMS))))
def test_adding_items_never_lowers_the_level(base, extra):
    assert RANK[T.triage(base | extra).level] <= RANK[T.triage(base).level]


@pytest.mark.parametrize("rule", RAW["rules"], ids=lambda r: r["id"])
def test_result_with_a_combination_never_names_a_diagnosis(rule):
    for chosen in rule_choices(rule):
        html = T_ui.result_html(T.triage(chosen))
        for item_id in chosen:  # the reader's own ticked words are echoed; the rest is ours
            html = html.replace(T_ui.safe_html(ITEMS[item_id].label), "")
        match = T.DIAGNOSIS_WORDS.search(html)
        assert not match, (rule["id"], match and match.group(0))


# ----------------------------------------------------------------------------- bad rules


def check(data):
    return T.check_rules(data, "selfcheck-rules.json")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda d: d["rules"][0]["when"][1]["any_of"].append("rf-no-such-thing"),
            r"selfcheck-rules\.json, rule 'cancer-with-nerve-symptoms': unknown item id 'rf-no-such-thing'",
        ),
        (
            lambda d: d["rules"][2].update(level="whenever"),
            r"selfcheck-rules\.json, rule 'weak-immunity-with-fever'.*level",
        ),
        (
            lambda d: d["rules"][3]["when"][1].update(any_of=[]),
            r"selfcheck-rules\.json, rule 'fragile-bones-with-minor-fall': set 2 of 'when' is empty",
        ),
        (
            lambda d: d["rules"][1].update(explanation="This could be cancer spreading to your spine."),
            r"rule 'cancer-with-back-pain': explanation names a diagnosis",
        ),
        (
            lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])),
            r"rule 'cancer-with-nerve-symptoms': id is used twice",
        ),
        (
            lambda d: d["rules"][0]["source"].append({"ref": "no-such-ref", "place": "page one, line two"}),
            r"rule 'cancer-with-nerve-symptoms': reference key 'no-such-ref'",
        ),
        (
            lambda d: d["rules"][1]["when"][0].update(any_of=["back-pain"]),
            r"rule 'cancer-with-back-pain': every set is met by an assumed fact",
        ),
        (lambda d: d["rules"][0].update(when=d["rules"][0]["when"][:1]), r"rule 'cancer-with-nerve-symptoms'.*when"),
    ],
    ids=[
        "unknown-item",
        "unknown-level",
        "empty-set",
        "diagnosis",
        "duplicate-id",
        "unknown-ref",
        "applies-to-everyone",
        "single-set",
    ],
)
def test_malformed_rule_names_the_file_and_the_rule(mutate, message):
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(CourseDataError, match=message):
        check(data)


def test_rule_for_everyone_with_back_pain_requires_the_item_level_to_say_so():
    """If rf-cancer-history were only 'routine', the rule with back pain would silently do
    the work: the check insists the item's own level says 'same day' too."""
    known = {i.id: i.level for i in ITEMS.values()}
    known["rf-cancer-history"] = "routine"
    with pytest.raises(
        CourseDataError,
        match=r"rule 'cancer-with-back-pain': applies to item 'rf-cancer-history' on its own.*at least 'urgent'",
    ):
        T.check_rules(copy.deepcopy(RAW), "selfcheck-rules.json", known_items=known)


def test_the_committed_rules_pass_the_checks():
    assert check(copy.deepcopy(RAW))["rules"] == RAW["rules"]


# ----------------------------------------------------------------------------- widget


def test_widget_explains_the_combination_that_raised_the_level(home):
    checker = T_ui.symptom_checker()
    checker.boxes["rf-cancer-history"].value = True
    checker.boxes["lc-numb-tingling"].value = True
    checker.check_button.click()
    html = checker.result.value
    rule = next(r for r in T.rules() if r.id == "cancer-with-nerve-symptoms")
    assert T.level_info("emergency").title in html and "role='alert'" in html
    assert T_ui.safe_html(rule.explanation) in html
    # unticking the nerve symptom drops back to same day, and says why
    checker.boxes["lc-numb-tingling"].value = False
    assert T.level_info("urgent").title in checker.result.value
    assert T_ui.safe_html(rule.explanation) not in checker.result.value


def test_combinations_table_shows_every_rule_from_the_data():
    html = T_ui.combinations_table_html()
    assert html.count("<tr><td>") == len(RAW["rules"])  # one data row per rule
    for rule in RAW["rules"]:
        assert T_ui.safe_html(rule["explanation"]) in html
        for group in rule["when"]:
            for item_id in group["any_of"]:
                text = (
                    ITEMS[item_id].label
                    if item_id in ITEMS
                    else next(a["label"] for a in RAW["assumed"] if a["id"] == item_id)
                )
                assert T_ui.safe_html(text) in html
    assert "everyone using the check has it" in html
