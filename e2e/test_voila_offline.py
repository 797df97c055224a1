"""The Voila app with the network cut off (issue 13).

The app is served exactly as ``make voila`` serves it (``scripts/voila_app.py``: the
course's template). The browser aborts and records every request to anything but this
machine. The page must attempt none, its icons must render (the FontAwesome font Voila
ships is loaded and the buttons' icons have a glyph), no maintainer's note ("make voila")
may show, and the self-check must work there: Start, the emergency gate, "Yes, I have one
of these", and the emergency result focused and in view.
Screenshot: ``artifacts/e2e/selfcheck-voila-emergency.png``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest
from jlab import SHORT, wait_js
from labserver import ROOT, free_port
from playwright.sync_api import expect

from conftest import ARTIFACTS, note

sys.path.insert(0, str(ROOT / "scripts"))
import voila_app  # noqa: E402

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
RUNNING = "Voilà is running at"  # Voila prints it once the port is bound


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("voila")
    port = free_port()
    env = voila_app.environment(
        dict(os.environ, GLUTECOURSE_HOME=str(tmp / "home"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    )
    proc = subprocess.Popen(
        voila_app.command([f"--port={port}", "--Voila.port_retries=0"]),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,
    )
    ready = threading.Event()
    log = tmp / "voila.log"

    def copy_output():
        with open(log, "w") as fh:
            for line in proc.stdout:
                fh.write(line)
                fh.flush()
                if RUNNING in line:
                    ready.set()
        ready.set()  # it exited: stop waiting

    threading.Thread(target=copy_output, daemon=True).start()
    if not ready.wait(180) or proc.poll() is not None:
        proc.kill()
        pytest.fail(f"Voila did not start:\n{log.read_text()[-3000:]}")
    yield f"http://127.0.0.1:{port}/"
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


# Every FontAwesome icon in a visible button has a glyph from a loaded FontAwesome font.
JS_ICONS = """() => {
  const icons = Array.from(document.querySelectorAll('.jupyter-widgets button i.fa'))
    .filter(i => i.getClientRects().length);
  const faces = Array.from(document.fonts).filter(f => /Font Awesome/i.test(f.family));
  return {
    icons: icons.map(i => ({cls: i.className, content: getComputedStyle(i, '::before').content,
                            font: getComputedStyle(i, '::before').fontFamily, width: i.getBoundingClientRect().width})),
    loaded: faces.filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight),
    failed: faces.filter(f => f.status === 'error').map(f => f.family + ' ' + f.weight),
  };
}"""
JS_FA_LOADED = """() => Array.from(document.fonts).some(f => /Font Awesome/i.test(f.family) && f.status === 'loaded')"""


def test_voila_app_works_offline_with_icons_and_the_emergency_gate(browser, voila):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked, failed, errors = [], [], []

    def route(r):
        url = r.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(SHORT)
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(voila, timeout=180_000)
        start = page.get_by_role("button", name="Start the self-check")
        expect(start).to_be_visible(timeout=180_000)
        assert "make voila" not in page.locator("body").inner_text()
        wait_js(page, JS_FA_LOADED, "the FontAwesome font to load", SHORT)
        icons = page.evaluate(JS_ICONS)
        assert icons["icons"], "no button icons found"
        for icon in icons["icons"]:
            assert icon["content"] not in ("none", "normal", "") and "Font Awesome" in icon["font"], icon
            assert icon["width"] > 0, icon
        assert icons["failed"] == [], icons

        start.click()
        page.get_by_role("button", name="Yes, I have one of these").click()
        wait_js(
            page,
            """() => { const a = document.activeElement;
              const box = a && a.closest('.gc-triage-result'); return !!box && !!box.querySelector('.gc-triage-emergency'); }""",
            "the emergency result to take the focus",
            SHORT,
        )
        box = page.locator(".gc-triage-result").first.bounding_box()
        assert 0 <= box["y"] < 800, box
        banner = page.locator(".gc-triage-emergency").first
        assert "Emergency" in banner.inner_text() and "999" in banner.inner_text()
        page.screenshot(path=str(ARTIFACTS / "selfcheck-voila-emergency.png"))
        assert blocked == [], f"the Voila app tried the network: {blocked}"
        assert failed == [], f"requests failed: {failed}"
        assert errors == [], f"page errors: {errors}"
        note(
            f"Voila offline: no request left the machine; {len(icons['icons'])} button icons drawn with "
            f"{', '.join(sorted(set(icons['loaded'])))}; emergency gate -> focused emergency banner: ok"
        )
    finally:
        context.close()
