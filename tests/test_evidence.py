"""Study results (data/evidence.json) and the figures drawn from them."""

import copy
import json

import pytest

from conftest import ROOT
from glutecourse.core.data import build
from glutecourse.core.errors import CourseDataError
from glutecourse.topics.evidence import Evidence, check_evidence, ci_text, effects, includes_zero, study
from glutecourse.ui.display import panel
from glutecourse.ui.evidence import effects_table_html, study_card_html


def raw():
    return json.loads((ROOT / "data" / "evidence.json").read_text())


def test_laird_numbers_are_as_published():
    by_id = {e.id: e for e in effects("laird-2014")}
    assert by_id["lumbar-curve"].smd == 0.01 and by_id["lumbar-curve"].ci == (-0.09, 0.11)  # Table 2
    assert by_id["lumbopelvic-rhythm"].smd == -0.21 and by_id["lumbopelvic-rhythm"].ci == (-0.52, 0.09)
    assert by_id["pelvic-tilt"].smd == 0.24 and by_id["pelvic-tilt"].ci == (-0.03, 0.5)


def test_every_laird_interval_includes_zero():
    assert all(includes_zero(e) in (True, None) for e in effects("laird-2014"))


def test_study_sizes():
    assert study("cooper-2016").numbers == {"with_lbp": 150, "without_lbp": 75}
    assert study("sadler-2019").numbers["studies"] == 24
    assert study("laird-2014").numbers["studies"] == 43


def test_case_control_studies_say_association_not_cause():
    for sid in ("cooper-2016", "sadler-2019", "da-silva-2019"):
        assert "association" in study(sid).strength.lower()


def test_card_shows_design_findings_and_limits():
    html = study_card_html("sadler-2019")
    assert "Sadler et al. 2019" in html and "case-control" in html
    assert "What it cannot show:" in html and "cause of back pain or a result" in html


def test_table_is_a_text_alternative_to_the_forest_plot():
    html = effects_table_html()
    assert "\u22120.52 to 0.09" in html and "\u22120.09 to 0.11" in html
    assert "<th scope='col'>" in html


def test_ci_text():
    assert ci_text([-0.03, 0.5]) == "\u22120.03 to 0.50"
    assert ci_text(None) == "not given in our source"


def test_interval_not_containing_its_estimate_is_rejected():
    data = raw()
    data["effects"][1]["ci"] = [0.1, 0.3]
    with pytest.raises(CourseDataError, match="lumbopelvic-rhythm"):
        check_evidence(build(Evidence, data), {s["ref"] for s in data["studies"]})


def test_effect_of_unknown_study_and_unknown_ref_are_rejected():
    data = raw()
    bad = copy.deepcopy(data)
    bad["effects"][0]["study"] = "nobody-2020"
    with pytest.raises(CourseDataError, match="nobody-2020"):
        check_evidence(build(Evidence, bad), {s["ref"] for s in data["studies"]})
    with pytest.raises(CourseDataError, match="laird-2014"):
        check_evidence(build(Evidence, data), set())


def test_panel_joins_boxes_into_one_output():
    from IPython.display import HTML

    out = panel(HTML("<p>a</p>"), HTML("<p>b</p>"))
    assert out.data == "<p>a</p><p>b</p>"


def test_figures_have_alt_text_and_draw():
    from glutecourse.charts import causes, evidence, hips
    from glutecourse.charts.plotting import figure_svg

    specs = [*evidence.figures(), *hips.figures(), *causes.figures()]
    assert {s.name for s in specs} == {
        "evidence-laird-forest.svg",
        "hips-trendelenburg.svg",
        "hips-forward-bend.svg",
        "causes-evidence-map.svg",
    }
    forest = figure_svg(next(s for s in specs if s.name == "evidence-laird-forest.svg").draw())
    assert "no difference" in forest and "\u22120.52 to 0.09" in forest  # labels are text, not only colour
    trend = figure_svg(next(s for s in specs if s.name == "hips-trendelenburg.svg").draw())
    assert "drops" in trend and "level" in trend
