"""The helper package: cheap, side-effect-free import; the course style; safe HTML."""

import subprocess
import sys

from glutecourse.core.text import safe_html, strip_tags


def run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_import_loads_no_heavy_modules_and_changes_no_state():
    out = run(
        "import sys, pkgutil, importlib, glutecourse\n"
        "for m in pkgutil.walk_packages(glutecourse.__path__, 'glutecourse.'):\n"
        "    importlib.import_module(m.name)\n"
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'jsonschema', 'numpy') if m in sys.modules]\n"
        "print(heavy)"
    )
    assert out.strip() == "[]"


def test_import_leaves_matplotlib_rcparams_alone():
    out = run(
        "import matplotlib as mpl\nbefore = dict(mpl.rcParams)\n"
        "import glutecourse\nfrom glutecourse.ui import progress, quizzes\nfrom glutecourse.charts import plotting\n"
        "print(dict(mpl.rcParams) == before)"
    )
    assert out.strip() == "True"


def test_use_course_style_applies_okabe_ito():
    out = run(
        "import matplotlib as mpl\nfrom glutecourse.charts.plotting import use_course_style\n"
        "from glutecourse.core.palette import PALETTE\n"
        "use_course_style()\n"
        "print([c.upper() for c in mpl.rcParams['axes.prop_cycle'].by_key()['color']] == [p.upper() for p in PALETTE])"
    )
    assert out.strip() == "True"


def test_course_style_context_restores_state():
    import matplotlib as mpl

    from glutecourse.charts.plotting import course_style

    before = mpl.rcParams["axes.prop_cycle"]
    with course_style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.prop_cycle"] == before


def test_safe_html_escapes_all_but_the_documented_subset():
    assert (
        safe_html('<em>a</em> & <b onclick="x">b</b>') == "<em>a</em> &amp; &lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;"
    )
    assert safe_html("<em onclick='x'>a</em>") == "&lt;em onclick=&#x27;x&#x27;&gt;a</em>"
    assert safe_html("x<br>y<br/>") == "x<br>y<br>"
    assert strip_tags("<strong>emergency</strong> care") == "emergency care"


def test_unknown_attribute_gives_attribute_error():
    import pytest

    import glutecourse

    with pytest.raises(AttributeError):
        glutecourse.no_such_thing  # noqa: B018
