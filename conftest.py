"""Test-wide set-up: readers' files go to a throw-away directory, never the real one.

nbval starts kernels from this process, so they inherit GLUTECOURSE_HOME too.
"""

import os
import shutil
import sys
import tempfile

# jsonschema (imported by nbformat, which many tests use) imports rfc3987_syntax when it is
# installed (jupyter-events pulls it in), and that builds a Lark grammar at import: 1-4 s on
# a quiet machine, 20 s on a loaded one, in the controller and in every xdist worker. It
# only adds the "iri" and "iri-reference" format checks, which no schema of the course
# uses (tests/test_infrastructure.py checks that), so the test processes go without it.
sys.modules.setdefault("rfc3987_syntax", None)
# The same for every process the tests start (tests/faststart/sitecustomize.py).
_FASTSTART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests", "faststart")
if _FASTSTART not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_FASTSTART, os.environ.get("PYTHONPATH")]))

# Some machines (this one too) set PYTHONDONTWRITEBYTECODE, which also stops pytest from
# keeping the test modules it rewrites for its assertion messages: every process of every
# run would parse, rewrite and compile all of them again (most of the time spent before
# the first test). pytest keeps them in __pycache__ folders, which git ignores.
sys.dont_write_bytecode = False


def pytest_configure(config):
    if not os.environ.get("GLUTECOURSE_TEST_HOME"):
        home = tempfile.mkdtemp(prefix="glutecourse-test-")
        os.environ["GLUTECOURSE_TEST_HOME"] = home
    os.environ["GLUTECOURSE_HOME"] = os.environ["GLUTECOURSE_TEST_HOME"]
    # The strict run of each notebook (tests/executed.py), and the site and slide builds the
    # tests make from it, are cached by content in build/test-cache/ (not the builders' own
    # build/executed/): a warm run with no input changed reads them, any change runs them
    # again. GLUTECOURSE_FRESH_RUN=1 empties the cache first, so every notebook runs and
    # every build is made again (`.ci/run`); the session fills it for the next.
    cache = os.environ.setdefault(
        "GLUTECOURSE_BUILD_CACHE", os.path.join(os.path.dirname(os.path.abspath(__file__)), "build", "test-cache")
    )
    fresh = os.environ.get("GLUTECOURSE_FRESH_RUN", "") not in ("", "0")
    if fresh and "PYTEST_XDIST_WORKER" not in os.environ:  # the controller, before any worker starts
        shutil.rmtree(cache, ignore_errors=True)
    # Never open a window, whatever the machine's matplotlib settings.
    os.environ["MPLBACKEND"] = "Agg"
