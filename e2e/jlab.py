"""Driving JupyterLab (and Notebook 7) from Playwright.

JupyterLab renders cells lazily and its toolbar can say "idle" before a kernel is really
connected, so these helpers read state from the application model (exposed with
``--LabApp.expose_app_in_browser``), not from the DOM alone.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

JS_KERNEL_IDLE = """() => {
  const app = window.jupyterapp; if (!app || !app.shell) return false;
  const w = app.shell.currentWidget; if (!w || !w.sessionContext) return false;
  const sc = w.sessionContext; const k = sc.session && sc.session.kernel;
  return !!(sc.isReady && k && k.status === 'idle' && k.connectionStatus === 'connected');
}"""

JS_ALL_EXECUTED = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount == null) return false;
  }
  const k = w.sessionContext.session.kernel; return k.status === 'idle';
}"""

JS_MODEL_REPORT = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const errors = []; let widgets = 0; let images = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      if (o.type === 'error') { const d = o.toJSON(); errors.push(`cell ${i}: ${d.ename}: ${d.evalue}`); }
      const data = o.data || {};
      if (data['%WIDGET%']) widgets += 1;
      if (data['image/png'] || data['image/svg+xml']) images += 1;
    }
  }
  return {errors, widgets, images};
}""".replace("%WIDGET%", WIDGET_MIME)

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
}""".replace("%WIDGET%", WIDGET_MIME)


def accept_dialogs(page):
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        try:
            dialog.first.click(timeout=2000)
        except Exception:
            pass


def wait_for(page, js: str, timeout: float = 90, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        accept_dialogs(page)
        try:
            if page.evaluate(js):
                return
        except Exception:
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def open_lab_notebook(page, lab, rel: str):
    page.goto(lab.url(f"lab/tree/{rel}") + "&reset")
    wait_for(page, JS_KERNEL_IDLE, what=f"kernel of {rel}")


def run_all(page, timeout: float = 120):
    page.evaluate("""async () => {
      const app = window.jupyterapp;
      await app.commands.execute('notebook:clear-all-cell-outputs');
      await app.commands.execute('notebook:run-all-cells');
    }""")
    time.sleep(0.5)
    wait_for(page, JS_ALL_EXECUTED, timeout, what="all cells to run")
    time.sleep(0.5)  # let the last widget views attach


def open_and_run(page, lab, rel: str):
    """Open a notebook in JupyterLab and run all its cells."""
    open_lab_notebook(page, lab, rel)
    run_all(page)


def restart_kernel(page):
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.restartKernel()")
    time.sleep(1)
    wait_for(page, JS_KERNEL_IDLE, what="kernel restart")


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


def measure_click_to_feedback(page, button_selector: str, feedback_selector: str, expect: str) -> float:
    """Milliseconds from a click to the feedback widget showing ``expect`` (in-page clock)."""
    return page.evaluate(
        """([btnSel, fbSel, expect]) => new Promise((resolve, reject) => {
          const btn = document.querySelector(btnSel); const fb = document.querySelector(fbSel);
          if (!btn || !fb) { reject(new Error('selector not found')); return; }
          const t0 = performance.now();
          const obs = new MutationObserver(() => {
            if (fb.innerText.includes(expect)) { obs.disconnect(); resolve(performance.now() - t0); }
          });
          obs.observe(fb, {subtree: true, childList: true, characterData: true});
          setTimeout(() => { obs.disconnect(); reject(new Error('no feedback within 10 s')); }, 10000);
          btn.click();
        })""",
        [button_selector, feedback_selector, expect],
    )
