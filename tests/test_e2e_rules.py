"""The browser tests wait on conditions, never on the clock (issue 10, "Stable tests").

A fixed sleep passes on an idle machine and fails on a busy one. The e2e helpers wait
with Playwright (wait_for_function, expect, locator.wait_for) on a state that proves the
next step is safe; this test keeps fixed sleeps out of e2e/.
"""

import ast

import pytest

from conftest import ROOT

E2E_FILES = sorted((ROOT / "e2e").glob("*.py"))
# time.sleep, asyncio.sleep, Playwright's page.wait_for_timeout: all wait a fixed time.
FORBIDDEN_CALLS = {"sleep", "wait_for_timeout", "waitForTimeout"}


def fixed_waits(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if name in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: {ast.unparse(f)}()")
        if isinstance(node, ast.ImportFrom) and any(a.name == "sleep" for a in node.names):
            found.append(f"line {node.lineno}: from {node.module} import sleep")
        # A hand-written polling loop: `while ...:` around a page check.
        if isinstance(node, ast.While) and "page." in ast.unparse(node):
            found.append(f"line {node.lineno}: a while loop polling the page")
    return found


def test_there_are_browser_tests_to_check():
    assert any(p.name.startswith("test_") for p in E2E_FILES)


@pytest.mark.parametrize("path", E2E_FILES, ids=lambda p: p.name)
def test_no_fixed_sleeps_or_hand_written_polling_in_browser_tests(path):
    assert fixed_waits(path.read_text()) == [], f"{path.name}: wait with Playwright on a condition instead"


def test_the_rule_finds_what_it_forbids():
    bad = (
        "import time\nfrom time import sleep\nfrom asyncio import sleep as nap\n"
        "time.sleep(0.5)\npage.wait_for_timeout(500)\n"
        "while time.time() < deadline:\n    page.evaluate('1')\n"
    )
    assert len(fixed_waits(bad)) == 5
    assert fixed_waits("page.wait_for_function('() => true', polling=250)\nexpect(x).to_be_visible()") == []


def string_constants(source: str) -> dict[str, str]:
    """Module-level JavaScript held in names: ``X = "..."``, also one built from a literal
    with ``.replace(...)`` (jlab.py's async conditions are): its text starts as the literal's."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            value = node.value
            while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
                value = value.func.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.update({t.id: value.value for t in node.targets if isinstance(t, ast.Name)})
    return found


# Every e2e file's constants: a test may wait on one it imported from jlab.py.
E2E_CONSTANTS = {k: v for p in E2E_FILES for k, v in string_constants(p.read_text()).items()}


def async_waits(source: str, constants: dict[str, str] | None = None) -> list[str]:
    """Calls of Playwright's wait_for_function with an async condition: it does not await
    the promise (truthy), so such a wait passes at once. jlab.wait_js awaits them."""
    constants = {**(constants or {}), **string_constants(source)}
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "wait_for_function"
        ):
            arg = node.args[0] if node.args else None
            js = arg.value if isinstance(arg, ast.Constant) else constants.get(getattr(arg, "id", None), "")
            if isinstance(js, str) and js.lstrip().startswith("async"):
                found.append(f"line {node.lineno}: wait_for_function({ast.unparse(arg)}) with an async condition")
    return found


@pytest.mark.parametrize("path", E2E_FILES, ids=lambda p: p.name)
def test_no_async_condition_goes_to_playwright_unawaited(path):
    assert async_waits(path.read_text(), E2E_CONSTANTS) == [], (
        f"{path.name}: use jlab.wait_js, which awaits an async condition"
    )


def test_the_async_rule_finds_what_it_forbids():
    bad = 'JS = """async () => x"""\npage.wait_for_function(JS)\npage.wait_for_function("async () => y", polling=1)\n'
    assert len(async_waits(bad)) == 2
    # built with .replace, or imported from another file (jlab.py's JS_WIDGETS_SYNCED)
    assert len(async_waits('JS = """async () => %X%""".replace("%X%", "1")\npage.wait_for_function(JS)')) == 1
    assert len(async_waits("page.wait_for_function(JS_WIDGETS_SYNCED, arg={})", E2E_CONSTANTS)) == 1
    assert async_waits('JS = "() => x"\npage.wait_for_function(JS)\nwait_js(page, "async () => 1", "w")') == []
