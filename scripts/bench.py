#!/usr/bin/env python3
"""Benchmark: how much each notebook costs beyond starting a kernel.

For every notebook in notebooks/ (and an empty notebook as the baseline, measured in the
same run), execute it with nbclient ROUNDS times, interleaved, and print the median
wall time, the empty notebook's median and their ratio. Then time the helper package's
import in a fresh interpreter. Targets (issue #2): ratio <= 1.3, import <= 0.3 s.

    python scripts/bench.py [--rounds 5] [--json build/bench.json] [NOTEBOOK ...]
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


def run_notebook(path: Path | None, home: str) -> float:
    import nbformat
    from nbclient import NotebookClient

    if path is None:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        cwd = ROOT / "notebooks"
    else:
        nb = nbformat.read(path, as_version=4)
        cwd = path.parent
    env = dict(os.environ, GLUTECOURSE_HOME=home)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    return time.perf_counter() - start


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
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("notebooks", nargs="*", type=Path)
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
    samples: dict[str, list[float]] = {"(empty notebook)": []}
    for p in paths:
        samples[str(p.relative_to(ROOT))] = []
    for r in range(args.rounds):
        samples["(empty notebook)"].append(run_notebook(None, home))
        for p in paths:
            samples[str(p.relative_to(ROOT))].append(run_notebook(p, home))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    empty = statistics.median(samples["(empty notebook)"])
    rows = []
    print(f"\n{'notebook':48} {'median s':>9} {'empty s':>8} {'ratio':>6}")
    for name, times in samples.items():
        if name == "(empty notebook)":
            continue
        med = statistics.median(times)
        ratio = med / empty
        flag = "" if ratio <= RATIO_TARGET else "  over target"
        rows.append({"notebook": name, "median_s": round(med, 3), "empty_s": round(empty, 3), "ratio": round(ratio, 3)})
        print(f"{name:48} {med:9.3f} {empty:8.3f} {ratio:6.2f}{flag}")
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
            {"rounds": args.rounds, "empty_s": empty, "notebooks": rows, "import_s": imp, "import_all_s": imp_all},
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
