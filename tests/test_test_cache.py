"""The test cache (tests/executed.py, tests/conftest.py's shared_build) is keyed by content:
a change to any input a notebook's run depends on gives a new key, so the notebook runs
again; only nothing changed reads the earlier run."""

import shutil
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import coursebuild  # noqa: E402


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A small copy of the inputs the key reads: a package module, a data file, an image."""
    for rel in ("src/glutecourse/__init__.py", "data/course.json", "images/manifest.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, tmp_path / rel)
    monkeypatch.setattr(coursebuild, "ROOT", tmp_path)
    return tmp_path


@pytest.mark.parametrize("rel", ["src/glutecourse/__init__.py", "data/course.json", "images/manifest.json"])
def test_a_changed_input_file_changes_the_key(course_copy, rel):
    before = coursebuild.inputs_fingerprint()
    assert coursebuild.inputs_fingerprint() == before  # nothing changed: the same key
    target = course_copy / rel
    target.write_bytes(target.read_bytes() + b"\n")
    assert coursebuild.inputs_fingerprint() != before


def test_a_new_file_and_another_installed_version_change_the_key(course_copy, monkeypatch):
    before = coursebuild.inputs_fingerprint()
    (course_copy / "data" / "new.json").write_text("{}")
    added = coursebuild.inputs_fingerprint()
    assert added != before
    installed = coursebuild.environment()
    assert f"ipywidgets=={__import__('ipywidgets').__version__}" in installed.splitlines()
    monkeypatch.setattr(coursebuild, "environment", lambda: installed.replace("ipywidgets==", "ipywidgets==0+"))
    assert coursebuild.inputs_fingerprint() != added


def test_a_changed_notebook_or_run_changes_its_entry(tmp_path):
    import executed

    nb = ROOT / "notebooks" / "00-start-here.ipynb"
    entry = coursebuild.cache_entry(nb, "key")
    assert coursebuild.cache_entry(nb, "other key") != entry
    assert executed.twice_entry(entry).name.startswith(entry.name.removesuffix(".ipynb"))
    assert executed.runner() in executed.twice_entry(entry).name  # how the run is made
    copy = tmp_path / nb.name
    copy.write_bytes(nb.read_bytes() + b" ")
    assert coursebuild.cache_entry(copy, "key").name.split("--")[1] != entry.name.split("--")[1]


def test_any_changed_or_new_file_of_the_repository_changes_a_checks_key(tmp_path):
    """ContentCheck's key (the generators' checks): every file git would commit, by content."""
    import subprocess

    from conftest import repository_hash

    assert repository_hash(tmp_path) is None  # not a git checkout: no key, the check always runs
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "a.txt").write_text("one")
    first = repository_hash(tmp_path)
    assert first and repository_hash(tmp_path) == first
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "ignored.txt").write_text("x")
    assert repository_hash(tmp_path) == first  # ignored files (the cache itself) do not count
    (tmp_path / "a.txt").write_text("two")
    changed = repository_hash(tmp_path)
    assert changed != first
    (tmp_path / "b.txt").write_text("new")
    assert repository_hash(tmp_path) not in (first, changed)
