"""The progress dashboard: one row per notebook (its title as a link to it, a bar, and
"3 of 8 answered, 2 correct" beside it), a "start here" cue at the first unfinished
notebook, and the export for a teacher."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..catalog.course import notebooks
from ..core import storage
from ..topics.progress import NotebookProgress, ProgressStore, export_path, export_progress, start_here, summary
from ..topics.quizzes import all_banks
from .html import Markup, plain, status_box, tag
from .widgets import View, button, html_widget, shared_styles


def progress_summary(store: ProgressStore | None = None) -> list[NotebookProgress]:
    """One row per notebook (questions, answered, correct) for the reader's saved answers,
    in course order: :func:`glutecourse.topics.progress.summary` over every quiz bank."""
    store = store if store is not None else ProgressStore()
    return summary(store.attempts, all_banks(), [nb.stem for nb in notebooks()])


def _titles() -> dict[str, str]:
    """Each course notebook's title as the dashboard shows it ("01 · Glute anatomy: ...")."""
    out = {}
    for nb in notebooks():
        number = nb.stem.split("-", 1)[0]
        out[nb.stem] = f"{number} · {nb.title}" if number.isdigit() else nb.title
    return out


def _bar(row: NotebookProgress, label: str) -> Markup:
    """A bar a screen reader announces (role progressbar with its values and the row in
    words): answered in light blue, correct in dark blue over it, drawn as SVG rectangles
    sized by attribute (the stylesheet colours them; no inline style)."""
    most = max(row.questions, row.answered, 1)
    answered, correct = 100 * row.answered / most, 100 * min(row.correct, row.answered) / most
    svg = (
        "<svg viewBox='0 0 100 10' preserveAspectRatio='none' aria-hidden='true' focusable='false'>"
        "<rect class='gc-bar-track' width='100' height='10'/>"
        f"<rect class='gc-bar-answered' width='{answered:.4g}' height='10'/>"
        f"<rect class='gc-bar-correct' width='{correct:.4g}' height='10'/></svg>"
    )
    return tag(
        "div",
        Markup(svg),
        cls="gc-progress-bar",
        role="progressbar",
        aria_label=f"Questions answered in {label}",
        aria_valuemin=0,
        aria_valuemax=most,
        aria_valuenow=row.answered,
        aria_valuetext=row.text,
    )


def summary_html(rows: list[NotebookProgress], folder: str = "") -> str:
    """The progress list: per notebook its title as a link to it (relative, ``folder``
    leading from the page that shows it to the notebooks' folder), a bar and the counts in
    words, and "Start here" at the first unfinished notebook. Everything from
    progress.json is escaped: a notebook name in the file is text, never markup; only
    the course's own notebooks get a link."""
    titles = _titles()
    first = start_here(rows, titles)
    items = []
    for row in rows:
        title = titles.get(row.notebook, row.notebook)
        name = (
            tag("a", title, cls="gc-progress-title", href=quote(f"{folder}{row.notebook}.ipynb"))
            if row.notebook in titles
            else tag("span", title, cls="gc-progress-title")
        )
        cue = tag("strong", "Start here", cls="gc-progress-cue") if row.notebook == first else ""
        done = " gc-progress-done" if row.finished and row.questions else ""
        body = Markup(name + cue + _bar(row, title) + tag("span", row.text, cls="gc-progress-text"))
        items.append(tag("li", body, cls=f"gc-progress-row{done}{' gc-progress-next' if cue else ''}"))
    return tag("ol", Markup("".join(items)), cls="gc-progress", aria_label="Your progress per notebook")


def _note(text: str, kind: str = "warning") -> str:
    return status_box(kind, plain(text), label="")


class ProgressDashboard(View):
    """Per-notebook progress bars with links, a Refresh button, the export for a teacher
    and the spaced review's button.

    The bars are HTML shown in an ``Output`` widget, so JupyterLab renders them as it
    renders a notebook's own output: a relative link to a notebook opens it in JupyterLab
    (the static site's build points the same link at the notebook's page).
    ``bars_html`` holds what is shown (tests read it)."""

    def __init__(self, store: ProgressStore | None = None, folder: str = ""):
        import ipywidgets as w

        self.store = store
        self.folder = folder
        self.bars_html = ""
        sh = shared_styles()
        self.bars = w.Output(layout=sh["plain"])
        self.message = html_widget()
        self.refresh_button = button("Refresh", "Re-read your saved answers and redraw the bars", "refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.name = w.Text(
            value="",
            placeholder="optional: a name or nickname for your teacher",
            description="Your name:",
            tooltip="Optional name or nickname to put in the export file",
            layout=sh["plain"],
            style=sh["text_style"],
        )
        self.export_button = button(
            "Export for my teacher", "Save your answers to a file you can hand to your teacher", "download"
        )
        self.export_button.on_click(lambda _: self.export())
        self.export_message = html_widget()
        self._replace = storage.AskTwice()
        # The spaced review's button: the questions due again, chosen when pressed.
        from .review import ReviewLauncher

        self.review = ReviewLauncher(store)
        self.widget = w.VBox(
            [
                self.refresh_button,
                self.message,
                self.bars,
                w.HBox([self.name, self.export_button], layout=sh["plain"]),
                self.export_message,
                self.review.widget,
            ],
            layout=sh["plain"],
        )
        self.refresh()

    def _store(self) -> ProgressStore:
        """The store, re-read; answers it could not save yet are tried again, so the
        message below says whether saving works now."""
        if self.store is None:
            return ProgressStore()
        self.store.reload()
        if self.store.pending:
            self.store.save()
        return self.store

    def refresh(self):
        from html import escape

        store = self._store()
        rows = progress_summary(store)
        self.rows = rows
        self.bars_html = summary_html(rows, self.folder)
        text = "\n".join(f"{r.notebook}: {r.text}" for r in rows)
        self.bars.outputs = (
            {"output_type": "display_data", "data": {"text/html": self.bars_html, "text/plain": text}, "metadata": {}},
        )
        notes = ""
        if store.notice:
            notes += _note(store.notice, "info")
        if store.problem:
            notes += _note(
                f"Your answers cannot be saved or read: {store.problem}. The course still works; "
                "answers you give now are kept only until the notebook is closed."
            )
        where = escape(str(store.path))
        if not store.attempts:
            self.message.value = notes + (
                "<p>No answers saved yet. Answer a quiz question, then choose <em>Refresh</em> "
                f"to see your progress here. Your answers are saved in <code>{where}</code>.</p>"
            )
            return
        self.message.value = notes + f"<p>{len(store.attempts)} answers saved in <code>{where}</code>.</p>"

    def export(self) -> Path | None:
        """Write the export file. An existing export is replaced only when the reader
        presses the button a second time for the same file (the widget asks first)."""
        import base64
        import html

        store = self._store()
        if not store.attempts:
            self.export_message.value = "<p>Nothing to export yet: answer some quiz questions first.</p>"
            return None
        target = export_path(store, self.name.value)
        try:
            path = export_progress(store, self.name.value, overwrite=self._replace.replace(target))
        except FileExistsError:
            self._replace.found(target)
            self.export_message.value = (
                f"<p>An export already exists at <code>{html.escape(str(target))}</code>. Press "
                "<em>Export for my teacher</em> again to replace it with your answers as they are now, or type "
                "another name first.</p>"
            )
            return None
        except storage.RefusedTarget as exc:
            self.export_message.value = f"<p>Not exported: {html.escape(exc.strerror)}.</p>"
            return None
        except (OSError, ValueError) as exc:
            reason = storage.describe_error(exc, target) if isinstance(exc, OSError) else str(exc)
            self.export_message.value = f"<p>Could not write the export file: {html.escape(reason)}.</p>"
            return None
        b64 = base64.b64encode(path.read_bytes()).decode()
        self.export_message.value = (
            f"<p>Saved <code>{html.escape(str(path))}</code> ({len(store.attempts)} answers). "
            f"<a download='{html.escape(path.name)}' href='data:application/json;base64,{b64}'>Download it</a> "
            "and send it to your teacher. It holds only your quiz answers and your ratings from the beliefs check, "
            "with the name you typed (if any).</p>"
        )
        return path


def progress_dashboard(store: ProgressStore | None = None, folder: str = "") -> ProgressDashboard:
    """Show your progress per notebook: a bar and "answered, correct" in words, each
    notebook's title a link to it (``folder``: the way from this page to the notebooks'
    folder, for a page elsewhere, e.g. "../" in ``apps/``)."""
    return ProgressDashboard(store, folder)
