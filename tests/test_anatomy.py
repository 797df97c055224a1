"""Glute anatomy: the muscle data, the diagram data, the pictures and the muscle explorer."""

import json
import re
import subprocess
import sys

import msgspec
import pytest

from conftest import ROOT
from glutecourse.core.errors import CourseDataError
from glutecourse.topics import anatomy
from glutecourse.ui import anatomy as anatomy_ui
from glutecourse.ui.widgets import shared_styles

GLUTES = {"gluteus-maximus", "gluteus-medius", "gluteus-minimus"}
ROTATORS = {
    "piriformis",
    "superior-gemellus",
    "obturator-internus",
    "inferior-gemellus",
    "quadratus-femoris",
    "obturator-externus",
}


def test_course_teaches_three_glutes_and_six_deep_rotators():
    assert {m.id for m in anatomy.muscles("gluteal")} == GLUTES
    assert {m.id for m in anatomy.muscles("deep rotator")} == ROTATORS
    with pytest.raises(ValueError, match="unknown group"):
        anatomy.muscles("hamstrings")


def test_facts_a_reader_checks_against_the_sources():
    maxi, med, mini, pir = (
        anatomy.muscle(i) for i in ("gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis")
    )
    assert maxi.layer == "surface" and mini.layer == "deep"
    assert maxi.nerve == "Inferior gluteal nerve" and anatomy.roots_text(maxi) == "L5, S1, S2"
    assert med.nerve == mini.nerve == "Superior gluteal nerve"
    assert "L5" in med.sources_differ and "S1" in med.sources_differ  # L4-S1 vs L5-S1
    assert anatomy.roots_text(pir) == "S1, S2" and "L5" in pir.sources_differ  # S1-S2 vs L5-S2
    assert "sacrum" in pir.origin.lower() and "greater trochanter" in pir.insertion.lower()
    assert "iliotibial" in maxi.insertion.lower()


def test_every_muscle_cites_a_known_reference():
    from glutecourse.catalog.references import reference_keys

    for m in anatomy.muscles():
        assert m.refs and set(m.refs) <= reference_keys(), m.id


def test_unknown_reference_in_the_data_is_reported_by_name(tmp_path, monkeypatch):
    data = json.loads((ROOT / "data" / "anatomy.json").read_text())
    data["muscles"][0]["refs"] = ["no-such-source"]
    for name in ("references.json", "anatomy.json"):
        (tmp_path / name).write_text((ROOT / "data" / name).read_text())
    (tmp_path / "anatomy.json").write_text(json.dumps(data))
    monkeypatch.setenv("GLUTECOURSE_DATA", str(tmp_path))
    anatomy._anatomy.cache_clear()
    try:
        with pytest.raises(CourseDataError, match="gluteus-maximus.*no-such-source"):
            anatomy.muscles()
    finally:
        monkeypatch.delenv("GLUTECOURSE_DATA")
        anatomy._anatomy.cache_clear()


def test_bad_muscle_entry_is_rejected_with_its_id(tmp_path):
    from glutecourse.core.data import validate

    data = json.loads((ROOT / "data" / "anatomy.json").read_text())
    data["muscles"][3]["group"] = "hamstring"
    with pytest.raises(CourseDataError, match="muscle 'piriformis'.*group"):
        validate(data, "anatomy", tmp_path / "anatomy.json")


def test_diagram_covers_every_muscle_and_its_true_relative_positions():
    d = anatomy.diagram()
    assert sorted(h.muscle for h in d.highlights) == sorted(GLUTES | ROTATORS)
    post = d.view("posterior")
    shape = {m.id: m for m in post.muscles}

    def mean_y(points):
        return sum(p[1] for p in points) / len(points)

    # From behind, top to bottom: piriformis, superior gemellus, obturator internus, inferior gemellus, quadratus femoris.
    order = ["piriformis", "superior-gemellus", "obturator-internus", "inferior-gemellus", "quadratus-femoris"]
    heights = [mean_y(shape[i].points) for i in order]
    assert heights == sorted(heights, reverse=True)
    # Maximus is the surface layer; minimus lies deeper than medius.
    assert shape["gluteus-maximus"].depth < shape["gluteus-medius"].depth < shape["gluteus-minimus"].depth
    # The sciatic nerve leaves the pelvis below piriformis; the superior gluteal nerve above it.
    nerves = {n.id: n for n in post.nerves}
    pir_low = min(p[1] for p in shape["piriformis"].points[:5])
    pir_top = max(p[1] for p in shape["piriformis"].points)
    assert nerves["sciatic-nerve"].points[0][1] < pir_low < pir_top <= nerves["superior-gluteal-nerve"].points[0][1]


def test_diagram_label_pointing_at_a_missing_shape_is_reported(tmp_path, monkeypatch):
    data = json.loads((ROOT / "data" / "anatomy-diagram.json").read_text())
    data["views"][0]["panels"][0]["labels"].append({"target": "hamstring", "at": [0, 0]})
    for name in ("references.json", "anatomy.json"):
        (tmp_path / name).write_text((ROOT / "data" / name).read_text())
    (tmp_path / "anatomy-diagram.json").write_text(json.dumps(data))
    monkeypatch.setenv("GLUTECOURSE_DATA", str(tmp_path))
    anatomy._anatomy.cache_clear()
    anatomy.diagram.cache_clear()
    try:
        with pytest.raises(CourseDataError, match="hamstring"):
            anatomy.diagram()
    finally:
        monkeypatch.delenv("GLUTECOURSE_DATA")
        anatomy._anatomy.cache_clear()
        anatomy.diagram.cache_clear()


def test_every_muscle_has_a_committed_highlight_picture_naming_it():
    images = ROOT / "images"
    manifest = json.loads((images / "manifest.json").read_text())
    for m in anatomy.muscles():
        name = m.image_name
        svg = (images / name).read_text()
        assert m.name in svg, f"{name} does not label its muscle in text"
        assert "Schematic" in svg
        assert m.name in manifest[name]["alt"]
    for name in ("anatomy-posterior.svg", "anatomy-lateral.svg"):
        svg = (images / name).read_text()
        for label in ("Gluteus medius", "Gluteus maximus", "Schematic, not to scale"):
            assert label in svg, f"{name} lacks the text {label!r}"
    assert "Sciatic nerve" in (images / "anatomy-posterior.svg").read_text()
    assert "Gluteus minimus" in (images / "anatomy-lateral.svg").read_text()


def test_figures_use_only_okabe_ito_colours_for_muscles():
    from glutecourse.core.palette import OKABE_ITO

    for view in anatomy.diagram().views:
        for m in view.muscles:
            assert m.colour in OKABE_ITO
        # Muscles sharing a colour in one view must differ by hatching (labels are there too).
        seen = {}
        for m in view.muscles:
            key = (m.colour, m.hatch)
            assert key not in seen, f"{m.id} and {seen.get(key)} look identical in {view.id}"
            seen[key] = m.id


# --- widgets --------------------------------------------------------------------------


def test_explorer_shows_the_chosen_muscle_with_its_picture_and_facts():
    ex = anatomy_ui.muscle_explorer()
    assert ex.dropdown.description == "Muscle"
    assert len(ex.dropdown.options) == 9
    assert ex.dropdown.value == "gluteus-maximus"
    assert b"Gluteus maximus" in bytes(ex.image.value)
    assert "Inferior gluteal nerve" in ex.details.value and "L5, S1, S2" in ex.details.value

    ex.dropdown.value = "piriformis"
    assert bytes(ex.image.value) == (ROOT / "images" / "anatomy-highlight-piriformis.svg").read_bytes()
    html = ex.details.value
    for text in ("Origin", "Insertion", "Action", "Nerve to piriformis", "S1, S2", "Where sources differ", "L5 to S2"):
        assert text in html, text
    assert "Gluteus maximus" not in html

    ex.dropdown.value = "gluteus-medius"
    assert "L4, L5, S1" in ex.details.value and "L5 and S1 only" in ex.details.value


def test_explorer_can_start_on_a_given_muscle_and_reports_unknown_ones():
    ex = anatomy_ui.muscle_explorer("obturator-externus")
    assert "Obturator nerve" in ex.details.value and "L3, L4" in ex.details.value
    assert ex.show("hamstring<script>") is False
    assert "Unknown muscle" in ex.details.value
    assert "<script>" not in ex.details.value and "&lt;script&gt;" in ex.details.value
    assert bytes(ex.image.value) == b""
    bad_start = anatomy_ui.muscle_explorer("nonsense")
    assert "Unknown muscle" in bad_start.details.value


def test_explorer_says_so_when_a_picture_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(anatomy_ui, "images_dir", lambda: tmp_path)
    ex = anatomy_ui.muscle_explorer()
    assert "Picture missing" in ex.details.value and "make images" in ex.details.value
    assert "Inferior gluteal nerve" in ex.details.value  # the facts still show


def test_data_text_is_escaped_in_the_table():
    m = msgspec.structs.replace(anatomy.muscle("piriformis"), action='<img src=x onerror="alert(1)"> <em>outwards</em>')
    html = anatomy_ui.muscle_details_html(m)
    assert "<img" not in html and "&lt;img" in html
    assert "<em>outwards</em>" in html


def test_overview_lists_every_muscle_with_nerve_and_roots():
    html = anatomy_ui.overview_html()
    assert len(re.findall(r"<tr><td>", html)) == 9
    assert "Superior gluteal nerve" in html and "L3, L4" in html


def test_explorer_builds_few_widgets_and_shares_layouts():
    from ipywidgets.widgets.widget import _instances

    before = len(_instances)
    a = anatomy_ui.muscle_explorer()
    after_one = len(_instances)
    anatomy_ui.muscle_explorer()
    after_two = len(_instances)
    assert after_one - before <= 12
    assert after_two - after_one <= 5  # dropdown, image, HTML, VBox (+ at most one style)
    assert a.image.layout is shared_styles()["image"]


def test_module_import_is_cheap():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, glutecourse.topics.anatomy, glutecourse.charts.anatomy\n"
            "print([m for m in ('matplotlib', 'ipywidgets', 'numpy') if m in sys.modules])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"


# --- legible pictures (issue 13) ------------------------------------------------------

MIN_LABEL_PX = 12


def _notebook_pictures() -> set[str]:
    """The anatomy pictures notebook 01 shows as Markdown images."""
    nb = json.loads((ROOT / "notebooks" / "01-glute-anatomy.ipynb").read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return set(re.findall(r"\.\./images/(anatomy-[a-z-]+\.svg)\)", text))


def _explorer_px() -> float:
    """How wide the explorer shows its picture: the image layout's max width (its width is 100 %)."""
    return float(shared_styles()["image"].max_width.removesuffix("px"))


def shown_width(name: str, fig) -> float:
    from glutecourse.charts.anatomy import CSS_PX_PER_IN, JUPYTERLAB_COLUMN_PX

    if name in _notebook_pictures():  # an <img>: at most its natural size, at most the column
        return min(fig.get_figwidth() * CSS_PX_PER_IN, JUPYTERLAB_COLUMN_PX)
    return _explorer_px()  # the explorer's Image widget: 100 % wide up to its max width


def _anatomy_specs():
    from glutecourse.charts import anatomy as charts

    return list(charts.figures())


def test_every_text_of_the_anatomy_pictures_is_12px_or_more_as_jupyterlab_shows_them():
    """Issue 13: labels legible at the size JupyterLab shows them (before: 8-8.5 pt on
    13-inch figures shown 821 px wide, about 7.5 px)."""
    from glutecourse.charts.anatomy import text_sizes_px

    specs = _anatomy_specs()
    assert _notebook_pictures() == {"anatomy-posterior.svg", "anatomy-lateral.svg"}
    assert {s.name for s in specs} >= _notebook_pictures() | {m.image_name for m in anatomy.muscles()}
    smallest = {}
    for spec in specs:
        fig = spec.draw()
        sizes = text_sizes_px(fig, shown_width(spec.name, fig))
        assert len(sizes) >= 8, f"{spec.name}: too few texts found ({sizes})"
        small = [(text, round(px, 1)) for text, px in sizes if px < MIN_LABEL_PX]
        assert not small, f"{spec.name}: texts under {MIN_LABEL_PX} px: {small}"
        smallest[spec.name] = min(px for _, px in sizes)
    print({k: round(v, 1) for k, v in smallest.items()})


def test_labels_do_not_overlap_and_stay_inside_the_picture():
    """With larger type the labels must still sit apart and inside the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from glutecourse.charts.anatomy import shown_texts
    from glutecourse.charts.plotting import course_style

    for spec in _anatomy_specs():
        fig = spec.draw()
        with course_style():
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            renderer = canvas.get_renderer()
            # Text's own extent: an annotation's would include its leader line.
            boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in shown_texts(fig)]
        page = fig.bbox
        for text, box in boxes:
            assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, f"{spec.name}: {text!r} runs off the side"
            assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, f"{spec.name}: {text!r} runs off the top or bottom"
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), f"{spec.name}: {a!r} overlaps {b!r}"


def test_every_view_has_a_body_outline_drawn_behind_everything():
    """The silhouette (skin outline) surrounds the bones and is drawn first."""
    from matplotlib.patches import Polygon

    from glutecourse.charts.anatomy import BODY_FILL

    d = anatomy.diagram()
    for view in d.views:
        body = view.body
        assert len(body.outline) >= 8 and body.label
        xs = [p[0] for p in body.outline]
        ys = [p[1] for p in body.outline]
        for bone in view.bones:  # the bones lie inside the outline's extent
            assert min(xs) < min(p[0] for p in bone.points) and max(p[0] for p in bone.points) < max(xs), bone.id
            assert min(ys) <= min(p[1] for p in bone.points) and max(p[1] for p in bone.points) < max(ys), bone.id
    from matplotlib.colors import to_hex

    for spec in _anatomy_specs():
        fig = spec.draw()
        for ax in fig.axes:
            if not ax.patches:
                continue
            fills = [to_hex(p.get_facecolor()) for p in ax.patches if isinstance(p, Polygon)]
            assert fills and fills[0] == BODY_FILL.lower(), f"{spec.name}: the body outline is not drawn first"
            assert min(p.get_zorder() for p in ax.patches) == ax.patches[0].get_zorder()
        assert "outline of the body" in spec.alt, spec.name


def test_a_view_without_a_body_outline_is_rejected_by_name(tmp_path):
    from glutecourse.core.data import validate

    data = json.loads((ROOT / "data" / "anatomy-diagram.json").read_text())
    del data["views"][1]["body"]
    with pytest.raises(CourseDataError, match="body"):
        validate(data, "anatomy-diagram", tmp_path / "anatomy-diagram.json")
