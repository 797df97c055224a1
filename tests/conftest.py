import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def course_notebooks():
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh per-reader directory for one test."""
    d = tmp_path / "home"
    d.mkdir()
    monkeypatch.setenv("GLUTECOURSE_HOME", str(d))
    return d


@pytest.fixture
def write_bank(tmp_path):
    """Write a quiz bank dict (or raw text) to <tmp>/<name>.json and return the path."""

    def _write(content, name="test-bank"):
        path = tmp_path / f"{name}.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def bank_dict():
    from bankdata import sample_bank

    return sample_bank()
