"""Checks on the committed notebooks without running them."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, course_notebooks


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_is_committed_clean(path):
    nb = load(path)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} has an execution count"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name} stores widget state"


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
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    collected = {line.split("::")[0] for line in out.stdout.splitlines() if ".ipynb::" in line}
    expected = {str(p.relative_to(ROOT)) for p in course_notebooks()}
    assert expected and collected == expected, out.stdout[-2000:] + out.stderr[-2000:]


def test_pytest_configuration_runs_notebooks_with_nbval():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"notebooks"' in text and "--nbval-lax" in text


def test_clean_tool_agrees(tmp_path):
    dirty = load(course_notebooks()[0])
    code = next(c for c in dirty["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    code["execution_count"] = 3
    path = tmp_path / "99-dirty.ipynb"
    path.write_text(json.dumps(dirty))
    tool = [sys.executable, str(ROOT / "scripts" / "nbtool.py")]
    assert subprocess.run(tool + ["check", str(path)], capture_output=True).returncode == 1
    subprocess.run(tool + ["clean", str(path)], check=True, capture_output=True)
    assert subprocess.run(tool + ["check", str(path)], capture_output=True).returncode == 0
