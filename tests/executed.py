"""Each notebook runs once per test session; every check that needs it shares that run.

The one run is the strict one:

- a fresh kernel, started with ``tests/netblock`` on its path and
  ``GLUTECOURSE_BLOCK_NETWORK=1``: any attempt to reach the network fails the run;
- a fresh, empty reader folder (``GLUTECOURSE_HOME``), as a new reader has;
- every cell, then every cell again in the same kernel (a reader who runs the notebook a
  second time, with what the first pass saved in the reader folder).

The first pass is exactly what ``make site`` and ``make slides`` execute, so it is written
into their cache (``scripts/coursebuild.py``; in tests ``GLUTECOURSE_BUILD_CACHE`` points at
one folder per session, shared by the xdist workers): the site and slide builds the tests
make read it from there instead of running the notebook again. A lock per notebook (the
cache's own) means two workers never run the same notebook: the second waits and reads.

Which notebooks: every ``.ipynb`` under ``notebooks/`` (``conftest.course_notebooks``), so a
new notebook is run and checked without touching the tests.

The cache outlives the session (``build/test-cache/``, see ``conftest.py``): it is content
addressed, keyed by the notebook's bytes, everything under ``src/glutecourse``, ``data/`` and
``images/``, the Python version and every installed distribution's version, today's date
(``coursebuild.inputs_fingerprint``) and how the run is made (``runner``: this module and
the network block). A warm ``make test`` with none of these changed reads the strict run
made earlier instead of running the notebook again; any change runs it again. Only a run
that passed is stored (a cell that raised, or a time-out, stops ``execute`` before the
store). ``GLUTECOURSE_FRESH_RUN=1`` gives the session a cache of its own, empty at the start,
so every notebook runs (``.ci/run`` does this).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import os
import sys
import tempfile
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import coursebuild  # noqa: E402

NETBLOCK = ROOT / "tests" / "netblock"
TIMEOUT = 180  # seconds per cell: a busy 2-core machine, never a hang


def kernel_env(home) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETBLOCK), env.get("PYTHONPATH")]))
    env["GLUTECOURSE_BLOCK_NETWORK"] = "1"
    env["GLUTECOURSE_HOME"] = str(home)
    return env


def execute(nb, home, cwd):
    """Run ``nb`` in a fresh kernel with the network blocked and ``home`` as the reader folder."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        shutdown_kernel=coursebuild.SHUTDOWN,
    )
    client.execute(env=kernel_env(home))
    return nb


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the outputs depend on besides the notebook (package, data, images, Python and
    the installed distributions' versions, the date): computed once per worker; the tests
    never change these files."""
    return coursebuild.inputs_fingerprint()


@functools.lru_cache(maxsize=1)
def runner() -> str:
    """Hash of how the strict run is made (this module, the network block, the start-up
    code of the processes the tests start): a change to any of them makes every notebook
    run again."""
    h = hashlib.sha256()
    for p in sorted([Path(__file__), *NETBLOCK.rglob("*.py"), *(ROOT / "tests" / "faststart").rglob("*.py")]):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def twice_entry(entry: Path) -> Path:
    """Where the strict run's notebook is kept, beside the first pass (``entry``)."""
    return entry.with_name(entry.name.removesuffix(".ipynb") + f".twice-{runner()}.ipynb")


def _run_twice(path: Path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    n = len(nb.cells)
    again = copy.deepcopy(nb.cells)
    for cell in again:  # cell ids must stay unique in one notebook
        if "id" in cell:
            cell["id"] = f"{cell['id']}-again"[:64]
    nb.cells = nb.cells + again
    with tempfile.TemporaryDirectory(prefix="glutecourse-run-") as home:
        execute(nb, home, path.parent)
    nb.metadata["glutecourse_first_pass_cells"] = n
    return nb


def first_pass(twice):
    """The notebook as the first pass left it (what a build executes)."""
    nb = copy.deepcopy(twice)
    n = nb.metadata.pop("glutecourse_first_pass_cells")
    nb.cells = nb.cells[:n]
    return nb


def _ensure(path: Path, blocking: bool = True):
    """The twice-run notebook for ``path``, running it if no one has; None when another
    process holds its lock and ``blocking`` is false."""
    from filelock import Timeout

    entry = coursebuild.cache_entry(path, fingerprint())
    twice = twice_entry(entry)
    try:
        with coursebuild.entry_lock(entry, timeout=-1 if blocking else 0):
            nb = coursebuild.read_entry(twice)
            if nb is None:
                nb = _run_twice(path)
                coursebuild.store(first_pass(nb), entry)
                coursebuild.store(nb, twice, replace_older=False)
            return nb
    except Timeout:
        return None


def executed_twice(path: Path):
    """``path`` run in the session's one strict run (see the module docstring)."""
    return _ensure(Path(path).resolve())


def ensure_all(paths):
    """Make sure each notebook has had its run, before a build reads the cache. Notebooks
    another worker is running now are waited for last, so no one runs a notebook twice and
    no worker idles while there is one left to run."""
    paths = [Path(p).resolve() for p in paths]
    busy = [p for p in paths if _ensure(p, blocking=False) is None]
    for p in busy:
        _ensure(p)
