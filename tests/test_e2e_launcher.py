"""The browser tests' JupyterLab is this environment's, whatever ``jupyter-lab`` PATH holds.

``python -m jupyter lab`` asks jupyter_core, which looks for ``jupyter-lab`` on PATH before
this environment's own scripts: a CI run started another virtual environment's JupyterLab
through a pyenv shim. e2e/labserver.py starts ``python -m jupyterlab`` instead. The test puts
a fake ``jupyter-lab`` first on PATH and runs the launcher's own command line (with
``--version``, so no server starts): this environment's JupyterLab answers, the fake never
runs. The same PATH does run the fake through ``python -m jupyter lab`` (the old command),
so the test can tell the two apart.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys

from conftest import ROOT


def _labserver():
    spec = importlib.util.spec_from_file_location("labserver", ROOT / "e2e" / "labserver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_jupyter_lab_first_on_path_is_not_the_one_the_browser_tests_start(tmp_path):
    bin_dir, marker = tmp_path / "bin", tmp_path / "fake-ran"
    bin_dir.mkdir()
    fake = bin_dir / "jupyter-lab"
    fake.write_text(f"#!/bin/sh\necho fake >> '{marker}'\necho FAKE-JUPYTERLAB\nexit 3\n")
    fake.chmod(0o755)
    env = dict(os.environ, PATH=os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]))

    cmd = _labserver().LabServer(tmp_path / "lab").command()
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"], cmd[:3]
    assert "--ServerApp.port=0" in cmd, "the server chooses its port (no port picked here and bound later)"
    done = subprocess.run([*cmd, "--version"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == importlib.metadata.version("jupyterlab")
    assert not marker.exists(), "the launcher ran the jupyter-lab found on PATH"

    # The fake is really reachable: the old command line runs it.
    old = subprocess.run(
        [sys.executable, "-m", "jupyter", "lab", "--version"], env=env, capture_output=True, text=True, timeout=120
    )
    assert marker.exists() and "FAKE-JUPYTERLAB" in old.stdout, (old.returncode, old.stdout, old.stderr[-500:])
