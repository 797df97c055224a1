"""The example recovery timeline: published numbers, honest interpolation and rescaling,
the pre-drawn charts, and the explorer widget driven headless."""

import copy
import json

import pytest

from glutecourse.catalog.references import reference_keys
from glutecourse.charts import timeline as tl_charts
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import timeline as tl
from glutecourse.ui import timeline as tl_ui


def test_published_numbers_match_the_sources():
    acute = {p.week: (p.mean, p.low, p.high) for p in tl.curve("acute").points}
    persistent = {p.week: (p.mean, p.low, p.high) for p in tl.curve("persistent").points}
    assert acute == {0: (52, 48, 57), 6: (23, 21, 25), 26: (12, 9, 15), 52: (6, 3, 10)}
    assert persistent == {0: (51, 44, 59), 6: (33, 29, 38), 26: (26, 20, 33), 52: (23, 16, 30)}
    values = {f.id: f.value for f in tl.prognosis().findings}
    assert values["henschke-pain-days"] == 58 and values["henschke-year"] == 72
    assert values["pengel-recurrence"] == 73 and values["dasilva-recurrence"] == 69 and values["itz-year"] == 65


def test_every_figure_cites_a_known_source():
    keys = reference_keys()
    data = tl.prognosis()
    assert all(c.ref in keys for c in data.curves)
    assert all(f.ref in keys for f in data.findings)


def test_interpolation_is_exact_at_published_weeks_and_flagged_between():
    points = tl.curve("acute").points
    at6 = tl.interpolate(points, 6)
    assert at6.published and at6.mean == 23
    mid = tl.interpolate(points, 3)
    assert not mid.published
    assert mid.mean == pytest.approx((52 + 23) / 2)
    assert mid.low == pytest.approx((48 + 21) / 2) and mid.high == pytest.approx((57 + 25) / 2)
    with pytest.raises(ValueError, match="outside"):
        tl.interpolate(points, 60)


def test_series_marks_exactly_the_four_published_weeks():
    rows = tl.series("persistent")
    assert [r.week for r in rows if r.published] == [0, 6, 26, 52]
    assert rows[0].week == 0 and rows[-1].week == 52


def test_rescaling_starts_at_the_readers_pain_and_stays_within_0_100():
    rows = tl.series("acute", start_pain=78)
    assert rows[0].mean == pytest.approx(78)
    # Shape kept: week 6 is the same fraction of the start as in the published curve.
    at6 = next(r for r in rows if r.week == 6)
    assert at6.mean / 78 == pytest.approx(23 / 52)
    top = tl.series("persistent", start_pain=100)
    assert max(r.high for r in top) == 100  # 59 * 100/51 would be 116: capped
    assert all(0 <= r.low <= r.mean <= r.high <= 100 for r in top)
    assert all(r.mean == 0 for r in tl.series("acute", start_pain=0))


@pytest.mark.parametrize("bad", [101, -1, 50.5, True, None, "1e1", "5_0", "٥٠", "nan", "1,000", float("inf"), 10**400])
def test_bad_starting_pain_is_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="0 to 100|0 to 100;|whole number"):
        tl.check_start_pain(bad)


def test_typed_starting_pain_goes_through_the_course_number_parser():
    assert tl.check_start_pain(" 50 ") == 50 and tl.check_start_pain(40.0) == 40
    with pytest.raises(ValueError, match="not a plain number"):
        tl.check_start_pain("5e1")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="acute, persistent"):
        tl.curve("chronic-ish")


def test_broken_data_names_the_curve(tmp_path, monkeypatch):
    from glutecourse.core.paths import data_dir

    data = json.loads((data_dir() / tl.DATA_NAME).read_text())
    bad = copy.deepcopy(data)
    bad["curves"][1]["points"][2]["low"] = 40  # above its mean of 26
    (tmp_path / tl.DATA_NAME).write_text(json.dumps(bad))
    monkeypatch.setenv("GLUTECOURSE_DATA", str(tmp_path))
    tl.prognosis.cache_clear()
    try:
        with pytest.raises(CourseDataError, match="persistent.*low <= mean <= high"):
            tl.prognosis()
    finally:
        monkeypatch.delenv("GLUTECOURSE_DATA")
        tl.prognosis.cache_clear()


def test_chart_labels_say_what_is_published_and_what_is_not():
    from glutecourse.charts.plotting import figure_svg

    svg = figure_svg(tl_charts.timeline_figure("acute"))
    assert "published mean (95% CI)" in svg
    assert "straight-line interpolation between published points" in svg
    assert "Average across studies; individuals vary" in svg
    for phase_name in ("Strengthening", "Settle and keep moving", "Return to full activity"):
        assert phase_name in svg
    assert "half have recovered from pain" in svg and "Henschke" in svg
    rescaled = figure_svg(tl_charts.timeline_figure("acute", 80))
    assert "illustration, not a prediction" in rescaled and "rescaled" in rescaled


def test_predrawn_images_are_the_default_charts():
    from glutecourse.charts.plotting import figure_svg
    from glutecourse.core.paths import images_dir

    for kind in tl.KINDS:
        assert (images_dir() / tl.image_name(kind)).read_text() == figure_svg(tl_charts.timeline_figure(kind))


def test_notes_give_recurrence_figures_and_call_rescaling_an_illustration():
    default = tl_ui.explorer_note_html("acute")
    for figure in ("73%", "69%", "65%", "72%"):
        assert figure in default
    assert "illustration" not in default.split("</p>")[0]
    mine = tl_ui.explorer_note_html("acute", 80)
    assert "80/52" in mine and "not a prediction" in mine
    assert "not drawn here" in tl_ui.explorer_note_html("persistent")


def test_findings_table_lists_every_source():
    html = tl_ui.findings_html()
    for short in ("Pengel", "Henschke", "Itz", "da Silva", "Menezes Costa"):
        assert short in html
    assert "11,166" in html


def test_explorer_starts_from_the_predrawn_svg_and_redraws_on_interaction(monkeypatch):
    from glutecourse.core.paths import images_dir

    explorer = tl_ui.timeline_explorer()
    assert explorer.image.value == (images_dir() / "timeline-acute.svg").read_bytes()
    assert not explorer.drawn_at_runtime
    assert explorer.start.description == "Your starting pain (0-100)"
    assert explorer.kind.description and all(explorer.kind.tooltips)

    explorer.start.value = 80
    assert explorer.drawn_at_runtime
    assert b"Rescaled to start at 80" in bytes(explorer.image.value)
    assert "80/52" in explorer.note.value

    explorer.kind.value = "persistent"  # resets to the published start: pre-drawn again
    assert explorer.start.value == 51
    assert explorer.image.value == (images_dir() / "timeline-persistent.svg").read_bytes()
    assert "persistent" in explorer.note.value

    explorer.start.value = 20
    assert explorer.drawn_at_runtime
    explorer.kind.value = "acute"
    assert explorer.start.value == 52 and not explorer.drawn_at_runtime


def test_explorer_shows_a_message_not_a_traceback_if_an_image_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(tl_ui, "images_dir", lambda: tmp_path)
    explorer = tl_ui.timeline_explorer()
    assert "Could not draw the chart" in explorer.note.value
    assert explorer.image.layout.display == "none"


def test_importing_the_module_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, glutecourse.topics.timeline, glutecourse.topics.diary; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_one_time_axis_and_every_phase_named_once():
    from glutecourse.catalog.phases import phases
    from glutecourse.charts.plotting import figure_svg

    fig = tl_charts.timeline_figure("acute")
    charts = [ax for ax in fig.axes if ax.lines]
    assert len(charts) == 1, "one continuous time axis, not a split one"
    assert charts[0].get_xlim() == (0, tl.MAX_WEEK)
    svg = figure_svg(fig)
    for ph in phases():
        assert svg.count(ph.name) == 1, ph.name
    marks = tl.milestones("acute")
    for n, m in enumerate(marks, start=1):
        assert f"{n}.  {m.label}" in svg, "each milestone is listed once, by its number"
