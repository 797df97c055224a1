"""A class on JupyterHub (issue 14): 20 students, each pulling the course with an
nbgitpuller link, running notebooks on their own server, answering quizzes and exporting
their progress; the teacher's class results then load the 20 exports.

What runs is what a school runs, on loopback:

- a real JupyterHub with its own proxy, ``configurable-http-proxy`` (from npm:
  ``package.json``, installed by ``make e2e``'s ``npm ci``), JupyterHub's dummy
  authenticator (any user name, one class password) and ``SimpleLocalProcessSpawner``:
  each student's server is a ``jupyterhub-singleuser`` process whose home is its own
  temporary folder (the course saves progress under ``$HOME``, as on a real hub);
- the course comes from a git repository: a bare clone of this worktree's HEAD
  (``file://``), pulled into each home by following the **nbgitpuller link** from the
  instructor guide (``/hub/user-redirect/git-pull?repo=...``): log in, follow the link,
  wait on the hub's spawn progress stream, load the link's page on the student's server
  and read the pull's event stream, as the page's script does;
- ``00-start-here`` and one topic notebook (a different one for each student, cycling
  through the topics) are read from the student's own clone through the server's contents
  API and every code cell runs in a kernel started on that server (REST ``api/sessions``,
  then the kernel's websocket); any error output fails the test;
- in that kernel the student answers quiz questions through the course's API (the quiz
  widget's answer list and Check, as a click does) following a plan the test chose (which
  questions, which right), then presses *Export for my teacher* on the progress dashboard;
  the file is taken from the dashboard's download link, as a student would save it;
- a teacher (a 21st user, on the same hub) pulls the course, receives the 20 files in a
  folder of their home (the contents API, as an upload would), runs the class-results
  notebook and loads the folder with its **Class folder** box; the test compares the
  class's tables with the plans.

Isolation: each student's progress file holds exactly their answers, and their reader id
appears in no other home; one student's token cannot read another's server (403).

Measured (``artifacts/e2e/hub-sizing.json``, summarised in ``report.txt``): per student,
memory (RSS, PSS, USS) of the single-user server and of each kernel, the CPU seconds they
used, the idle CPU of servers left running, and the time to first notebook (link followed
-> server spawned -> course pulled -> kernel ready). The instructor guide's sizing table
comes from these figures.

Students run concurrently in batches (``HUB_BATCH``, default 4) so the run fits a 2-core
CI machine; ``HUB_STUDENTS`` (default 20) makes a smaller class for a quick local check.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from labserver import free_port

from conftest import ARTIFACTS, ROOT, note

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

STUDENTS = int(os.environ.get("HUB_STUDENTS", "20"))
BATCH = int(os.environ.get("HUB_BATCH", "4"))
PASSWORD = "class-of-" + secrets.token_hex(4)
COURSE = "glutes-course"  # the clone's folder in each home (nbgitpuller names it after the repository)
HUB_READY = "JupyterHub is now running at"
BIN = Path(sys.executable).parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
#: Waits: a spawn, a pull, a notebook's cell (seconds; generous for a loaded CI machine).
SPAWN_TIMEOUT, CELL_TIMEOUT = 240, 240


# ------------------------------------------------------------------ the course's side


def course_plan():
    """The banks of 00 and of each topic notebook, from the course's own data."""
    from glutecourse.catalog.course import notebook_stems
    from glutecourse.topics.quizzes import all_banks

    banks = {}
    for bank in all_banks():
        if bank.pool == "topic":
            banks.setdefault(bank.notebook, []).append(bank)
    stems = notebook_stems()
    topics = [s for s in stems if s[:2].isdigit() and s[:2] not in ("00", "10") and banks.get(s)]
    return stems, banks, topics


def student_plan(index: int, stems, banks, topics) -> dict:
    """What student ``index`` does: the topic notebook they open and, for 00's bank and
    the topic's first bank, which questions they answer and whether they answer them
    right (seeded by the student's number: the same every run)."""
    rnd = random.Random(f"hub-student-{index}")
    topic = topics[index % len(topics)]
    answers = []
    for bank in (banks["00-start-here"][0], banks[topic][0]):
        count = rnd.randint(1, len(bank.questions))
        for i in sorted(rnd.sample(range(len(bank.questions)), count)):
            answers.append(
                {
                    "notebook": bank.notebook,
                    "bank": bank.id,
                    "index": i,
                    "question": bank.questions[i].id,
                    "right": rnd.random() < 0.7,
                }
            )
    return {"name": f"student{index:02d}", "topic": topic, "answers": answers}


# Run in a student's kernel after a notebook's cells: answers the planned questions with
# the quiz widget (the answer list's value, then Check, as a click does) and prints what
# the course graded.
ANSWER_CODE = """
import json as _json
from glutecourse import quiz as _quiz
def _respond(q, right):
    if q.type == "single":
        return q.answer if right else next(o.id for o in q.options if o.id != q.answer)
    if q.type == "multiple":
        wrong = [o.id for o in q.options if o.id not in q.answer]
        return list(q.answer) if right else list(q.answer) + wrong[:1] if wrong else list(q.answer)[:-1]
    if q.type == "truefalse":
        return q.answer if right else not q.answer
    return str(q.answer) if right else str(float(q.answer) + 10 * (q.tolerance + 1))
_graded = []
for _bank, _items in {plan!r}.items():
    _quiz_widget = _quiz(_bank, start=True).quiz
    for _i, _right in _items:
        _view = _quiz_widget.view(_i)
        _view.input.value = _respond(_view.question, _right)
        _grade = _view.check()
        _graded.append([_bank, _view.question.id, _grade.status])
print("GRADED " + _json.dumps(_graded))
"""

EXPORT_CODE = """
import json as _json, re as _re
from glutecourse import progress_dashboard as _dashboard
_d = _dashboard()
_d.name.value = {name!r}
_path = _d.export()
_link = _re.search("href='data:application/json;base64,([^']+)'", _d.export_message.value)
print("EXPORTED " + _json.dumps({{"path": str(_path), "file": _path.name, "download": _link.group(1) if _link else None}}))
"""

TEACHER_CODE = """
import json as _json
from glutecourse.ui.classroom import ClassResultsView as _View
from glutecourse.topics.classroom import question_stats as _stats
_teacher = _View()
_teacher.path.value = {folder!r}
_data = _teacher.data
print("CLASS " + _json.dumps({{
    "message": _teacher.message.value,
    "folder": _data.folder,
    "skipped": [[s.name, s.reason] for s in _data.skipped],
    "readers": [[r.name, r.reader, r.answered, r.correct] for r in _data.readers],
    "questions": [[q.bank, q.question, q.answered, q.correct] for q in _stats(_data)],
    "report_has_every_name": all(r.name in _teacher.report.value for r in _data.readers),
}}))
"""


# ------------------------------------------------------------------ the hub


class Hub:
    """A JupyterHub on loopback: dummy authenticator, local process spawner (each user's
    home a folder under ``homes``), configurable-http-proxy from npm, and a service token
    for the test's own admin calls (making users' tokens, stopping servers)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.homes = workdir / "homes"
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.service_token = secrets.token_hex(24)
        self.proc = None
        self.log = workdir / "jupyterhub.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> str:
        allow_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.JupyterHub.db_url = "sqlite:///{self.workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.workdir}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{self.workdir}/jupyterhub.pid"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.pid_file = "{self.workdir}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{self.homes}/{{username}}"
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {allow_root!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {SPAWN_TIMEOUT}
c.Spawner.http_timeout = {SPAWN_TIMEOUT}
c.JupyterHub.services = [{{"name": "class-admin", "api_token": {self.service_token!r}}}]
c.JupyterHub.load_roles = [
    {{"name": "class-admin", "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"],
      "services": ["class-admin"]}},
]
"""

    def start(self, timeout: float = 120) -> Hub:
        self.homes.mkdir(parents=True)
        cfg = self.workdir / "jupyterhub_config.py"
        cfg.write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GLUTECOURSE_", "JUPYTER"))}
        env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(cfg)],
            cwd=self.workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        ready = threading.Event()

        def copy_output():
            with open(self.log, "w") as log:
                for line in self.proc.stdout:
                    log.write(line)
                    log.flush()
                    if HUB_READY in line:
                        ready.set()
            ready.set()

        threading.Thread(target=copy_output, daemon=True).start()
        if not ready.wait(timeout) or self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"JupyterHub did not start in {timeout} s:\n{self.log.read_text()[-4000:]}")
        return self

    def api(self, method: str, path: str, **kwargs):
        import requests

        r = requests.request(
            method,
            f"{self.base}/hub/api/{path}",
            headers={"Authorization": f"token {self.service_token}"},
            timeout=60,
            **kwargs,
        )
        r.raise_for_status()
        return r.json() if r.content else None

    def processes(self) -> dict[str, object]:
        """Each user's single-user server process (psutil), by user name."""
        import psutil

        found = {}
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if any("jupyterhub-singleuser" in part for part in proc.cmdline()):
                    found[proc.environ().get("JUPYTERHUB_USER", "?")] = proc
            except psutil.Error:
                continue
        return found

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the hub stops the proxy and the servers it spawned
            self.proc.wait(timeout=60)
        except Exception:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory) -> tuple[str, str]:
    """A bare clone of this worktree's HEAD, as a school's course repository: (URL, branch)."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    bare = tmp_path_factory.mktemp("repo") / COURSE
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "branch", "--force", "class", head.stdout.strip()], check=True)
    return f"file://{bare}", "class"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not PROXY.exists():
        pytest.fail(f"{PROXY} is missing: run `npm ci` (make e2e does) to install configurable-http-proxy")
    server = Hub(tmp_path_factory.mktemp("hub")).start()
    yield server
    server.stop()


# ------------------------------------------------------------------ a student's browser


def nbgitpuller_link(hub_base: str, repo: str, branch: str, notebook: str) -> str:
    """The instructor guide's link pattern, with the values URL-encoded."""
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{COURSE}/notebooks/{notebook}.ipynb"})
    return f"{hub_base}/hub/user-redirect/git-pull?{query}"


def events(response):
    """The JSON payloads of a text/event-stream response, as they arrive."""
    for line in response.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            yield json.loads(line[5:].strip())


class Kernel:
    """A kernel on a user's single-user server, driven through the server's websocket
    (the messages JupyterLab sends: execute_request on the shell channel, outputs from
    iopub)."""

    def __init__(self, student: Student, path: str):
        import websocket

        self.student = student
        session = student.server(
            "POST", "api/sessions", json={"path": path, "type": "notebook", "kernel": {"name": "python3"}}
        )
        self.session_id, self.id = session["id"], session["kernel"]["id"]
        url = f"ws://127.0.0.1:{student.hub.port}/user/{student.name}/api/kernels/{self.id}/channels?session_id={uuid.uuid4().hex}"
        self.ws = websocket.create_connection(
            url, header=[f"Authorization: token {student.token}"], timeout=CELL_TIMEOUT
        )
        self.request("kernel_info_request", {})

    def request(self, msg_type: str, content: dict) -> tuple[dict, list[dict]]:
        """Send one shell request; return its reply and the iopub messages it caused."""
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "username": self.student.name,
                        "session": self.session_id,
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "buffers": [],
                    "channel": "shell",
                }
            )
        )
        reply, outputs, idle = None, [], False
        while reply is None or not idle:
            msg = self._decode(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "shell":
                reply = msg
            elif msg["channel"] == "iopub":
                kind = msg["header"]["msg_type"]
                if kind == "status":
                    idle = msg["content"]["execution_state"] == "idle"
                elif kind in ("stream", "error", "display_data", "execute_result"):
                    outputs.append(msg)
        return reply, outputs

    @staticmethod
    def _decode(frame) -> dict:
        """A websocket frame as a message: text is JSON; a binary frame (a message with
        buffers, e.g. an image widget's value) is jupyter_server's framing: a count, that
        many offsets (big-endian uint32), the message's JSON, then its buffers."""
        if isinstance(frame, str):
            return json.loads(frame)
        count = int.from_bytes(frame[:4], "big")
        offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
        return json.loads(frame[offsets[0] : offsets[1] if count > 1 else None])

    def run(self, code: str, where: str) -> str:
        """Run code; fail on an error; return its printed text."""
        reply, outputs = self.request(
            "execute_request",
            {"code": code, "silent": False, "store_history": True, "allow_stdin": False, "stop_on_error": True},
        )
        errors = [m["content"] for m in outputs if m["header"]["msg_type"] == "error"]
        assert reply["content"]["status"] == "ok" and not errors, (
            f"{self.student.name}: {where} failed: {errors[:1] or reply['content']}"
        )
        return "".join(m["content"]["text"] for m in outputs if m["header"]["msg_type"] == "stream")

    def shutdown(self):
        self.ws.close()
        self.student.server("DELETE", f"api/sessions/{self.session_id}")


class Student:
    """One user of the hub: logs in, follows the nbgitpuller link, runs notebooks."""

    def __init__(self, hub: Hub, name: str):
        import requests

        self.hub, self.name = hub, name
        self.browser = requests.Session()
        self.token = None
        self.times: dict[str, float] = {}

    def server(self, method: str, path: str, **kwargs):
        """A REST call to the user's own server, with the user's token."""
        import requests

        r = requests.request(
            method,
            f"{self.hub.base}/user/{self.name}/{path}",
            headers={"Authorization": f"token {self.token}"},
            timeout=120,
            **kwargs,
        )
        r.raise_for_status()
        return r.json() if r.content else None

    def login(self):
        b = self.browser
        b.get(f"{self.hub.base}/hub/login", timeout=60).raise_for_status()
        r = b.post(
            f"{self.hub.base}/hub/login",
            data={"username": self.name, "password": PASSWORD, "_xsrf": b.cookies.get("_xsrf", path="/hub/")},
            timeout=60,
        )
        r.raise_for_status()
        assert any(c.name.startswith("jupyterhub-session") for c in b.cookies), f"{self.name}: the hub did not log in"
        # The test's calls to the user's server carry a token of the user's (made by the admin service).
        self.token = self.hub.api("POST", f"users/{self.name}/tokens", json={"note": "hub test"})["token"]

    def follow_link(self, link: str, repo: str, branch: str):
        """Follow the nbgitpuller link as a browser does: the hub spawns the server (its
        progress stream says when it is ready), the link's page loads on the server, and
        its script's request runs the pull (an event stream, read to the end)."""
        b = self.browser
        t0 = time.perf_counter()
        r = b.get(link, timeout=120)
        r.raise_for_status()
        if "/spawn-pending/" in r.url or "/hub/spawn" in r.url:
            with b.get(
                f"{self.hub.base}/hub/api/users/{self.name}/server/progress",
                headers={"Authorization": f"token {self.token}"},
                stream=True,
                timeout=SPAWN_TIMEOUT,
            ) as stream:
                final = None
                for event in events(stream):
                    final = event
                    if event.get("ready") or event.get("failed"):
                        break
            assert final and final.get("ready"), f"{self.name}: the server did not start: {final}"
            self.times["spawn_s"] = time.perf_counter() - t0
            # The ready event names the page to go on to: the link's page on the new server.
            page = final["url"]
            if "git-pull" not in page:
                page = f"/user/{self.name}/git-pull?" + link.split("?", 1)[1]
            r = b.get(self.hub.base + page, timeout=120)
            r.raise_for_status()
        else:
            self.times["spawn_s"] = time.perf_counter() - t0
        assert f"/user/{self.name}/git-pull" in r.url and repo in r.text, (
            f"{self.name}: the link's page did not load: {r.url}"
        )
        t1 = time.perf_counter()
        xsrf = b.cookies.get("_xsrf", path=f"/user/{self.name}/")
        query = urlencode({"_xsrf": xsrf or "", "repo": repo, "targetpath": COURSE, "branch": branch})
        with b.get(
            f"{self.hub.base}/user/{self.name}/git-pull/api?{query}", stream=True, timeout=SPAWN_TIMEOUT
        ) as stream:
            phases = [e for e in events(stream) if e.get("phase") in ("finished", "error")]
        assert phases and phases[-1]["phase"] == "finished", f"{self.name}: the pull failed: {phases[-1:]}"
        self.times["pull_s"] = time.perf_counter() - t1
        return t0

    def notebook_cells(self, path: str) -> list[str]:
        """The code cells of a notebook, read from the student's own clone on their server."""
        model = self.server("GET", f"api/contents/{path}?content=1&type=notebook")
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in model["content"]["cells"]
            if c["cell_type"] == "code"
        ]


def kernel_processes(server_proc) -> dict[str, object]:
    """Kernels under a single-user server, by kernel id (from the connection file's name)."""
    import psutil

    found = {}
    for proc in server_proc.children(recursive=True):
        try:
            m = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(proc.cmdline()))
        except psutil.Error:
            continue
        if m:
            found[m.group(1)] = proc
    return found


def memory(proc) -> dict[str, float]:
    info = proc.memory_full_info()
    return {"rss_mb": info.rss / 1e6, "pss_mb": info.pss / 1e6, "uss_mb": info.uss / 1e6}


def cpu_seconds(proc) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def run_student(hub: Hub, repo: str, branch: str, plan: dict) -> dict:
    """One student's session, from the link to the export; returns what they did and
    what it cost."""
    student = Student(hub, plan["name"])
    student.login()
    link = nbgitpuller_link(hub.base, repo, branch, "00-start-here")
    t0 = student.follow_link(link, repo, branch)
    server_proc = hub.processes()[student.name]
    graded = []
    kernels = {}
    for stem in ("00-start-here", plan["topic"]):
        path = f"{COURSE}/notebooks/{stem}.ipynb"
        t_open = time.perf_counter()
        kernel = Kernel(student, path)
        if stem == "00-start-here":
            student.times["kernel_ready_s"] = time.perf_counter() - t_open
            student.times["first_notebook_s"] = time.perf_counter() - t0
        for i, code in enumerate(student.notebook_cells(path)):
            kernel.run(code, f"{stem} code cell {i + 1}")
        mine = {}
        for a in plan["answers"]:
            if a["notebook"] == stem:
                mine.setdefault(a["bank"], []).append((a["index"], a["right"]))
        out = kernel.run(ANSWER_CODE.format(plan=mine), f"{stem}: answering its quiz")
        graded += json.loads(out.split("GRADED ", 1)[1])
        if stem != "00-start-here":
            out = kernel.run(EXPORT_CODE.format(name=student.name), "the export for my teacher")
            export = json.loads(out.split("EXPORTED ", 1)[1])
        proc = kernel_processes(server_proc)[kernel.id]
        kernels[stem] = {**memory(proc), "cpu_s": cpu_seconds(proc)}
        if stem == "00-start-here":
            kernel.shutdown()  # the student closes 00 (and its kernel) before the topic
        else:
            student.kernel = kernel
    student.times["session_s"] = time.perf_counter() - t0
    return {
        "name": student.name,
        "student": student,
        "plan": plan,
        "graded": graded,
        "export": export,
        "times": student.times,
        "server": {**memory(server_proc), "cpu_s": cpu_seconds(server_proc)},
        "kernels": kernels,
        "pid": server_proc.pid,
    }


def run_teacher(hub: Hub, repo: str, branch: str, exports: dict[str, bytes]) -> dict:
    """The teacher pulls the course, puts the students' files in a folder of their home
    and loads it in the class-results notebook."""
    teacher = Student(hub, "teacher")
    teacher.login()
    teacher.follow_link(nbgitpuller_link(hub.base, repo, branch, "instructor/class-results"), repo, branch)
    teacher.server("PUT", "api/contents/class-exports", json={"type": "directory"})
    for name, raw in exports.items():
        teacher.server(
            "PUT",
            f"api/contents/class-exports/{name}",
            json={"type": "file", "format": "base64", "content": base64.b64encode(raw).decode()},
        )
    path = f"{COURSE}/notebooks/instructor/class-results.ipynb"
    kernel = Kernel(teacher, path)
    for i, code in enumerate(teacher.notebook_cells(path)):
        kernel.run(code, f"class-results code cell {i + 1}")
    out = kernel.run(TEACHER_CODE.format(folder="~/class-exports"), "loading the class folder")
    kernel.shutdown()
    return json.loads(out.split("CLASS ", 1)[1])


def spread(values) -> dict[str, float]:
    values = sorted(values)
    return {"min": round(values[0], 2), "median": round(statistics.median(values), 2), "max": round(values[-1], 2)}


# ------------------------------------------------------------------ the test


def test_a_class_of_students_on_jupyterhub(hub, course_repo):
    repo, branch = course_repo
    stems, banks, topics = course_plan()
    plans = [student_plan(i + 1, stems, banks, topics) for i in range(STUDENTS)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=BATCH) as pool:
        results = list(pool.map(lambda p: run_student(hub, repo, branch, p), plans))
    class_s = time.perf_counter() - started

    # Every answer was graded as planned: right ones correct, wrong ones incorrect.
    for r in results:
        expected = [[a["bank"], a["question"], "correct" if a["right"] else "incorrect"] for a in r["plan"]["answers"]]
        assert sorted(r["graded"]) == sorted(expected), f"{r['name']}: the course graded other than planned"

    # Each home holds its own student's progress and nothing of anyone else's.
    homes = {r["name"]: hub.homes / r["name"] for r in results}
    readers = {}
    for r in results:
        saved = homes[r["name"]] / ".local" / "share" / "glutecourse" / "progress.json"
        assert saved.is_file(), f"{r['name']}: no progress file in their own home ({saved})"
        data = json.loads(saved.read_text())
        readers[r["name"]] = data["reader"]
        assert sorted((a["bank"], a["question"]) for a in data["attempts"]) == sorted(
            (a["bank"], a["question"]) for a in r["plan"]["answers"]
        ), f"{r['name']}: their progress file holds other answers than theirs"
    assert len(set(readers.values())) == len(results), "two students share a reader id"
    for name, home in homes.items():
        others = {n: rid for n, rid in readers.items() if n != name}
        for path in (home / ".local" / "share" / "glutecourse").rglob("*"):
            if path.is_file():
                text = path.read_text(errors="replace")
                leaked = [n for n, rid in others.items() if rid in text]
                assert not leaked, f"{path} (home of {name}) holds progress of {leaked}"
    # ... and one student's token cannot reach another's server.
    import requests

    a, b = results[0]["student"], results[-1]["student"]
    if a is not b:
        r = requests.get(
            f"{hub.base}/user/{b.name}/api/contents/{COURSE}", headers={"Authorization": f"token {a.token}"}, timeout=60
        )
        assert r.status_code == 403, f"{a.name} read {b.name}'s server: HTTP {r.status_code}"
        # ... nor climb out of their own home through their own server's contents API.
        r = requests.get(
            f"{hub.base}/user/{a.name}/api/contents/../{b.name}/{COURSE}",
            headers={"Authorization": f"token {a.token}"},
            timeout=60,
        )
        assert r.status_code in (400, 403, 404), (
            f"{a.name} listed {b.name}'s home from their server: HTTP {r.status_code}"
        )

    # The export the student downloads is the file the course wrote, for their reader id.
    exports = {}
    for r in results:
        exp = r["export"]
        assert exp["download"], f"{r['name']}: the dashboard offered no download link"
        raw = base64.b64decode(exp["download"])
        assert raw == (homes[r["name"]] / ".local" / "share" / "glutecourse" / "exports" / exp["file"]).read_bytes()
        assert json.loads(raw)["reader"] == readers[r["name"]]
        exports[exp["file"]] = raw

    # Idle cost: the CPU the students' servers (each with its topic kernel still open) use
    # while nobody works in them: from now until the teacher is done.
    import psutil

    def server_and_kernels_cpu(pid):
        p = psutil.Process(pid)
        return cpu_seconds(p) + sum(cpu_seconds(k) for k in p.children(recursive=True))

    idle_from = time.perf_counter()
    idle_before = {r["name"]: server_and_kernels_cpu(r["pid"]) for r in results}

    # The teacher's class results, from the 20 files.
    cls = run_teacher(hub, repo, branch, exports)
    teacher_s = time.perf_counter() - idle_from
    idle_window = time.perf_counter() - idle_from
    idle = [100 * (server_and_kernels_cpu(r["pid"]) - idle_before[r["name"]]) / idle_window for r in results]
    assert cls["skipped"] == [], f"the class results skipped files: {cls['skipped']}"
    assert f"Loaded {len(results)} readers" in cls["message"], cls["message"]
    assert cls["report_has_every_name"], "a student's name is missing from the class report"
    expected_readers = sorted(
        [r["name"], readers[r["name"]], len(r["plan"]["answers"]), sum(a["right"] for a in r["plan"]["answers"])]
        for r in results
    )
    assert sorted(cls["readers"]) == expected_readers
    per_question: dict[tuple[str, str], list[int]] = {}
    for r in results:
        for a in r["plan"]["answers"]:
            counts = per_question.setdefault((a["bank"], a["question"]), [0, 0])
            counts[0] += 1
            counts[1] += a["right"]
    assert sorted(cls["questions"]) == sorted([b, q, n, ok] for (b, q), (n, ok) in per_question.items())

    hub_proc = psutil.Process(hub.proc.pid)
    proxy = [p for p in hub_proc.children(recursive=True) if "configurable-http-proxy" in " ".join(p.cmdline())]
    hub_memory = memory(hub_proc)
    proxy_memory = memory(proxy[0]) if proxy else None

    figures = {
        "students": len(results),
        "batch": BATCH,
        "cores": os.cpu_count(),
        "class_wall_s": round(class_s, 1),
        "teacher_wall_s": round(teacher_s, 1),
        "per_student": [
            {
                "name": r["name"],
                "topic": r["plan"]["topic"],
                "answers": len(r["plan"]["answers"]),
                "times": r["times"],
                "server": r["server"],
                "kernels": r["kernels"],
            }
            for r in results
        ],
        "summary": {
            "time_to_first_notebook_s": spread(r["times"]["first_notebook_s"] for r in results),
            "spawn_s": spread(r["times"]["spawn_s"] for r in results),
            "pull_s": spread(r["times"]["pull_s"] for r in results),
            "kernel_ready_s": spread(r["times"]["kernel_ready_s"] for r in results),
            "server_pss_mb": spread(r["server"]["pss_mb"] for r in results),
            "server_rss_mb": spread(r["server"]["rss_mb"] for r in results),
            "kernel_00_pss_mb": spread(r["kernels"]["00-start-here"]["pss_mb"] for r in results),
            "kernel_topic_pss_mb": spread(r["kernels"][r["plan"]["topic"]]["pss_mb"] for r in results),
            "kernel_topic_rss_mb": spread(r["kernels"][r["plan"]["topic"]]["rss_mb"] for r in results),
            "active_student_pss_mb": spread(
                r["server"]["pss_mb"] + r["kernels"][r["plan"]["topic"]]["pss_mb"] for r in results
            ),
            "active_student_cpu_s": spread(
                r["server"]["cpu_s"] + sum(k["cpu_s"] for k in r["kernels"].values()) for r in results
            ),
            "idle_cpu_percent_per_student": spread(idle),
        },
        "hub_memory": hub_memory,
        "proxy_memory": proxy_memory,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "hub-sizing.json").write_text(json.dumps(figures, indent=1) + "\n")
    s = figures["summary"]
    note(
        f"hub: {len(results)} students in batches of {BATCH} on {os.cpu_count()} cores: {class_s:.0f} s, teacher {teacher_s:.0f} s; "
        + "; ".join(f"{k} {v['min']}/{v['median']}/{v['max']}" for k, v in s.items())
    )
