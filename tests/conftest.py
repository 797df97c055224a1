import functools
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def course_notebooks():
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# Slide decks the tests build (the e2e tests build every deck): the first two notebooks.
DECKS = [NOTEBOOKS / "00-start-here.ipynb", NOTEBOOKS / "01-glute-anatomy.ipynb"]


# What a build the tests make reads besides the notebooks' runs (whose key covers the
# package, data/ and images/): the build scripts and their templates, the Binder link in
# the README, the locked reveal.js, and the handouts the pages link to and the site copies.
BUILD_INPUTS = (ROOT / "scripts", ROOT / "README.md", ROOT / "package-lock.json", ROOT / "handouts")


def files_hash(paths) -> str:
    """Hash of the files at ``paths`` (folders: every file inside, bytecode left out)."""
    h = hashlib.sha256()
    for base in map(Path, paths):
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for p in files:
            if "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def shared_build(name, make, notebooks):
    """Build ``name`` from ``notebooks``: whichever xdist worker asks first builds it, the
    others wait for it and read the same folder. ``make(out)`` builds into ``out``.

    The folder is kept in the test cache (``GLUTECOURSE_BUILD_CACHE``) under a key made of
    the notebooks' runs' key (tests/executed.py: the package, data, images, Python and the
    installed versions, the date, how the run is made), the notebooks and BUILD_INPUTS: a
    later session with none of them changed reads it; any change builds it again. Tests
    only read the folder."""
    from executed import fingerprint, runner
    from filelock import FileLock

    root = Path(os.environ["GLUTECOURSE_BUILD_CACHE"]) / "builds"
    root.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(
        f"{fingerprint()}\0{runner()}\0{files_hash([*BUILD_INPUTS, *notebooks])}".encode()
    ).hexdigest()[:24]
    out, done = root / f"{name}--{key}", root / f"{name}--{key}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            for old in root.glob(f"{name}--*"):  # an older build of the same name, or a broken one
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            make(out)
            done.touch()
    return out


def repository_hash(root: Path = ROOT) -> str | None:
    """Hash of every file git would commit from the working tree at ``root`` (tracked, or new
    and not ignored), with their contents; None outside a git checkout."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    h = hashlib.sha256()
    for rel in sorted(filter(None, listed.split(b"\0"))):
        path = root / rel.decode()
        if path.is_file():  # a deleted file git still tracks is left out
            h.update(rel + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


# once per process: the tests never change the repository's files
_repository_hash_now = functools.cache(repository_hash)


class ContentCheck:
    """A slow check whose result depends only on the repository's files and the installed
    versions (a generator's --check mode). It is kept as passed for exactly that content:
    the key is every file of the working tree (``repository_hash``), the Python version and
    every installed distribution's version and today's date (``executed.fingerprint``).
    A later session with nothing changed skips it; any change to any file runs it again;
    GLUTECOURSE_FRESH_RUN=1 empties the cache, so every check runs."""

    def __init__(self, name: str):
        from executed import fingerprint

        repo = _repository_hash_now()
        root = Path(os.environ["GLUTECOURSE_BUILD_CACHE"]) / "checks"
        key = None if repo is None else hashlib.sha256(f"{name}\0{repo}\0{fingerprint()}".encode()).hexdigest()[:24]
        self.name, self.root = name, root
        self.marker = None if key is None else root / f"{name}--{key}.passed"

    def passed_before(self) -> bool:
        return self.marker is not None and self.marker.is_file()

    def passed(self):
        """Record a pass (call it only after every assertion held)."""
        if self.marker is None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for old in self.root.glob(f"{self.name}--*"):
            old.unlink(missing_ok=True)
        self.marker.touch()


def _build_script(name):
    sys.path.insert(0, str(ROOT / "scripts"))
    return __import__(name)


@pytest.fixture(scope="session")
def built_site():
    """The whole static site (``scripts/build_site.py``, every notebook), from the session's
    one run of each notebook (tests/executed.py); kept between sessions (``shared_build``)."""

    def make(out):
        from executed import ensure_all

        ensure_all(course_notebooks())
        assert _build_script("build_site").main(["--out", str(out)]) == 0, "build_site.py failed (see stderr)"

    return shared_build("site", make, course_notebooks())


@pytest.fixture(scope="session")
def built_decks():
    """Slide decks of ``DECKS`` (``scripts/build_slides.py``), from the same runs."""

    def make(out):
        from executed import ensure_all

        ensure_all(DECKS)
        assert _build_script("build_slides").main(["--out", str(out), *map(str, DECKS)]) == 0, "build_slides.py failed"

    return shared_build("slides", make, DECKS)


# ----------------------------------------------------------------------------- scheduling
# `make test` runs with xdist's --dist loadscope: a test module is one unit of work, so its
# module fixtures are built once. The notebooks' runs are the longest tests by far, and as
# one module they would all run on one worker, one after another, while the other worker
# ran out of work. So each notebook's run is a unit of its own, and units are handed out
# longest first: the notebooks' runs, then the modules in HEAVY (the builds that read those
# runs, and tests that start servers or tools in subprocesses), then the rest in xdist's
# order. Nothing about what a test checks changes, only which worker runs it and when.
NOTEBOOK_RUN = "tests/test_notebooks_offline.py::test_notebook_runs_offline_twice_in_a_row["
HEAVY = (
    "tests/test_classroom.py",  # the site build (built_site), a Voila server
    "tests/test_offline_builds.py",  # the site and deck builds
    "tests/test_generated.py",  # every generator in --check mode, each in a fresh process
    "tests/test_bank_health.py",  # near-duplicate and feedback figures over every bank
    "tests/test_layers.py",  # import-linter, five times
    "tests/test_tools.py",  # ruff and nbstripout
    "tests/test_binder.py",  # JupyterLab's extension listing
)


def _priority(scope: str) -> int:
    if scope.startswith(NOTEBOOK_RUN):
        return 0
    return 1 if scope.split("::")[0] in HEAVY else 2


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LongestFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return nodeid if nodeid.startswith(NOTEBOOK_RUN) else super()._split_scope(nodeid)

        def _assign_work_unit(self, node):
            first = min(self.workqueue, key=_priority)  # the first of the most urgent kind
            self.workqueue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    return LongestFirst(config, log)


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
