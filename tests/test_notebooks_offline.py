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


def _repeated_models(nb, passes: int) -> list[str]:
    """Layout and style models sent more than once per pass with the same settings: each is
    one more message from kernel to browser for nothing (``ui.widgets`` shares them)."""
    import collections
    import json

    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    seen = collections.Counter(
        (m["model_name"], json.dumps({k: v for k, v in m["state"].items() if not k.startswith("_")}, sort_keys=True))
        for m in state.values()
        if m["model_name"].endswith(("LayoutModel", "StyleModel"))
    )
    return [
        f"{name} x{n}: {json.dumps({k: v for k, v in json.loads(settings).items() if v not in (None, '')}) or ''}"
        for (name, settings), n in seen.items()
        if n > passes
    ]


def test_the_repeat_check_sees_an_unshared_layout():
    made = {
        f"m{i}": {"model_name": "LayoutModel", "state": {"_view_name": "LayoutView", "width": None}} for i in range(3)
    }
    nb = nbformat.v4.new_notebook(metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": made}}})
    assert _repeated_models(nb, passes=2) == ["LayoutModel x3: {}"]
    assert _repeated_models(nb, passes=3) == []


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_a_notebook_shares_its_widget_layouts_and_styles(path):
    """A notebook's run sends each distinct layout and style once (a kernel shares them), so
    in the two passes of the session's run none may appear more than twice: a widget built
    without the shared layout or style costs the reader one more model, and with dozens the
    notebook opens visibly slower (measured: about 1.5 ms a model)."""
    nb = executed_twice(path)
    assert nb.metadata.get("widgets"), "the run kept no widget state: the check would see nothing"
    repeated = _repeated_models(nb, passes=2)
    assert not repeated, f"give these widgets the shared layout or style (ui.widgets.shared_styles): {repeated}"
