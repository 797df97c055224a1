"""Test-wide set-up: readers' files go to a throw-away directory, never the real one.

nbval starts kernels from this process, so they inherit GLUTECOURSE_HOME too.
"""

import os
import tempfile


def pytest_configure(config):
    if not os.environ.get("GLUTECOURSE_TEST_HOME"):
        home = tempfile.mkdtemp(prefix="glutecourse-test-")
        os.environ["GLUTECOURSE_TEST_HOME"] = home
    os.environ["GLUTECOURSE_HOME"] = os.environ["GLUTECOURSE_TEST_HOME"]
    # The slide and site builders cache executed notebooks: in tests, one cache per run,
    # shared by the tests (and workers) of that run, never the repository's build/.
    os.environ.setdefault("GLUTECOURSE_BUILD_CACHE", os.path.join(os.environ["GLUTECOURSE_TEST_HOME"], "build-cache"))
    # Never open a window, whatever the machine's matplotlib settings.
    os.environ["MPLBACKEND"] = "Agg"
