"""Browser tests: a throw-away JupyterLab server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from labserver import ROOT, LabServer

ARTIFACTS = ROOT / "artifacts" / "e2e"
#: Every notebook of the course (numbered, apps, teacher's), as the browser tests open them.
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def rel(path) -> str:
    """A notebook's path from the repository root (how the lab server names it)."""
    return str(path.relative_to(ROOT))


def note(line: str, to: str = "report.txt"):
    """Print a measured line and keep it in the artefacts (``artifacts/e2e/<to>``)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / to, "a") as fh:
        fh.write(line + "\n")
    print(line)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.exit("Chromium not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM", 2)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("lab")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session", autouse=True)
def generous_timeouts():
    """The machine may be busy: every Playwright wait and expect may take a minute."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)


class BackgroundBuilds:
    """``build_slides.py`` then ``build_site.py`` (every notebook) into ``root``, in a
    process of their own; test_offline.py waits for them with ``result()``, which starts
    them if ``start()`` has not."""

    def __init__(self, root: Path):
        self.root, self.log, self.proc = root, root / "build.log", None

    def start(self):
        code = (
            "import subprocess, sys\n"
            "for script, out in (('build_slides.py', 'slides'), ('build_site.py', 'site')):\n"
            f"    done = subprocess.run([sys.executable, {str(ROOT / 'scripts')!r} + '/' + script, '--out', {str(self.root)!r} + '/' + out])\n"
            "    if done.returncode: sys.exit(f'{script} failed')\n"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(self.log, "w")
        )

    def result(self) -> Path:
        if self.proc is None:
            self.start()
        rc = self.proc.wait(timeout=1800)
        assert rc == 0, f"the offline builds failed:\n{self.log.read_text()[-3000:]}"
        return self.root

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def xdist_worker(config) -> str | None:
    """The name of this pytest-xdist worker ("gw0", ...), None in a run without workers."""
    return getattr(config, "workerinput", {}).get("workerid")


@pytest.fixture(scope="session", autouse=True)
def offline_builds(request, tmp_path_factory):
    """In a single process the builds start with the session, so they run while other
    tests wait on JupyterLab. Under pytest-xdist every worker collects every test but runs
    only its share: the worker that is given test_offline starts them when it first needs
    them (the other worker keeps the cores busy meanwhile)."""
    if not any(item.module.__name__ == "test_offline" for item in request.session.items):
        yield None  # no offline test selected: nothing to build
        return
    builds = BackgroundBuilds(tmp_path_factory.mktemp("offline"))
    if not xdist_worker(request.config):
        builds.start()
    yield builds
    builds.stop()


def new_page(browser, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    # A JupyterLab dialog in the way of a click ("Select Kernel", ...) is accepted.
    pg.add_locator_handler(pg.locator(".jp-Dialog"), lambda dialog: dialog.locator(".jp-mod-accept").first.click())
    return context, pg


@pytest.fixture
def page(browser):
    """A page of its own, for a test that opens its notebook itself (closed afterwards)."""
    context, pg = new_page(browser)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def lab_session(browser, lab):
    """One JupyterLab page for the session; notebooks open in it one after another."""
    from jlab import LabSession

    context, pg = new_page(browser)
    yield LabSession(pg, lab)
    context.close()


@pytest.fixture(scope="session")
def nb7_page(browser):
    """One page for the Notebook 7 tests (each opens its notebook's own URL in it)."""
    context, pg = new_page(browser)
    yield pg
    context.close()


# ---------------------------------------------------------------------------- quiz helpers
# Notebook 00's warm-up quiz, as several browser tests answer it. Texts come from the bank,
# so the tests follow its edits.


def warm_up():
    from glutecourse.topics.quizzes import load_bank

    return load_bank("00-warm-up")


def option_label(q, correct: bool) -> str:
    """The text of a right (or wrong) choice of a single-choice or true/false question."""
    from glutecourse.core.text import strip_tags

    if q.type == "truefalse":
        return "True" if q.answer == correct else "False"
    option = next(o for o in q.ordered_options() if (o.id == q.answer) == correct)
    return strip_tags(option.text)


def first_choice_question(quiz):
    """Go to the warm-up's first single-choice question; return it."""
    from playwright.sync_api import expect

    i, q = next((i, q) for i, q in enumerate(warm_up().questions) if q.type == "single")
    for _ in range(i):
        quiz.locator(".gc-next").click()
    expect(quiz.locator(".gc-prompt")).to_contain_text(f"Question {i + 1} of")
    return q


def answer_first_question_right(page):
    """In 00 (run, nothing answered yet): choose the right answer to the warm-up's first
    single-choice question and press Check; returns once it shows "correct". Returns the
    quiz's locator."""
    from jlab import SHORT, wait_widgets_synced
    from playwright.sync_api import expect

    quiz = page.locator(".gc-quiz").first
    q = first_choice_question(quiz)
    quiz.locator("label", has_text=option_label(q, True)).click()
    wait_widgets_synced(page, what="the chosen answer to reach the kernel")
    quiz.locator(".gc-check").click()
    expect(quiz.locator(".gc-feedback-area .gc-correct")).to_be_visible(timeout=SHORT)
    return quiz


def pytest_configure(config):
    config.addinivalue_line("markers", "notebook(stem): the JupyterLab test works on this notebook")


def _notebook_of(item) -> str | None:
    mark = item.get_closest_marker("notebook")
    if mark:
        return mark.args[0]
    callspec = getattr(item, "callspec", None)
    path = callspec.params.get("path") if callspec else None
    return Path(path).stem if path is not None else None


#: Modules whose tests work in the session's one JupyterLab page (``lab_session``), in this
#: order within a notebook: its render test (test_browser) first, then the tests that only
#: read the page it leaves (test_screens), then those that click, the every-control test last.
LAB_SESSION_MODULES = ("test_browser", "test_screens", "test_exercise_card", "test_controls")
RENDER_TEST = "test_notebook_runs_and_renders_in_jupyterlab"


def pytest_collection_modifyitems(session, config, items):
    """JupyterLab tests grouped by notebook (its render test first, then the tests that
    click in it), so each notebook is opened once; then the Notebook 7 tests; the rest
    keep their order."""
    order = {p.stem: i for i, p in enumerate(sorted((ROOT / "notebooks").rglob("*.ipynb")))}

    def key(pair):
        index, item = pair
        module = item.module.__name__
        if module not in LAB_SESSION_MODULES:
            return (2, 0, 0, index)
        if item.originalname == "test_widgets_render_in_notebook7":
            return (1, 0, 0, index)
        rank = -1 if item.originalname == RENDER_TEST else LAB_SESSION_MODULES.index(module)
        return (0, order.get(_notebook_of(item), len(order)), rank, index)

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]
    # ``make e2e`` runs the tests in pytest-xdist workers (--dist loadgroup): the tests that
    # share a notebook's JupyterLab page, in the order above, go to one worker as a group;
    # so do the Notebook 7 tests and each other module's tests (module-scoped servers and
    # builds are made once). Groups start in the order given (--no-loadscope-reorder), the
    # longest first: the class on JupyterHub, then the audits, then the notebooks.
    groups = {}
    for item in items:
        module = item.module.__name__
        if module in LAB_SESSION_MODULES and item.originalname == "test_widgets_render_in_notebook7":
            group = "notebook7"
        elif module in LAB_SESSION_MODULES and _notebook_of(item):
            group = f"lab-{_notebook_of(item)}"
        else:
            group = module
        groups[item] = group
        item.add_marker(pytest.mark.xdist_group(group))
    first = {group: i for i, group in reversed(list(enumerate(groups.values())))}
    rank = {"test_hub": 0, "test_axe": 1}
    items.sort(key=lambda item: (rank.get(groups[item], 2), first[groups[item]]))
