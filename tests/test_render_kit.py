"""The rendering kit (glutecourse.ui.html) and the one stylesheet (ui/course.css): views
carry no inline styles, the stylesheet's colours are the palette's, escaping is the default."""

from __future__ import annotations

import re
from importlib import resources

import pytest

import glutecourse
from glutecourse.core.palette import OKABE_ITO, css_variables
from glutecourse.topics.causes import causes
from glutecourse.ui import html as kit

CSS = resources.files("glutecourse.ui").joinpath("course.css").read_text(encoding="utf-8")
INLINE_STYLE = re.compile(r"\sstyle\s*=\s*['\"]", re.I)

#: Public calls that return HTML, with arguments from the course's own data.
HTML_CALLS = [
    ("objectives", ("04-symptoms-and-self-check",)),
    ("course_map", ()),
    ("define", ("sciatica",)),
    ("glossary_table", ()),
    ("references", ("laird-2014", "nice-ng59")),
    ("disclaimer", ()),
    ("muscle_overview", ()),
    ("study_card", ("laird-2014",)),
    ("effects_table", ()),
    ("claim_vs_evidence", (causes()[0].id,)),
    ("levels_key", ()),
    ("symptom_list", ("common",)),
    ("levels_table", ()),
    ("combinations_table", ()),
    ("worked_cases", ()),
    ("clinician_checklist", ()),
    ("guidelines_overview", ()),
    ("treatment_table", ()),
    ("disagreement_summary", ()),
    ("treatment_claims_table", ()),
    ("published_table", ()),
    ("findings_table", ()),
    ("phases_table", ()),
    ("stop_rules", ()),
    ("exercise_cards", ()),
    ("myths_table", ()),
    ("case_notes", ("03-causes-and-risk-factors",)),
]


def _data(obj) -> str:
    return obj.data if hasattr(obj, "data") else obj._repr_html_()


@pytest.mark.parametrize("name,args", HTML_CALLS, ids=[c[0] for c in HTML_CALLS])
def test_views_carry_no_inline_styles(name, args):
    out = _data(getattr(glutecourse, name)(*args))
    assert out.strip()
    assert not INLINE_STYLE.search(out), f"{name}: an inline style= attribute; use a gc-* class and course.css"


def _widget_html(widget) -> list[str]:
    import ipywidgets as w

    out = []
    if isinstance(widget, w.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out += _widget_html(child)
    return out


def test_widget_views_carry_no_inline_styles(tmp_path):
    from glutecourse.topics.diary import Diary
    from glutecourse.topics.exercises import build_routine
    from glutecourse.ui.exercises import RoutineTimer

    quiz = glutecourse.quiz("02-hips-pelvis-and-back", start=True).quiz
    quiz.view(0).reveal()
    diary = glutecourse.diary_widget(Diary(tmp_path / "d.csv"))
    diary.save()  # an empty pain box: an error message
    timer = RoutineTimer(build_routine("strength", 10, 1), autorun=False)
    timer.start()
    checker = glutecourse.symptom_checker(start_open=True)
    checker.check()
    sitting = glutecourse.sitting_calculator()
    sitting.update()
    views = [quiz, diary, timer, checker, sitting, glutecourse.routine_builder(), glutecourse.treatment_explorer()]
    views += [glutecourse.cause_cards(), glutecourse.muscle_explorer(), glutecourse.timeline_explorer()]
    for view in views:
        for value in _widget_html(view.widget):
            assert not INLINE_STYLE.search(value), f"{type(view).__name__}: {value[:120]}"


def test_every_colour_in_the_stylesheet_comes_from_the_palette():
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", CSS), "course.css names colours only through var(--gc-...)"
    defined = css_variables()
    # the type scale (sizes and line heights) is defined in course.css itself
    scale = set(re.findall(r"(--gc-(?:text|size|leading)-[a-z0-9-]+)\s*:", CSS))
    assert scale, "course.css defines its type scale as --gc-text-*, --gc-size-*, --gc-leading-*"
    used = set(re.findall(r"var\((--gc-[a-z0-9-]+)", CSS)) - {"--gc-level"} - scale
    assert used <= set(defined), sorted(used - set(defined))
    sheet = kit.stylesheet_css()
    for name, colour in OKABE_ITO.items():
        assert f"--gc-{name.replace('_', '-')}:{colour}" in sheet


def test_every_class_the_kit_writes_has_a_rule():
    classes = {f"gc-callout-{k}" for k in kit.CALLOUT_KINDS}
    classes |= {f"gc-tone-{tone}" for tone, _, _ in kit.STATUSES.values()}
    classes |= {"gc-table", "gc-num", "gc-status", "gc-callout"}
    for cls in classes:
        assert re.search(rf"\.{cls}\b", CSS), f".{cls} has no rule in course.css"


def test_table_escapes_text_and_keeps_markup_it_is_given():
    html = kit.table(["A", "B"], [("<script>x</script> <em>ok</em>", kit.Markup("<a href='#x'>link</a>"))], "Cap")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<em>ok</em>" in html
    assert "<a href='#x'>link</a>" in html and "<caption>Cap</caption>" in html
    assert "<th scope='col'>A</th>" in html
    assert kit.plain("<em>x</em>") == "&lt;em&gt;x&lt;/em&gt;"  # a reader's text keeps no markup


def test_callout_and_status_box_refuse_unknown_kinds():
    with pytest.raises(ValueError, match="emergency"):
        kit.callout("shout", "t", "b")
    with pytest.raises(ValueError, match="correct"):
        kit.status_box("great", "b")
    box = kit.status_box("error", "disk <full>")
    assert "role='alert'" in box and "✖ Not saved." in re.sub(r"<[^>]+>", "", box) and "disk &lt;full&gt;" in box


def test_the_stylesheet_reaches_every_notebook_through_objectives():
    for _ in range(2):  # a re-run of the first cell keeps it
        assert "<style id='gc-course-css'>" in glutecourse.objectives("00-start-here").data


def test_panel_folds_a_reference_table_behind_a_label_and_keeps_it_whole():
    """Issue 13 (long notebooks): panel(..., fold=label) shows the boxes inside a closed
    <details> whose summary is the label (escaped); the boxes inside are unchanged."""
    from glutecourse import muscle_overview, panel

    table = muscle_overview()._repr_html_()
    out = panel(muscle_overview(), fold="Open the <table> & its sources").data
    assert out.startswith("<details><summary>Open the &lt;table&gt; &amp; its sources</summary>")
    assert out.endswith("</details>") and table in out
    assert " open" not in out.split("<summary>", 1)[0], "the fold starts closed"
    assert panel(muscle_overview()).data == table, "without fold, panel shows the boxes as before"
    with pytest.raises(ValueError, match="label"):
        panel(muscle_overview(), fold="  ")


def test_building_the_views_sends_no_class_updates(home, monkeypatch):
    """A widget's model goes to the browser as it is built, so its CSS classes must be given
    then (``ui.widgets.css``, or ``cls=`` of ``html_widget`` and ``button``): a class added
    afterwards is one more message per widget while the notebook runs (25 of them in 00
    before this rule). Every view of the course is built here, and the beliefs check."""
    import ipywidgets as w
    from test_accessible_names import _views

    from glutecourse.ui.beliefs import beliefs_check

    sent = []
    send_state = w.Widget.send_state

    def spy(widget, key=None):
        sent.append((type(widget).__name__, key))
        return send_state(widget, key)

    monkeypatch.setattr(w.Widget, "send_state", spy)
    views = [*_views(home), beliefs_check("before"), beliefs_check("after")]
    assert len(views) >= 14 and sent, "nothing was built, or the spy saw nothing"
    assert [s for s in sent if s[1] == "_dom_classes"] == []
    classes = {c for v in views for c in getattr(v, "widget", v)._dom_classes}
    assert {"gc-quiz-launcher", "gc-review", "gc-selfcheck", "gc-beliefs-check"} <= classes  # given as they were built
