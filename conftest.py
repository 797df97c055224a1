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
    # Never open a window, whatever the machine's matplotlib settings.
    os.environ["MPLBACKEND"] = "Agg"
