"""Checks on the committed notebooks without running them."""

import json

import pytest

from conftest import course_notebooks


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
