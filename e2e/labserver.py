"""Start a throw-away JupyterLab server serving a temporary copy of the course.

Everything the server or the browser could write (settings, workspaces, checkpoints,
autosave, the reader's progress and diary) goes into a temporary directory, never into the
repository.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER_EXT = Path(__file__).resolve().parent / "server_ext"
READY = "GLUTECOURSE-E2E-SERVER-READY"  # printed by server_ext/glutecourse_e2e_ready.py

LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "autoStartDefaultKernel": True,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    """A port free now (for servers that cannot report the port they chose: Voila)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.course = self.workdir / "course"
        self.home = self.workdir / "reader-home"
        self.token = secrets.token_hex(16)
        self.port = None  # chosen by the server when it starts
        self.proc = None
        self.log = self.workdir / "jupyter.log"
        self.closed: dict[str, int] = {}  # notebook -> how often its sessions were shut down

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path}{sep}token={self.token}"

    def _prepare(self) -> dict:
        for name in ("notebooks", "images"):
            shutil.copytree(ROOT / name, self.course / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = self.workdir / "lab-settings"
        for rel, value in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.home.mkdir(parents=True, exist_ok=True)
        # Enable the extension that prints a line once the server listens.
        enable = self.workdir / "jupyter-config" / "jupyter_server_config.d" / "glutecourse_e2e_ready.json"
        enable.parent.mkdir(parents=True, exist_ok=True)
        enable.write_text(json.dumps({"ServerApp": {"jpserver_extensions": {"glutecourse_e2e_ready": True}}}))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SERVER_EXT), env.get("PYTHONPATH")]))
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.workdir / "workspaces"),
            JUPYTER_CONFIG_DIR=str(self.workdir / "jupyter-config"),
            JUPYTER_RUNTIME_DIR=str(self.workdir / "jupyter-runtime"),
            GLUTECOURSE_HOME=str(self.home),
        )
        return env

    def command(self) -> list[str]:
        """The server's command line. ``python -m jupyterlab`` runs this environment's
        JupyterLab: ``python -m jupyter lab`` lets jupyter_core look for ``jupyter-lab`` on
        PATH before this environment's own scripts, so a ``jupyter-lab`` of another Python
        earlier on PATH (a pyenv shim, a global install) would start a different JupyterLab.
        ``port=0``: the server binds a port the system chooses, and prints it once it listens
        (no port picked here and bound again later by the server, which another process could
        take in between)."""
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port=0",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.course}",
            "--LabApp.expose_app_in_browser=True",
            "--JupyterNotebookApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--ServerApp.open_browser=False",
            "--FileContentsManager.checkpoints_kwargs={'root_dir': '" + str(self.workdir / "checkpoints") + "'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def start(self, timeout: float = 120, attempts: int = 3) -> LabServer:
        """Start the server and return once it listens. No polling: a thread copies the
        server's output to the log and signals the line our extension prints once the port
        is bound, with the port in it. Jupyter itself still probes port 0 and binds the port
        it got a moment later: if another process took it in between (the server exits with
        "already in use"), the server is started again, up to ``attempts`` times."""
        env = self._prepare()
        for attempt in range(1, attempts + 1):
            if self._start_once(env, timeout):
                break
            clash = "already in use" in self.log.read_text() or "is not available" in self.log.read_text()
            self.stop()
            if not clash or attempt == attempts:
                raise RuntimeError(f"JupyterLab did not start in {timeout} s:\n{self.log.read_text()[-3000:]}")
        with urllib.request.urlopen(self.url("api/status"), timeout=30) as r:
            if r.status != 200:
                raise RuntimeError(f"JupyterLab answered {r.status}:\n{self.log.read_text()[-3000:]}")
        return self

    def _start_once(self, env: dict, timeout: float) -> bool:
        self.port = None
        self.proc = subprocess.Popen(
            self.command(),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        ready = threading.Event()
        listening = re.compile(re.escape(READY) + r" port=(\d+)")

        def copy_output():
            with open(self.log, "w") as log:
                for line in self.proc.stdout:
                    log.write(line)
                    log.flush()
                    found = listening.search(line)
                    if found and not ready.is_set():
                        self.port = int(found.group(1))
                        ready.set()
            ready.set()  # the server exited: stop waiting

        threading.Thread(target=copy_output, daemon=True).start()
        return ready.wait(timeout) and self.port is not None and self.proc.poll() is None

    def shutdown_sessions(self, rel: str) -> int:
        """Shut down every kernel session of the notebook ``rel`` (how many there were).

        A second page opening a notebook whose kernel still runs (another page opened it)
        joins that kernel, and its widgets do not show there: a test opening a notebook
        on a page of its own starts it from no session. ``closed[rel]`` counts the
        shutdowns, so a page that had the notebook open knows to open it again."""
        with urllib.request.urlopen(self.url("api/sessions"), timeout=30) as r:
            sessions = json.loads(r.read())
        mine = [s for s in sessions if s.get("path") == rel or (s.get("notebook") or {}).get("path") == rel]
        for session in mine:
            req = urllib.request.Request(self.url(f"api/sessions/{session['id']}"), method="DELETE")
            urllib.request.urlopen(req, timeout=30).close()
        if mine:
            self.closed[rel] = self.closed.get(rel, 0) + 1
        return len(mine)

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        try:
            req = urllib.request.Request(self.url("api/shutdown"), method="POST")
            urllib.request.urlopen(req, timeout=5)
            self.proc.wait(timeout=10)
        except Exception:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except Exception:
                os.killpg(self.proc.pid, signal.SIGKILL)
