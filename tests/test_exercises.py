"""The exercise library, the routine builder's rules, the illustrations and the widget."""

import copy
import json
import math

import pytest

from conftest import ROOT
from glutecourse.catalog.phases import phases
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import exercises as exm
from glutecourse.ui import exercises as exm_ui

PHASES = [p.id for p in phases()]
LEVELS = (1, 2, 3)


def test_library_has_the_exercises_the_course_teaches():
    ids = {e.id for e in exm.exercises()}
    for required in (
        "pigeon-pose",
        "figure-four",
        "seated-forward-bend",
        "knee-to-chest",
        "glute-bridge",
        "clamshell",
        "side-lying-hip-abduction",
        "squat",
        "cat-camel",
        "foam-rolling",
    ):
        assert required in ids
    types = {e.type for e in exm.exercises()}
    assert types == {"stretch", "strength", "mobility", "recovery"}


def test_settling_allows_gentle_strengthening_only():
    # Issue 9: "no strengthening yet" was wrong; gentle strengthening as tolerated is fine early on.
    assert "strength" in exm.phase_plan("settle").types
    settle_strength = [e for e in exm.exercises() if e.type == "strength" and "settle" in e.phases]
    assert settle_strength, "at least one gentle strengthening exercise is offered while settling"
    assert all(e.difficulty == 1 for e in settle_strength)
    assert "no strengthening" not in exm.phase_plan("settle").why.lower()


def test_acceptable_discomfort_is_stated_where_the_reader_exercises():
    # Mild discomfort that settles within a day is acceptable; pain still worse the next day is a stop rule.
    assert "settles within a day" in exm.phase_plan("settle").why
    assert any("next day" in rule for rule in exm.rules().stop_rules)


def test_every_exercise_tells_the_reader_when_to_stop_and_cites_evidence():
    for e in exm.exercises():
        assert any("leg" in c or "numb" in c.lower() or "tingling" in c for c in e.cautions), e.id
        assert e.evidence.refs, e.id


def test_stretch_holds_follow_the_evidence_used_in_the_course():
    for e in exm.exercises():
        if e.type == "stretch":
            assert e.dose == exm.Dose(kind="hold", seconds=30), e.id  # 30 s beat 15 s (Bandy 1994)
            assert 2 <= e.min_sets <= e.sets <= 4  # 2-4 repetitions (ACSM)


def test_exercise_time_adds_position_sets_sides_and_rests():
    pigeon = exm.exercise("pigeon-pose")
    # 15 s to get ready + 2 sets x 2 sides x 30 s + 1 rest of 15 s
    assert exm.exercise_seconds(pigeon) == 15 + 2 * 2 * 30 + 15
    bridge = exm.exercise("glute-bridge")
    assert exm.exercise_seconds(bridge, sets=1) == 15 + 10 * 4


def test_dose_text_reads_naturally():
    assert exm.dose_text(exm.exercise("pigeon-pose")) == "2 × hold 30 s each side, rest 15 s between sets"
    assert exm.dose_text(exm.exercise("glute-bridge")) == "2 × 10 reps, rest 45 s between sets"
    assert exm.dose_text(exm.exercise("walking")) == "5 min"
    assert exm.fmt_duration(150) == "2 min 30 s"


# ---------------------------------------------------------------- the routine rules


def check_rules(r):
    """Everything a reader is promised about a routine."""
    plan = exm.phase_plan(r.phase_id)
    assert r.items, "a routine is never empty"
    ids = [i.id for i in r.items]
    assert len(ids) == len(set(ids)), "no exercise twice"
    for item in r.items:
        ex = item.exercise
        assert r.phase_id in ex.phases, f"{ex.id} is not suited to {r.phase_id}"
        assert ex.type in plan.types
        assert ex.difficulty <= r.difficulty, f"{ex.id} is harder than level {r.difficulty}"
        assert ex.min_sets <= item.sets <= ex.sets
        assert exm.exercise(ex.id) is ex  # holds and reps straight from the library, never shortened
    assert r.items[0].type == "mobility", "the routine starts with a mobility warm-up"
    assert sum(i.type == "mobility" for i in r.items) >= exm.rules().min_mobility
    assert any(i.type == plan.main for i in r.items), "at least one exercise of the phase's main type"
    ranks = [plan.types.index(i.type) for i in r.items]
    assert ranks == sorted(ranks), "order follows the phase plan (warm-up first)"
    if r.phase_id == "settle":
        assert all(exm.exercise(i.id).difficulty == 1 for i in r.items if i.type == "strength")


@pytest.mark.parametrize("phase_id", PHASES)
def test_every_phase_minutes_and_level_keeps_the_rules(phase_id):
    for minutes in range(exm_ui.MIN_MINUTES, exm_ui.MAX_MINUTES + 1):
        for level in LEVELS:
            r = exm.build_routine(phase_id, minutes, level)
            assert r.ok, (phase_id, minutes, level, r.message)
            assert r.total_seconds <= minutes * 60, (phase_id, minutes, level)
            check_rules(r)


@pytest.mark.parametrize("phase_id", PHASES)
def test_routines_are_deterministic(phase_id):
    assert exm.build_routine(phase_id, 20, 2) == exm.build_routine(phase_id, 20, 2)


def test_more_time_or_a_higher_level_never_removes_the_warm_up_and_adds_variety():
    short = exm.build_routine("strength", 5, 1)
    long = exm.build_routine("strength", 30, 3)
    assert len(long) > len(short)
    assert {"mobility", "strength", "stretch"} <= {i.type for i in long.items}


def test_harder_levels_unlock_harder_exercises_only_when_chosen():
    gentle = {i.id for i in exm.build_routine("return", 60, 1).items}
    harder = {i.id for i in exm.build_routine("return", 60, 3).items}
    assert "pigeon-pose" not in gentle and "pigeon-pose" in harder


@pytest.mark.parametrize("phase_id", PHASES)
def test_too_few_minutes_gives_a_message_and_the_smallest_valid_routine(phase_id):
    r = exm.build_routine(phase_id, 1, 1)
    assert not r.ok
    assert "too short" in r.message and "smallest routine" in r.message
    check_rules(r)  # the suggestion itself keeps the rules
    need = math.ceil(r.total_seconds / 60)
    assert f"about {need} minutes" in r.message
    fits = exm.build_routine(phase_id, need, 1)
    assert fits.ok and fits.total_seconds <= need * 60


@pytest.mark.parametrize(
    "bad, match",
    [
        (("nowhere", 10, 1), "Unknown phase 'nowhere'"),
        (("settle", "ten", 1), "Minutes must be a number"),
        (("settle", 10, 4), "Difficulty must be 1, 2 or 3"),
    ],
)
def test_bad_choices_get_a_clear_message(bad, match):
    with pytest.raises(ValueError, match=match):
        exm.build_routine(*bad)


# ---------------------------------------------------------------- data checks


def _data():
    return json.loads((ROOT / "data" / "exercises.json").read_text())


def test_library_check_rejects_a_type_the_phase_plan_does_not_allow():
    data = _data()
    rolling = next(e for e in data["exercises"] if e["id"] == "foam-rolling")
    assert "recovery" not in exm.phase_plan("settle").types
    rolling["phases"].append("settle")
    with pytest.raises(CourseDataError, match="foam-rolling.*not allowed in phase 'settle'"):
        exm.check_library(data)


@pytest.mark.parametrize(
    "mutate, match",
    [
        (lambda d: d["exercises"][0].update(min_sets=5), "min_sets is larger than sets"),
        (lambda d: d["exercises"][0]["evidence"]["refs"].append("made-up-2099"), "made-up-2099"),
        (lambda d: d["exercises"][0]["phases"].append("holiday"), "unknown phase 'holiday'"),
        (lambda d: d["exercises"].append(copy.deepcopy(d["exercises"][0])), "duplicate id"),
    ],
)
def test_library_check_names_the_problem(mutate, match):
    data = _data()
    mutate(data)
    with pytest.raises(CourseDataError, match=match):
        exm.check_library(data)


def test_schema_rejects_an_unknown_exercise_type():
    from glutecourse.core.data import validate

    data = _data()
    data["exercises"][0]["type"] = "yoga"
    with pytest.raises(CourseDataError, match="pelvic-tilt"):
        validate(data, "exercises", "exercises.json")


# ---------------------------------------------------------------- illustrations


def _panel_poses():
    """Every drawn position: (pose, panel label, which, joints) for end and start positions."""
    for pose in exm.poses().poses:
        for panel in pose.panels:
            for which in ("joints", "start"):
                if getattr(panel, which) is not None:
                    yield pose, panel.label, which, getattr(panel, which)


def test_every_exercise_has_an_image_labelling_its_highlighted_muscle():
    from glutecourse.charts.exercises import MUSCLE_WORDS, slug

    manifest = json.loads((ROOT / "images" / "manifest.json").read_text())
    for pose in exm.poses().poses:
        e = exm.exercise(pose.id)
        name = exm.image_name(e.id)
        assert manifest[name]["alt"] == pose.alt and len(pose.alt) >= 60
        svg = (ROOT / "images" / name).read_text()
        assert e.name in svg, "the exercise name is written on the image"
        muscles = [m for panel in pose.panels for m in panel.muscles]
        assert muscles, f"{name}: no muscle highlighted"
        word = MUSCLE_WORDS[e.type][0]
        for m in muscles:
            assert m.target in e.targets, f"{name}: {m.target!r} is not a target in data/exercises.json"
            # the coloured region and its words: not colour alone
            assert f'id="muscle-{slug(m.target)}"' in svg, name
            assert f"{word}: {m.target}" in svg, name
        assert MUSCLE_WORDS[e.type][1] in svg, f"{name}: the legend names the highlight"


def test_every_body_segment_has_its_nominal_length():
    """Lengths in 3D match the body's (same person, same scale everywhere); seen through the
    camera no segment collapses to a dot."""
    nominal = exm.poses().lengths
    for pose, label, which, joints in _panel_poses():
        full = exm.full_joints(joints)
        flat = exm.projected(joints, pose.elevation)
        for _chain, a, b, seg in exm.segments(joints):
            d = math.dist(full[a], full[b])
            where = (pose.id, label, which, a, b)
            assert 0.9 * nominal[seg] <= d <= 1.1 * nominal[seg], (*where, round(d, 3))
            if seg != "foot":  # a foot pointing at the viewer is short, as it should be
                assert math.dist(flat[a], flat[b]) >= 0.3 * nominal[seg], where


def test_body_chains_are_connected_to_the_torso():
    """Every limb hangs from the torso: hips beside the pelvis, shoulders beside the neck (the
    head's distance is a segment length, checked above); every joint in the data is drawn."""
    for pose, label, which, joints in _panel_poses():
        full = exm.full_joints(joints)
        where = (pose.id, label, which)
        for hip in ("hip", "hip_f"):
            assert math.dist(full[hip], full["pelvis"]) <= 0.12, where
        for shoulder in ("shoulder", "shoulder_f"):
            assert math.dist(full[shoulder], full["neck"]) <= 0.2, where
        segs = list(exm.segments(joints))
        drawn = {a for _, a, _, _ in segs} | {b for _, _, b, _ in segs}
        assert set(joints) <= drawn, (where, set(joints) - drawn)
        by_chain = {}
        for chain, a, b, _ in segs:
            by_chain.setdefault(chain, []).append((a, b))
        for chain, pairs in by_chain.items():
            assert all(p[1] == q[0] for p, q in zip(pairs, pairs[1:])), (where, chain)
        assert {"torso", "head", "leg", "leg_f"} <= set(by_chain), where


def test_the_floor_is_below_the_whole_body():
    from glutecourse.charts.exercises import HALF_WIDTHS, HEAD_R

    for pose, label, which, joints in _panel_poses():
        full = exm.full_joints(joints)
        assert full["head"][1] - HEAD_R >= -0.01, (pose.id, label, which, "head")
        for chain, a, b, seg in exm.segments(joints):
            if chain == "torso":
                continue
            ra, rb = HALF_WIDTHS[seg]
            assert full[a][1] - ra >= -0.02 and full[b][1] - rb >= -0.02, (pose.id, label, which, a, b)


@pytest.mark.parametrize("exercise_id", [p.id for p in exm.poses().poses])
def test_every_illustration_is_drawn_at_the_same_scale(exercise_id):
    from glutecourse.charts.exercises import SCALE, draw_exercise

    fig = draw_exercise(exercise_id)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == len(exm.pose(exercise_id).panels)
    w, h = fig.get_size_inches()
    for ax in panels:
        box = ax.get_position()
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        assert box.width * w / (x1 - x0) == pytest.approx(SCALE, rel=0.01)
        assert box.height * h / (y1 - y0) == pytest.approx(SCALE, rel=0.01)


# ---------------------------------------------------------------- widgets


def test_card_shows_steps_cautions_and_evidence_escaped():
    html = exm_ui.card_html("clamshell")
    assert "<ol>" in html and "How to do it" in html and "Take care" in html
    assert "Selkowitz" in html  # the source, by its short citation
    assert "not a clinical trial" in html


def assert_shows_picture(value: str, exercise_id: str):
    """The HTML shows the exercise's own SVG as an <img> with the pose's alt text."""
    import base64
    import re

    from glutecourse.ui.html import plain

    src = re.search(r"<img src='data:image/svg\+xml;base64,([^']+)' alt='([^']*)'>", value)
    assert src, "no picture in the card"
    assert base64.b64decode(src.group(1)) == (ROOT / "images" / exm.image_name(exercise_id)).read_bytes()
    assert src.group(2) == plain(exm.pose(exercise_id).alt)


def test_no_image_widget_carries_a_tooltip(home):
    """ipywidgets 8.1 cannot render an Image given a tooltip ("Click to show javascript
    error"): the 08 card showed that error instead of the picture."""
    import ipywidgets as w

    b = exm_ui.routine_builder("strength", 30, 1)
    for item in b.routine.items:
        b.card_choice.value = item.id
    from ipywidgets.widgets.widget import _instances

    images = [m for m in _instances.values() if isinstance(m, w.Image)]
    assert all(not m.tooltip for m in images), "an Image widget has a tooltip"


def test_routine_builder_widget_updates_the_table_and_shows_cards(home):
    b = exm_ui.routine_builder()
    assert [o[1] for o in b.phase.options] == PHASES
    assert all(c.description or c.tooltip for c in (b.phase, b.minutes, b.level, b.card_choice))
    b.phase.value = "settle"
    b.minutes.value = 30
    assert "Mobility</td>" in b.table.value and "Stretch</td>" in b.table.value
    b.phase.value = "strength"
    assert "Strength</td>" in b.table.value
    assert "Total" in b.table.value
    shown = b.routine
    assert shown == exm.build_routine("strength", 30, b.level.value)
    first = shown.items[0].id
    assert b.card is None, "the card is built only when a reader asks for one"
    b.card_choice.value = first
    assert exm.exercise(first).steps[0][:20] in b.card.value.replace("&#x27;", "'")
    assert_shows_picture(b.card.value, first)
    assert b.card.value.index("<img") < b.card.value.index("How to do it"), "picture first, steps beside it"
    b.card_choice.value = None
    assert b.card.value == ""


def test_builder_keeps_the_chosen_card_when_it_is_still_in_the_routine(home):
    b = exm_ui.routine_builder("strength", 20, 1)
    b.card_choice.value = "glute-bridge"
    b.minutes.value = 25
    assert b.card_choice.value == "glute-bridge"
    b.phase.value = "settle"  # the gentle bridge is still in a settling routine
    assert "glute-bridge" in [i.id for i in b.routine.items]
    assert b.card_choice.value == "glute-bridge"
    b.phase.value = "mobility"  # no strengthening in the mobility phase's plan
    assert "glute-bridge" not in [i.id for i in b.routine.items]
    assert b.card_choice.value is None
