"""Every notebook runs in a fresh kernel with the network blocked, twice in a row.

This is the test session's one run of each notebook (``tests/executed.py``): every cell,
then every cell again in the same kernel, with a fresh reader folder, and any attempt to
reach the network fails the run. The site and slide checks read the first pass from the
shared cache instead of running the notebook again.

It replaces nbval in ``make test`` (nbval would be a second run per notebook, with the
network open); ``make nbval`` still runs ``pytest --nbval-lax notebooks`` for anyone who
wants nbval's per-cell report.
"""

import nbformat
import pytest
from executed import execute, executed_twice, first_pass

from conftest import course_notebooks


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
def test_notebook_runs_offline_twice_in_a_row(path):
    committed = nbformat.read(path, as_version=4)
    nb = executed_twice(path)
    assert len(nb.cells) == 2 * len(committed.cells)
    errors = [
        f"cell {i % len(committed.cells)} ({'second' if i >= len(committed.cells) else 'first'} pass): "
        f"{o.get('ename')}: {o.get('evalue')}"
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors, errors
    # Every code cell ran, in both passes, in order, in one kernel.
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), counts
    # The first pass (what the builds read) is the notebook as committed, plus outputs.
    assert [c.source for c in first_pass(nb).cells] == [c.source for c in committed.cells]
