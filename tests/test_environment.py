"""environment.yml (Binder, conda) and requirements.txt (pip) list the same packages."""

import re

import yaml

from conftest import ROOT

# conda-forge names that differ from PyPI names.
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}
NOT_ON_PIP_LIST = {"python", "pip"}


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def split(spec):
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    return norm(m.group(1)), m.group(2).replace(" ", "")


def conda_specs():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep["pip"]:
                if not pip_dep.startswith("-e"):
                    name, rng = split(pip_dep)
                    specs[name] = rng
            continue
        name, rng = split(dep)
        name = CONDA_TO_PIP.get(name, name)
        if name not in NOT_ON_PIP_LIST:
            specs[name] = rng
    return env, specs


def pip_specs():
    specs = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, rng = split(line)
            specs[name] = rng
    return specs


def test_same_packages_and_ranges():
    _, conda = conda_specs()
    assert conda == pip_specs()


def test_environment_is_conda_forge_with_python_and_local_package():
    env, _ = conda_specs()
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    assert any(isinstance(d, str) and d.startswith("python>=3.10") for d in deps)
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert "-e ." in pip


def test_every_environment_entry_says_why():
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:"):].splitlines():
        if re.match(r"^\s*- ", line) and "pip:" not in line:
            assert "#" in line, f"no comment on: {line.strip()}"


def test_no_conflicting_binder_folder():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
