"""Every notebook runs in a fresh kernel with the network blocked, twice in a row.

nbval (collected from notebooks/) proves each notebook runs once. Here each notebook's
cells run two times over in one kernel, with a shared reader directory, and any attempt
to reach the network fails the run.
"""

import copy
import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, course_notebooks

NETBLOCK = ROOT / "tests" / "netblock"


def kernel_env(home):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETBLOCK), env.get("PYTHONPATH")]))
    env["GLUTECOURSE_BLOCK_NETWORK"] = "1"
    env["GLUTECOURSE_HOME"] = str(home)
    return env


def execute(nb, home, cwd):
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    client.execute(env=kernel_env(home))
    return nb


def test_the_network_block_really_blocks(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import socket\n"
            "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n    print('REACHED')\n"
            "except OSError as e:\n    print('BLOCKED', e)\n"
            "import urllib.request\n"
            "try:\n    urllib.request.urlopen('http://example.org', timeout=1)\n    print('REACHED')\n"
            "except Exception as e:\n    print('BLOCKED', type(e).__name__)\n"
        )
    ]
    execute(nb, tmp_path, tmp_path)
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert text.count("BLOCKED") == 2 and "REACHED" not in text, text


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_notebook_runs_offline_twice_in_a_row(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    nb.cells = nb.cells + copy.deepcopy(nb.cells)
    execute(nb, tmp_path / "home", path.parent)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
