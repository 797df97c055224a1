"""The tree is ruff-clean (lint and format, configured in pyproject.toml), and notebooks
are committed without outputs, execution counts or widget state (nbstripout's check)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, course_notebooks

BIN = Path(sys.executable).parent


def run(*args, cwd=ROOT):
    return subprocess.run(
        [str(BIN / args[0]), *map(str, args[1:])], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_ruff_lint_is_clean():
    out = run("ruff", "check", ".")
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format_is_clean():
    out = run("ruff", "format", "--check", ".")
    assert out.returncode == 0, out.stdout + out.stderr


def test_notebooks_are_committed_stripped():
    out = run("nbstripout", "--verify", "--keep-id", *course_notebooks())
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize(
    "dirt",
    ["outputs", "execution_count", "widget_state"],
)
def test_nbstripout_finds_and_removes_each_kind_of_dirt(tmp_path, dirt):
    nb = json.loads(course_notebooks()[0].read_text(encoding="utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    if dirt == "outputs":
        code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    elif dirt == "execution_count":
        code["execution_count"] = 3
    else:
        nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    path = tmp_path / "99-dirty.ipynb"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("nbstripout", "--verify", "--keep-id", path).returncode == 1
    assert run("nbstripout", "--keep-id", path).returncode == 0
    assert run("nbstripout", "--verify", "--keep-id", path).returncode == 0
    clean = json.loads(path.read_text(encoding="utf-8"))
    code = next(c for c in clean["cells"] if c["cell_type"] == "code")
    assert code["outputs"] == [] and code["execution_count"] is None and "widgets" not in clean["metadata"]
    assert [c["id"] for c in clean["cells"]] == [c["id"] for c in nb["cells"]]  # cell ids kept
