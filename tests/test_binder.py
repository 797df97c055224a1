"""Binder readiness: what repo2docker would build provides everything the course imports."""

import ast
import functools
import json
import re
import subprocess
import sys
from importlib import metadata

import yaml
from test_environment import binder_provides, norm, package_dependencies

from conftest import ROOT, course_notebooks

STDLIB = set(sys.stdlib_module_names)


def imports_in(source: str) -> set[str]:
    names = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return names
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@functools.cache
def packages_distributions():
    """Installed modules -> distributions (a scan of every installed package: once per run)."""
    return metadata.packages_distributions()


@functools.cache
def course_imports() -> dict[str, set[str]]:
    """Top-level modules imported by the package and the notebooks -> where."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "src" / "glutecourse").rglob("*.py"):
        for name in imports_in(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    for nb in course_notebooks():
        cells = json.loads(nb.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for name in imports_in(code):
            found.setdefault(name, set()).add(str(nb.relative_to(ROOT)))
    return found


def test_environment_provides_every_import():
    """Everything the package and the notebooks import is installed by Binder's
    ``-e .[course]``: the package's dependencies and the course extra."""
    provided = binder_provides()
    dists = packages_distributions()
    missing = {}
    for module, where in course_imports().items():
        if module in STDLIB or module == "glutecourse" or module == "__future__":
            continue
        names = {norm(d) for d in dists.get(module, [])}
        assert names, f"{module} (imported in {sorted(where)}) is not installed at all"
        if not names & provided:
            missing[module] = sorted(where)
    assert not missing, f"imported but not declared in pyproject.toml (dependencies or the course extra): {missing}"


def test_the_package_needs_only_its_own_dependencies():
    """The package itself (not the notebooks) imports only what pyproject.toml's
    dependencies provide, so `pip install glutecourse` is enough to run it."""
    dists = packages_distributions()
    package_only = {m: w for m, w in course_imports().items() if any(p.startswith("src/") for p in w)}
    for module, where in package_only.items():
        if module in STDLIB or module in ("glutecourse", "__future__"):
            continue
        names = {norm(d) for d in dists.get(module, [])}
        assert names & package_dependencies(), f"{module} (imported in {sorted(where)}) is not a package dependency"


def test_environment_parses_as_conda_environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["name"] and isinstance(env["dependencies"], list)


def test_no_binder_folder_and_safe_postbuild():
    for folder in ("binder", ".binder"):
        assert not (ROOT / folder).exists(), f"{folder}/ would override the root environment.yml on Binder"
    post = ROOT / "postBuild"
    if post.exists():
        lines = [ln for ln in post.read_text().splitlines() if ln.strip() and not ln.startswith("#!")]
        assert lines[0].strip() == "set -e"


# What `jupyter labextension list` runs (jupyterlab.commands.list_extensions, with the same
# extension path), in a fresh interpreter, minus one step: the command asks node for yarn's
# registry (twice), which listing never uses and which took most of its 8-60 s.
LIST_EXTENSIONS = """
import logging, sys
from jupyter_core.paths import jupyter_path
from jupyterlab.commands import YARN_DEFAULT_REGISTRY, AppOptions, list_extensions
log = logging.getLogger("labextension-list")
log.addHandler(logging.StreamHandler(sys.stdout))
log.setLevel(logging.INFO)
list_extensions(AppOptions(logger=log, registry=YARN_DEFAULT_REGISTRY, labextensions_path=jupyter_path("labextensions")))
"""


def test_widgets_manager_enabled_without_a_build_step():
    out = subprocess.run([sys.executable, "-c", LIST_EXTENSIONS], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    line = next((ln for ln in text.splitlines() if "@jupyter-widgets/jupyterlab-manager" in ln), "")
    assert "enabled" in line and "OK" in line, text
    assert "jupyter lab build" not in text and "Build recommended" not in text, text
