"""The self-check asks about emergencies first and shows an unmistakable result (issue 13).

The gate's signs are every emergency item of data/selfcheck.json (read here from the raw
file, not from the code under test); a yes, or a ticked sign, gives the emergency result at
once and focuses it; a no opens the other questions. The emergency result is a solid red
banner whose white text has a contrast of at least 4.5:1 (computed from the stylesheet and
the palette), with the word "Emergency", what to do and the number to call, and nothing
inside it in the self-care or "ok" style. The browser side (focus and viewport, the
screenshots) is e2e/test_selfcheck.py.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from glutecourse.core.palette import css_variables
from glutecourse.topics import selfcheck as T
from glutecourse.ui import selfcheck as T_ui
from glutecourse.ui.html import stylesheet_css

RAW = json.loads((ROOT / "data" / "selfcheck.json").read_text(encoding="utf-8"))
COURSE = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))
LEVELS = {lv["id"]: lv for lv in RAW["levels"]}
GATE_IDS = [i["id"] for i in RAW["items"] if i["level"] == RAW["levels"][0]["id"]]
OTHER_IDS = [i["id"] for i in RAW["items"] if i["id"] not in GATE_IDS]
BY_LEVEL = {lv: [i["id"] for i in RAW["items"] if i["level"] == lv] for lv in LEVELS}


def test_the_gate_asks_every_emergency_item_of_the_data_and_nothing_else():
    assert GATE_IDS, "data/selfcheck.json has emergency items"
    assert [i.id for i in T.gate_items()] == GATE_IDS


# ----------------------------------------------------------------------------- the logic


def test_yes_without_naming_the_sign_is_an_emergency_listing_every_sign():
    flow = T.GateFlow()
    result = flow.answer(True, [])
    assert result.level == "emergency" and result.one_of
    assert [i.id for i in result.causes] == GATE_IDS and result.ticked == ()
    assert not flow.rest_open


def test_a_ticked_sign_names_itself_and_wins_even_after_no():
    for sign in GATE_IDS:
        for yes in (True, False):
            result = T.GateFlow().answer(yes, [sign])
            assert result.level == "emergency" and not result.one_of
            assert [i.id for i in result.causes] == [sign]


def test_no_and_no_sign_opens_the_other_questions():
    flow = T.GateFlow()
    assert flow.answer(False, []) is None and flow.rest_open and not flow.said_yes


@settings(max_examples=200, deadline=None, database=None)
@given(st.sets(st.sampled_from(OTHER_IDS)))
def test_after_a_yes_the_other_answers_never_lower_the_emergency(others):
    flow = T.GateFlow()
    flow.answer(True, [])
    result = flow.result(others)
    assert result.level == "emergency" and result.one_of
    assert {i.id for i in result.others} == others
    # without the yes, the gate changes nothing: the plain triage decides
    assert T.self_check(others) == T.triage(others)


# ----------------------------------------------------------------------------- the widget


@pytest.fixture
def checker(home, monkeypatch):
    view = T_ui.symptom_checker()
    view.focused = []
    monkeypatch.setattr(view.result_focus, "focus", lambda: view.focused.append("result"))
    return view


def test_the_result_can_take_the_focus_and_covers_its_box(checker):
    """The focusable label is the first child of the result box, tabindex -1 (tabbable
    False), and the stylesheet lays it over the box from its top, full width, as tall as the
    box but never taller than a screen (less the toolbars): the browser centres a focused
    element, and a result taller than a phone's screen must still land with its title at the
    top (the browser test measures it at 390 px)."""
    assert checker.result_box.children == (checker.result_focus, checker.result)
    assert checker.result_focus.tabbable is False and checker.result_focus.value
    rule = _rule(stylesheet_css(), ".jupyter-widgets.gc-triage-result > .gc-triage-focus")
    assert rule["position"] == "absolute" and all(rule[k] == "0" for k in ("top", "left", "right"))
    assert rule["height"] == "100%" and rule["max-height"].startswith("calc(100vh")


def test_start_shows_the_gate_with_yes_and_no(checker):
    checker.start_button.click()
    boxes = [c for c in checker.box.children if c.__class__.__name__ == "Checkbox"]
    labels = {i["id"]: i["label"] for i in RAW["items"]}
    assert [b.description for b in boxes] == [labels[i] for i in GATE_IDS]
    assert checker.yes_button.description == "Yes, I have one of these"
    assert checker.no_button.description == "No, none of these"
    assert checker.yes_button.tooltip and checker.no_button.tooltip
    # the result sits above the other questions
    children = list(checker.box.children)
    assert children.index(checker.result_box) < children.index(checker.rest_box)


def test_yes_shows_the_emergency_at_once_focused_and_the_reader_may_go_on(checker):
    checker.open()
    checker.yes_button.click()
    html = checker.result.value
    assert "gc-triage-emergency" in html and "role='alert'" in html
    assert checker.focused == ["result"]
    for sign in GATE_IDS:  # which signs: every one, as "one of these"
        assert T_ui.safe_html(T.items()[sign].label) in html
    assert "one of these" in html
    # the rest is offered, not forced
    assert checker.go_on_button is not None and checker.go_on_button in checker.rest_box.children[0].children
    checker.go_on_button.click()
    checker.boxes[BY_LEVEL["routine"][0]].value = True
    checker.check_button.click()
    assert "gc-triage-emergency" in checker.result.value, "the yes still counts"
    assert checker.focused == ["result", "result"]


def test_no_opens_the_rest_and_check_focuses_the_result(checker, monkeypatch):
    checker.open()
    checker.no_button.click()
    assert checker.focused == [] and "gc-triage-" not in checker.result.value.replace("gc-triage-reminder", "")
    checker.boxes[BY_LEVEL["urgent"][0]].value = True
    checker.check_button.click()
    assert "gc-triage-urgent" in checker.result.value and checker.focused == ["result"]
    # a later tick updates the answer without pulling the reader away from the list
    checker.boxes[GATE_IDS[0]].value = True
    assert "gc-triage-emergency" in checker.result.value and checker.focused == ["result"]


def test_a_ticked_sign_with_no_still_gives_the_emergency(checker):
    checker.open()
    checker.boxes  # noqa: B018 - opens everything
    checker.clear_button.click()
    checker.boxes[GATE_IDS[-1]].value = True
    checker.no_button.click()
    assert "gc-triage-emergency" in checker.result.value


# ----------------------------------------------------------------------------- the banner


def emergency_html(extra=()):
    return T_ui.result_html(T.triage([GATE_IDS[0], *extra]))


def test_emergency_banner_says_emergency_what_to_do_and_the_number():
    html = emergency_html()
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Emergency" in text
    action = COURSE["disclaimer"]["emergency"]["action"]  # "... call 999 or go to A&E ..."
    assert T_ui.safe_html(action) in html
    assert "999" in action and "A&E" in action and "Elsewhere" in action
    # what to do comes first: the title, then the action, before the reasons
    assert html.index("Emergency") < html.index(T_ui.safe_html(action)) < html.index("Because you ticked")


def test_no_green_tick_or_ok_style_inside_the_emergency_banner():
    tick = LEVELS["selfcare"]["icon"]
    others = [BY_LEVEL["selfcare"][0], BY_LEVEL["routine"][0], BY_LEVEL["urgent"][0]]
    html = emergency_html(others)
    for other in others:  # the other ticks are listed, with their level in words
        assert T_ui.safe_html(T.items()[other].label) in html
    assert LEVELS["selfcare"]["short"] in html
    assert tick not in html, "a self-care tick inside the emergency banner"
    assert "gc-tone-ok" not in html and "gc-level-selfcare" not in html
    # outside an emergency the tick still marks self-care (so the test above can fail)
    assert tick in T_ui.result_html(T.triage([BY_LEVEL["urgent"][0], BY_LEVEL["selfcare"][0]]))


def _rule(css: str, selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, f"no rule for {selector} in course.css"
    return {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in match.group(1).split(";") if ":" in d)}


def _resolve(value: str) -> str:
    match = re.fullmatch(r"var\((--gc-[a-z0-9-]+)\)", value)
    return css_variables()[match.group(1)] if match else value


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_emergency_banner_is_solid_red_with_white_text_at_aa_contrast():
    rule = _rule(stylesheet_css(), ".gc-callout-level.gc-triage-emergency")
    background, colour = _resolve(rule["background"]), _resolve(rule["color"])
    assert colour.upper() == "#FFFFFF"
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    assert red > 2 * green and red > 2 * blue, f"{background} is not a red"
    ratio = contrast(background, colour)
    print(f"emergency banner: {background} with {colour}: contrast {ratio:.2f}:1")
    assert ratio >= 4.5
    # the palette's own vermillion would not do: the reason for the deeper red
    assert contrast(css_variables()["--gc-vermillion"], "#FFFFFF") < 4.5
    # the result uses exactly this class
    assert "gc-triage-emergency" in emergency_html()


def test_urgent_and_routine_have_their_own_style_and_their_words():
    css = stylesheet_css()
    for level in ("urgent", "routine", "selfcare"):
        html = T_ui.result_html(T.triage([BY_LEVEL[level][0]]))
        assert f"gc-triage-{level}" in html and "gc-triage-emergency" not in html
        assert T_ui.safe_html(LEVELS[level]["title"]) in html and LEVELS[level]["icon"] in html
        assert f".gc-level-{level}" in css
    assert _rule(css, ".gc-callout-level.gc-triage-urgent") != {}
