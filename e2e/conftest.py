"""Browser tests: a throw-away JupyterLab server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from labserver import ROOT, LabServer

ARTIFACTS = ROOT / "artifacts" / "e2e"
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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    # A JupyterLab dialog in the way of a click ("Select Kernel", ...) is accepted.
    pg.add_locator_handler(pg.locator(".jp-Dialog"), lambda dialog: dialog.locator(".jp-mod-accept").first.click())
    yield pg
    context.close()
