#!/usr/bin/env python3
"""Serve the symptom self-check and the quizzes as a web app with Voila (``make voila``).

    python scripts/voila_app.py [--port N] [other Voila options]

The app is ``notebooks/apps/self-check-and-quizzes.ipynb``, served on 127.0.0.1 only, with
the course's Voila template (``scripts/jupyter/voila/templates/glutecourse``): Voila's "lab"
template without its links to FontAwesome on a CDN, so the page needs nothing from the
internet (Voila ships the icons itself). The template is found through ``JUPYTER_PATH``,
which this script sets; nothing is installed anywhere. Extra arguments go to Voila as they
are (tests pass ``--port`` and ``--Voila.port_retries=0``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "notebooks" / "apps" / "self-check-and-quizzes.ipynb"
#: The folder that holds ``voila/templates/glutecourse`` (a Jupyter data directory).
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
TEMPLATE = "glutecourse"


def environment(base: dict | None = None) -> dict:
    """The environment Voila needs to find the course's template (first on JUPYTER_PATH)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH")]))
    return env


def command(extra: list[str] | None = None, python: str = sys.executable) -> list[str]:
    """The Voila command line for the app."""
    return [
        python,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE}",
        *(extra or []),
        str(APP),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not (JUPYTER_DATA / "voila" / "templates" / TEMPLATE / "index.html.j2").is_file():
        print(f"The course's Voila template is missing: {JUPYTER_DATA / 'voila' / 'templates' / TEMPLATE}")
        return 1
    cmd = command(argv)
    os.execvpe(cmd[0], cmd, environment())
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
