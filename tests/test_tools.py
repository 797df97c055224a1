"""The tree is ruff-clean (lint and format, configured in pyproject.toml), and notebooks
are committed without outputs, execution counts or widget state (nbstripout's check)."""

import json
import subprocess
import sys
from pathlib import Path

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


DIRT = ("outputs", "execution_count", "widget_state")


def test_nbstripout_finds_and_removes_each_kind_of_dirt(tmp_path):
    """One dirty copy of a course notebook per kind of dirt; nbstripout (each call starts
    slowly: it imports jsonschema) checks and cleans all three at once and names each."""
    nb = json.loads(course_notebooks()[0].read_text(encoding="utf-8"))
    paths = {}
    for dirt in DIRT:
        dirty = json.loads(json.dumps(nb))
        code = next(c for c in dirty["cells"] if c["cell_type"] == "code")
        if dirt == "outputs":
            code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
        elif dirt == "execution_count":
            code["execution_count"] = 3
        else:
            dirty["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
        paths[dirt] = tmp_path / f"99-dirty-{dirt}.ipynb"
        paths[dirt].write_text(json.dumps(dirty, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    found = run("nbstripout", "--verify", "--keep-id", *paths.values())
    assert found.returncode == 1
    for dirt, path in paths.items():
        assert f"would have stripped {path}" in found.stdout + found.stderr, f"{dirt} not found"
    assert run("nbstripout", "--keep-id", *paths.values()).returncode == 0
    assert run("nbstripout", "--verify", "--keep-id", *paths.values()).returncode == 0
    for dirt, path in paths.items():
        clean = json.loads(path.read_text(encoding="utf-8"))
        code = next(c for c in clean["cells"] if c["cell_type"] == "code")
        assert code["outputs"] == [] and code["execution_count"] is None and "widgets" not in clean["metadata"], dirt
        assert [c["id"] for c in clean["cells"]] == [c["id"] for c in nb["cells"]]  # cell ids kept
