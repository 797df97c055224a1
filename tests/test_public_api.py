"""The public API is what the notebooks use: every notebook imports only from
``glutecourse`` itself, only names in ``__all__``; every name in ``__all__`` is used by a
notebook and documented in the package docstring with one line."""

import ast
import json

import pytest

import glutecourse
from conftest import course_notebooks


def notebook_imports(path) -> list[tuple[str | None, list[str]]]:
    """(module, names) for every import statement in a notebook's code cells."""
    found = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom):
                found.append((("." * node.level) + (node.module or ""), [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found += [(a.name, []) for a in node.names]
    return found


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_imports_only_public_names_from_glutecourse(path):
    imports = notebook_imports(path)
    assert imports, f"{path.name} imports nothing from glutecourse"
    for module, names in imports:
        if module.split(".")[0] != "glutecourse":
            continue
        assert module == "glutecourse" and names, f"{path.name}: import from {module}, not from glutecourse itself"
        unknown = sorted(set(names) - set(glutecourse.__all__))
        assert not unknown, f"{path.name}: {unknown} are not in glutecourse.__all__"


def test_every_public_name_is_used_by_a_notebook_and_documented():
    used = {
        n for p in course_notebooks() for module, names in notebook_imports(p) if module == "glutecourse" for n in names
    }
    assert sorted(set(glutecourse.__all__) - used) == [], "in __all__ but no notebook uses it"
    doc = glutecourse.__doc__
    for name in glutecourse.__all__:
        lines = [line for line in doc.splitlines() if line.startswith(f"- ``{name}(")]
        assert len(lines) == 1 and len(lines[0]) > len(name) + 20, f"{name} needs one documented line in the docstring"


def test_every_public_name_resolves():
    for name in glutecourse.__all__:
        assert callable(getattr(glutecourse, name)), name
