"""Checks on the committed notebooks without running them."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, course_notebooks


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


# Committed clean (no outputs, execution counts or widget state): tests/test_tools.py runs
# nbstripout --verify on every notebook.


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_shows_a_disclaimer_before_any_code(path):
    nb = load(path)
    first_md = "".join(nb["cells"][0]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown"
    assert "Educational only" in first_md or "educational only" in first_md.lower()
    assert first_md.lstrip().startswith("# "), "first cell must be the title"


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_uses_the_python3_kernel(path):
    assert load(path)["metadata"]["kernelspec"]["name"] == "python3"


def test_nbval_collects_every_notebook():
    """If a notebook were skipped (bad name, wrong folder, ignore rule), this fails."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "--nbval-lax", "-n", "0", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    collected = {line.split("::")[0] for line in out.stdout.splitlines() if ".ipynb::" in line}
    expected = {str(p.relative_to(ROOT)) for p in course_notebooks()}
    assert expected and collected == expected, out.stdout[-2000:] + out.stderr[-2000:]


def test_pytest_configuration_runs_notebooks_with_nbval():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"notebooks"' in text and "--nbval-lax" in text
