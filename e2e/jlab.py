"""Driving JupyterLab (and Notebook 7) from Playwright.

JupyterLab renders cells lazily and its toolbar can say "idle" before a kernel is really
connected, so these helpers read state from the application model (exposed with
``--LabApp.expose_app_in_browser``), not from the DOM alone.

Every wait is Playwright's own (``page.wait_for_function``, ``expect``, ``locator.wait_for``)
on a condition that proves the state the next step needs: no fixed sleeps, no hand-written
polling loops (tests/test_e2e_rules.py keeps it so). Timeouts are generous because the
machine may be busy; they only bound how long a failure takes to report.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LONG = 180_000  # ms: kernel start and Run All on a loaded 2-core machine
SHORT = 60_000  # ms: one click's effect

# Dialogs that would block the notebook ("Select Kernel", ...) are accepted while waiting.
_ACCEPT_DIALOGS = "document.querySelectorAll('.jp-Dialog .jp-mod-accept').forEach(b => b.click());"

JS_KERNEL_IDLE = """() => {
  %ACCEPT%
  const app = window.jupyterapp; if (!app || !app.shell) return false;
  const w = app.shell.currentWidget; if (!w || !w.sessionContext) return false;
  const sc = w.sessionContext; const k = sc.session && sc.session.kernel;
  return !!(sc.isReady && k && k.status === 'idle' && k.connectionStatus === 'connected');
}""".replace("%ACCEPT%", _ACCEPT_DIALOGS)

JS_ALL_CLEARED = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && (c.executionCount != null || c.outputs.length)) return false;
  }
  return true;
}"""

JS_ALL_EXECUTED = """() => {
  %ACCEPT%
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount == null) return false;
  }
  const k = w.sessionContext.session.kernel; return k.status === 'idle';
}""".replace("%ACCEPT%", _ACCEPT_DIALOGS)

# Every widget output in the model has a view in the page (or a visible failure that
# check_rendered then reports): nothing is still "Loading widget...".
JS_WIDGETS_SETTLED = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  let expected = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) if ((c.outputs.get(j).data || {})['%WIDGET%']) expected += 1;
  }
  const outs = Array.from(w.content.node.querySelectorAll('.jp-OutputArea-output'));
  if (outs.some(el => /Loading widget/.test(el.textContent))) return false;
  const settled = outs.filter(el => el.querySelector('.jupyter-widgets')
    || /Error displaying widget|Failed to create view|model not found|javascript error/i.test(el.textContent)).length;
  return settled >= expected;
}""".replace("%WIDGET%", WIDGET_MIME)

# The widget models of the current notebook, from the widget manager that renders them.
_JS_MODELS = """async () => {
  const found = [];
  const walk = (w) => {
    if (!w) return;
    if (w.mimeType === '%WIDGET%' && w._manager && w._manager.promise) found.push(w);
    const kids = typeof w.children === 'function' ? Array.from(w.children()) : (w.widgets || []);
    kids.forEach(walk);
  };
  walk(window.jupyterapp.shell.currentWidget);
  if (!found.length) return [];
  const manager = await found[0]._manager.promise;
  return Promise.all(Object.values(manager._models));
}""".replace("%WIDGET%", WIDGET_MIME)

# A model the kernel has caught up with: every message it sent was answered (the kernel went
# idle after handling each; its echo of the new state comes before that idle on the same
# channel) and none waits in ipywidgets' throttle buffer. Not "no echo still expected": an
# attribute the kernel never echoes (FileUpload's value, echo_update=False) stays expected
# for ever, and the class-results notebook's upload would never count as received.
_JS_QUIET = "m => m._pending_msgs === 0 && !m._msg_buffer"

# True when the kernel has processed everything the page sent (every model quiet) and, if
# given, the widgets with these descriptions hold these values.
JS_WIDGETS_SYNCED = """async (want) => {
  const models = await (%MODELS%)();
  const quiet = %QUIET%;
  if (!models.length || !models.every(quiet)) return false;
  for (const [description, value] of Object.entries(want || {})) {
    const m = models.find(m => m.get('description') === description);
    if (!m || m.get('value') !== value) return false;
  }
  return true;
}""".replace("%MODELS%", _JS_MODELS).replace("%QUIET%", _JS_QUIET)

# Stronger than JS_WIDGETS_SYNCED: also every state change the kernel sent has been applied
# in the page, and every view of every model (and every child view of every box) has
# finished rendering (an anywidget view loads its module first): a view a button reveals
# is in the page, not "Loading widget...". True at once when the notebook has no widgets.
JS_VIEWS_SETTLED = """async () => {
  const models = await (%MODELS%)();
  const quiet = %QUIET%;
  if (!models.every(quiet)) return false;
  const settle = ps => Promise.all(ps.map(p => Promise.resolve(p).catch(() => null)));
  await settle(models.map(m => m.state_change));
  const views = (await settle(models.flatMap(m => Object.values(m.views || {})))).filter(Boolean);
  await settle(views.flatMap(v => (v.children_views && v.children_views.views) || []));
  const again = await (%MODELS%)();
  if (again.length !== models.length || !again.every(quiet)) return false;
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  return !root || !Array.from(root.querySelectorAll('.jp-OutputArea-output')).some(el => /Loading widget/.test(el.textContent));
}""".replace("%MODELS%", _JS_MODELS).replace("%QUIET%", _JS_QUIET)

# What a reader sees of the current notebook's outputs: their text, the state of every
# control and picture in them (value, ticked, enabled, pressed, slider position), and where
# the keyboard focus is (a result that takes the focus is a change a reader sees). Two
# equal snapshots mean an action changed nothing a reader could see.
JS_SNAPSHOT = """() => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  if (!root) return '';
  const parts = Array.from(root.querySelectorAll('.jp-OutputArea-output')).map(o => o.innerText);
  for (const el of root.querySelectorAll('.jp-OutputArea-output :is(input, select, textarea, button, [role=slider], img)')) {
    parts.push([el.tagName, el.value, el.checked, el.disabled, el.getAttribute('aria-disabled'),
      el.getAttribute('aria-valuenow'), el.getAttribute('aria-pressed'), el.className,
      el.tagName === 'IMG' ? el.src.length + el.src.slice(-60) : ''].join('|'));
  }
  const a = document.activeElement;
  parts.push('focus:' + (a ? [a.tagName, a.className, a.id, (a.innerText || '').slice(0, 60)].join('|') : ''));
  return parts.join('\\n');
}"""
JS_CHANGED_SINCE = "(before) => (%SNAPSHOT%)() !== before".replace("%SNAPSHOT%", JS_SNAPSHOT)


JS_MODEL_REPORT = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const errors = []; let widgets = 0; let images = 0; let firstCount = null;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    if (firstCount === null && c.sharedModel.getSource().trim()) firstCount = c.executionCount;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      if (o.type === 'error') { const d = o.toJSON(); errors.push(`cell ${i}: ${d.ename}: ${d.evalue}`); }
      const data = o.data || {};
      if (data['%WIDGET%']) widgets += 1;
      if (data['image/png'] || data['image/svg+xml']) images += 1;
    }
  }
  return {errors, widgets, images, firstCount};
}""".replace("%WIDGET%", WIDGET_MIME)

# Errors a reader would see in the current notebook's outputs: error outputs in the model,
# and the texts a failed widget view (or a traceback) leaves in the page. One small script.
JS_FAILURES = """(pattern) => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const errors = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      if (o.type === 'error') { const d = o.toJSON(); errors.push(`cell ${i}: ${d.ename}: ${d.evalue}`); }
    }
  }
  const re = new RegExp(pattern, 'i');
  const shown = Array.from(w.content.node.querySelectorAll('.jp-OutputArea-output'))
    .map(o => (o.textContent.match(re) || [])[0]).filter(Boolean);
  return {errors, shown};
}"""

JS_DOM_REPORT = """() => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook') || document.querySelector('.jp-Notebook');
  const text = root ? root.innerText : '';
  const outputs = Array.from(root ? root.querySelectorAll('.jp-OutputArea-output') : []);
  const widgetOutputs = outputs.filter(el => el.querySelector('.jupyter-widgets'));
  const rendered = widgetOutputs.filter(el => !/Failed to create view|Error displaying widget|javascript error/i.test(el.innerText)).length;
  // Only images a reader can see (a hidden, empty chart placeholder is not "broken").
  const imgs = Array.from(root ? root.querySelectorAll('img') : []).filter(i => i.offsetParent !== null);
  const broken = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src') ? i.getAttribute('src').slice(0, 80) : '(no src)');
  // Markdown and HTML images need alt text; widget images are described by nearby text.
  const noAlt = imgs.filter(i => !i.closest('.jupyter-widgets') && !(i.getAttribute('alt') || '').trim()).length;
  return {
    outputs: outputs.length,
    widgetErrors: (text.match(/Error displaying widget|model not found|Failed to load model class|Failed to create view|Click to show javascript error/gi) || []),
    widgetOutputs: widgetOutputs.length, rendered, images: imgs.length, broken, noAlt,
  };
}"""

# Images visible in the page have finished loading (decoded, with a size) or failed.
JS_IMAGES_SETTLED = """() => Array.from(document.querySelectorAll('img'))
  .filter(i => i.offsetParent !== null).every(i => i.complete)"""


#: How often a wait checks its condition (ms): each check is one small script in the page;
#: a wait costs up to this much after the state it waits for arrives (an async condition
#: up to twice: one poll starts it, the next reads its answer). 100 ms made the
#: every-control walk of 10 about 45 % slower than 20 ms (46 s against 32 s).
POLL = 25


# Playwright's wait_for_function does not await a predicate's promise: an async predicate
# returns a Promise, which is truthy, so the wait passed at once (measured: 26 ms for
# ``async () => false``), and a click could overtake typing the kernel had not yet received.
# An async predicate is run by this synchronous one, one evaluation at a time, under a key of
# its own; a poll returns true once an evaluation has answered true (an error is thrown).
_JS_ASYNC_POLL = """([key, arg]) => {
  const runs = window.__gcAsyncWaits || (window.__gcAsyncWaits = new Map());
  let run = runs.get(key);
  if (!run) { run = {busy: false, done: false, error: null}; runs.set(key, run); }
  if (run.error) { runs.delete(key); throw run.error; }
  if (run.done) { runs.delete(key); return true; }
  if (!run.busy) {
    run.busy = true;
    Promise.resolve().then(() => (%FN%)(arg))
      .then(ok => { run.done = !!ok; }, e => { run.error = e; })
      .finally(() => { run.busy = false; });
  }
  return false;
}"""


def is_async_js(js: str) -> bool:
    return js.lstrip().startswith("async")


def wait_js(page, js: str, what: str, timeout: int = LONG, arg=None):
    """Playwright waits until ``js`` returns true in the page (checked every POLL ms); an
    async ``js`` is awaited (see _JS_ASYNC_POLL)."""
    if is_async_js(js):
        js, arg = _JS_ASYNC_POLL.replace("%FN%", js), [uuid.uuid4().hex, arg]
    try:
        page.wait_for_function(js, arg=arg, polling=POLL, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"timed out after {timeout / 1000:.0f} s waiting for {what}") from None


def open_lab_notebook(page, lab, rel: str):
    """Open ``rel`` in JupyterLab on ``page`` with a kernel of its own: any session of it
    (another page's) is shut down first (see LabServer.shutdown_sessions)."""
    lab.shutdown_sessions(rel)
    page.goto(lab.url(f"lab/tree/{rel}") + "&reset")
    wait_js(page, JS_KERNEL_IDLE, f"the kernel of {rel}")


# Close every open document (its kernel shut down, unsaved changes dropped: the server
# serves a throw-away copy) and open ``path`` in the same JupyterLab page: no reload of
# the application between notebooks.
_JS_SWITCH = """async (path) => {
  const app = window.jupyterapp;
  for (const w of Array.from(app.shell.widgets('main'))) {
    // (its kernel may be gone already: shut down by another page, see LabServer.shutdown_sessions)
    if (w.sessionContext) { try { await w.sessionContext.shutdown(); } catch (e) {} }
    if (w.context && w.context.model) w.context.model.dirty = false;
    w.dispose();
  }
  await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
}"""
JS_CURRENT_IS = """(path) => {
  const w = window.jupyterapp.shell.currentWidget;
  return !!(w && w.context && w.context.path === path);
}"""
JS_APP_READY = """() => !!(window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.commands
  && window.jupyterapp.commands.hasCommand('docmanager:open'))"""


class LabSession:
    """One JupyterLab page for the whole test session. ``open(rel)`` shows a notebook with
    a fresh kernel, unless it is the one already open; tests of the same notebook follow
    each other (e2e/conftest.py orders them) and share it."""

    def __init__(self, page, lab):
        self.page, self.lab = page, lab
        self.current = None
        self.closed = 0  # lab.closed[current] when it was opened here
        self.fresh = False  # the current notebook was just run and nobody has clicked in it

    def open(self, rel: str):
        page = self.page
        if self.current == rel and self.lab.closed.get(rel, 0) == self.closed:
            return page
        if self.current == rel:  # another page shut its kernel down: open it again
            self.current = "(closed)"
        if self.current is None:
            open_lab_notebook(page, self.lab, rel)
            wait_js(page, JS_APP_READY, "JupyterLab's commands", SHORT)
        elif self.current != rel:
            self.current = None
            page.evaluate(_JS_SWITCH, rel)
            wait_js(page, JS_CURRENT_IS, f"{rel} to open", SHORT, arg=rel)
            wait_js(page, JS_KERNEL_IDLE, f"the kernel of {rel}")
        self.current, self.fresh, self.closed = rel, False, self.lab.closed.get(rel, 0)
        return page

    def run_all(self, timeout: int = LONG):
        run_all(self.page, timeout)
        self.fresh = True

    def fresh_run(self, rel: str):
        """``rel`` open with every cell just run and untouched (for a test that clicks)."""
        self.open(rel)
        if not self.fresh:
            run_all(self.page)
        self.fresh = False  # the caller is about to click
        return self.page


def run_all(page, timeout: int = LONG):
    """Clear every output, run every cell, and wait until all ran and all widgets rendered."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    # After the clear no cell has an execution count, so the next wait cannot pass early.
    wait_js(page, JS_ALL_CLEARED, "outputs to be cleared", SHORT)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    wait_js(page, JS_ALL_EXECUTED, "all cells to run", timeout)
    wait_js(page, JS_WIDGETS_SETTLED, "every widget view to render", timeout)
    wait_js(page, JS_IMAGES_SETTLED, "images to load", SHORT)


def open_and_run(page, lab, rel: str):
    """Open a notebook in JupyterLab and run all its cells."""
    open_lab_notebook(page, lab, rel)
    run_all(page)


def restart_kernel(page):
    """Restart the kernel; returns once the new kernel is connected and idle."""
    saw_restart = page.evaluate("""async () => {
      const sc = window.jupyterapp.shell.currentWidget.sessionContext;
      let seen = false;
      const watch = (_, status) => { if (status === 'restarting' || status === 'starting') seen = true; };
      sc.statusChanged.connect(watch);
      try { await sc.restartKernel(); } finally { sc.statusChanged.disconnect(watch); }
      return seen;
    }""")
    assert saw_restart, "the kernel never reported restarting"
    wait_js(page, JS_KERNEL_IDLE, "the restarted kernel")


def wait_widgets_synced(page, values: dict | None = None, what: str = "the kernel to receive the input"):
    """Wait until the kernel has processed every change made in the page (and, if given,
    the widgets with these descriptions hold these values): only then is a click safe."""
    wait_js(page, JS_WIDGETS_SYNCED, what, SHORT, arg=values or {})


# A button's click goes to the kernel as a custom message that no widget model counts as
# pending: asking the kernel for its info afterwards, and getting the answer, proves the
# kernel has handled the click (it answers requests in order).
JS_KERNEL_ROUND_TRIP = """async () => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  await k.requestKernelInfo();
  return true;
}"""


def wait_views_settled(page, what: str = "the page to show the kernel's answer", timeout: int = SHORT):
    """Wait until the kernel has handled everything the page sent (a click too), the page
    has applied every change the kernel sent back, and every widget view has rendered
    (see JS_VIEWS_SETTLED)."""
    page.evaluate(JS_KERNEL_ROUND_TRIP)
    wait_js(page, JS_VIEWS_SETTLED, what, timeout)


def snapshot(page) -> str:
    return page.evaluate(JS_SNAPSHOT)


def wait_changed(page, before: str, what: str, timeout: int = SHORT):
    """Wait until what a reader sees of the outputs differs from ``before`` (a snapshot);
    fails, naming ``what``, when it never does."""
    try:
        page.wait_for_function(JS_CHANGED_SINCE, arg=before, polling=POLL, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"{what} changed nothing a reader can see (waited {timeout / 1000:.0f} s)") from None


def markdown_images(path: Path) -> int:
    nb = json.loads(path.read_text())
    n = 0
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            n += len(re.findall(r"!\[[^\]]*\]\(", text)) + len(re.findall(r"<img\b", text, re.I))
    return n


def notebook_report(page) -> dict:
    report = page.evaluate(JS_MODEL_REPORT)
    report["dom"] = page.evaluate(JS_DOM_REPORT)
    return report


def measure_click_to_feedback(page, button_selector: str, feedback_selector: str, expect_selector: str) -> float:
    """Milliseconds from a click to ``expect_selector`` appearing inside the feedback (in-page clock)."""
    return page.evaluate(
        """([btnSel, fbSel, expectSel]) => new Promise((resolve, reject) => {
          const btn = document.querySelector(btnSel); const fb = document.querySelector(fbSel);
          if (!btn || !fb) { reject(new Error('selector not found')); return; }
          const t0 = performance.now();
          const obs = new MutationObserver(() => {
            if (fb.querySelector(expectSel)) { obs.disconnect(); clearTimeout(limit); resolve(performance.now() - t0); }
          });
          obs.observe(fb, {subtree: true, childList: true, characterData: true, attributes: true});
          const limit = setTimeout(() => { obs.disconnect(); reject(new Error('no feedback within 60 s')); }, 60000);
          btn.click();
        })""",
        [button_selector, feedback_selector, expect_selector],
    )
