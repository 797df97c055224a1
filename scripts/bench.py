#!/usr/bin/env python3
"""Benchmark: how much each notebook costs beyond starting a kernel.

For every notebook in notebooks/, execute it with nbclient ROUNDS times, each time right
after an empty notebook (the baseline), and print its median wall time, the median of all
the empty runs and their ratio. The empty runs are spread evenly through the whole run,
so a machine that slows down for a while weighs on both sides, and there are many of
them, so the baseline hardly moves between runs. Beside each notebook, its floor:
a notebook of the same number of code cells that only imports ipywidgets, timed in the
same rounds, so the table splits a notebook's cost into what the kernel charges for its
shape and what the course's code adds. Then time the helper package's import in a fresh
interpreter. Targets (issues #2 and #12): ratio <= 1.3, import <= 0.3 s.

    python scripts/bench.py [--rounds 9] [--json build/bench.json] [--no-floor] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATIO_TARGET = 1.3
IMPORT_TARGET = 0.3


def floor_of(path: Path):
    """The notebook's floor: as many code cells as it has, the first importing ipywidgets
    (every notebook shows a widget) and the rest empty. What the kernel costs for the
    notebook's shape alone, before any of the course's code runs."""
    import nbformat

    cells = sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets")] + [
        nbformat.v4.new_code_cell("pass") for _ in range(cells - 1)
    ]
    return nb


def run_notebook(path: Path | None, home: str, floor: bool = False) -> float:
    import nbformat
    from nbclient import NotebookClient

    if path is None:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        cwd = ROOT / "notebooks"
    else:
        nb = floor_of(path) if floor else nbformat.read(path, as_version=4)
        cwd = path.parent
    env = dict(os.environ, GLUTECOURSE_HOME=home)
    start = time.perf_counter()
    # The kernel's own log (a warning per start that it listens on local TCP) is not shown;
    # a notebook that fails still raises here.
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute(
        env=env, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def import_time(code: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, "-c", f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--no-floor", action="store_true", help="skip each notebook's floor (its code cells, empty, plus ipywidgets)"
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    home = tempfile.mkdtemp(prefix="glutecourse-bench-")
    # Measure the steady state of a normal install: the package byte-compiled (pip does
    # this for installed packages; an editable install is compiled by `make setup`).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    # One warm-up pass so font caches and bytecode are built before timing starts.
    run_notebook(None, home)
    for p in paths:
        run_notebook(p, home)
    floors = not args.no_floor
    empties: list[float] = []
    samples: dict[str, list[float]] = {_name(p): [] for p in paths}
    floor_samples: dict[str, list[float]] = {_name(p): [] for p in paths}
    for r in range(args.rounds):
        for p in paths:
            empties.append(run_notebook(None, home))
            samples[_name(p)].append(run_notebook(p, home))
            if floors:
                floor_samples[_name(p)].append(run_notebook(p, home, floor=True))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    empty = statistics.median(empties)
    rows = []
    print(f"\n{'notebook':48} {'median s':>9} {'empty s':>8} {'ratio':>6} {'floor':>6} {'over floor s':>12}")
    for name, times in samples.items():
        med = statistics.median(times)
        ratio = med / empty
        row = {"notebook": name, "median_s": round(med, 3), "empty_s": round(empty, 3), "ratio": round(ratio, 3)}
        floor_text = ""
        if floors:
            floor = statistics.median(floor_samples[name])
            floor_ratio = floor / empty
            row.update(floor_s=round(floor, 3), floor_ratio=round(floor_ratio, 3), over_floor_s=round(med - floor, 3))
            floor_text = f" {floor_ratio:6.2f} {med - floor:12.3f}"
        flag = "" if ratio <= RATIO_TARGET else "  over target"
        rows.append(row)
        print(f"{name:48} {med:9.3f} {empty:8.3f} {ratio:6.2f}{floor_text}{flag}")
    if floors:
        print(
            "\nfloor: the same number of code cells, the first importing ipywidgets and the rest empty "
            "(the kernel's cost of the notebook's shape); over floor: what the course's own code adds."
        )
    imp = import_time("import glutecourse", 7)
    imp_all = import_time(
        "import glutecourse.ui.quizzes, glutecourse.ui.progress, glutecourse.ui.course, glutecourse.ui.display, "
        "glutecourse.ui.references, glutecourse.core.data",
        7,
    )
    print(f"\nimport glutecourse:                 {imp:.3f} s (target <= {IMPORT_TARGET} s)")
    print(f"import glutecourse + its submodules: {imp_all:.3f} s")
    worst = max((r["ratio"] for r in rows), default=0)
    print(f"worst ratio: {worst:.2f} (target <= {RATIO_TARGET})")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "rounds": args.rounds,
                "empty_s": empty,
                "notebooks": rows,
                "import_s": imp,
                "import_all_s": imp_all,
                "samples_s": {"(empty notebook)": empties, **samples},
                "floor_samples_s": floor_samples,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
