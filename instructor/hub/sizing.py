"""The instructor guide's hub sizing table, computed from the hub test's measurements.

    python instructor/hub/sizing.py [artifacts/e2e/hub-sizing.json]

prints the table for the guide's "Sizing a hub" section. The figures it was last run on
are kept in ``instructor/hub/measured.json`` (copied from a run of ``e2e/test_hub.py``);
tests/test_hub_config.py checks that the guide's table is this script's output for them.

The model (each assumption is a constant below, stated in the guide):

- memory: each student with a server running holds their server plus ``NOTEBOOKS_OPEN``
  kernels, at the largest resident size (RSS) measured: on Kubernetes each student's
  server is a pod, so libraries are not shared between students as they were here;
  plus the hub and proxy as measured, plus ``SYSTEM_GB`` for the operating system;
- cores: the busiest moment is the start of a lesson, when every active student starts a
  server and runs 00 within ``ARRIVAL_S`` seconds (CPU seconds measured per student for
  both), plus ``HUB_CORES`` for the hub, the proxy and the system; never fewer than 2;
- "all at once": a class in one lesson, every student active; "a quarter at once": a
  self-paced class, ``SELF_PACED_ACTIVE`` of the students working at the same time, the
  others' servers stopped by the idle culler (their files stay).
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASURED = HERE / "measured.json"

CLASS_SIZES = (10, 30, 100, 300)
NOTEBOOKS_OPEN = 2  # a student keeps 00 and the notebook of the lesson open
SYSTEM_GB = 1.0
ARRIVAL_S = 120  # students arrive over the first two minutes of a lesson
HUB_CORES = 1
SELF_PACED_ACTIVE = 0.25


def per_student(figures: dict) -> dict[str, float]:
    """A student's cost from the measured run: memory (MB, the largest seen) and the CPU
    seconds to start a server and run 00 (medians)."""
    rows = figures["per_student"]
    server_mb = max(r["server"]["rss_mb"] for r in rows)
    kernel_mb = max(k["rss_mb"] for r in rows for k in r["kernels"].values())
    start_cpu = statistics.median(r["server"]["cpu_s"] + r["kernels"]["00-start-here"]["cpu_s"] for r in rows)
    return {
        "memory_mb": server_mb + NOTEBOOKS_OPEN * kernel_mb,
        "start_cpu_s": start_cpu,
        "hub_mb": figures["hub_memory"]["rss_mb"] + (figures["proxy_memory"] or {}).get("rss_mb", 0),
    }


def need(active: int, cost: dict) -> tuple[int, int]:
    """(memory in GB, cores) for ``active`` students at once."""
    memory_gb = math.ceil((active * cost["memory_mb"] + cost["hub_mb"]) / 1000 + SYSTEM_GB)
    cores = max(2, math.ceil(active * cost["start_cpu_s"] / ARRIVAL_S) + HUB_CORES)
    return memory_gb, cores


MEASURES = (
    ("time to first notebook (link -> server -> pull -> kernel ready)", "time_to_first_notebook_s", "s"),
    ("... of which the server's start", "spawn_s", "s"),
    ("... of which the pull of the course", "pull_s", "s"),
    ("... of which the kernel's start", "kernel_ready_s", "s"),
    ("a single-user server's memory, resident (RSS)", "server_rss_mb", "MB"),
    ("a single-user server's memory, proportional (PSS)", "server_pss_mb", "MB"),
    ("a topic notebook's kernel, resident (RSS)", "kernel_topic_rss_mb", "MB"),
    ("a topic notebook's kernel, proportional (PSS)", "kernel_topic_pss_mb", "MB"),
    ("an active student (server and one kernel), PSS", "active_student_pss_mb", "MB"),
    ("CPU per student: server start, 00 and a topic notebook run, quiz, export", "active_student_cpu_s", "CPU s"),
    ("CPU of a server left open, idle", "idle_cpu_percent_per_student", "% of a core"),
)


def measured_table(figures: dict) -> str:
    """The measured figures, min / median / max over the students of the run."""
    s = figures["summary"]
    lines = [
        f"Measured by `e2e/test_hub.py`: {figures['students']} students, {figures['batch']} at a time, on a "
        f"{figures['cores']}-core machine shared with other work; the class took {figures['class_wall_s']:.0f} s "
        f"and the teacher's results {figures['teacher_wall_s']:.0f} s. The hub used "
        f"{figures['hub_memory']['rss_mb']:.0f} MB and its proxy {(figures['proxy_memory'] or {}).get('rss_mb', 0):.0f} MB.",
        "",
        "| measure | min | median | max | unit |",
        "|---|---:|---:|---:|---|",
    ]
    for label, key, unit in MEASURES:
        v = s[key]
        lines.append(f"| {label} | {v['min']:g} | {v['median']:g} | {v['max']:g} | {unit} |")
    return "\n".join(lines)


def table(figures: dict) -> str:
    cost = per_student(figures)
    lines = [
        "| students | all at once: memory | all at once: cores | a quarter at once: memory | a quarter at once: cores |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n in CLASS_SIZES:
        all_mem, all_cores = need(n, cost)
        q_mem, q_cores = need(math.ceil(n * SELF_PACED_ACTIVE), cost)
        lines.append(f"| {n} | {all_mem} GB | {all_cores} | {q_mem} GB | {q_cores} |")
    return "\n".join(lines)


def section(figures: dict) -> str:
    """What the guide shows between its hub-sizing markers."""
    return measured_table(figures) + "\n\n" + table(figures)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else MEASURED
    print(section(json.loads(path.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
