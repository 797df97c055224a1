"""The package's layers hold: import-linter's contracts (pyproject.toml) pass, and they
catch a violation, including an import hidden inside a function."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path, src: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if src is not None:  # analyse a copy of the package instead of the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layering_contracts_hold():
    out = lint(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout and "4 kept" in out.stdout


@pytest.mark.parametrize(
    "module, code, contract",
    [
        (
            "topics/quizzes.py",
            "def _draw():\n    import matplotlib.pyplot  # noqa\n",
            "never import widgets, IPython or matplotlib",
        ),
        ("catalog/safety.py", "def _check():\n    from ..topics import selfcheck  # noqa\n", "Layers"),
        ("charts/diary.py", "def _view():\n    from ..ui import diary  # noqa\n", "Layers"),
        ("topics/progress.py", "def _banks():\n    from . import quizzes  # noqa\n", "never import each other"),
    ],
    ids=["matplotlib-in-a-topic", "catalog-imports-a-topic", "chart-imports-ui", "progress-imports-quizzes"],
)
def test_a_violation_breaks_a_contract(tmp_path, module, code, contract):
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "glutecourse", copy / "glutecourse", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "glutecourse" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + code, encoding="utf-8")
    out = lint(tmp_path, src=copy)
    assert out.returncode != 0 and "0 broken" not in out.stdout, out.stdout
    broken = " ".join(out.stdout.split("Broken contracts", 1)[1].split())
    assert contract in broken, out.stdout
    assert f"glutecourse.{module.removesuffix('.py').replace('/', '.')} ->" in broken, out.stdout
