"""Dependencies are declared once, in pyproject.toml; environment.yml (Binder, conda) only
installs the package with the extra a reader's JupyterLab needs."""

import re

import yaml

from conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(specs) -> set[str]:
    return {norm(re.match(r"\s*([A-Za-z0-9_.\-]+)", spec).group(1)) for spec in specs}


def package_dependencies() -> set[str]:
    return requirement_names(PYPROJECT["project"]["dependencies"])


def extra(name: str) -> set[str]:
    return requirement_names(PYPROJECT["project"]["optional-dependencies"][name])


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def pip_lines():
    return next(d["pip"] for d in environment()["dependencies"] if isinstance(d, dict))


def binder_provides() -> set[str]:
    """What Binder installs: the package's dependencies and the extras named after ``-e .``."""
    (line,) = [p for p in pip_lines() if p.startswith("-e")]
    extras = re.search(r"\[([\w,\s-]+)\]", line)
    names = set(package_dependencies())
    for name in extras.group(1).split(",") if extras else ():
        names |= extra(name.strip())
    return names


def test_environment_is_conda_forge_with_python_pip_and_the_course_extra():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert any(d.startswith("python>=3.10") for d in conda) and "pip" in conda
    assert pip_lines() == ["-e .[course]"], "dependencies are declared once, in pyproject.toml"


def test_the_extras_exist_and_the_makefile_installs_from_them():
    assert {"course", "test", "e2e", "site"} <= set(PYPROJECT["project"]["optional-dependencies"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(STAMP\): pyproject.toml$", makefile, re.M), "re-install when pyproject.toml changes"
    assert 'pip install -e ".[course,test' in makefile
    assert not (ROOT / "requirements.txt").exists() and not (ROOT / "requirements-e2e.txt").exists()


def test_every_environment_entry_says_why():
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:") :].splitlines():
        if re.match(r"^\s*- ", line) and "pip:" not in line:
            assert "#" in line, f"no comment on: {line.strip()}"
